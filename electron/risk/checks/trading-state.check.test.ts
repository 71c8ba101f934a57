import { describe, expect, it } from 'vitest';
import { checkTradingState } from './trading-state.check.ts';

describe('checkTradingState', () => {
  it('when trading is ACTIVE, then orders that add and orders that reduce are both allowed', () => {
    expect(checkTradingState('ACTIVE', undefined, false)).toBeUndefined();
    expect(checkTradingState('ACTIVE', undefined, true)).toBeUndefined();
  });

  it('when trading is REDUCING, then a reducing order is allowed and any other is denied REDUCING_ONLY with the reason', () => {
    expect(checkTradingState('REDUCING', 'VIX above 40', true)).toBeUndefined();
    expect(checkTradingState('REDUCING', 'VIX above 40', false)).toMatchObject({ code: 'REDUCING_ONLY', reason: expect.stringContaining('VIX above 40') });
  });

  it('when trading is HALTED, then even a reducing order is denied TRADING_HALTED', () => {
    expect(checkTradingState('HALTED', 'kill switch', true)).toMatchObject({ code: 'TRADING_HALTED', reason: 'trading is halted: kill switch' });
    expect(checkTradingState('HALTED', undefined, false)?.code).toBe('TRADING_HALTED');
  });
});
