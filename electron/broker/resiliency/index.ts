// Broker resiliency: retries with backoff, the circuit breaker, the resilient broker, the
// dead-letter queue and the connection watchdog. See README.md. (The reconciler will live in
// ./reconciler/.)
export { createBackoff, DEFAULT_BACKOFF, type Backoff, type BackoffOptions } from './backoff.ts';
export { sleep, withTimeout } from './clock-delay.ts';
export {
  BROKER_OPERATION_KINDS, createRetryPolicy, DEFAULT_MAX_ATTEMPTS, isRetryAllowed, OPERATION_KINDS, retry,
  type OperationKind, type RetriedBrokerMethod, type RetryNotice, type RetryOptions, type RetryPolicy, type RetryRun,
} from './retry-policy.ts';
export { CircuitOpenError } from './circuit-open-error.ts';
export { classifyBrokerFailure, NEUTRAL_CODES, OUTAGE_CODES, type FailureVerdict } from './failure-verdict.ts';
export {
  CIRCUIT_STATES, CircuitBreaker, DEFAULT_FAILURE_THRESHOLD, DEFAULT_OPEN_DURATION_MS,
  type CircuitBreakerOptions, type CircuitCallOptions, type CircuitSnapshot, type CircuitState, type CircuitStateChange,
} from './circuit-breaker.ts';
export { ResilientBroker, type ResilientBrokerOptions } from './resilient-broker.ts';
export { heartbeat, isPingable, type Pingable } from './heartbeat.ts';
export {
  canMoveDeadLetter, DEAD_LETTER_CHANGES, DEAD_LETTER_JOURNAL_TYPES, DEAD_LETTER_STATUSES,
  type DeadLetter, type DeadLetterCapture, type DeadLetterChange, type DeadLetterJournalPayloads, type DeadLetterSink, type DeadLetterStatus,
} from './dead-letter.ts';
export { DEAD_LETTER_KINDS, deadLetterRef, type DeadLetterKind, type DeadLetterRequest } from './dead-letter-request.ts';
export {
  DeadLetterQueue, type DeadLetterBroker, type DeadLetterEvent, type DeadLetterQueueOptions, type ResubmitResult, type UnknownOutcomeResolution,
} from './dead-letter-queue.ts';
export { assessHealth, HEALTH_STATES, type ConnectionHealth, type HealthState } from './connection-health.ts';
export { ConnectionWatchdog, type ConnectionWatchdogOptions, type WatchdogEvent } from './connection-watchdog.ts';
export { reconnect, type ReconnectOutcome, type ReconnectPlan } from './reconnector.ts';
