// The narrow ports the reconciler works through. The composition root satisfies them with the
// real objects: ReconcilerOrderBook with orderBookPort(oms, store) (oms-order-book-port.ts), the
// governor with the RiskGovernor, the dead letters with the DeadLetterQueue, the memory with
// settingsMemoryStore(settings) (reconciler-memory.ts), the journal with Journal.append.
import type { Broker, BrokerEvent } from '../../broker.ts';
import type { ClientOrderRef, ExecutionId, OrderId } from '../../../../shared/domain/ids.ts';
import type { Order } from '../../../../shared/domain/order.ts';
import type { OrderEvent } from '../../../../shared/domain/order-status.ts';
import type { OrderStatus } from '../../../../shared/domain/order-types.ts';
import type { UnmatchedExecution } from '../../../execution/oms-journal.ts';
import type { BrokerOperation, UnknownOutcome } from '../../../execution/oms-types.ts';
import type { PositionLine } from '../../../execution/positions-provider.ts';
import type { OrderHistoryEvent, OrderEventOutcome } from '../../../persistence/order-event-record.ts';
import type { DeadLetterQueue } from '../dead-letter-queue.ts';

/** One line of an order's stored history, as much as the reconciler reads of it. */
export interface OrderHistoryLine {
  readonly event: OrderHistoryEvent;
  readonly outcome: OrderEventOutcome;
  readonly fromStatus: OrderStatus | undefined;
  /** Why it was refused. */
  readonly error: string | undefined;
}

/** What a status the reconciler decided did: applied (maybe unchanged) or refused by the transition table. */
export type RecordedStatus = { readonly ok: true; readonly order: Order; readonly changed: boolean } | { readonly ok: false; readonly order: Order; readonly error: string };

/**
 * The order book of record, as the reconciler needs it (the OMS plus two reads of its store).
 * Everything that changes an order goes through the OMS's normal paths and the transition table.
 */
export interface ReconcilerOrderBook {
  /** Orders that are not final: CREATED (saved, never sent) and working (PENDING_SUBMIT … PENDING_CANCEL), oldest first. */
  openOrders(): readonly Order[];
  orderByClientOrderRef(reference: ClientOrderRef): Order | undefined;
  /** Whether the execution is recorded as one of our fills. */
  hasExecution(executionId: ExecutionId): boolean;
  /** The order's stored history (created, applied and refused events), oldest first. */
  orderHistory(orderId: OrderId): readonly OrderHistoryLine[];
  /** Open positions from our recorded fills (flat ones left out). */
  bookPositions(): readonly PositionLine[];
  unknownOutcomes(): readonly UnknownOutcome[];
  resolveUnknownOutcome(orderId: OrderId, operation: BrokerOperation, note: string): void;
  /** Executions the OMS could not attribute (journaled as such). */
  unmatchedExecutions(): readonly UnmatchedExecution[];
  /** The OMS's live path for broker reports: statuses through the transition table, executions as fills (a repeated execution id is a no-op). */
  applyBrokerEvent(event: BrokerEvent): void;
  /**
   * A status the reconciler decided because the broker does not report one (never sent, no longer
   * known, cancel never arrived), applied through the transition table; a refusal is recorded.
   * (The OMS has no public method for this: see README, "Gaps".)
   */
  recordStatus(orderId: OrderId, event: OrderEvent, details: { readonly message?: string; readonly brokerOrderId?: number }): RecordedStatus;
}

/** The broker queries the reconciler makes (use the ResilientBroker so they are retried). */
export type ReconcilerBroker = Pick<Broker, 'openOrders' | 'executions' | 'positions'>;

/** The risk governor's reconciled flag: automation trades only while reconciled. */
export interface ReconcilerGovernor {
  markReconciled(): void;
  markUnreconciled(reason: string): void;
}

/** UNKNOWN dead letters are resolved by client order ref. */
export type ReconcilerDeadLetters = Pick<DeadLetterQueue, 'list' | 'resolveUnknown'>;

/** What the reconciler remembers between runs (persisted, so a restart keeps it). */
export interface ReconcilerMemory {
  /** When the last successful reconciliation queried the broker (epoch ms). */
  readonly watermark: number;
  /** Foreign executions already reported, so a second run does not report them again. */
  readonly reportedForeignExecutions: readonly { readonly executionId: string; readonly time: number }[];
}

export interface ReconcilerMemoryStore {
  /** undefined when nothing (readable) is stored: the reconciler then reads every execution the broker has. */
  load(): ReconcilerMemory | undefined;
  save(memory: ReconcilerMemory): void;
}

export const RECONCILER_JOURNAL_TYPES = ['reconciliation.started', 'reconciliation.finished'] as const;
export type ReconcilerJournalType = (typeof RECONCILER_JOURNAL_TYPES)[number];

/** Appends a journal entry (the composition root: `(type, payload) => journal.append(type, payload)`). */
export type ReconcilerJournalAppend = (type: ReconcilerJournalType, payload: unknown) => void;
