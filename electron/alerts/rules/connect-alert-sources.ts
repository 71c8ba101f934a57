// Wires the engine's event sources to the alert manager. Every source is optional; the
// returned Disposable unsubscribes all of them. A rule that throws, or a raise that fails, is
// logged here and never thrown back into the publisher.
//
//   const alerts = connectAlertSources(manager, {
//     executionBus, riskBus, killSwitchBus, watchdog, circuit: broker.circuit, deadLetters,
//   }, { logger });
import type { CircuitStateChange } from '../../broker/resiliency/circuit-breaker.ts';
import type { WatchdogEvent } from '../../broker/resiliency/connection-watchdog.ts';
import { toAppError } from '../../core/errors.ts';
import type { EventBus } from '../../core/event-bus.ts';
import { DisposableStore, type Disposable } from '../../core/lifecycle.ts';
import { silentLogger, type Logger } from '../../core/logger.ts';
import type { ExecutionEventBus } from '../../execution/execution-events.ts';
import type { KillSwitchEvents } from '../../risk/kill-switch/kill-switch-types.ts';
import type { RiskGovernorEvents } from '../../risk/risk-events.ts';
import type { AlertRaiser, ListenerSource, RaiseAlert } from './alert-rule.ts';
import { connectCircuitAlerts, connectWatchdogAlerts } from './connection-alerts.ts';
import { connectDeadLetterAlerts, type DeadLetterSource } from './dead-letter-alerts.ts';
import { connectExecutionAlerts } from './execution-alerts.ts';
import { connectKillSwitchAlerts } from './kill-switch-alerts.ts';
import { connectRiskAlerts } from './risk-alerts.ts';

export interface AlertSources {
  /** OMS and execution events: unknown outcomes, illegal transitions, unknown executions, stale in-flight orders, send failures, OMS errors. */
  readonly executionBus?: Pick<ExecutionEventBus, 'subscribe'> | undefined;
  /** Risk governor events: denials, state changes (halt, daily loss, …), refused rearms, failed records. */
  readonly riskBus?: Pick<EventBus<RiskGovernorEvents>, 'subscribe'> | undefined;
  /** Kill switch events: its own stored alerts are relayed, not stored again. */
  readonly killSwitchBus?: Pick<EventBus<KillSwitchEvents>, 'subscribe'> | undefined;
  readonly watchdog?: ListenerSource<WatchdogEvent> | undefined;
  /** A circuit breaker (ResilientBroker.circuit). */
  readonly circuit?: { onStateChange(listener: (change: CircuitStateChange) => void): Disposable } | undefined;
  readonly deadLetters?: DeadLetterSource | undefined;
}

export function connectAlertSources(manager: AlertRaiser, sources: AlertSources, options: { readonly logger?: Logger } = {}): Disposable {
  const logger = (options.logger ?? silentLogger).child({ component: 'alert-sources' });
  const subscriptions = new DisposableStore();
  const raise: RaiseAlert = (input) => {
    if (input === undefined) return;
    try {
      manager.raise(input);
    } catch (error) {
      logger.error('an alert could not be raised', { source: input.source, message: input.message, error: toAppError(error) });
    }
  };
  const guarded = <Event>(handler: (event: Event) => void) => (event: Event): void => {
    try {
      handler(event);
    } catch (error) {
      logger.error('an alert rule failed', { error: toAppError(error) });
    }
  };
  const add = (items: Disposable | readonly Disposable[]): void => {
    for (const item of Array.isArray(items) ? items : [items as Disposable]) subscriptions.add(item);
  };
  const { executionBus, riskBus, killSwitchBus, watchdog, circuit, deadLetters } = sources;
  if (executionBus) add(connectExecutionAlerts(guardedBus(executionBus, guarded), raise));
  if (riskBus) add(connectRiskAlerts(guardedBus(riskBus, guarded), raise));
  if (killSwitchBus) add(connectKillSwitchAlerts(guardedBus(killSwitchBus, guarded), manager, raise));
  if (watchdog) add(connectWatchdogAlerts({ subscribe: (listener) => watchdog.subscribe(guarded(listener)) }, raise));
  if (circuit) add(connectCircuitAlerts({ onStateChange: (listener) => circuit.onStateChange(guarded(listener)) }, raise));
  if (deadLetters) {
    const letters = { subscribe: (listener: Parameters<DeadLetterSource['subscribe']>[0]) => deadLetters.subscribe(guarded(listener)), interruptedOnOpen: deadLetters.interruptedOnOpen };
    add(connectDeadLetterAlerts(letters, raise));
  }
  return subscriptions;
}

type Guard = <Event>(handler: (event: Event) => void) => (event: Event) => void;

/** A bus whose handlers are wrapped by `guard`. */
function guardedBus<EventMap extends object>(bus: Pick<EventBus<EventMap>, 'subscribe'>, guard: Guard): Pick<EventBus<EventMap>, 'subscribe'> {
  return { subscribe: (type, handler) => bus.subscribe(type, guard(handler)) };
}
