import { describe, expect, it } from 'vitest';
import { contractKey, type Contract } from '../../../shared/domain/contract.ts';
import type { RiskQuote } from '../risk-inputs.ts';
import { optionQuote, put440, shareQuote, spy } from '../testing/risk-world.ts';
import { checkMarketData } from './stale-data.check.ts';

const now = 1_000_000;
const lookup = (quotes: [Contract, RiskQuote][]) => {
  const map = new Map(quotes.map(([contract, quote]) => [contractKey(contract), quote]));
  return (contract: Contract) => map.get(contractKey(contract));
};

describe('checkMarketData', () => {
  it('when every contract has a fresh quote and options carry Greeks, then it passes', () => {
    expect(checkMarketData([put440, spy], lookup([[put440, optionQuote(1, -0.2, 0.3, now)], [spy, shareQuote(500, now)]]), now, 5_000)).toBeUndefined();
  });

  it('when a held contract quote is exactly staleDataMs old, then it passes; older, then denied STALE_DATA naming it', () => {
    expect(checkMarketData([spy], lookup([[spy, shareQuote(500, now - 5_000)]]), now, 5_000)).toBeUndefined();
    expect(checkMarketData([spy], lookup([[spy, shareQuote(500, now - 5_001)]]), now, 5_000)).toMatchObject({ code: 'STALE_DATA', reason: expect.stringContaining('SPY') });
  });

  it('when an option has no Greeks or NaN Greeks, then it is denied STALE_DATA', () => {
    const noGreeks: RiskQuote = { ...optionQuote(1, -0.2, 0.3, now), greeks: undefined };
    expect(checkMarketData([put440], lookup([[put440, noGreeks]]), now, 5_000)?.code).toBe('STALE_DATA');
    expect(checkMarketData([put440], lookup([[put440, { ...noGreeks, greeks: { delta: Number.NaN, gamma: 0, theta: 0, vega: 0, rho: 0 } }]]), now, 5_000)?.code).toBe('STALE_DATA');
  });

  it('when a quote is missing, then it is denied STALE_DATA', () => {
    expect(checkMarketData([put440], lookup([]), now, 5_000)).toMatchObject({ code: 'STALE_DATA', reason: expect.stringContaining('no quote') });
  });
});
