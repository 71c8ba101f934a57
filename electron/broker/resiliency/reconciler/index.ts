// The reconciler: broker truth against the order book of record on every start and reconnect,
// and the component that decides when it runs. See README.md.
export { DEFAULT_RECONCILE_QUERY_TIMEOUT_MS, DEFAULT_WATERMARK_MARGIN_MS, Reconciler, type ReconcileOptions, type ReconcilerOptions } from './reconciler.ts';
export { DEFAULT_RECONCILE_MAX_RETRY_DELAY_MS, DEFAULT_RECONCILE_RETRY_DELAY_MS, ReconciliationTrigger, type ReconciliationTriggerOptions } from './reconciliation-trigger.ts';
export { orderBookPort } from './oms-order-book-port.ts';
export { executionWindowStart, nextMemory, parseMemory, RECONCILER_SETTINGS_KEY, settingsMemoryStore } from './reconciler-memory.ts';
export { comparePositions, describeMismatch } from './position-comparison.ts';
export {
  RECONCILER_JOURNAL_TYPES,
  type OrderHistoryLine, type RecordedStatus, type ReconcilerBroker, type ReconcilerDeadLetters, type ReconcilerGovernor, type ReconcilerJournalAppend,
  type ReconcilerJournalType, type ReconcilerMemory, type ReconcilerMemoryStore, type ReconcilerOrderBook,
} from './reconciler-ports.ts';
export {
  isReconciled, POSITION_MISMATCH_KINDS, RECONCILE_TRIGGERS,
  type AdoptedFill, type AdoptedStatus, type Discrepancy, type ForeignExecution, type ForeignOrder, type InFlightOrder, type MarkedOrder, type PositionMismatch,
  type PositionMismatchKind, type ReconcilerEvent, type ReconcileTrigger, type ReconciliationFailure, type ReconciliationResult, type ReconciliationSuccess,
  type RefusedTransition, type ResolvedDeadLetter, type ResolvedOrder,
} from './reconciliation-result.ts';
