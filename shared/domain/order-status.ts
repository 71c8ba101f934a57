// THE order-status transition table. The OMS changes an order's status only through
// nextStatus(); an impossible transition comes back as an error to record, never as a silent
// overwrite (the classic: a late IB "Submitted" after "Filled").
//
// Rules:
// - Repeating the current status is an idempotent no-op (IB sends duplicate orderStatus).
// - FILLED, CANCELLED, REJECTED and INACTIVE are final. A final order accepts nothing that says
//   it is alive or filling. A dead order that is reported dead again, in any words (cancelled,
//   rejected, inactive, expired), is a no-op: IB's normal reject sequence is error 201 followed by
//   a Cancelled or Inactive status. A FILLED order accepts only a duplicate FILL.
// - During PENDING_CANCEL a fill is legal (the cancel raced a fill).
// - The table governs status only. An execution is a fact about money: apply it to positions
//   even when its status transition is refused, then raise the error.
import { ORDER_STATUSES, type OrderStatus } from './order-types.ts';

/**
 * SUBMIT_SENT: the OMS sent the order (IB PendingSubmit maps here too) · ACKNOWLEDGED: working
 * at the exchange (IB Submitted) · HELD: accepted but held (IB PreSubmitted) · PARTIAL_FILL /
 * FILL: executions leave some / nothing remaining · CANCEL_REQUESTED: a cancel was sent ·
 * CANCEL_CONFIRMED: the broker cancelled it (requested or not: OCA, parent, unsolicited) ·
 * CANCEL_REJECTED: the broker refused our cancel · REJECTED: refused by the broker or by our
 * risk governor · INACTIVE: IB Inactive · EXPIRED: a DAY order reached the close (→ CANCELLED).
 */
export const ORDER_EVENT_TYPES = [
  'SUBMIT_SENT',
  'ACKNOWLEDGED',
  'HELD',
  'PARTIAL_FILL',
  'FILL',
  'CANCEL_REQUESTED',
  'CANCEL_CONFIRMED',
  'CANCEL_REJECTED',
  'REJECTED',
  'INACTIVE',
  'EXPIRED',
] as const;
export type OrderEventType = (typeof ORDER_EVENT_TYPES)[number];

/**
 * CANCEL_REJECTED carries the order's filled quantity: a refused cancel returns a PENDING_CANCEL
 * order to PARTIALLY_FILLED when something filled, else to SUBMITTED (a held order then
 * returns to PRE_SUBMITTED with the broker's next PreSubmitted status, which is legal).
 */
export type OrderEvent =
  | { readonly type: Exclude<OrderEventType, 'CANCEL_REJECTED'> }
  | { readonly type: 'CANCEL_REJECTED'; readonly filledQuantity: number };

export type TransitionResult =
  | { readonly ok: true; readonly status: OrderStatus; readonly changed: boolean }
  | { readonly ok: false; readonly error: string };

/** 'RESTORE': back to the working status before the cancel request. A missing entry is illegal. */
export type TransitionOutcome = OrderStatus | 'RESTORE';

const liveOrderOutcomes = {
  PARTIAL_FILL: 'PARTIALLY_FILLED',
  FILL: 'FILLED',
  CANCEL_REQUESTED: 'PENDING_CANCEL',
  CANCEL_CONFIRMED: 'CANCELLED',
  REJECTED: 'REJECTED',
  INACTIVE: 'INACTIVE',
  EXPIRED: 'CANCELLED',
} as const satisfies Partial<Record<OrderEventType, TransitionOutcome>>;

/** Final-but-dead statuses absorb further "it is dead" reports. */
function deadOrderOutcomes(status: OrderStatus): Partial<Record<OrderEventType, TransitionOutcome>> {
  return { CANCEL_CONFIRMED: status, REJECTED: status, INACTIVE: status, EXPIRED: status };
}

export const ORDER_TRANSITIONS: Readonly<Record<OrderStatus, Readonly<Partial<Record<OrderEventType, TransitionOutcome>>>>> = {
  // Never sent: a cancel needs no broker confirmation, and no broker event can refer to it.
  CREATED: { SUBMIT_SENT: 'PENDING_SUBMIT', CANCEL_REQUESTED: 'CANCELLED', REJECTED: 'REJECTED', EXPIRED: 'CANCELLED' },
  PENDING_SUBMIT: { ...liveOrderOutcomes, SUBMIT_SENT: 'PENDING_SUBMIT', ACKNOWLEDGED: 'SUBMITTED', HELD: 'PRE_SUBMITTED', CANCEL_REJECTED: 'PENDING_SUBMIT' },
  PRE_SUBMITTED: { ...liveOrderOutcomes, ACKNOWLEDGED: 'SUBMITTED', HELD: 'PRE_SUBMITTED', CANCEL_REJECTED: 'PRE_SUBMITTED' },
  // HELD: IB shows working GTC orders as PreSubmitted outside regular hours.
  SUBMITTED: { ...liveOrderOutcomes, ACKNOWLEDGED: 'SUBMITTED', HELD: 'PRE_SUBMITTED', CANCEL_REJECTED: 'SUBMITTED' },
  // IB reports "Submitted" (filled > 0) after every partial fill: that must not lose the fill.
  PARTIALLY_FILLED: { ...liveOrderOutcomes, ACKNOWLEDGED: 'PARTIALLY_FILLED', HELD: 'PARTIALLY_FILLED', CANCEL_REJECTED: 'PARTIALLY_FILLED' },
  // A late working status does not undo the cancel request; fills still count.
  PENDING_CANCEL: { ...liveOrderOutcomes, ACKNOWLEDGED: 'PENDING_CANCEL', HELD: 'PENDING_CANCEL', CANCEL_REQUESTED: 'PENDING_CANCEL', CANCEL_REJECTED: 'RESTORE' },
  FILLED: { FILL: 'FILLED' },
  CANCELLED: deadOrderOutcomes('CANCELLED'),
  REJECTED: deadOrderOutcomes('REJECTED'),
  INACTIVE: deadOrderOutcomes('INACTIVE'),
};

const finalStatuses: ReadonlySet<OrderStatus> = new Set(['FILLED', 'CANCELLED', 'REJECTED', 'INACTIVE']);
const workingStatuses: ReadonlySet<OrderStatus> = new Set(['PENDING_SUBMIT', 'PRE_SUBMITTED', 'SUBMITTED', 'PARTIALLY_FILLED', 'PENDING_CANCEL']);
const cancellableStatuses: ReadonlySet<OrderStatus> = new Set(['CREATED', 'PENDING_SUBMIT', 'PRE_SUBMITTED', 'SUBMITTED', 'PARTIALLY_FILLED']);

/** FILLED, CANCELLED, REJECTED, INACTIVE: nothing further changes the status. */
export function isFinalStatus(status: OrderStatus): boolean {
  return finalStatuses.has(status);
}

/** Sent and not final: the broker has (or may have) it and it may still fill. Counts as an open order. */
export function isWorkingStatus(status: OrderStatus): boolean {
  return workingStatuses.has(status);
}

/** A cancel may be requested now (not final and no cancel already pending). */
export function isCancellableStatus(status: OrderStatus): boolean {
  return cancellableStatuses.has(status);
}

export function nextStatus(current: OrderStatus, event: OrderEvent): TransitionResult {
  if (!(ORDER_STATUSES as readonly string[]).includes(current)) return { ok: false, error: `unknown order status ${JSON.stringify(current)}` };
  if (!(ORDER_EVENT_TYPES as readonly string[]).includes(event.type)) return { ok: false, error: `unknown order event ${JSON.stringify(event.type)}` };
  const outcome = ORDER_TRANSITIONS[current][event.type];
  if (outcome === undefined) return { ok: false, error: `illegal transition: ${event.type} after ${current}` };
  if (outcome !== 'RESTORE') return { ok: true, status: outcome, changed: outcome !== current };
  const filledQuantity = event.type === 'CANCEL_REJECTED' ? event.filledQuantity : undefined;
  if (typeof filledQuantity !== 'number' || !Number.isSafeInteger(filledQuantity) || filledQuantity < 0) {
    return { ok: false, error: `CANCEL_REJECTED needs filledQuantity as a non-negative integer, got ${String(filledQuantity)}` };
  }
  const restored: OrderStatus = filledQuantity > 0 ? 'PARTIALLY_FILLED' : 'SUBMITTED';
  return { ok: true, status: restored, changed: true };
}
