// The alert manager's vocabulary: what a caller raises, what raise() answers, and the events it
// publishes on its typed EventBus (for the UI via the IPC forwarder, the headless runner, tests).
import type { Alert, AlertSeverity } from '../../shared/domain/alert.ts';
import type { AlertId } from '../../shared/domain/ids.ts';
import type { EventBus } from '../core/event-bus.ts';

/** Extra facts for sinks and the bus (ids, numbers). Not stored: the alerts table has no column for them. */
export type AlertDetails = Readonly<Record<string, unknown>>;

export interface RaiseAlertInput {
  readonly severity: AlertSeverity;
  /** The part that raised it, e.g. 'risk', 'oms', 'decisions:r02-stop-loss' (throttled per source). */
  readonly source: string;
  readonly message: string;
  /** One condition, one key; default: the source and the message. Longer than 200 characters: shortened with a hash. */
  readonly dedupKey?: string | undefined;
  readonly details?: AlertDetails | undefined;
}

export type SuppressionReason = 'duplicate' | 'throttled';

export type RaiseAlertResult =
  /** Stored (journaled), published and handed to every sink. */
  | { readonly outcome: 'raised'; readonly alert: Alert; readonly persisted: true }
  /** The store refused or failed: still published and handed to every sink, so it is not lost. */
  | { readonly outcome: 'raised'; readonly alert: Alert; readonly persisted: false; readonly error: string }
  /** Folded into `duplicateOf` (raised within the dedup window, not acknowledged); `repeats` counts the folds so far. */
  | { readonly outcome: 'suppressed'; readonly reason: 'duplicate'; readonly duplicateOf: Alert; readonly repeats: number }
  /** The source used its budget for the throttle window; `throttled` counts this source's throttled alerts so far. */
  | { readonly outcome: 'suppressed'; readonly reason: 'throttled'; readonly source: string; readonly throttled: number };

export interface AlertSuppressedEvent {
  readonly time: number;
  readonly reason: SuppressionReason;
  readonly severity: AlertSeverity;
  readonly source: string;
  readonly message: string;
  readonly dedupKey: string;
  /** The alert a duplicate was folded into. */
  readonly duplicateOf: AlertId | undefined;
  /** duplicate: repeats of `duplicateOf` so far; throttled: this source's throttled alerts so far. */
  readonly count: number;
}

export type AlertEvents = {
  /** A new alert (or, with `relayed`, one another part stored itself, e.g. the kill switch). */
  'alert.raised': { readonly alert: Alert; readonly details: AlertDetails | undefined; readonly persisted: boolean; readonly relayed: boolean };
  /** First acknowledgement only; `by` is not stored (the journal keeps the id and time). */
  'alert.acknowledged': { readonly alert: Alert; readonly by: string | undefined };
  'alert.suppressed': AlertSuppressedEvent;
};

export type AlertEventBus = EventBus<AlertEvents>;
