import { describe, expect, it } from 'vitest';
import { createCombo } from './combo.ts';
import { createOptionContract, createUnderlying } from './contract.ts';
import { createOrder, remainingQuantity, restoreOrder, type NewOrderInput, type Order } from './order.ts';

const fieldError = (field: string, message: string) => expect.objectContaining({ field, message });
const now = Date.UTC(2026, 2, 10, 15); // 2026-03-10 in New York
const option = createOptionContract({ underlyingSymbol: 'SPY', expiry: '2026-04-17', strike: 450, right: 'put' }, now);
const combo = createCombo({ legs: [{ contract: option, ratio: 1, action: 'SELL' }, { contract: { ...option, strike: 440 }, ratio: 1, action: 'BUY' }] }, now);
const base: NewOrderInput = { id: 'ord-1', clientOrderRef: 'OWS-000001', instrument: option, action: 'SELL', quantity: 2, type: 'LMT', limitPrice: 1.15, tif: 'DAY' };

describe('createOrder', () => {
  it('when the input is valid, then a frozen CREATED order with nothing filled is returned', () => {
    const order = createOrder({ ...base, strategyId: 'stg-1', ocaGroup: 'oca-1', parentId: 'ord-0' }, now);
    expect(order).toEqual({
      id: 'ord-1', clientOrderRef: 'OWS-000001', brokerOrderId: undefined, instrument: option, action: 'SELL', quantity: 2, type: 'LMT', tif: 'DAY',
      limitPrice: 1.15, stopPrice: undefined, trailingAmount: undefined, trailingPercent: undefined, limitOffset: undefined,
      status: 'CREATED', filledQuantity: 0, averageFillPrice: undefined, parentId: 'ord-0', ocaGroup: 'oca-1', strategyId: 'stg-1',
      createdAt: now, updatedAt: now, filledAt: undefined, statusMessage: undefined,
    });
    expect(Object.isFrozen(order)).toBe(true);
    expect(remainingQuantity(order)).toBe(2);
  });

  it.each([
    ['quantity', { quantity: 1.5 }, 'quantity must be a positive integer, got 1.5'],
    ['quantity', { quantity: 0 }, 'quantity must be a positive integer, got 0'],
    ['action', { action: 'SHORT' }, 'action must be one of BUY, SELL, got "SHORT"'],
    ['tif', { tif: 'FOK' }, 'tif must be one of DAY, GTC, IOC, OPG, got "FOK"'],
    ['type', { type: 'MOC' }, 'type must be one of MKT, LMT, STP, STP_LMT, TRAIL, TRAIL_LIMIT, got "MOC"'],
    ['id', { id: '' }, 'id must be 1 to 128 characters of letters, digits, ".", "_", ":" or "-", got ""'],
    ['clientOrderRef', { clientOrderRef: 'X-1' }, `clientOrderRef must be a client order reference like 'OWS-000123', got "X-1"`],
    ['parentId', { parentId: 'ord-1' }, 'parentId must differ from the order id, got "ord-1"'],
    ['ocaGroup', { ocaGroup: ' ' }, 'ocaGroup must be a non-empty string, got " "'],
    ['strategyId', { strategyId: 'a b' }, 'strategyId must be 1 to 128 characters of letters, digits, ".", "_", ":" or "-", got "a b"'],
    ['limitPrice', { limitPrice: -0.05 }, 'limitPrice must be a finite price of at least 0, got -0.05'],
    ['limitPrice', { limitPrice: Number.NaN }, 'limitPrice must be a finite price of at least 0, got NaN'],
  ])('when %s is invalid (%j), then construction fails naming it', (field, override, message) => {
    expect(() => createOrder({ ...base, ...(override as Partial<NewOrderInput>) }, now)).toThrow(fieldError(field, message));
  });

  it('when the option expired yesterday, then construction fails naming the expiry', () => {
    const expired = { ...option, expiry: '2026-03-09' } as typeof option;
    expect(() => createOrder({ ...base, instrument: expired }, now)).toThrow(
      fieldError('instrument.expiry', 'instrument.expiry must not be in the past (today in New York is 2026-03-10), got "2026-03-09"'),
    );
  });

  it('when the option expires today, then it may still be ordered', () => {
    expect(createOrder({ ...base, instrument: { ...option, expiry: '2026-03-10' } as typeof option }, now).status).toBe('CREATED');
  });

  it('when the instrument is an index, then construction fails: an index is not tradable', () => {
    const index = createUnderlying({ kind: 'index', symbol: 'SPX' });
    expect(() => createOrder({ ...base, instrument: index }, now)).toThrow(
      fieldError('instrument.kind', 'instrument.kind must be tradable (an index is not; trade its options), got "index"'),
    );
  });

  it('when now is not a timestamp, then construction fails naming now', () => {
    expect(() => createOrder(base, -1)).toThrow(fieldError('now', 'now must be epoch milliseconds (a non-negative integer), got -1'));
  });
});

describe('order type fields', () => {
  const order = (fields: Partial<NewOrderInput>) => createOrder({ ...base, limitPrice: undefined, ...fields }, now);

  it('when each type gets exactly its fields, then the order is accepted', () => {
    expect(order({ type: 'MKT' }).limitPrice).toBeUndefined();
    expect(order({ type: 'LMT', limitPrice: 0 }).limitPrice).toBe(0);
    expect(order({ type: 'STP', stopPrice: 2 }).stopPrice).toBe(2);
    expect(order({ type: 'STP_LMT', stopPrice: 2, limitPrice: 2.1 })).toMatchObject({ stopPrice: 2, limitPrice: 2.1 });
    expect(order({ type: 'TRAIL', trailingAmount: 0.5 })).toMatchObject({ trailingAmount: 0.5, trailingPercent: undefined });
    expect(order({ type: 'TRAIL', trailingPercent: 10, stopPrice: 3 })).toMatchObject({ trailingPercent: 10, stopPrice: 3 });
    expect(order({ type: 'TRAIL_LIMIT', trailingAmount: 0.5, limitOffset: 0.1 })).toMatchObject({ limitOffset: 0.1 });
  });

  it.each([
    ['limitPrice', { type: 'MKT', limitPrice: 1.5 }, 'limitPrice must be absent for a MKT order, got 1.5'],
    ['limitPrice', { type: 'LMT' }, 'limitPrice is required for a LMT order, got undefined'],
    ['stopPrice', { type: 'LMT', limitPrice: 1, stopPrice: 2 }, 'stopPrice must be absent for a LMT order, got 2'],
    ['stopPrice', { type: 'STP' }, 'stopPrice is required for a STP order, got undefined'],
    ['limitPrice', { type: 'STP', stopPrice: 2, limitPrice: 1 }, 'limitPrice must be absent for a STP order, got 1'],
    ['stopPrice', { type: 'STP_LMT', limitPrice: 1 }, 'stopPrice is required for a STP_LMT order, got undefined'],
    ['limitPrice', { type: 'STP_LMT', stopPrice: 1 }, 'limitPrice is required for a STP_LMT order, got undefined'],
    ['stopPrice', { type: 'STP', stopPrice: -1 }, 'stopPrice must be a finite price of at least 0, got -1'],
    ['trailingAmount', { type: 'TRAIL' }, 'trailingAmount or trailingPercent is required for a TRAIL order, got undefined'],
    ['trailingPercent', { type: 'TRAIL', trailingAmount: 0.5, trailingPercent: 5 }, 'trailingPercent must be absent when trailingAmount is set (a TRAIL order takes one of them; trailingAmount is 0.5), got 5'],
    ['trailingAmount', { type: 'TRAIL', trailingAmount: 0 }, 'trailingAmount must be a finite number greater than 0, got 0'],
    ['trailingPercent', { type: 'TRAIL', trailingPercent: 100 }, 'trailingPercent must be greater than 0 and less than 100, got 100'],
    ['trailingPercent', { type: 'TRAIL', trailingPercent: -1 }, 'trailingPercent must be a finite number greater than 0, got -1'],
    ['limitPrice', { type: 'TRAIL', trailingAmount: 1, limitPrice: 2 }, 'limitPrice must be absent for a TRAIL order, got 2'],
    ['limitOffset', { type: 'TRAIL', trailingAmount: 1, limitOffset: 0.1 }, 'limitOffset must be absent for a TRAIL order, got 0.1'],
    ['limitOffset', { type: 'TRAIL_LIMIT', trailingAmount: 1 }, 'limitOffset is required for a TRAIL_LIMIT order, got undefined'],
    ['limitOffset', { type: 'TRAIL_LIMIT', trailingAmount: 1, limitOffset: -0.1 }, 'limitOffset must be a finite price of at least 0, got -0.1'],
    ['trailingAmount', { type: 'MKT', trailingAmount: 1 }, 'trailingAmount must be absent for a MKT order, got 1'],
    ['trailingPercent', { type: 'LMT', limitPrice: 1, trailingPercent: 1 }, 'trailingPercent must be absent for a LMT order, got 1'],
  ])('when %s breaks the type rules (%j), then construction fails naming it', (field, fields, message) => {
    expect(() => order(fields as Partial<NewOrderInput>)).toThrow(fieldError(field, message));
  });

  it('when a combo has a negative (credit) limit, then it is accepted', () => {
    expect(createOrder({ ...base, instrument: combo, action: 'BUY', limitPrice: -1.2 }, now).limitPrice).toBe(-1.2);
  });

  it('when a combo uses a stop order type, then construction fails naming type', () => {
    expect(() => createOrder({ ...base, instrument: combo, type: 'STP', limitPrice: undefined, stopPrice: 1 }, now)).toThrow(
      fieldError('type', 'type must be one of MKT, LMT for a combo order, got "STP"'),
    );
  });

  it('when a combo limit is not finite, then construction fails naming limitPrice', () => {
    expect(() => createOrder({ ...base, instrument: combo, limitPrice: Number.NEGATIVE_INFINITY }, now)).toThrow(
      fieldError('limitPrice', 'limitPrice must be a finite number, got -Infinity'),
    );
  });
});

describe('restoreOrder', () => {
  const created = createOrder(base, now);
  const filled: Order = { ...created, status: 'FILLED', filledQuantity: 2, averageFillPrice: 1.15, filledAt: now + 5, updatedAt: now + 5, brokerOrderId: 17 };

  it('when a stored order is consistent, then it is restored equal (expired options are fine)', () => {
    expect(restoreOrder(filled)).toEqual(filled);
    const partial: Order = { ...created, status: 'PARTIALLY_FILLED', filledQuantity: 1, averageFillPrice: 1.1 };
    expect(restoreOrder(partial)).toEqual(partial);
    const cancelled: Order = { ...partial, status: 'CANCELLED', statusMessage: 'Order Canceled - reason:' };
    expect(restoreOrder(cancelled)).toEqual(cancelled);
    const old: Order = { ...created, instrument: { ...option, expiry: '2020-01-17' } as typeof option };
    expect(restoreOrder(old).status).toBe('CREATED');
  });

  it.each([
    ['filledQuantity', { filledQuantity: 3 }, 'filledQuantity must not exceed quantity (2), got 3'],
    ['filledQuantity', { filledQuantity: 1 }, 'filledQuantity must equal quantity (2) exactly when status is FILLED (status is FILLED), got 1'],
    ['filledQuantity', { status: 'SUBMITTED', filledAt: undefined }, 'filledQuantity must equal quantity (2) exactly when status is FILLED (status is SUBMITTED), got 2'],
    ['filledQuantity', { status: 'PARTIALLY_FILLED', filledQuantity: 0, averageFillPrice: undefined, filledAt: undefined }, 'filledQuantity must be above 0 when PARTIALLY_FILLED, got 0'],
    ['filledQuantity', { status: 'SUBMITTED', filledQuantity: 1, filledAt: undefined }, 'filledQuantity must be 0 when SUBMITTED, got 1'],
    ['averageFillPrice', { averageFillPrice: undefined }, 'averageFillPrice must be set exactly when something filled (filledQuantity is 2), got undefined'],
    ['averageFillPrice', { averageFillPrice: -1 }, 'averageFillPrice must be at least 0, got -1'],
    ['filledAt', { filledAt: undefined }, 'filledAt must be set exactly when status is FILLED (status is FILLED), got undefined'],
    ['status', { status: 'DONE' }, 'status must be one of CREATED, PENDING_SUBMIT, PRE_SUBMITTED, SUBMITTED, PARTIALLY_FILLED, PENDING_CANCEL, FILLED, CANCELLED, REJECTED, INACTIVE, got "DONE"'],
    ['updatedAt', { updatedAt: now - 1 }, `updatedAt must not be before createdAt (${now}), got ${now - 1}`],
    ['brokerOrderId', { brokerOrderId: 1.5 }, 'brokerOrderId must be a non-negative integer, got 1.5'],
    ['statusMessage', { statusMessage: '' }, 'statusMessage must be a non-empty string, got ""'],
  ])('when %s is inconsistent (%j), then restoring fails naming it', (field, override, message) => {
    expect(() => restoreOrder({ ...filled, ...(override as Partial<Order>) })).toThrow(fieldError(field, message));
  });
});
