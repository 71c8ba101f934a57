// The events the OMS and the execution engine publish on the typed EventBus, for the UI (via
// the IPC forwarder), alerts, the reconciler and the monitoring workflow. Payloads are
// immutable snapshots (the bus deep-freezes them in development).
import type { BrokerExecution, BrokerOrderState, BrokerOrderStatus } from '../broker/broker.ts';
import type { EventBus } from '../core/event-bus.ts';
import type { Fill } from '../../shared/domain/fill.ts';
import type { OrderId } from '../../shared/domain/ids.ts';
import type { Order } from '../../shared/domain/order.ts';
import type { OrderEventType } from '../../shared/domain/order-status.ts';
import type { OrderStatus } from '../../shared/domain/order-types.ts';
import type { RiskDenial } from '../../shared/domain/risk.ts';
import type { ExecutionResult } from './execution-result.ts';
import type { BrokerOperation, DeadLetterCandidate, OrderChanges, OrderContext, OrderTerms, UnknownOutcome } from './oms-types.ts';

/** Who caused a status change: the OMS itself (send, cancel request, local rejection) or a broker report. */
export type ChangeSource = 'oms' | 'broker' | 'execution';

export type WalkStopReason = 'filled' | 'final' | 'cancel-requested' | 'reached-natural' | 'credit-floor' | 'max-steps' | 'modify-failed' | 'no-quote' | 'stopped';

export interface ExecutionEvents {
  /** A new order was saved (status CREATED), before any gate check or broker call. */
  'order.created': { readonly order: Order; readonly context: OrderContext };
  /** A status, broker id or message changed through the transition table. */
  'order.updated': { readonly order: Order; readonly previousStatus: OrderStatus; readonly event: OrderEventType; readonly source: ChangeSource };
  /** The pre-trade gate refused a new order (now REJECTED) or a modify (order unchanged). */
  'order.denied': { readonly order: Order; readonly denial: RiskDenial; readonly kind: 'new' | 'modify' };
  /** A broker call certainly did not leave: the orders are INACTIVE; the candidate is for the dead-letter queue. */
  'order.send-failed': { readonly orders: readonly Order[]; readonly deadLetter: DeadLetterCandidate };
  /** A broker call may have reached the broker: never resend; the reconciler resolves it by client order ref. */
  'order.unknown-outcome': UnknownOutcome;
  /** An unknown outcome was settled (a broker report arrived, a late answer, or the reconciler said so). */
  'order.outcome-resolved': { readonly orderId: OrderId; readonly operation: BrokerOperation; readonly note: string };
  /** An impossible transition (a late Submitted after Filled, …) was recorded as refused, not applied. */
  'order.illegal-transition': { readonly order: Order; readonly event: OrderEventType; readonly error: string; readonly source: ChangeSource };
  /** A modify was saved and is being sent; `terms` are the order's terms with the changes (the book takes them once the broker confirms: 'order.amended'). */
  'order.modified': { readonly order: Order; readonly changes: OrderChanges; readonly terms: OrderTerms };
  /** The broker confirmed a modify: the order row (the book of record) now holds the new terms. */
  'order.amended': { readonly order: Order; readonly previous: Order; readonly changes: OrderChanges; readonly modificationSequence: number };
  /** A sent modify will not be applied: the broker refused it (a notice) or it was dropped (the order ended first, or it no longer fits). The order keeps its terms. */
  'order.modify-dropped': {
    readonly order: Order;
    readonly changes: OrderChanges;
    readonly outcome: 'refused' | 'dropped';
    readonly reason: string;
    readonly code: number | undefined;
    readonly modificationSequence: number;
  };
  /** The order is completely filled (from its executions). */
  'order.filled': { readonly order: Order };
  /** A new execution was recorded (positions change), whatever it did to the order's status. */
  'fill.recorded': { readonly fill: Fill; readonly order: Order };
  'commission.recorded': { readonly fill: Fill };
  /** An execution that matches none of our orders or cannot belong to its order: journaled, for the reconciler. */
  'execution.unknown': { readonly execution: BrokerExecution; readonly reason: string };
  /** A status report for an order that is not ours (placed outside the app, or a reference we never issued). */
  'broker.unknown-order': { readonly status: BrokerOrderStatus; readonly reason: string };
  /** A broker warning or message (IB 399, a refused modify, …), with our order when it names one. */
  'broker.notice': { readonly code: number | undefined; readonly message: string; readonly orderId: OrderId | undefined };
  /** A working entry order outlived its timeout; the monitor cancelled it (and may replace it). */
  'order.timed-out': { readonly order: Order; readonly policy: 'cancel' | 'reprice'; readonly ageMs: number };
  /** A timed-out entry order was replaced at a new price (or `replacement` is undefined and why says why not). */
  'order.replaced': { readonly previous: Order; readonly replacement: Order | undefined; readonly limitPrice: number | undefined; readonly why: string };
  /**
   * Alert-worthy (F6): a sent order had no answer from the broker within the in-flight timeout
   * and a lookup of the broker's open orders and executions did not settle it. `brokerState` is
   * what the broker shows (undefined: it does not show the order; PENDING_SUBMIT: stuck there
   * too); `error` when the lookup itself failed. `gaveUp`: the last lookup; the monitor stops.
   * The order is never resent.
   */
  'order.in-flight-stale': {
    readonly order: Order;
    readonly sentAt: number;
    readonly ageMs: number;
    readonly lookups: number;
    readonly brokerState: BrokerOrderState | undefined;
    readonly error: string | undefined;
    readonly gaveUp: boolean;
  };
  /** An order the in-flight monitor had looked up left PENDING_SUBMIT: through its lookup or a later broker report. */
  'order.in-flight-resolved': { readonly order: Order; readonly lookups: number; readonly via: 'lookup' | 'broker-report' };
  /** Something went wrong while applying a broker event; nothing was lost silently. */
  'oms.error': { readonly message: string; readonly code: string; readonly orderId: OrderId | undefined };
  'combo.walk-step': { readonly orderId: OrderId; readonly step: number; readonly limitPrice: number; readonly natural: number };
  'combo.walk-stopped': { readonly orderId: OrderId; readonly reason: WalkStopReason; readonly limitPrice: number; readonly steps: number };
  /** Every execution-engine operation's result. */
  'execution.completed': { readonly operation: string; readonly result: ExecutionResult };
}

export type ExecutionEventBus = EventBus<ExecutionEvents>;
