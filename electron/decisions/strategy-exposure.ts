// A strategy's own exposure from its legs: position Greeks (shared/domain/greeks.ts units: delta
// in shares-equivalent, gamma in shares per $1 move, theta in $ per day, vega in $ per vol point)
// and its amount at risk, |Σ leg position delta| × underlying price in dollars: the same net
// delta-dollar measure the risk governor's concentration check uses.
import { positionGreeks, ZERO_GREEKS, addGreeks, type Greeks } from '../../shared/domain/greeks.ts';
import type { OrderAction } from '../../shared/domain/order-types.ts';

export interface ExposureLeg {
  readonly contract: { readonly multiplier: number };
  readonly action: OrderAction;
  /** Contracts per strategy unit. */
  readonly ratio: number;
  /** Per-share Greeks of one option. */
  readonly greeks: Greeks;
}

export interface StrategyExposure {
  readonly greeks: Greeks;
  /** Dollars of net delta exposure (≥ 0); the legs of a spread offset each other. */
  readonly atRisk: number;
}

/** Position Greeks and amount at risk of `quantity` units of `legs` at `underlyingPrice`. */
export function strategyExposure(legs: readonly ExposureLeg[], quantity: number, underlyingPrice: number): StrategyExposure {
  let greeks = ZERO_GREEKS;
  for (const leg of legs) {
    const signedContracts = (leg.action === 'BUY' ? 1 : -1) * leg.ratio * quantity;
    const legGreeks = positionGreeks(leg.greeks, signedContracts, leg.contract.multiplier);
    greeks = addGreeks(greeks, legGreeks);
  }
  const atRisk = Math.abs(greeks.delta) * underlyingPrice;
  return Object.freeze({ greeks, atRisk });
}
