// One line of an order's history as stored in order_events: its creation, each applied status
// change and each refused one (an illegal transition is recorded, never silently dropped).
import { invalid } from '../../shared/domain/errors.ts';
import { parseExecutionId, parseOrderId, type ExecutionId, type OrderId } from '../../shared/domain/ids.ts';
import { ORDER_EVENT_TYPES } from '../../shared/domain/order-status.ts';
import { ORDER_STATUSES, type OrderStatus } from '../../shared/domain/order-types.ts';
import { optional, requireEpochMillis, requireNonEmptyString, requireNonNegativeInteger, requireOneOf, requirePositiveInteger } from '../../shared/domain/validate.ts';

export const ORDER_HISTORY_EVENTS = ['CREATED', ...ORDER_EVENT_TYPES] as const;
export type OrderHistoryEvent = (typeof ORDER_HISTORY_EVENTS)[number];

/** created: the order was stored · applied: the event was accepted (status may be unchanged) · refused: illegal, nothing changed. */
export const ORDER_EVENT_OUTCOMES = ['created', 'applied', 'refused'] as const;
export type OrderEventOutcome = (typeof ORDER_EVENT_OUTCOMES)[number];

export interface OrderEventRecord {
  /** Row number: the order events were recorded in. */
  readonly id: number;
  readonly orderId: OrderId;
  readonly time: number;
  readonly event: OrderHistoryEvent;
  readonly outcome: OrderEventOutcome;
  /** Undefined for CREATED. */
  readonly fromStatus: OrderStatus | undefined;
  /** Undefined when refused. */
  readonly toStatus: OrderStatus | undefined;
  /** The filled quantity a CANCEL_REJECTED event carried. */
  readonly cancelFilledQuantity: number | undefined;
  /** The execution behind a PARTIAL_FILL / FILL event. */
  readonly executionId: ExecutionId | undefined;
  /** The broker's or caller's text. */
  readonly message: string | undefined;
  /** Why it was refused. */
  readonly error: string | undefined;
  /** The journal entry that recorded it. */
  readonly journalSequence: number | undefined;
}

type Optional<T, K extends keyof T> = Omit<T, K> & Partial<Pick<T, K>>;
export type NewOrderEventRecord = Optional<
  Omit<OrderEventRecord, 'id'>,
  'fromStatus' | 'toStatus' | 'cancelFilledQuantity' | 'executionId' | 'message' | 'error' | 'journalSequence'
>;

const requireStatus = (value: unknown, field: string): OrderStatus => requireOneOf(value, ORDER_STATUSES, field);

/** Validates a record (new, with id 0 until stored, or read back). */
export function createOrderEventRecord(input: NewOrderEventRecord & { readonly id?: number }): OrderEventRecord {
  const event = requireOneOf(input.event, ORDER_HISTORY_EVENTS, 'event');
  const outcome = requireOneOf(input.outcome, ORDER_EVENT_OUTCOMES, 'outcome');
  const record: OrderEventRecord = Object.freeze({
    id: requireNonNegativeInteger(input.id ?? 0, 'id'),
    orderId: parseOrderId(input.orderId, 'orderId'),
    time: requireEpochMillis(input.time, 'time'),
    event,
    outcome,
    fromStatus: optional(input.fromStatus, 'fromStatus', requireStatus),
    toStatus: optional(input.toStatus, 'toStatus', requireStatus),
    cancelFilledQuantity: optional(input.cancelFilledQuantity, 'cancelFilledQuantity', requireNonNegativeInteger),
    executionId: optional(input.executionId, 'executionId', parseExecutionId),
    message: optional(input.message, 'message', requireNonEmptyString),
    error: optional(input.error, 'error', requireNonEmptyString),
    journalSequence: optional(input.journalSequence, 'journalSequence', requirePositiveInteger),
  });
  requireConsistentRecord(record);
  return record;
}

function requireConsistentRecord(record: OrderEventRecord): void {
  const { event, outcome } = record;
  if ((event === 'CREATED') !== (outcome === 'created')) invalid('outcome', `must be 'created' exactly for a CREATED event (event is ${event})`, outcome);
  if ((record.fromStatus === undefined) !== (outcome === 'created')) invalid('fromStatus', `must be set unless the outcome is 'created' (outcome is ${outcome})`, record.fromStatus);
  if ((record.toStatus === undefined) !== (outcome === 'refused')) invalid('toStatus', `must be set unless the outcome is 'refused' (outcome is ${outcome})`, record.toStatus);
  if ((record.error === undefined) !== (outcome !== 'refused')) invalid('error', `must be set exactly when the outcome is 'refused' (outcome is ${outcome})`, record.error);
  if ((record.cancelFilledQuantity === undefined) !== (event !== 'CANCEL_REJECTED')) {
    invalid('cancelFilledQuantity', `must be set exactly for a CANCEL_REJECTED event (event is ${event})`, record.cancelFilledQuantity);
  }
}
