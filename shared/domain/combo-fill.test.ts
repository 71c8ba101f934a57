import { describe, expect, it } from 'vitest';
import { createCombo } from './combo.ts';
import { summarizeComboFills } from './combo-fill.ts';
import { createFill, type Fill } from './fill.ts';
import { fromDollars, ZERO_MONEY } from './money.ts';
import type { OrderAction } from './order-types.ts';

const fieldError = (field: string, message: string) => expect.objectContaining({ field, message });
const now = Date.UTC(2026, 2, 10, 15);
const put = (strike: number) => ({ underlyingSymbol: 'SPY', expiry: '2026-04-17', strike, right: 'put' as const });
// A 1×2 put ratio spread: buy one 450 put, sell two 440 puts.
const combo = createCombo({ legs: [{ contract: put(450), ratio: 1, action: 'BUY' }, { contract: put(440), ratio: 2, action: 'SELL' }] }, now);
let sequence = 0;

function legFill(legIndex: number, action: OrderAction, quantity: number, price: number, overrides: Partial<Fill> = {}): Fill {
  sequence += 1;
  const leg = combo.legs[legIndex];
  if (leg === undefined) throw new Error('no such leg');
  return createFill({
    id: `exec.${sequence}`, orderId: 'ord-1', clientOrderRef: 'OWS-000001', contract: leg.contract, legIndex, action, quantity, price,
    commission: fromDollars(0.65 * quantity), time: now, ...overrides,
  });
}

describe('summarizeComboFills', () => {
  it('when every leg filled its ratio, then units, net debit, net price and commission are exact', () => {
    const fills = [legFill(0, 'BUY', 3, 2.35), legFill(1, 'SELL', 4, 1.15), legFill(1, 'SELL', 2, 1.1)];
    const summary = summarizeComboFills(combo, 'BUY', fills);
    expect(summary.legQuantities).toEqual([3, 6]);
    expect(summary.completeUnits).toBe(3);
    expect(summary.balanced).toBe(true);
    // Paid 3 × 2.35 × 100 = 705; received 4 × 1.15 × 100 + 2 × 1.10 × 100 = 680 → net debit 25.
    expect(summary.netDebit).toBe(fromDollars(25));
    expect(summary.netPricePerUnit).toBe(0.083333); // 0.25 / 3 per share, rounded half to even at the micro
    expect(summary.commission).toBe(fromDollars(0.65 * 9));
  });

  it('when the combo is sold, then every leg side is flipped and a credit is negative', () => {
    const fills = [legFill(0, 'SELL', 1, 2.35), legFill(1, 'BUY', 2, 0.5)];
    const summary = summarizeComboFills(combo, 'SELL', fills);
    expect(summary.netDebit).toBe(fromDollars(-135));
    expect(summary.netPricePerUnit).toBe(-1.35);
  });

  it('when one leg is ahead of the others, then only complete units count and no net price is given', () => {
    const summary = summarizeComboFills(combo, 'BUY', [legFill(0, 'BUY', 2, 2.35), legFill(1, 'SELL', 3, 1.15)]);
    expect(summary.completeUnits).toBe(1);
    expect(summary.balanced).toBe(false);
    expect(summary.netPricePerUnit).toBeUndefined();
  });

  it('when there are no fills yet, then everything is zero', () => {
    expect(summarizeComboFills(combo, 'BUY', [])).toEqual({
      legQuantities: [0, 0], completeUnits: 0, balanced: true, netDebit: ZERO_MONEY, netPricePerUnit: undefined, commission: ZERO_MONEY,
    });
  });

  it('when a fill does not belong to the combo order, then summarizing fails naming the fill', () => {
    const first = legFill(0, 'BUY', 1, 2.35);
    expect(() => summarizeComboFills(combo, 'BUY', [first, first])).toThrow(
      fieldError('fills[1].id', `fills[1].id must be unique (the same execution was passed twice), got "${first.id}"`),
    );
    expect(() => summarizeComboFills(combo, 'BUY', [first, legFill(1, 'SELL', 2, 1, { orderId: 'ord-2' as Fill['orderId'] })])).toThrow(
      fieldError('fills[1].orderId', 'fills[1].orderId must be ord-1 like fills[0], got "ord-2"'),
    );
    expect(() => summarizeComboFills(combo, 'BUY', [legFill(1, 'SELL', 2, 1, { legIndex: 2 })])).toThrow(
      fieldError('fills[0].legIndex', 'fills[0].legIndex must be a leg index from 0 to 1, got 2'),
    );
    expect(() => summarizeComboFills(combo, 'BUY', [legFill(1, 'SELL', 2, 1, { legIndex: undefined })])).toThrow(
      fieldError('fills[0].legIndex', 'fills[0].legIndex must be a leg index from 0 to 1, got undefined'),
    );
    expect(() => summarizeComboFills(combo, 'BUY', [legFill(0, 'BUY', 1, 1, { legIndex: 1 })])).toThrow(
      fieldError('fills[0].contract', `fills[0].contract must be leg 1's contract SPY 2026-04-17 440 P, got "SPY 2026-04-17 450 P"`),
    );
    expect(() => summarizeComboFills(combo, 'BUY', [legFill(0, 'SELL', 1, 1)])).toThrow(
      fieldError('fills[0].action', 'fills[0].action must be BUY for leg 0 of a BUY combo order, got "SELL"'),
    );
  });
});
