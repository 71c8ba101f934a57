// The workflows' own journal entries ('workflow.entry', 'workflow.exit', 'workflow.autopilot'):
// what was attempted and why, beside the OMS's and the store's entries. The journal replay skips
// types it does not know, so these never shape the order book. A failed append is logged, never
// thrown: the trade itself is already recorded by the OMS.
import type { WorkflowPorts } from './workflow-ports.ts';

export type WorkflowJournalType = 'workflow.entry' | 'workflow.exit' | 'workflow.autopilot';

export function journalWorkflow(ports: Pick<WorkflowPorts, 'store' | 'logger'>, type: WorkflowJournalType, payload: Readonly<Record<string, unknown>>): void {
  try {
    ports.store.journal.append(type, JSON.parse(JSON.stringify(payload)) as unknown);
  } catch (error) {
    ports.logger.error('workflow journal entry failed', { type, error });
  }
}
