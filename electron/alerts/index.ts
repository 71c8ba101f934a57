// The alerts engine: AlertManager (raise, dedup, throttle, acknowledge, persisted), the sink
// port, and the rules that turn engine events and decisions into alerts. See README.md.
export { AlertManager, type AcknowledgeResult, type AlertManagerOptions, type AlertRecords } from './alert-manager.ts';
export { DEFAULT_ALERT_POLICY, resolveAlertPolicy, type AlertPolicy } from './alert-policy.ts';
export { AlertSinkFanOut, createTextAlertSink, formatAlertLine, type AlertSink } from './alert-sink.ts';
export type { AlertDetails, AlertEventBus, AlertEvents, AlertSuppressedEvent, RaiseAlertInput, RaiseAlertResult, SuppressionReason } from './alert-types.ts';
export { dedupKeyFor, MAXIMUM_DEDUP_KEY_LENGTH } from './dedup-key.ts';
export type { AlertRaiser } from './rules/alert-rule.ts';
export { connectAlertSources, type AlertSources } from './rules/connect-alert-sources.ts';
export { decisionAlert, decisionSeverity, type DecisionAlertContext } from './rules/decision-alert.ts';
