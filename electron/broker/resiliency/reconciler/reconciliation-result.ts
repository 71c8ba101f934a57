// What one reconciliation did and found. Every list is also journaled (compactly) in the
// 'reconciliation.finished' entry; discrepancies are published as events for the alerts.
import type { BrokerExecution, BrokerOrderState } from '../../broker.ts';
import type { Contract } from '../../../../shared/domain/contract.ts';
import type { ClientOrderRef, OrderId } from '../../../../shared/domain/ids.ts';
import type { OrderEventType } from '../../../../shared/domain/order-status.ts';
import type { OrderStatus } from '../../../../shared/domain/order-types.ts';
import type { BrokerOperation } from '../../../execution/oms-types.ts';

/** Why a reconciliation ran. 'start' is the first run of the process: no broker call of ours can be in flight. */
export const RECONCILE_TRIGGERS = ['start', 'reconnect', 'retry', 'manual'] as const;
export type ReconcileTrigger = (typeof RECONCILE_TRIGGERS)[number];

/** A broker execution we did not have, now recorded as a fill through the OMS. */
export interface AdoptedFill {
  readonly executionId: string;
  readonly orderId: OrderId;
  readonly clientOrderRef: ClientOrderRef;
  readonly quantity: number;
  readonly price: number;
  readonly time: number;
}

/**
 * An order whose outcome was in doubt (a flagged unknown outcome, or PENDING_SUBMIT without a
 * broker id), settled: 'found' at the broker (its broker id, status and fills adopted),
 * 'not-sent' (the broker has no order or execution with its ref), or 'settled' (the order is
 * final, so the doubt no longer matters).
 */
export interface ResolvedOrder {
  readonly orderId: OrderId;
  readonly clientOrderRef: ClientOrderRef;
  readonly operation: BrokerOperation;
  readonly outcome: 'found' | 'not-sent' | 'settled';
  readonly status: OrderStatus;
  readonly brokerOrderId: number | undefined;
}

/** A status the reconciler decided (the broker reports none for the order). */
export interface MarkedOrder {
  readonly orderId: OrderId;
  readonly clientOrderRef: ClientOrderRef;
  readonly from: OrderStatus;
  readonly to: OrderStatus;
  readonly reason: string;
}

/** A status the broker reports for an order of ours, adopted through the transition table. */
export interface AdoptedStatus {
  readonly orderId: OrderId;
  readonly clientOrderRef: ClientOrderRef;
  readonly brokerState: BrokerOrderState;
  readonly from: OrderStatus;
  readonly to: OrderStatus;
}

/** A status the transition table refused (recorded in the order's history once, never forced). */
export interface RefusedTransition {
  readonly orderId: OrderId;
  readonly clientOrderRef: ClientOrderRef;
  /** The broker's state behind it; undefined for a status the reconciler decided. */
  readonly brokerState: BrokerOrderState | undefined;
  readonly event: OrderEventType;
  readonly status: OrderStatus;
  readonly error: string;
  /** True when an earlier run (or the live OMS) had already recorded this refusal: nothing was written this time. */
  readonly alreadyRecorded: boolean;
}

/** An execution whose client order ref is none of ours (or that cannot belong to its order). */
export interface ForeignExecution {
  readonly execution: BrokerExecution;
  readonly reason: string;
  /** False when an earlier run (or the OMS, live) already reported it. */
  readonly firstReported: boolean;
}

/** A live broker order that is not ours (placed in TWS, by another client, or a ref we never issued). */
export interface ForeignOrder {
  readonly rawOrderRef: string | undefined;
  readonly brokerOrderId: number;
  readonly state: BrokerOrderState;
  readonly description: string;
}

export const POSITION_MISMATCH_KINDS = ['outside-app', 'missing-at-broker', 'quantity'] as const;
/** outside-app: the broker holds it, our fills do not · missing-at-broker: the reverse · quantity: both, different sizes. */
export type PositionMismatchKind = (typeof POSITION_MISMATCH_KINDS)[number];

export interface PositionMismatch {
  readonly kind: PositionMismatchKind;
  readonly contractKey: string;
  readonly contract: Contract;
  /** Signed quantity from our fills (0 when we have none). */
  readonly bookQuantity: number;
  /** Signed quantity the broker reports (0 when it has none). */
  readonly brokerQuantity: number;
}

export interface ResolvedDeadLetter {
  readonly id: number;
  readonly clientOrderRef: ClientOrderRef;
  readonly found: boolean;
  readonly brokerOrderId: number | undefined;
}

/** A placement this process may still be sending (reconnect runs only): left alone until the next run. */
export interface InFlightOrder {
  readonly orderId: OrderId;
  readonly clientOrderRef: ClientOrderRef;
  readonly since: number;
}

interface RunTimes {
  readonly trigger: ReconcileTrigger;
  readonly startedAt: number;
  readonly finishedAt: number;
}

export interface ReconciliationSuccess extends RunTimes {
  readonly ok: true;
  /** Executions were read from this instant (epoch ms). */
  readonly since: number;
  /** Whether the governor was marked reconciled (no position mismatch, nothing in flight). */
  readonly reconciled: boolean;
  /** Why not, when not. */
  readonly reason: string | undefined;
  readonly adoptedFills: readonly AdoptedFill[];
  readonly resolvedOrders: readonly ResolvedOrder[];
  readonly markedOrders: readonly MarkedOrder[];
  readonly adoptedStatuses: readonly AdoptedStatus[];
  readonly refusedTransitions: readonly RefusedTransition[];
  readonly foreignExecutions: readonly ForeignExecution[];
  readonly foreignOrders: readonly ForeignOrder[];
  readonly positionMismatches: readonly PositionMismatch[];
  readonly resolvedDeadLetters: readonly ResolvedDeadLetter[];
  readonly inFlightOrders: readonly InFlightOrder[];
}

/** A broker query failed (or timed out), the connection dropped meanwhile, or the run broke: nothing was resolved. */
export interface ReconciliationFailure extends RunTimes {
  readonly ok: false;
  readonly reason: string;
}

export type ReconciliationResult = ReconciliationSuccess | ReconciliationFailure;

export type Discrepancy =
  | { readonly kind: 'foreign-execution'; readonly foreign: ForeignExecution }
  | { readonly kind: 'foreign-order'; readonly order: ForeignOrder }
  | { readonly kind: 'position-mismatch'; readonly mismatch: PositionMismatch }
  | { readonly kind: 'refused-transition'; readonly refused: RefusedTransition };

export type ReconcilerEvent =
  | { readonly type: 'started'; readonly trigger: ReconcileTrigger; readonly since: number; readonly at: number }
  /** Alert-worthy: new foreign executions, live foreign orders, position mismatches, newly recorded refused transitions. */
  | { readonly type: 'discrepancy'; readonly discrepancy: Discrepancy }
  | { readonly type: 'finished'; readonly result: ReconciliationResult };

/** True when the run succeeded and the governor was marked reconciled. */
export function isReconciled(result: ReconciliationResult): boolean {
  return result.ok && result.reconciled;
}
