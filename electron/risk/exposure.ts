// Portfolio exposure from net positions and quotes: delta in shares-equivalent, vega in $ per
// vol point (shared/domain/greeks.ts units), and the amount at risk per underlying: the NET
// delta-dollar exposure |Σ position delta × underlying price| (shares count quantity × price).
// Net, not gross: the two legs of a vertical offset each other, so a 1-lot spread on a $100k
// account is not "63 % at risk" (gross counting denied nearly every spread). Contracts whose
// quote cannot price them are listed in `unpriced` rather than guessed.
import { contractKey, contractMultiplier, contractUnderlyingSymbol, type Contract } from '../../shared/domain/contract.ts';
import { greeksProblem, quoteProblem, safeQuote, type QuoteLookup } from './checks/quote-freshness.ts';
import type { SignedLeg } from './order-legs.ts';

export interface NetPosition {
  readonly contract: Contract;
  /** Signed, summed over every line of the contract. */
  readonly quantity: number;
}

export interface Exposure {
  readonly delta: number;
  readonly vega: number;
  readonly atRiskByUnderlying: ReadonlyMap<string, number>;
  /** contractKey of every non-flat contract left out for lack of a usable quote. */
  readonly unpriced: readonly string[];
}

/** Net quantity per contract key, flat contracts dropped. */
export function netPositions(lines: readonly { readonly contract: Contract; readonly quantity: number }[]): Map<string, NetPosition> {
  const net = new Map<string, NetPosition>();
  for (const line of lines) {
    const key = contractKey(line.contract);
    const quantity = (net.get(key)?.quantity ?? 0) + line.quantity;
    net.set(key, { contract: line.contract, quantity });
  }
  for (const [key, position] of net) if (position.quantity === 0) net.delete(key);
  return net;
}

/** The net positions after the legs fill. */
export function withLegs(net: ReadonlyMap<string, NetPosition>, legs: readonly SignedLeg[]): Map<string, NetPosition> {
  const after = new Map(net);
  for (const leg of legs) {
    const quantity = (after.get(leg.key)?.quantity ?? 0) + leg.quantity;
    if (quantity === 0) after.delete(leg.key);
    else after.set(leg.key, { contract: leg.contract, quantity });
  }
  return after;
}

export function exposureOf(net: ReadonlyMap<string, NetPosition>, quoteOf: QuoteLookup, now: number, staleDataMs: number): Exposure {
  let delta = 0;
  let vega = 0;
  const atRisk = new Map<string, number>();
  const unpriced: string[] = [];
  for (const [key, { contract, quantity }] of net) {
    const quote = safeQuote(quoteOf, contract);
    if (quote === undefined || quoteProblem(quote, now, staleDataMs) !== undefined || greeksProblem(contract, quote) !== undefined) {
      unpriced.push(key);
      continue;
    }
    const shares = quantity * contractMultiplier(contract);
    const contractDelta = contract.kind === 'option' ? (quote.greeks?.delta ?? 0) * shares : shares;
    const price = contract.kind === 'option' ? quote.underlyingPrice : quote.mid;
    delta += contractDelta;
    vega += contract.kind === 'option' ? (quote.greeks?.vega ?? 0) * shares : 0;
    const underlying = contractUnderlyingSymbol(contract);
    atRisk.set(underlying, (atRisk.get(underlying) ?? 0) + contractDelta * price);
  }
  for (const [underlying, signed] of atRisk) atRisk.set(underlying, Math.abs(signed));
  return { delta, vega, atRiskByUnderlying: atRisk, unpriced };
}
