// The workflows (see README.md): the strategy tracker, entry / monitoring / exit workflows and the
// autopilot, built together by createWorkflows(ports, config).
export { createWorkflows, type Workflows } from './create-workflows.ts';
export type { WorkflowPorts, ExecutionEventSource } from './workflow-ports.ts';
export { createWorkflowConfig, DEFAULT_WORKFLOW_CONFIG, SELL_PREMIUM_TYPES, BUY_PREMIUM_TYPES } from './workflow-config.ts';
export type { AutopilotConfig, BuyPremiumType, EntryConfig, EntryParamsByType, ExitConfig, MonitoringConfig, SellPremiumType, WorkflowConfig, WorkflowConfigInput } from './workflow-config.ts';
export type { AutopilotCycleSummary, WorkflowEventBus, WorkflowEvents } from './workflow-events.ts';
export type { EntryMarketFacts, EntryResult, EntrySignal, EntryStatus, WorkflowProblem } from './entry-types.ts';
export type { ExitResult, ExitStatus } from './exit-types.ts';
export { StrategyTracker } from './strategy-tracker.ts';
export type { StrategyNotes } from './strategy-notes.ts';
export { EntryWorkflow, type EntryOptions } from './entry-workflow.ts';
export { evaluateEntryFacts, type EntrySignalFacts } from './entry-signal.ts';
export { PositionMonitoringWorkflow, type MonitorOutcome, type MonitoringCycle } from './monitoring-workflow.ts';
export { ExitWorkflow, type CloseAllResult } from './exit-workflow.ts';
export { Autopilot } from './autopilot.ts';
export { RollPlanner, isMonthlyExpiry, type RollPlan } from './roll-planner.ts';
export { SessionSchedule, nextRunTime } from './session-schedule.ts';
export { strategyLabel } from './strategy-label.ts';
