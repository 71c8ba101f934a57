// The journal entry of a finished reconciliation: what it did and found, compact (ids and
// quantities, not whole broker reports) and JSON-safe (no undefined properties).
import { contractKey } from '../../../../shared/domain/contract.ts';
import { withoutUndefined } from '../../../persistence/stored-json.ts';
import type { ReconciliationResult } from './reconciliation-result.ts';

export function finishedEntry(result: ReconciliationResult): unknown {
  const { trigger, startedAt, finishedAt } = result;
  if (!result.ok) return withoutUndefined({ ok: false, trigger, startedAt, finishedAt, reason: result.reason });
  return withoutUndefined({
    ok: true,
    trigger,
    startedAt,
    finishedAt,
    since: result.since,
    reconciled: result.reconciled,
    reason: result.reason,
    adoptedFills: result.adoptedFills.map(({ executionId, orderId, quantity, price }) => ({ executionId, orderId, quantity, price })),
    resolvedOrders: result.resolvedOrders,
    markedOrders: result.markedOrders,
    adoptedStatuses: result.adoptedStatuses,
    refusedTransitions: result.refusedTransitions,
    foreignExecutions: result.foreignExecutions.map(({ execution, reason, firstReported }) => ({
      executionId: execution.executionId,
      clientOrderRef: execution.clientOrderRef,
      brokerOrderId: execution.brokerOrderId,
      contract: contractKey(execution.contract),
      action: execution.action,
      quantity: execution.quantity,
      price: execution.price,
      time: execution.time,
      reason,
      firstReported,
    })),
    foreignOrders: result.foreignOrders,
    positionMismatches: result.positionMismatches.map(({ kind, contractKey: key, bookQuantity, brokerQuantity }) => ({ kind, contract: key, bookQuantity, brokerQuantity })),
    resolvedDeadLetters: result.resolvedDeadLetters,
    inFlightOrders: result.inFlightOrders,
  });
}
