import { describe, expect, it } from 'vitest';
import { checkPortfolioDelta, checkPortfolioVega } from './greeks-limit.check.ts';

describe('portfolio Greek limits', () => {
  it('when delta after the order is exactly ±500, then it is allowed; just beyond, then denied PORTFOLIO_DELTA', () => {
    expect(checkPortfolioDelta(100, 500, 500)).toBeUndefined();
    expect(checkPortfolioDelta(100, -500, 500)).toBeUndefined();
    expect(checkPortfolioDelta(100, 500.01, 500)).toMatchObject({ code: 'PORTFOLIO_DELTA', reason: expect.stringContaining('500.01') });
    expect(checkPortfolioDelta(100, -500.01, 500)?.code).toBe('PORTFOLIO_DELTA');
  });

  it('when the portfolio is beyond the delta limit, then an order that lowers |delta| is allowed and one that raises it is denied', () => {
    expect(checkPortfolioDelta(800, 700, 500)).toBeUndefined();
    expect(checkPortfolioDelta(-800, -800, 500)).toBeUndefined();
    expect(checkPortfolioDelta(800, 801, 500)?.code).toBe('PORTFOLIO_DELTA');
    expect(checkPortfolioDelta(800, -900, 500)?.code).toBe('PORTFOLIO_DELTA');
  });

  it('when vega after the order is at the limit, then it is allowed; beyond and growing, then denied PORTFOLIO_VEGA; shrinking, then allowed', () => {
    expect(checkPortfolioVega(0, -1000, 1000)).toBeUndefined();
    expect(checkPortfolioVega(0, -1000.5, 1000)?.code).toBe('PORTFOLIO_VEGA');
    expect(checkPortfolioVega(-1500, -1200, 1000)).toBeUndefined();
  });

  it('when a Greek is not a number, then the order is denied', () => {
    expect(checkPortfolioDelta(0, Number.NaN, 500)?.code).toBe('PORTFOLIO_DELTA');
  });
});
