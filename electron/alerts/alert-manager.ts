// The alert manager: every alert of the engine goes through raise(), which folds repeats of one
// condition (dedup), limits noisy sources (throttle), stores the alert through the journaled
// TradingStore.records, publishes it on a typed bus and hands it to the sinks.
//
// Choices:
// - Dedup asks the store (findByDedupKeySince), so it survives a restart. A repeat is folded
//   only into an alert that is not acknowledged and at least as severe: a repeat after the
//   operator acknowledged is a new occurrence, and a warning never hides a critical alert.
// - Repeat and throttle counts live in memory (repeatCount(id), throttledCount(source), and
//   the 'alert.suppressed' event); they start at 0 after a restart.
// - Critical alerts are never throttled and are folded only within the short critical window;
//   every suppression is published and logged, so nothing critical disappears silently.
// - A store failure does not lose the alert: it is still published and handed to the sinks
//   (raise() says persisted: false). Invalid input (empty source or message) is a caller's bug
//   and throws a 'validation' AppError.
// - `details` and acknowledge()'s `by` go to the bus, sinks and logs; the alerts table has no
//   column for them.
import { randomUUID } from 'node:crypto';
import { ALERT_SEVERITIES, createAlert, type Alert, type AlertSeverity } from '../../shared/domain/alert.ts';
import { parseAlertId, type AlertId } from '../../shared/domain/ids.ts';
import type { Clock } from '../core/clock.ts';
import { AppError, toAppError } from '../core/errors.ts';
import { EventBus } from '../core/event-bus.ts';
import type { Disposable } from '../core/lifecycle.ts';
import { silentLogger, type Logger } from '../core/logger.ts';
import type { TradingRecords } from '../persistence/trading-records.ts';
import { resolveAlertPolicy, type AlertPolicy } from './alert-policy.ts';
import { AlertSinkFanOut, type AlertSink } from './alert-sink.ts';
import type { AlertDetails, AlertEventBus, AlertEvents, RaiseAlertInput, RaiseAlertResult, SuppressionReason } from './alert-types.ts';
import { dedupKeyFor } from './dedup-key.ts';
import { BoundedCounter } from './bounded-counter.ts';
import { SourceThrottle } from './source-throttle.ts';

/** The part of TradingStore.records the manager uses. */
export type AlertRecords = Pick<TradingRecords, 'recordAlert' | 'acknowledgeAlert' | 'alerts'>;

export interface AlertManagerOptions {
  readonly records: AlertRecords;
  readonly clock: Clock;
  /** Where 'alert.*' events go; default: a bus of its own (disposed with the manager). */
  readonly events?: AlertEventBus | undefined;
  readonly sinks?: readonly AlertSink[] | undefined;
  readonly policy?: Partial<AlertPolicy> | undefined;
  /** Default: 'alert-' + a random UUID. */
  readonly newAlertId?: (() => string) | undefined;
  readonly logger?: Logger | undefined;
}

export interface AcknowledgeResult {
  readonly alert: Alert;
  /** False when it was acknowledged before (nothing written or published). */
  readonly changed: boolean;
}

const severityRank: Readonly<Record<AlertSeverity, number>> = { info: 0, warning: 1, critical: 2 };
const logLevel = { info: 'info', warning: 'warn', critical: 'error' } as const;
const maximumRecentLimit = 1_000;

export class AlertManager implements Disposable {
  readonly policy: AlertPolicy;
  readonly events: AlertEventBus;
  readonly #records: AlertRecords;
  readonly #clock: Clock;
  readonly #ownsEvents: boolean;
  readonly #sinks: AlertSinkFanOut;
  readonly #newAlertId: () => string;
  readonly #logger: Logger;
  readonly #throttle: SourceThrottle;
  readonly #repeats = new BoundedCounter<AlertId>();
  readonly #relayed = new BoundedCounter<AlertId>();
  #disposed = false;

  constructor(options: AlertManagerOptions) {
    this.policy = resolveAlertPolicy(options.policy);
    this.#records = options.records;
    this.#clock = options.clock;
    this.#logger = (options.logger ?? silentLogger).child({ component: 'alerts' });
    this.#ownsEvents = options.events === undefined;
    this.events = options.events ?? new EventBus<AlertEvents>({ logger: this.#logger });
    this.#sinks = new AlertSinkFanOut(this.#logger);
    for (const sink of options.sinks ?? []) this.#sinks.add(sink);
    this.#newAlertId = options.newAlertId ?? (() => `alert-${randomUUID()}`);
    this.#throttle = new SourceThrottle(this.policy.throttleMaxPerSource, this.policy.throttleWindowMs);
  }

  /** Raises an alert, or folds / throttles it (see the choices above). */
  raise(input: RaiseAlertInput): RaiseAlertResult {
    this.#requireOpen('raise an alert');
    const alert = this.#candidate(input);
    const duplicateOf = this.#findDuplicate(alert);
    if (duplicateOf !== undefined) {
      const repeats = this.#repeats.increment(duplicateOf.id);
      this.#suppressed('duplicate', alert, duplicateOf.id, repeats);
      return { outcome: 'suppressed', reason: 'duplicate', duplicateOf, repeats };
    }
    if (!this.#throttle.admit(alert.source, alert.createdAt, alert.severity === 'critical')) {
      const throttled = this.#throttle.throttledCount(alert.source);
      this.#suppressed('throttled', alert, undefined, throttled);
      return { outcome: 'suppressed', reason: 'throttled', source: alert.source, throttled };
    }
    return this.#store(alert, input.details);
  }

  /**
   * Publishes and notifies an alert another part stored itself (the kill switch records its
   * own critical alerts), without storing it again. Once per id: `relayed` is false when it was
   * relayed before. Undefined when no alert with that id is stored.
   */
  relayStored(id: string): { readonly alert: Alert; readonly relayed: boolean } | undefined {
    this.#requireOpen('relay an alert');
    const alertId = toAlertId(id);
    const alert = this.#records.alerts.get(alertId);
    if (alert === undefined) return undefined;
    if (this.#relayed.count(alertId) > 0) return { alert, relayed: false };
    this.#relayed.increment(alertId);
    this.#announce(alert, undefined, true, true);
    return { alert, relayed: true };
  }

  /** Acknowledges a stored alert (persisted and journaled); idempotent. Throws 'not-found' for an unknown id. */
  acknowledge(id: string, by?: string): AcknowledgeResult {
    this.#requireOpen('acknowledge an alert');
    const alertId = toAlertId(id);
    const who = typeof by === 'string' && by.trim().length > 0 ? by.trim().slice(0, 100) : undefined;
    const result = this.#records.acknowledgeAlert(alertId);
    if (result.changed) {
      this.#logger.info('alert acknowledged', { alertId, by: who });
      this.events.publish('alert.acknowledged', { alert: result.alert, by: who });
    }
    return { alert: result.alert, changed: result.changed };
  }

  /** Stored alerts not acknowledged yet, oldest first. */
  unacknowledged(): Alert[] {
    return this.#records.alerts.listUnacknowledged();
  }

  /** The `limit` (1 to 1,000, default 50) most recent stored alerts, newest first. */
  recent(limit = 50): Alert[] {
    if (!Number.isSafeInteger(limit) || limit < 1 || limit > maximumRecentLimit) {
      throw new AppError('validation', `recent alerts limit must be an integer from 1 to ${maximumRecentLimit}, got ${String(limit)}`);
    }
    return this.#records.alerts.listRecent(limit);
  }

  /** How many repeats were folded into the alert since the manager started. */
  repeatCount(id: string): number {
    return this.#repeats.count(id as AlertId);
  }

  /** How many alerts of `source` were throttled since the manager started. */
  throttledCount(source: string): number {
    return this.#throttle.throttledCount(source);
  }

  /** Adds a sink until the returned Disposable is disposed. */
  addSink(sink: AlertSink): Disposable {
    this.#requireOpen('add a sink');
    return this.#sinks.add(sink);
  }

  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    this.#sinks.clear();
    this.#throttle.clear();
    if (this.#ownsEvents) this.events.dispose();
  }

  #candidate(input: RaiseAlertInput): Alert {
    if (typeof input !== 'object' || input === null) throw new AppError('validation', 'raise() needs { severity, source, message }');
    if (!(ALERT_SEVERITIES as readonly unknown[]).includes(input.severity)) {
      throw new AppError('validation', `alert severity must be one of ${ALERT_SEVERITIES.join(', ')}, got ${String(input.severity)}`);
    }
    try {
      const dedupKey = dedupKeyFor(String(input.source), String(input.message), input.dedupKey);
      return createAlert({ id: this.#newAlertId(), severity: input.severity, source: input.source, message: input.message, createdAt: this.#clock.now(), dedupKey });
    } catch (error) {
      throw toAppError(error);
    }
  }

  #findDuplicate(alert: Alert): Alert | undefined {
    const windowMs = alert.severity === 'critical' ? this.policy.criticalDedupWindowMs : this.policy.dedupWindowMs;
    if (windowMs === 0 || alert.dedupKey === undefined) return undefined;
    let found: Alert | undefined;
    try {
      found = this.#records.alerts.findByDedupKeySince(alert.dedupKey, alert.createdAt - windowMs);
    } catch (error) {
      // Raise rather than lose it: a duplicate is noise, a lost alert is a blind spot.
      this.#logger.error('alert dedup lookup failed: raising it', { dedupKey: alert.dedupKey, error: toAppError(error) });
      return undefined;
    }
    if (found === undefined || found.acknowledgedAt !== undefined) return undefined;
    return severityRank[found.severity] >= severityRank[alert.severity] ? found : undefined;
  }

  #store(alert: Alert, details: AlertDetails | undefined): RaiseAlertResult {
    let result: RaiseAlertResult;
    try {
      result = { outcome: 'raised', alert: this.#records.recordAlert(alert), persisted: true };
    } catch (error) {
      const text = toAppError(error).message;
      this.#logger.error('alert could not be stored: publishing it anyway', { alertId: alert.id, severity: alert.severity, source: alert.source, error: text });
      result = { outcome: 'raised', alert, persisted: false, error: text };
    }
    this.#announce(result.alert, details, result.persisted, false);
    return result;
  }

  #announce(alert: Alert, details: AlertDetails | undefined, persisted: boolean, relayed: boolean): void {
    this.#logger[logLevel[alert.severity]]('alert raised', { alertId: alert.id, severity: alert.severity, source: alert.source, message: alert.message, relayed });
    this.events.publish('alert.raised', { alert, details, persisted, relayed });
    this.#sinks.notify(alert, details);
  }

  #suppressed(reason: SuppressionReason, alert: Alert, duplicateOf: AlertId | undefined, count: number): void {
    const fields = { reason, severity: alert.severity, source: alert.source, dedupKey: alert.dedupKey, duplicateOf, count };
    if (alert.severity === 'critical') this.#logger.warn('critical alert folded into an earlier one', fields);
    else this.#logger.debug('alert suppressed', fields);
    this.events.publish('alert.suppressed', {
      time: alert.createdAt, reason, severity: alert.severity, source: alert.source, message: alert.message, dedupKey: alert.dedupKey ?? '', duplicateOf, count,
    });
  }

  #requireOpen(what: string): void {
    if (this.#disposed) throw new AppError('illegal-state', `the alert manager is disposed: cannot ${what}`);
  }
}

function toAlertId(id: string): AlertId {
  try {
    return parseAlertId(id, 'alert id');
  } catch (error) {
    throw toAppError(error);
  }
}
