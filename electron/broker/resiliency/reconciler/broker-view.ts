// The broker's side of a reconciliation: open orders, executions since the lower bound and
// positions, asked together and indexed by client order ref. Either all three answered or the
// view does not exist: a missing answer is not an empty one (unknown is not flat).
import type { BrokerExecution, BrokerOrderSnapshot, BrokerPosition } from '../../broker.ts';
import type { Clock } from '../../../core/clock.ts';
import { AppError, toAppError } from '../../../core/errors.ts';
import { withTimeout } from '../clock-delay.ts';
import type { ReconcilerBroker } from './reconciler-ports.ts';

export class BrokerView {
  readonly openOrders: readonly BrokerOrderSnapshot[];
  /** Oldest first (time, then execution id). */
  readonly executions: readonly BrokerExecution[];
  readonly positions: readonly BrokerPosition[];
  readonly #snapshots = new Map<string, BrokerOrderSnapshot>();
  readonly #executionsByRef = new Map<string, BrokerExecution[]>();

  constructor(openOrders: readonly BrokerOrderSnapshot[], executions: readonly BrokerExecution[], positions: readonly BrokerPosition[]) {
    this.openOrders = openOrders;
    this.executions = [...executions].sort((a, b) => a.time - b.time || compareText(a.executionId, b.executionId));
    this.positions = positions;
    for (const snapshot of openOrders) if (snapshot.clientOrderRef !== undefined) this.#snapshots.set(snapshot.clientOrderRef, snapshot);
    for (const execution of this.executions) {
      const list = this.#executionsByRef.get(execution.clientOrderRef) ?? [];
      list.push(execution);
      this.#executionsByRef.set(execution.clientOrderRef, list);
    }
  }

  snapshotOf(reference: string): BrokerOrderSnapshot | undefined {
    return this.#snapshots.get(reference);
  }

  executionsOf(reference: string): readonly BrokerExecution[] {
    return this.#executionsByRef.get(reference) ?? [];
  }

  /** The broker has an order or an execution with this ref. */
  knows(reference: string): boolean {
    return this.#snapshots.has(reference) || this.#executionsByRef.has(reference);
  }

  /** The broker's order id for the ref, from its open order or else its executions. */
  brokerOrderIdOf(reference: string): number | undefined {
    return this.#snapshots.get(reference)?.brokerOrderId ?? this.#executionsByRef.get(reference)?.[0]?.brokerOrderId;
  }
}

export type BrokerViewQuery = { readonly ok: true; readonly view: BrokerView } | { readonly ok: false; readonly reason: string };

/** Asks the three queries at once; fails (naming each failed query) unless all three answer within `timeoutMs`. */
export async function queryBroker(broker: ReconcilerBroker, clock: Clock, since: number, timeoutMs: number): Promise<BrokerViewQuery> {
  const ask = <T>(name: string, call: () => Promise<T>): Promise<T> =>
    withTimeout(clock, Promise.resolve().then(call), timeoutMs, () => new AppError('timeout', `${name} did not answer within ${timeoutMs} ms`));
  const [openOrders, executions, positions] = await Promise.allSettled([
    ask('openOrders', () => broker.openOrders()),
    ask('executions', () => broker.executions(since)),
    ask('positions', () => broker.positions()),
  ]);
  const failures = [['openOrders', openOrders], ['executions', executions], ['positions', positions]].flatMap(([name, outcome]) => {
    const settled = outcome as PromiseSettledResult<unknown>;
    return settled.status === 'rejected' ? [`${String(name)} failed: ${toAppError(settled.reason).message}`] : [];
  });
  if (openOrders.status === 'rejected' || executions.status === 'rejected' || positions.status === 'rejected') {
    return { ok: false, reason: failures.join('; ') };
  }
  return { ok: true, view: new BrokerView(openOrders.value, executions.value, positions.value) };
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
