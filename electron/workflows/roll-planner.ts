// Where a ROLL goes and what it would bring. Every leg moves to the roll expiry (the next monthly
// after the legs' expiry), so the successor keeps its structure's single expiry (the domain's
// shapes require one). The rolled side ('put', 'call' or 'all') with a target delta gets its
// short strike re-picked at that delta and its other legs at the same distances from it; every
// other leg keeps its strike (the nearest listed one when the strike is not listed there).
// The estimate is the roll's per-share net credit per unit at the mids (credit positive):
// closing the old legs plus opening the new ones, the decision context's rollEstimate unit.
import { addDays, type IsoDate } from '../../shared/domain/calendar.ts';
import { contractKey, type OptionRight } from '../../shared/domain/contract.ts';
import { fromMicros } from '../../shared/domain/money.ts';
import type { OrderAction } from '../../shared/domain/order-types.ts';
import type { Strategy, StrategyLeg } from '../../shared/domain/strategy.ts';
import type { RollSide } from '../decisions/index.ts';
import { isThirdFriday } from '../market/index.ts';
import { buildCustom, createMarketDataChainPort, type BuiltStrategy, type CustomLegParams } from '../strategies/index.ts';
import type { WorkflowPorts } from './workflow-ports.ts';

export interface RollPlan {
  readonly expiry: IsoDate;
  /** The new legs per unit, on the side they are opened. */
  readonly legs: readonly { readonly contract: StrategyLeg['contract']; readonly action: OrderAction; readonly ratio: number }[];
  /** Per-share net credit per unit at the mids (credit positive, debit negative). */
  readonly estimate: number;
  readonly built: BuiltStrategy;
}

export type RollPlanResult = { readonly ok: true; readonly plan: RollPlan } | { readonly ok: false; readonly reason: string };

/** A listed expiry that is a standard monthly: the third Friday, or the Thursday before it when that Friday is a holiday. */
export function isMonthlyExpiry(expiry: IsoDate): boolean {
  return isThirdFriday(expiry) || isThirdFriday(addDays(expiry, 1));
}

// The builders check buying power; a roll frees the old legs' capital and the risk gate and the
// broker check the real order, so the plan is not limited here.
const UNLIMITED_BUYING_POWER = fromMicros(Number.MAX_SAFE_INTEGER);

function nearestListed(strikes: readonly number[], target: number): number | undefined {
  let best: number | undefined;
  for (const strike of strikes) if (best === undefined || Math.abs(strike - target) < Math.abs(best - target)) best = strike;
  return best;
}

export class RollPlanner {
  readonly #marketData: WorkflowPorts['marketData'];
  readonly #chain;

  constructor(ports: Pick<WorkflowPorts, 'marketData' | 'market'>) {
    this.#marketData = ports.marketData;
    this.#chain = createMarketDataChainPort(ports.marketData, ports.market.config);
  }

  /** The next monthly expiry listed after every leg's expiry, or undefined. */
  rollExpiryFor(strategy: Pick<Strategy, 'underlyingSymbol' | 'legs'>): IsoDate | undefined {
    const last = strategy.legs.reduce((latest, leg) => (leg.contract.expiry > latest ? leg.contract.expiry : latest), '' as IsoDate);
    return this.#marketData.expirations(strategy.underlyingSymbol).find((expiry) => expiry > last && isMonthlyExpiry(expiry));
  }

  plan(strategy: Strategy, side: RollSide, expiry: IsoDate, targetDelta: number | undefined): RollPlanResult {
    try {
      const legs = this.#newLegs(strategy, side, expiry, targetDelta);
      const built = buildCustom({ symbol: strategy.underlyingSymbol, quantity: strategy.quantity, legs, payoffSteps: 10 }, { chain: this.#chain, buyingPower: () => UNLIMITED_BUYING_POWER });
      const closeDebit = strategy.legs.reduce((total, leg) => total + (leg.action === 'SELL' ? 1 : -1) * leg.ratio * this.#marketData.snapshot(leg.contract).mid, 0);
      const estimate = -(closeDebit + built.netPrice);
      return { ok: true, plan: { expiry, legs: built.legs.map((leg) => ({ contract: leg.contract, action: leg.action, ratio: leg.ratio })), estimate, built } };
    } catch (error) {
      return { ok: false, reason: `the roll to ${expiry} cannot be built: ${error instanceof Error ? error.message : String(error)}` };
    }
  }

  #newLegs(strategy: Strategy, side: RollSide, expiry: IsoDate, targetDelta: number | undefined): CustomLegParams[] {
    const symbol = strategy.underlyingSymbol;
    const listed = this.#marketData.strikes(symbol, expiry);
    const moved = new Map<string, number>();
    for (const right of ['put', 'call'] as const satisfies readonly OptionRight[]) {
      const sideLegs = strategy.legs.filter((leg) => leg.contract.right === right);
      const short = sideLegs.find((leg) => leg.action === 'SELL');
      if ((side !== 'all' && side !== right) || targetDelta === undefined || short === undefined) continue;
      const newShort = this.#marketData.nearestStrikeByDelta(symbol, expiry, right, targetDelta).contract.strike;
      for (const leg of sideLegs) moved.set(contractKey(leg.contract), this.#offsetStrike(listed, newShort, leg.contract.strike - short.contract.strike));
    }
    return strategy.legs.map((leg) => {
      const strike = moved.get(contractKey(leg.contract)) ?? (listed.includes(leg.contract.strike) ? leg.contract.strike : nearestListed(listed, leg.contract.strike));
      if (strike === undefined) throw new Error(`${symbol} ${expiry} has no listed strikes`);
      return { expiry, strike, right: leg.contract.right, action: leg.action, ratio: leg.ratio };
    });
  }

  /** The listed strike nearest newShort + offset, never the short strike itself for a wing (offset ≠ 0). */
  #offsetStrike(listed: readonly number[], newShort: number, offset: number): number {
    if (offset === 0) return newShort;
    const beyond = listed.filter((strike) => (offset > 0 ? strike > newShort : strike < newShort));
    const strike = nearestListed(beyond, newShort + offset);
    if (strike === undefined) throw new Error(`no listed strike ${offset > 0 ? 'above' : 'below'} ${newShort} for the wing`);
    return strike;
  }
}
