// Price collar: a limit price may differ from the reference mid by at most
// max(priceCollarFraction × |mid|, priceCollarMinimum) (shared/domain/risk.ts priceCollarWidth).
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

export type ReferencePrice = { readonly ok: true; readonly mid: number } | { readonly ok: false; readonly reason: string };

export function referencePrice(instrument: Instrument, quoteOf: QuoteLookup, now: number, staleDataMs: number): ReferencePrice {
  const legs = instrument.kind === 'combo' ? instrument.legs.map((leg) => ({ contract: leg.contract, weight: actionSign(leg.action) * leg.ratio })) : [{ contract: instrument, weight: 1 }];
  let mid = 0;
  for (const { contract, weight } of legs) {
    const quote = safeQuote(quoteOf, contract);
    const problem = quoteProblem(quote, now, staleDataMs);
    if (problem !== undefined || quote === undefined) return { ok: false, reason: `no fresh reference price for ${describeContract(contract)}: ${problem ?? 'no quote'}` };
    mid += weight * quote.mid;
  }
  return { ok: true, mid };
}

export interface CollarOrder {
  readonly type: OrderType;
  readonly limitPrice: number | undefined;
}

export function checkPriceCollar(order: CollarOrder, reference: ReferencePrice, limits: Pick<RiskLimits, 'priceCollarFraction' | 'priceCollarMinimum'>): CheckResult {
  if (!reference.ok) return deny('NO_REFERENCE_PRICE', reference.reason);
  if (order.type !== 'LMT' || order.limitPrice === undefined) return undefined;
  const width = priceCollarWidth(limits, reference.mid);
  const distance = Math.abs(order.limitPrice - reference.mid);
  if (distance <= width + COMPARISON_TOLERANCE) return undefined;
  return deny('PRICE_COLLAR', `limit ${order.limitPrice} is ${round(distance)} from the reference mid ${round(reference.mid)}; the collar allows ${round(width)}`);
}

function round(value: number): string {
  return String(Math.round(value * 1e6) / 1e6);
}
