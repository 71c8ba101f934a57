// Alerts from the dead-letter queue (source 'dead-letters'): an order that could not be sent
// is critical until someone resubmits or discards it; an outcome that became unknown is
// critical too (it must be settled by client order ref before anything is sent again).
import type { Disposable } from '../../core/lifecycle.ts';
import type { DeadLetter, DeadLetterChange } from '../../broker/resiliency/dead-letter.ts';
import type { DeadLetterEvent } from '../../broker/resiliency/dead-letter-queue.ts';
import type { AlertSeverity } from '../../../shared/domain/alert.ts';
import type { RaiseAlertInput } from '../alert-types.ts';
import type { ListenerSource, RaiseAlert } from './alert-rule.ts';

const source = 'dead-letters';

/** Severity and the dedup key suffix of each change; changes not listed raise nothing. */
const rules: Partial<Record<DeadLetterChange, { readonly severity: AlertSeverity; readonly key: string; readonly what: string }>> = {
  captured: { severity: 'critical', key: 'captured', what: 'could not be sent and waits in the dead-letter queue' },
  'failed-again': { severity: 'warning', key: 'failed', what: 'failed again' },
  'resubmit-failed': { severity: 'warning', key: 'failed', what: 'resubmit failed' },
  'outcome-unknown': { severity: 'critical', key: 'unknown', what: 'resubmit outcome is unknown: settle it by client order ref before sending again' },
  interrupted: { severity: 'critical', key: 'unknown', what: 'was being resubmitted when the app stopped: its outcome is unknown' },
  resubmitted: { severity: 'info', key: 'resubmitted', what: 'was resubmitted' },
  resolved: { severity: 'info', key: 'resolved', what: 'was settled by the reconciler' },
  discarded: { severity: 'info', key: 'discarded', what: 'was discarded' },
};

export function deadLetterAlert(event: DeadLetterEvent): RaiseAlertInput | undefined {
  const rule = rules[event.change];
  if (rule === undefined) return undefined;
  const letter: DeadLetter = event.letter;
  return {
    severity: rule.severity,
    source,
    message: `Order ${letter.clientOrderRef} (dead letter ${letter.id}, ${letter.status}, ${letter.attempts} attempt(s)) ${rule.what}: ${letter.reason}`,
    dedupKey: `dead-letter:${letter.id}:${rule.key}`,
    details: { deadLetterId: letter.id, clientOrderRef: letter.clientOrderRef, status: letter.status, change: event.change, errorCode: letter.errorCode },
  };
}

export interface DeadLetterSource extends ListenerSource<DeadLetterEvent> {
  /** Letters the queue found IN_FLIGHT when it opened (now UNKNOWN): alerted when connected. */
  readonly interruptedOnOpen?: readonly DeadLetter[] | undefined;
}

export function connectDeadLetterAlerts(deadLetters: DeadLetterSource, raise: RaiseAlert): Disposable {
  const subscription = deadLetters.subscribe((event) => raise(deadLetterAlert(event)));
  for (const letter of deadLetters.interruptedOnOpen ?? []) raise(deadLetterAlert({ change: 'interrupted', letter }));
  return subscription;
}
