// Price collar: a limit price may lie anywhere between the natural bid and ask (an executable
// price is never erroneous: without this, a marketable exit of a wide combo was trapped), and
// beyond them by at most max(priceCollarFraction × |mid|, priceCollarMinimum)
// (shared/domain/risk.ts priceCollarWidth). Without a bid and ask the range is the mid itself.
// The reference fails closed: every order needs a fresh reference (a market or stop order too,
// since nothing else bounds where it fills), and a missing, stale, zero or NaN mid of any leg
// denies with NO_REFERENCE_PRICE. A combo's reference is its net mid per unit as defined (BUY
// legs add, SELL legs subtract, so a credit is negative), compared with its net limit whichever
// side the combo is traded on. Only LMT limits are collared: the limit of a stop-limit sits next
// to its stop price, which is away from the market by design (a bracket's stop-loss).
import type { Instrument } from '../../../shared/domain/instrument.ts';
import { actionSign, type OrderType } from '../../../shared/domain/order-types.ts';
import { priceCollarWidth, type RiskLimits } from '../../../shared/domain/risk.ts';
import { COMPARISON_TOLERANCE, deny, type CheckResult } from './denial.ts';
import { describeContract, quoteProblem, safeQuote, type QuoteLookup } from './quote-freshness.ts';

/** The net mid, and the natural range [bid, ask] of the instrument as defined (a credit is negative). */
export type ReferencePrice = { readonly ok: true; readonly mid: number; readonly bid: number; readonly ask: number } | { readonly ok: false; readonly reason: string };

export function referencePrice(instrument: Instrument, quoteOf: QuoteLookup, now: number, staleDataMs: number): ReferencePrice {
  const legs = instrument.kind === 'combo' ? instrument.legs.map((leg) => ({ contract: leg.contract, weight: actionSign(leg.action) * leg.ratio })) : [{ contract: instrument, weight: 1 }];
  let mid = 0;
  let bid = 0;
  let ask = 0;
  for (const { contract, weight } of legs) {
    const quote = safeQuote(quoteOf, contract);
    const problem = quoteProblem(quote, now, staleDataMs);
    if (problem !== undefined || quote === undefined) return { ok: false, reason: `no fresh reference price for ${describeContract(contract)}: ${problem ?? 'no quote'}` };
    mid += weight * quote.mid;
    const [legBid, legAsk] = naturalSides(quote);
    // Buying the instrument pays the ask of bought legs and receives the bid of sold ones.
    ask += weight > 0 ? weight * legAsk : weight * legBid;
    bid += weight > 0 ? weight * legBid : weight * legAsk;
  }
  return { ok: true, mid, bid, ask };
}

export interface CollarOrder {
  readonly type: OrderType;
  readonly limitPrice: number | undefined;
}

export function checkPriceCollar(order: CollarOrder, reference: ReferencePrice, limits: Pick<RiskLimits, 'priceCollarFraction' | 'priceCollarMinimum'>): CheckResult {
  if (!reference.ok) return deny('NO_REFERENCE_PRICE', reference.reason);
  if (order.type !== 'LMT' || order.limitPrice === undefined) return undefined;
  const width = priceCollarWidth(limits, reference.mid);
  const distance = Math.max(0, reference.bid - order.limitPrice, order.limitPrice - reference.ask);
  if (distance <= width + COMPARISON_TOLERANCE) return undefined;
  const range = reference.bid === reference.ask ? `the reference mid ${round(reference.mid)}` : `the natural range ${round(reference.bid)} to ${round(reference.ask)} (mid ${round(reference.mid)})`;
  return deny('PRICE_COLLAR', `limit ${order.limitPrice} is ${round(distance)} beyond ${range}; the collar allows ${round(width)}`);
}

/** A quote's bid and ask, or its mid for both when either is missing or not a sane two-sided market. */
function naturalSides(quote: { readonly mid: number; readonly bid?: number | undefined; readonly ask?: number | undefined }): [number, number] {
  const { bid, ask, mid } = quote;
  if (bid === undefined || ask === undefined || !Number.isFinite(bid) || !Number.isFinite(ask) || bid < 0 || ask < bid) return [mid, mid];
  return [bid, ask];
}

function round(value: number): string {
  return String(Math.round(value * 1e6) / 1e6);
}
