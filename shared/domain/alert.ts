// An alert for the operator (risk breach, disconnect, rejected order, decision to act…).
import { invalid } from './errors.ts';
import { parseAlertId, type AlertId } from './ids.ts';
import { optional, requireEpochMillis, requireNonEmptyString, requireOneOf } from './validate.ts';

export const ALERT_SEVERITIES = ['info', 'warning', 'critical'] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

export interface Alert {
  readonly id: AlertId;
  readonly severity: AlertSeverity;
  /** The part that raised it, e.g. 'risk', 'broker', 'decisions:r02-stop-loss'. */
  readonly source: string;
  readonly message: string;
  readonly createdAt: number;
  readonly acknowledgedAt: number | undefined;
  /** Alerts with the same key are one condition: the alert manager raises it once until it clears. */
  readonly dedupKey: string | undefined;
}

export interface AlertInput {
  readonly id: string;
  readonly severity: AlertSeverity;
  readonly source: string;
  readonly message: string;
  readonly createdAt: number;
  readonly acknowledgedAt?: number | undefined;
  readonly dedupKey?: string | undefined;
}

/** Validates a new or stored alert. */
export function createAlert(input: AlertInput): Alert {
  const createdAt = requireEpochMillis(input.createdAt, 'createdAt');
  const acknowledgedAt = optional(input.acknowledgedAt, 'acknowledgedAt', requireEpochMillis);
  if (acknowledgedAt !== undefined && acknowledgedAt < createdAt) {
    invalid('acknowledgedAt', `must not be before createdAt (${createdAt})`, acknowledgedAt);
  }
  return Object.freeze({
    id: parseAlertId(input.id, 'id'),
    severity: requireOneOf(input.severity, ALERT_SEVERITIES, 'severity'),
    source: requireNonEmptyString(input.source, 'source', 200),
    message: requireNonEmptyString(input.message, 'message'),
    createdAt,
    acknowledgedAt,
    dedupKey: optional(input.dedupKey, 'dedupKey', (value, field) => requireNonEmptyString(value, field, 200)),
  });
}

/** The alert acknowledged at `now`; acknowledging twice keeps the first time. */
export function acknowledgeAlert(alert: Alert, now: number): Alert {
  if (alert.acknowledgedAt !== undefined) return alert;
  return createAlert({ ...alert, acknowledgedAt: requireEpochMillis(now, 'now') });
}
