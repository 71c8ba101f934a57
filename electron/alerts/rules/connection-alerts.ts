// Alerts from the connection watchdog (source 'broker.connection') and the circuit breaker
// (source 'broker.circuit'). The link coming back is reported once, by the watchdog's
// 'reconnected' event (a health change out of 'down' at start-up is no reconnect).
import type { Disposable } from '../../core/lifecycle.ts';
import type { CircuitStateChange } from '../../broker/resiliency/circuit-breaker.ts';
import type { WatchdogEvent } from '../../broker/resiliency/connection-watchdog.ts';
import type { RaiseAlertInput } from '../alert-types.ts';
import { seconds, type ListenerSource, type RaiseAlert } from './alert-rule.ts';

const connectionSource = 'broker.connection';
const circuitSource = 'broker.circuit';

export function watchdogAlert(event: WatchdogEvent): RaiseAlertInput | undefined {
  switch (event.type) {
    case 'health': {
      const { health, previous } = event;
      if (health.state === 'down') {
        return { severity: 'critical', source: connectionSource, message: `Broker connection DOWN: ${health.reason}. Reconnecting; trading waits for reconciliation.`, dedupKey: 'broker:connection-down', details: { previous, since: health.since } };
      }
      if (health.state === 'degraded' && previous === 'healthy') {
        return { severity: 'warning', source: connectionSource, message: `Broker connection degraded: ${health.reason}`, dedupKey: 'broker:connection-degraded', details: { consecutiveFailures: health.consecutiveFailures } };
      }
      return undefined;
    }
    case 'reconnected':
      return {
        severity: 'info',
        source: connectionSource,
        message: `Broker connection back after ${seconds(event.at - event.downSince)} down (${event.downReason}); reconciling before trading resumes.`,
        dedupKey: 'broker:reconnected',
        details: { downSince: event.downSince, attempts: event.attempts },
      };
    case 'reconnect-failed': {
      const next = event.nextAttemptInMs === undefined ? '' : `; next attempt in ${seconds(event.nextAttemptInMs)}`;
      return { severity: 'warning', source: connectionSource, message: `Reconnect attempt ${event.attempt} failed: ${event.error}${next}.`, dedupKey: 'broker:reconnect-failed', details: { attempt: event.attempt } };
    }
    case 'reconnect-gave-up':
      return { severity: 'critical', source: connectionSource, message: `Gave up reconnecting to the broker after ${event.attempts} attempt(s): ${event.error}. Reconnect by hand.`, dedupKey: 'broker:reconnect-gave-up', details: { attempts: event.attempts } };
    case 'reconnect-attempt':
      return undefined;
  }
}

/** OPEN from CLOSED is critical; a failed trial (HALF_OPEN → OPEN) a warning; CLOSED again info; HALF_OPEN nothing. */
export function circuitAlert(change: CircuitStateChange): RaiseAlertInput | undefined {
  const details = { circuit: change.name, from: change.from, to: change.to, consecutiveFailures: change.consecutiveFailures };
  const key = `circuit:${change.name}`;
  if (change.to === 'OPEN' && change.from === 'CLOSED') {
    return { severity: 'critical', source: circuitSource, message: `Circuit breaker '${change.name}' OPEN: broker calls are refused (${change.reason}).`, dedupKey: `${key}:open`, details };
  }
  if (change.to === 'OPEN') {
    return { severity: 'warning', source: circuitSource, message: `Circuit breaker '${change.name}' still OPEN: ${change.reason}.`, dedupKey: `${key}:reopened`, details };
  }
  if (change.to === 'CLOSED') {
    return { severity: 'info', source: circuitSource, message: `Circuit breaker '${change.name}' closed: broker calls pass again (${change.reason}).`, dedupKey: `${key}:closed`, details };
  }
  return undefined;
}

export function connectWatchdogAlerts(watchdog: ListenerSource<WatchdogEvent>, raise: RaiseAlert): Disposable {
  return watchdog.subscribe((event) => raise(watchdogAlert(event)));
}

export function connectCircuitAlerts(circuit: { onStateChange(listener: (change: CircuitStateChange) => void): Disposable }, raise: RaiseAlert): Disposable {
  return circuit.onStateChange((change) => raise(circuitAlert(change)));
}
