import { describe, expect, it } from 'vitest';
import { restoreOptionContract, type OptionRight } from '../../../shared/domain/contract.ts';
import { describeSettlement, planSettlement } from './expiration-settlement.ts';

const m = (dollars: number): number => Math.round(dollars * 1_000_000);
const option = (strike: number, right: OptionRight) => restoreOptionContract({ underlyingSymbol: 'SPY', expiry: '2026-03-20', strike, right });
const plan = (strike: number, right: OptionRight, quantity: number, underlying: number, cashSettled = false) =>
  planSettlement({ contract: option(strike, right), quantity, underlyingMicros: m(underlying), thresholdMicros: m(0.01), cashSettled });
const shareTrade = (result: ReturnType<typeof plan>) => result.trades.slice(1).map((trade) => [trade.contract.kind, trade.action, trade.quantity, trade.priceMicros]);

describe('expiration settlement', () => {
  it('when a long call is in the money, then it is exercised into bought shares at the strike', () => {
    const result = plan(500, 'call', 2, 505);
    expect(result.outcome).toBe('exercised');
    expect(result.trades[0]).toMatchObject({ action: 'SELL', quantity: 2, priceMicros: 0 });
    expect(shareTrade(result)).toEqual([['stock', 'BUY', 200, m(500)]]);
  });

  it('when a long put is in the money, then it is exercised into sold shares', () => {
    expect(shareTrade(plan(500, 'put', 1, 490))).toEqual([['stock', 'SELL', 100, m(500)]]);
  });

  it('when a short call is in the money, then it is assigned: shares are sold at the strike', () => {
    const result = plan(500, 'call', -3, 500.01);
    expect(result.outcome).toBe('assigned');
    expect(result.trades[0]).toMatchObject({ action: 'BUY', quantity: 3, priceMicros: 0 });
    expect(shareTrade(result)).toEqual([['stock', 'SELL', 300, m(500)]]);
  });

  it('when a short put is in the money, then it is assigned: shares are bought at the strike', () => {
    expect(shareTrade(plan(500, 'put', -1, 499))).toEqual([['stock', 'BUY', 100, m(500)]]);
  });

  it('when an option is less than $0.01 in the money, then it expires worthless (OCC threshold)', () => {
    const result = plan(500, 'call', 1, 500.005);
    expect(result.outcome).toBe('expired-worthless');
    expect(result.trades).toHaveLength(1);
  });

  it('when an index option is in the money, then it settles in cash at its intrinsic value', () => {
    const result = plan(500, 'call', 1, 512.5, true);
    expect(result.outcome).toBe('cash-settled');
    expect(result.trades).toEqual([{ contract: option(500, 'call'), action: 'SELL', quantity: 1, priceMicros: m(12.5) }]);
  });

  it('when described, then the line names side, contract, outcome and the share trade', () => {
    expect(describeSettlement(plan(500, 'put', -1, 499), 'SPY 2026-03-20 500 P')).toBe(
      'short 1 SPY 2026-03-20 500 P at expiration (underlying $499.00): assigned, bought 100 SPY at $500.00',
    );
  });
});
