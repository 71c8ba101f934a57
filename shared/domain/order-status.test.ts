import { describe, expect, it } from 'vitest';
import { isCancellableStatus, isFinalStatus, isWorkingStatus, nextStatus, ORDER_EVENT_TYPES, type OrderEvent, type OrderEventType } from './order-status.ts';
import { ORDER_STATUSES, type OrderStatus } from './order-types.ts';

type Expected = OrderStatus | 'x';
const x = 'x';

/** Written out by hand, independent of the implementation: rows are statuses, columns are events. */
const columns: readonly OrderEventType[] = [
  'SUBMIT_SENT', 'ACKNOWLEDGED', 'HELD', 'PARTIAL_FILL', 'FILL', 'CANCEL_REQUESTED', 'CANCEL_CONFIRMED', 'CANCEL_REJECTED', 'REJECTED', 'INACTIVE', 'EXPIRED',
];
const expectedTable: Readonly<Record<OrderStatus, readonly Expected[]>> = {
  CREATED: ['PENDING_SUBMIT', x, x, x, x, 'CANCELLED', x, x, 'REJECTED', x, 'CANCELLED'],
  PENDING_SUBMIT: ['PENDING_SUBMIT', 'SUBMITTED', 'PRE_SUBMITTED', 'PARTIALLY_FILLED', 'FILLED', 'PENDING_CANCEL', 'CANCELLED', 'PENDING_SUBMIT', 'REJECTED', 'INACTIVE', 'CANCELLED'],
  PRE_SUBMITTED: [x, 'SUBMITTED', 'PRE_SUBMITTED', 'PARTIALLY_FILLED', 'FILLED', 'PENDING_CANCEL', 'CANCELLED', 'PRE_SUBMITTED', 'REJECTED', 'INACTIVE', 'CANCELLED'],
  SUBMITTED: [x, 'SUBMITTED', 'PRE_SUBMITTED', 'PARTIALLY_FILLED', 'FILLED', 'PENDING_CANCEL', 'CANCELLED', 'SUBMITTED', 'REJECTED', 'INACTIVE', 'CANCELLED'],
  PARTIALLY_FILLED: [x, 'PARTIALLY_FILLED', 'PARTIALLY_FILLED', 'PARTIALLY_FILLED', 'FILLED', 'PENDING_CANCEL', 'CANCELLED', 'PARTIALLY_FILLED', 'REJECTED', 'INACTIVE', 'CANCELLED'],
  // CANCEL_REJECTED here is sent with filledQuantity 0 (see the separate test for > 0).
  PENDING_CANCEL: [x, 'PENDING_CANCEL', 'PENDING_CANCEL', 'PARTIALLY_FILLED', 'FILLED', 'PENDING_CANCEL', 'CANCELLED', 'SUBMITTED', 'REJECTED', 'INACTIVE', 'CANCELLED'],
  FILLED: [x, x, x, x, 'FILLED', x, x, x, x, x, x],
  CANCELLED: [x, x, x, x, x, x, 'CANCELLED', x, 'CANCELLED', 'CANCELLED', 'CANCELLED'],
  REJECTED: [x, x, x, x, x, x, 'REJECTED', x, 'REJECTED', 'REJECTED', 'REJECTED'],
  INACTIVE: [x, x, x, x, x, x, 'INACTIVE', x, 'INACTIVE', 'INACTIVE', 'INACTIVE'],
};

function event(type: OrderEventType, filledQuantity = 0): OrderEvent {
  return type === 'CANCEL_REJECTED' ? { type, filledQuantity } : { type };
}

describe('nextStatus transition table', () => {
  it('when the expected table is read, then it covers every status and every event', () => {
    expect(Object.keys(expectedTable).sort()).toEqual([...ORDER_STATUSES].sort());
    expect([...columns].sort()).toEqual([...ORDER_EVENT_TYPES].sort());
  });

  const cases = ORDER_STATUSES.flatMap((status) =>
    columns.map((eventType, column) => ({ status, eventType, expected: expectedTable[status][column] ?? x })),
  );

  it.each(cases)('when $eventType arrives in $status, then the outcome is $expected', ({ status, eventType, expected }) => {
    const result = nextStatus(status, event(eventType));
    if (expected === x) {
      expect(result).toEqual({ ok: false, error: `illegal transition: ${eventType} after ${status}` });
    } else {
      expect(result).toEqual({ ok: true, status: expected, changed: expected !== status });
    }
  });
});

describe('nextStatus classics', () => {
  it('when a late Submitted arrives after Filled, then it is an error naming both', () => {
    expect(nextStatus('FILLED', { type: 'ACKNOWLEDGED' })).toEqual({ ok: false, error: 'illegal transition: ACKNOWLEDGED after FILLED' });
  });

  it('when a fill arrives after a final Cancelled, then it is an error naming both', () => {
    expect(nextStatus('CANCELLED', { type: 'FILL' })).toEqual({ ok: false, error: 'illegal transition: FILL after CANCELLED' });
    expect(nextStatus('CANCELLED', { type: 'PARTIAL_FILL' })).toEqual({ ok: false, error: 'illegal transition: PARTIAL_FILL after CANCELLED' });
  });

  it('when a fill arrives during PendingCancel, then it is legal (the cancel raced the fill)', () => {
    expect(nextStatus('PENDING_CANCEL', { type: 'PARTIAL_FILL' })).toEqual({ ok: true, status: 'PARTIALLY_FILLED', changed: true });
    expect(nextStatus('PENDING_CANCEL', { type: 'FILL' })).toEqual({ ok: true, status: 'FILLED', changed: true });
  });

  it('when the same status is reported twice, then the repeat is a no-op, not an error', () => {
    expect(nextStatus('SUBMITTED', { type: 'ACKNOWLEDGED' })).toEqual({ ok: true, status: 'SUBMITTED', changed: false });
    expect(nextStatus('FILLED', { type: 'FILL' })).toEqual({ ok: true, status: 'FILLED', changed: false });
    expect(nextStatus('CANCELLED', { type: 'CANCEL_CONFIRMED' })).toEqual({ ok: true, status: 'CANCELLED', changed: false });
  });

  it('when another partial fill arrives while partially filled, then the status stays PARTIALLY_FILLED', () => {
    expect(nextStatus('PARTIALLY_FILLED', { type: 'PARTIAL_FILL' })).toEqual({ ok: true, status: 'PARTIALLY_FILLED', changed: false });
  });

  it('when a cancel is refused after a partial fill, then the order returns to PARTIALLY_FILLED', () => {
    expect(nextStatus('PENDING_CANCEL', { type: 'CANCEL_REJECTED', filledQuantity: 3 })).toEqual({ ok: true, status: 'PARTIALLY_FILLED', changed: true });
    expect(nextStatus('PENDING_CANCEL', { type: 'CANCEL_REJECTED', filledQuantity: 0 })).toEqual({ ok: true, status: 'SUBMITTED', changed: true });
  });

  it('when a refused cancel carries no valid filled quantity, then it is an error', () => {
    const bad = { type: 'CANCEL_REJECTED', filledQuantity: -1 } as const;
    expect(nextStatus('PENDING_CANCEL', bad)).toEqual({ ok: false, error: 'CANCEL_REJECTED needs filledQuantity as a non-negative integer, got -1' });
  });

  it('when the status or event is unknown (corrupt data), then it is an error naming it', () => {
    expect(nextStatus('LOST' as OrderStatus, { type: 'FILL' })).toEqual({ ok: false, error: 'unknown order status "LOST"' });
    expect(nextStatus('SUBMITTED', { type: 'EXPLODED' } as unknown as OrderEvent)).toEqual({ ok: false, error: 'unknown order event "EXPLODED"' });
  });
});

describe('nextStatus on recorded IB sequences', () => {
  function replay(start: OrderStatus, events: readonly OrderEvent[]): OrderStatus {
    return events.reduce<OrderStatus>((status, next) => {
      const result = nextStatus(status, next);
      if (!result.ok) throw new Error(result.error);
      return result.status;
    }, start);
  }

  it('when IB accepts a limit order with duplicate statuses and fills it in parts, then it ends FILLED', () => {
    const events: OrderEvent[] = [
      { type: 'SUBMIT_SENT' }, { type: 'HELD' }, { type: 'HELD' }, { type: 'ACKNOWLEDGED' }, { type: 'ACKNOWLEDGED' },
      { type: 'PARTIAL_FILL' }, { type: 'ACKNOWLEDGED' }, { type: 'PARTIAL_FILL' }, { type: 'FILL' }, { type: 'FILL' },
    ];
    expect(replay('CREATED', events)).toBe('FILLED');
  });

  it('when IB rejects with error 201 and then reports Cancelled or Inactive, then it stays REJECTED', () => {
    expect(replay('PENDING_SUBMIT', [{ type: 'REJECTED' }, { type: 'CANCEL_CONFIRMED' }, { type: 'INACTIVE' }])).toBe('REJECTED');
  });

  it('when the risk governor denies an unsent order, then it goes straight to REJECTED', () => {
    expect(replay('CREATED', [{ type: 'REJECTED' }])).toBe('REJECTED');
  });
});

describe('status predicates', () => {
  const final: OrderStatus[] = ['FILLED', 'CANCELLED', 'REJECTED', 'INACTIVE'];
  const working: OrderStatus[] = ['PENDING_SUBMIT', 'PRE_SUBMITTED', 'SUBMITTED', 'PARTIALLY_FILLED', 'PENDING_CANCEL'];
  const cancellable: OrderStatus[] = ['CREATED', 'PENDING_SUBMIT', 'PRE_SUBMITTED', 'SUBMITTED', 'PARTIALLY_FILLED'];

  it.each(ORDER_STATUSES)('when the status is %s, then final, working and cancellable are as documented', (status) => {
    expect(isFinalStatus(status)).toBe(final.includes(status));
    expect(isWorkingStatus(status)).toBe(working.includes(status));
    expect(isCancellableStatus(status)).toBe(cancellable.includes(status));
  });

  it('when a status is final, then no event changes it', () => {
    for (const status of final) {
      for (const type of ORDER_EVENT_TYPES) {
        const result = nextStatus(status, event(type));
        expect(result.ok === false || result.changed === false).toBe(true);
      }
    }
  });
});
