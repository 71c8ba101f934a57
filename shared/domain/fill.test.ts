import { describe, expect, it } from 'vitest';
import { createOptionContract, createUnderlying } from './contract.ts';
import { averageFillPrice, createFill, fillValue, signedFillQuantity, totalCommission, type FillInput } from './fill.ts';
import { fromDollars, fromMicros, ZERO_MONEY, type Money } from './money.ts';

const fieldError = (field: string, message: string) => expect.objectContaining({ field, message });
const now = Date.UTC(2026, 2, 10, 15);
const option = createOptionContract({ underlyingSymbol: 'SPY', expiry: '2026-04-17', strike: 450, right: 'put' }, now);
const base: FillInput = {
  id: '0000e0d5.67fe667b.01.01', orderId: 'ord-1', clientOrderRef: 'OWS-000001', contract: option, action: 'SELL', quantity: 2, price: 1.15,
  commission: fromDollars(1.3), time: now,
};

describe('createFill', () => {
  it('when the input is valid, then a frozen fill is returned', () => {
    const fill = createFill({ ...base, legIndex: 1 });
    expect(fill).toEqual({ ...base, legIndex: 1 });
    expect(Object.isFrozen(fill)).toBe(true);
    expect(createFill(base).legIndex).toBeUndefined();
  });

  it.each([
    ['id', { id: '' }, 'id must be 1 to 128 characters of letters, digits, ".", "_", ":" or "-", got ""'],
    ['orderId', { orderId: 'a b' }, 'orderId must be 1 to 128 characters of letters, digits, ".", "_", ":" or "-", got "a b"'],
    ['clientOrderRef', { clientOrderRef: 'OWS-1' }, `clientOrderRef must be a client order reference like 'OWS-000123', got "OWS-1"`],
    ['legIndex', { legIndex: -1 }, 'legIndex must be a non-negative integer, got -1'],
    ['action', { action: 'HOLD' }, 'action must be one of BUY, SELL, got "HOLD"'],
    ['quantity', { quantity: 1.5 }, 'quantity must be a positive integer, got 1.5'],
    ['price', { price: -0.01 }, 'price must be a finite price of at least 0, got -0.01'],
    ['price', { price: Number.POSITIVE_INFINITY }, 'price must be a finite price of at least 0, got Infinity'],
    ['commission', { commission: -1 as Money }, 'commission must be at least 0, got -1'],
    ['commission', { commission: 0.5 as Money }, 'commission must be a safe integer, got 0.5'],
    ['time', { time: 1.5 }, 'time must be epoch milliseconds (a non-negative integer), got 1.5'],
    ['contract.strike', { contract: { ...option, strike: 0 } }, 'contract.strike must be a finite number greater than 0, got 0'],
  ])('when %s is invalid (%j), then construction fails naming it', (field, override, message) => {
    expect(() => createFill({ ...base, ...(override as Partial<FillInput>) })).toThrow(fieldError(field, message));
  });
});

describe('fill arithmetic', () => {
  it('when valuing fills, then price × quantity × multiplier is exact and shares use multiplier 1', () => {
    expect(fillValue(createFill(base))).toBe(fromDollars(230));
    const shares = createFill({ ...base, contract: createUnderlying({ kind: 'stock', symbol: 'SPY' }), quantity: 100, price: 450.01 });
    expect(fillValue(shares)).toBe(fromDollars(45_001));
  });

  it('when signing quantities, then BUY is positive and SELL negative', () => {
    expect(signedFillQuantity({ action: 'BUY', quantity: 3 })).toBe(3);
    expect(signedFillQuantity({ action: 'SELL', quantity: 3 })).toBe(-3);
  });

  it('when averaging fills, then the quantity-weighted price is rounded half to even at the micro', () => {
    expect(averageFillPrice([{ price: 1.1, quantity: 1 }, { price: 1.2, quantity: 3 }])).toBe(1.175);
    expect(averageFillPrice([{ price: 0.000001, quantity: 1 }, { price: 0, quantity: 1 }])).toBe(0); // 0.5 micro → even
    expect(averageFillPrice([{ price: 1, quantity: 1 }, { price: 1, quantity: 1 }, { price: 1.000001, quantity: 1 }])).toBe(1);
    expect(() => averageFillPrice([])).toThrow(fieldError('fills', 'fills must not be empty, got []'));
  });

  it('when totalling commissions, then the sum is exact and empty is zero', () => {
    expect(totalCommission([])).toBe(ZERO_MONEY);
    expect(totalCommission([{ commission: fromMicros(650_000) }, { commission: fromMicros(650_001) }])).toBe(1_300_001);
  });
});
