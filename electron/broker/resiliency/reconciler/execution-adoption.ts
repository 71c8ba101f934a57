// Step: executions. Every broker execution in the window whose client order ref is ours goes
// through the OMS's live path (a fill, the transition table, positions; a repeated execution id
// is a no-op, a missing commission is booked). Executions with a ref we never issued are
// foreign: reported (an alert-worthy discrepancy), never attributed by broker order id (IB ids
// roll back after a Gateway restart, F2) and never dropped.
import type { BrokerExecution } from '../../broker.ts';
import { ownOrder, type ReconcileRun } from './reconcile-run.ts';

export function adoptExecutions(run: ReconcileRun, reportedBefore: ReadonlySet<string>): void {
  const { book, report } = run;
  const unmatchedBefore = new Set(book.unmatchedExecutions().map((entry) => String(entry.execution.executionId)));
  for (const execution of run.view.executions) {
    const order = ownOrder(book, execution.clientOrderRef);
    const known = reportedBefore.has(execution.executionId) || unmatchedBefore.has(execution.executionId);
    if (order === undefined) {
      report.foreignExecutions.push({ execution, reason: `no order of ours has client order ref ${describeRef(execution)}`, firstReported: !known });
      continue;
    }
    if (book.hasExecution(execution.executionId)) {
      book.applyBrokerEvent({ type: 'execution', execution }); // a replay: only a missing commission is news
      continue;
    }
    if (unmatchedBefore.has(execution.executionId)) {
      // The OMS already refused to attribute it (journaled); applying it again would only repeat that.
      report.foreignExecutions.push({ execution, reason: `it cannot be recorded on order ${order.id} (see the OMS journal)`, firstReported: false });
      continue;
    }
    book.applyBrokerEvent({ type: 'execution', execution });
    if (book.hasExecution(execution.executionId)) {
      report.adoptedFills.push({ executionId: execution.executionId, orderId: order.id, clientOrderRef: order.clientOrderRef, quantity: execution.quantity, price: execution.price, time: execution.time });
    } else {
      report.foreignExecutions.push({ execution, reason: `it cannot be recorded on order ${order.id} (see the OMS journal)`, firstReported: true });
    }
  }
}

function describeRef(execution: BrokerExecution): string {
  const reference = execution.clientOrderRef as string | undefined;
  return reference === undefined || reference === '' ? `(none) (broker order id ${execution.brokerOrderId})` : `${reference} (broker order id ${execution.brokerOrderId})`;
}
