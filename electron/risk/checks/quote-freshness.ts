// Is a quote usable? Fails closed: a missing quote, a quote that throws, a mid that is not a
// positive finite number, and a quote older than staleDataMs are all unusable.
import { contractKey, type Contract } from '../../../shared/domain/contract.ts';
import type { RiskQuote } from '../risk-inputs.ts';

export type QuoteLookup = (contract: Contract) => RiskQuote | undefined;

/** The quote, or undefined when there is none or the lookup threw. */
export function safeQuote(quoteOf: QuoteLookup, contract: Contract): RiskQuote | undefined {
  try {
    return quoteOf(contract) ?? undefined;
  } catch {
    return undefined;
  }
}

/** Why `quote` cannot serve as a fresh price at `now`, or undefined when it can. */
export function quoteProblem(quote: RiskQuote | undefined, now: number, staleDataMs: number): string | undefined {
  if (quote === undefined || quote === null) return 'no quote';
  const { mid, time } = quote;
  if (typeof mid !== 'number' || !Number.isFinite(mid) || mid <= 0) return `mid is ${String(mid)}`;
  if (typeof time !== 'number' || !Number.isFinite(time)) return `quote time is ${String(time)}`;
  if (now - time > staleDataMs) return `quote is ${now - time} ms old (limit ${staleDataMs} ms)`;
  return undefined;
}

/** Why `quote` cannot price the Greeks of `contract` (options need finite delta and vega and an underlying price). */
export function greeksProblem(contract: Contract, quote: RiskQuote): string | undefined {
  if (contract.kind !== 'option') return undefined;
  const greeks = quote.greeks;
  if (greeks === undefined || greeks === null) return 'no Greeks';
  if (!Number.isFinite(greeks.delta) || !Number.isFinite(greeks.vega)) return `Greeks are not finite (delta ${String(greeks.delta)}, vega ${String(greeks.vega)})`;
  if (!Number.isFinite(quote.underlyingPrice) || quote.underlyingPrice <= 0) return `underlying price is ${String(quote.underlyingPrice)}`;
  return undefined;
}

export function describeContract(contract: Contract): string {
  try {
    return contractKey(contract);
  } catch {
    return '(invalid contract)';
  }
}
