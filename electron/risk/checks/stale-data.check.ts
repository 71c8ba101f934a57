// Stale market data: the portfolio limits (delta, vega, concentration) are computed from quotes
// of every held contract and every leg of the order, so each must be fresh and, for options,
// carry Greeks. One unusable quote denies with STALE_DATA naming the contract (fails closed).
import type { Contract } from '../../../shared/domain/contract.ts';
import { deny, type CheckResult } from './denial.ts';
import { describeContract, greeksProblem, quoteProblem, safeQuote, type QuoteLookup } from './quote-freshness.ts';

export function checkMarketData(contracts: Iterable<Contract>, quoteOf: QuoteLookup, now: number, staleDataMs: number): CheckResult {
  for (const contract of contracts) {
    const quote = safeQuote(quoteOf, contract);
    const problem = quoteProblem(quote, now, staleDataMs) ?? (quote === undefined ? 'no quote' : greeksProblem(contract, quote));
    if (problem !== undefined) return deny('STALE_DATA', `market data for ${describeContract(contract)} is unusable: ${problem}`);
  }
  return undefined;
}
