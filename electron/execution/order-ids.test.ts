import { describe, expect, it } from 'vitest';
import { formatClientOrderRef } from '../../shared/domain/ids.ts';
import { BROKER_ORDER_STATES } from '../broker/broker.ts';
import { BROKER_STATE_EVENTS, orderEventForBrokerState } from './broker-status-map.ts';
import { DryRunTimestamps, dryRunOrderId, isDryRunOrderId, orderIdForClientOrderRef } from './order-ids.ts';

describe('order ids', () => {
  it('when derived from a client order ref, then the id carries the same sequence', () => {
    expect(orderIdForClientOrderRef(formatClientOrderRef(123))).toBe('ORD-000123');
    expect(orderIdForClientOrderRef(formatClientOrderRef(12_345_678))).toBe('ORD-12345678');
  });

  it('when a dry-run id is made, then it reads DRY_<leg>_<timestamp> and is recognised as one', () => {
    expect(dryRunOrderId(0, 1_737_000_000_000)).toBe('DRY_0_1737000000000');
    expect(isDryRunOrderId('DRY_2_1737000000000')).toBe(true);
    expect(isDryRunOrderId('ORD-000001')).toBe(false);
    expect(() => dryRunOrderId(-1, 1)).toThrow(/leg/);
  });

  it('when two dry runs share a millisecond or an id is taken, then the timestamps still differ', () => {
    const timestamps = new DryRunTimestamps();
    expect(timestamps.next(1_000, () => false)).toBe(1_000);
    expect(timestamps.next(1_000, () => false)).toBe(1_001);
    expect(timestamps.next(1_000, (time) => time < 1_005)).toBe(1_005);
  });
});

describe('broker state → order event table', () => {
  it('when each broker state is mapped, then it gives the agreed domain event and FILLED gives none', () => {
    expect(Object.keys(BROKER_STATE_EVENTS).sort()).toEqual([...BROKER_ORDER_STATES].sort());
    expect(BROKER_ORDER_STATES.map((state) => [state, orderEventForBrokerState(state)?.type])).toEqual([
      ['PENDING_SUBMIT', 'SUBMIT_SENT'],
      ['PRE_SUBMITTED', 'HELD'],
      ['SUBMITTED', 'ACKNOWLEDGED'],
      ['PENDING_CANCEL', 'CANCEL_REQUESTED'],
      ['CANCELLED', 'CANCEL_CONFIRMED'],
      ['FILLED', undefined],
      ['INACTIVE', 'INACTIVE'],
      ['REJECTED', 'REJECTED'],
    ]);
  });

  it('when the state is not a broker state, then the lookup fails naming it', () => {
    expect(() => orderEventForBrokerState('Filled' as never)).toThrow('unknown broker order state "Filled"');
  });
});
