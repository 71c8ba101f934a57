// The state of one reconciliation while its steps run: the order book, the broker's view, and
// the report each step adds to. After the broker has answered, every step is synchronous, so no
// live broker event interleaves with a step (the OMS applies those between runs, idempotently).
import { parseClientOrderRef, type ClientOrderRef } from '../../../../shared/domain/ids.ts';
import type { Order } from '../../../../shared/domain/order.ts';
import type { BrokerView } from './broker-view.ts';
import type { ReconcilerOrderBook } from './reconciler-ports.ts';
import type {
  AdoptedFill, AdoptedStatus, ForeignExecution, ForeignOrder, InFlightOrder, MarkedOrder, ReconcileTrigger, RefusedTransition, ResolvedDeadLetter, ResolvedOrder,
} from './reconciliation-result.ts';

export interface RunReport {
  readonly adoptedFills: AdoptedFill[];
  readonly resolvedOrders: ResolvedOrder[];
  readonly markedOrders: MarkedOrder[];
  readonly adoptedStatuses: AdoptedStatus[];
  readonly refusedTransitions: RefusedTransition[];
  readonly foreignExecutions: ForeignExecution[];
  readonly foreignOrders: ForeignOrder[];
  readonly resolvedDeadLetters: ResolvedDeadLetter[];
  readonly inFlightOrders: InFlightOrder[];
}

export interface ReconcileRun {
  readonly book: ReconcilerOrderBook;
  readonly view: BrokerView;
  readonly trigger: ReconcileTrigger;
  readonly now: number;
  /** On runs other than 'start', a PENDING_SUBMIT order younger than this may still be on its way to the broker. */
  readonly inFlightGraceMs: number;
  readonly report: RunReport;
}

export function emptyReport(): RunReport {
  return { adoptedFills: [], resolvedOrders: [], markedOrders: [], adoptedStatuses: [], refusedTransitions: [], foreignExecutions: [], foreignOrders: [], resolvedDeadLetters: [], inFlightOrders: [] };
}

/** Our order with this ref; undefined for a ref we never issued or one not in our format (never matched by broker id: F2). */
export function ownOrder(book: ReconcilerOrderBook, reference: string | undefined): Order | undefined {
  if (reference === undefined) return undefined;
  let parsed: ClientOrderRef;
  try {
    parsed = parseClientOrderRef(reference);
  } catch {
    return undefined;
  }
  return book.orderByClientOrderRef(parsed);
}

/**
 * A placement this process may still be sending: only on runs after the first (a new process has
 * no call in flight), PENDING_SUBMIT without a broker id or an unknown-outcome flag (the OMS flags
 * a call once its deadline passed), sent less than the grace period ago.
 */
export function mayBeInFlight(run: ReconcileRun, order: Order): boolean {
  if (run.trigger === 'start' || order.status !== 'PENDING_SUBMIT' || order.brokerOrderId !== undefined) return false;
  if (run.book.unknownOutcomes().some((outcome) => outcome.orderId === order.id && outcome.operation === 'place')) return false;
  return order.updatedAt > run.now - run.inFlightGraceMs;
}
