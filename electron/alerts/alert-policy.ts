// How the alert manager folds repeats and limits noise. Windows are measured on the manager's
// Clock, so a simulation folds by simulated time and tests are exact.
//
// - dedupWindowMs: an info or warning alert whose dedup key matches an alert raised within this
//   window (and not acknowledged since) is not raised again; it is counted as a repeat.
// - criticalDedupWindowMs: the same for critical alerts, over a shorter window, so a critical
//   condition that persists is raised again soon (a reminder) instead of being folded for long.
// - throttleMaxPerSource / throttleWindowMs: at most this many alerts per source in any rolling
//   window; more info or warning alerts of that source are suppressed and counted. Critical
//   alerts are never throttled (they still take a place in the window).
// A window of 0 turns that fold off.
import { AppError } from '../core/errors.ts';

export interface AlertPolicy {
  readonly dedupWindowMs: number;
  readonly criticalDedupWindowMs: number;
  readonly throttleMaxPerSource: number;
  readonly throttleWindowMs: number;
}

export const DEFAULT_ALERT_POLICY: AlertPolicy = Object.freeze({
  dedupWindowMs: 5 * 60_000,
  criticalDedupWindowMs: 60_000,
  throttleMaxPerSource: 10,
  throttleWindowMs: 60_000,
});

/** The defaults with `overrides` applied; a value that is not a whole number of the right range is a 'validation' error naming it. */
export function resolveAlertPolicy(overrides: Partial<AlertPolicy> = {}): AlertPolicy {
  const policy = { ...DEFAULT_ALERT_POLICY, ...withoutUndefined(overrides) };
  requireWhole('dedupWindowMs', policy.dedupWindowMs, 0);
  requireWhole('criticalDedupWindowMs', policy.criticalDedupWindowMs, 0);
  requireWhole('throttleMaxPerSource', policy.throttleMaxPerSource, 1);
  requireWhole('throttleWindowMs', policy.throttleWindowMs, 0);
  return Object.freeze(policy);
}

function requireWhole(name: keyof AlertPolicy, value: unknown, minimum: number): void {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < minimum) {
    throw new AppError('validation', `alert policy ${name} must be an integer ≥ ${minimum}, got ${String(value)}`);
  }
}

function withoutUndefined(overrides: Partial<AlertPolicy>): Partial<AlertPolicy> {
  return Object.fromEntries(Object.entries(overrides).filter(([, value]) => value !== undefined));
}
