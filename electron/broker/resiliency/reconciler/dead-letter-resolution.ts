// Step: dead letters whose resubmit outcome is unknown (UNKNOWN: the call may have left, or the
// app stopped mid-send). By client order ref: the broker has an order or an execution with it →
// RESUBMITTED with the broker's id; it has neither → PENDING again (it may be resubmitted). Only
// ever reached after all three broker queries answered.
import type { ReconcileRun } from './reconcile-run.ts';
import type { ReconcilerDeadLetters } from './reconciler-ports.ts';

export function resolveDeadLetters(run: ReconcileRun, letters: ReconcilerDeadLetters | undefined): void {
  if (letters === undefined) return;
  for (const letter of letters.list({ status: 'UNKNOWN' })) {
    const reference = letter.clientOrderRef;
    const brokerOrderId = run.view.brokerOrderIdOf(reference);
    if (brokerOrderId === undefined) {
      letters.resolveUnknown(letter.id, { found: false }, `the broker has no order or execution with client order ref ${reference} (reconciliation): it may be resubmitted`);
    } else {
      letters.resolveUnknown(letter.id, { found: true, brokerOrderId }, `the broker has it as order ${brokerOrderId} (reconciliation)`);
    }
    run.report.resolvedDeadLetters.push({ id: letter.id, clientOrderRef: reference, found: brokerOrderId !== undefined, brokerOrderId });
  }
}
