import { describe, expect, it } from 'vitest';
import { checkDuplicate, duplicateKey, type RecentIntent } from './duplicate-order.check.ts';

const key = duplicateKey('SPY 2026-04-17 440 P', 'SELL', 2);
const sent: RecentIntent[] = [{ key, clientOrderRef: 'OWS-000001', time: 10_000 }];

describe('duplicate-order window', () => {
  it('when the same instrument, side and quantity come again 1 ms inside the window, then the order is denied DUPLICATE_ORDER', () => {
    expect(checkDuplicate({ key, clientOrderRef: 'OWS-000002', kind: 'new' }, sent, 10_999, 1_000)).toMatchObject({
      code: 'DUPLICATE_ORDER',
      reason: expect.stringContaining('OWS-000001 sent 999 ms ago'),
    });
  });

  it('when exactly the window has passed, then the same order is allowed', () => {
    expect(checkDuplicate({ key, clientOrderRef: 'OWS-000002', kind: 'new' }, sent, 11_000, 1_000)).toBeUndefined();
  });

  it('when the quantity, side or instrument differs, then it is not a duplicate', () => {
    for (const other of [duplicateKey('SPY 2026-04-17 440 P', 'SELL', 3), duplicateKey('SPY 2026-04-17 440 P', 'BUY', 2), duplicateKey('SPY', 'SELL', 2)]) {
      expect(checkDuplicate({ key: other, clientOrderRef: 'OWS-000002', kind: 'new' }, sent, 10_100, 1_000)).toBeUndefined();
    }
  });

  it('when an order modifies itself inside the window, then it is no duplicate; a second new order with the same ref is', () => {
    expect(checkDuplicate({ key, clientOrderRef: 'OWS-000001', kind: 'modify' }, sent, 10_100, 1_000)).toBeUndefined();
    expect(checkDuplicate({ key, clientOrderRef: 'OWS-000001', kind: 'new' }, sent, 10_100, 1_000)?.code).toBe('DUPLICATE_ORDER');
  });
});
