import { describe, expect, it } from 'vitest';
import { checkOrderRate, messagesInWindow } from './order-rate.check.ts';

const now = 10_000;

describe('order rate throttle', () => {
  it('when 4 messages were sent in the last second with a limit of 5, then the next is allowed; with 5, then denied ORDER_RATE', () => {
    expect(checkOrderRate([9_001, 9_200, 9_500, 9_999], now, 5)).toBeUndefined();
    expect(checkOrderRate([9_001, 9_200, 9_500, 9_999, 10_000], now, 5)?.code).toBe('ORDER_RATE');
    expect(checkOrderRate([9_001, 9_100, 9_200, 9_500, 9_999, 10_000], now, 5)?.code).toBe('ORDER_RATE');
  });

  it('when a message is exactly one second old, then it no longer counts', () => {
    expect(messagesInWindow([9_000, 9_001], now)).toBe(1);
    expect(checkOrderRate([9_000, 9_000, 9_000, 9_000, 9_000], now, 5)).toBeUndefined();
  });
});
