// The execution core's public surface: the order management system, the execution engine, their
// ports (pre-trade gate from electron/risk, positions provider, quote source) and events.
export { OrderManagementSystem, type OrderManagementSystemOptions } from './order-management-system.ts';
export { ExecutionEngine, toExecutionResult, type ExecutionEngineOptions } from './execution-engine.ts';
export { EntryTimeoutMonitor, DEFAULT_ENTRY_TIMEOUT_MS, type EntryTimeoutOptions } from './entry-timeout-monitor.ts';
export { InFlightMonitor, DEFAULT_IN_FLIGHT_TIMEOUT_MS, type InFlightMonitorOptions } from './in-flight-monitor.ts';
export { isWarningNotice } from './modify-settlement.ts';
export { ComboPriceWalker, DEFAULT_MAX_WALK_STEPS, type ComboPriceWalkerOptions } from './combo-price-walker.ts';
export { EXECUTION_ACTIONS, type ExecutionAction, type ExecutionResult } from './execution-result.ts';
export type { ExecutionEvents, ExecutionEventBus, ChangeSource, WalkStopReason } from './execution-events.ts';
export * from './oms-types.ts';
export type * from './engine-inputs.ts';
export { BrokerPositionsProvider, StorePositionsProvider, type PositionLine, type PositionsProvider } from './positions-provider.ts';
export { orderPrices, type OrderPrices, type QuoteSource } from './combo-pricing.ts';
export { nextWalkPrice, planWalk, validateWalkOptions, type WalkOptions, type WalkPlan, type WalkStep } from './price-walk.ts';
export type { PositionTarget } from './position-orders.ts';
export { BROKER_STATE_EVENTS, orderEventForBrokerState } from './broker-status-map.ts';
export { DRY_RUN_ORDER_ID_PREFIX, dryRunOrderId, isDryRunOrderId, orderIdForClientOrderRef } from './order-ids.ts';
export { DRY_RUN_MESSAGE } from './order-submission.ts';
export { DEFAULT_BROKER_CALL_TIMEOUT_MS } from './broker-call.ts';
export { OMS_JOURNAL_TYPES, type OmsJournalPayloads, type UnmatchedExecution } from './oms-journal.ts';
export { computeOrderMetrics, type OrderMetrics } from './order-metrics.ts';
export type { ComboLegProgress, ComboProgress } from './combo-progress.ts';
export type { CancelAllOptions } from './cancel-all.ts';
