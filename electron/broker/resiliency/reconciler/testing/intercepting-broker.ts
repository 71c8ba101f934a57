// A Broker that passes everything to the current paper broker, except what a test scripts:
// placements that reach the broker but whose answer never comes back (the app "dies" before it
// records the broker id) or that fail with an unknown outcome (sent or not), and queries that fail.
import type {
  Broker, BrokerBracketIds, BrokerBracketRequest, BrokerEventListener, BrokerExecution, BrokerOrderChanges, BrokerOrderRequest, BrokerOrderSnapshot, BrokerPosition, BrokerWhatIf,
} from '../../../broker.ts';
import type { AccountSummary } from '../../../../../shared/domain/account.ts';
import type { ConnectionStatus } from '../../../../../shared/domain/connection.ts';
import type { ClientOrderRef } from '../../../../../shared/domain/ids.ts';
import type { Disposable } from '../../../../core/lifecycle.ts';

/**
 * forward: as the paper broker · reach-and-hang: the paper broker takes it, the answer never
 * comes · reach-then-fail: the paper broker takes it, the call fails (outcome unknown) ·
 * lost: the call fails (outcome unknown) and the paper broker never sees it · hang: the call
 * neither reaches the paper broker nor answers (still in flight).
 */
export type PlacementScript = 'forward' | 'reach-and-hang' | 'reach-then-fail' | 'lost' | 'hang';
export type ScriptedQuery = 'openOrders' | 'executions' | 'positions';

export class InterceptingBroker implements Broker {
  readonly kind = 'simulated' as const;
  placement: PlacementScript = 'forward';
  readonly failingQueries = new Set<ScriptedQuery>();
  /** Calls to the queries, in order. */
  readonly queries: ScriptedQuery[] = [];
  /** While set, every query waits for it (a slow broker). */
  hold: Promise<void> | undefined;
  readonly #target: () => Broker;

  constructor(target: () => Broker) {
    this.#target = target;
  }

  connect(): Promise<void> {
    return this.#target().connect();
  }

  disconnect(): Promise<void> {
    return this.#target().disconnect();
  }

  connectionStatus(): ConnectionStatus {
    return this.#target().connectionStatus();
  }

  subscribe(listener: BrokerEventListener): Disposable {
    return this.#target().subscribe(listener);
  }

  async placeOrder(request: BrokerOrderRequest): Promise<{ readonly brokerOrderId: number }> {
    if (this.placement === 'lost') throw new Error('socket reset before the order left');
    if (this.placement === 'hang') return new Promise(() => {});
    const answer = await this.#target().placeOrder(request);
    if (this.placement === 'reach-and-hang') return new Promise(() => {});
    if (this.placement === 'reach-then-fail') throw new Error('socket reset after the order left');
    return answer;
  }

  placeBracketOrder(request: BrokerBracketRequest): Promise<BrokerBracketIds> {
    return this.#target().placeBracketOrder(request);
  }

  modifyOrder(clientOrderRef: ClientOrderRef, changes: BrokerOrderChanges): Promise<void> {
    return this.#target().modifyOrder(clientOrderRef, changes);
  }

  cancelOrder(clientOrderRef: ClientOrderRef): Promise<void> {
    return this.#target().cancelOrder(clientOrderRef);
  }

  cancelAllOrders(): Promise<void> {
    return this.#target().cancelAllOrders();
  }

  openOrders(): Promise<readonly BrokerOrderSnapshot[]> {
    return this.#query('openOrders', () => this.#target().openOrders());
  }

  positions(): Promise<readonly BrokerPosition[]> {
    return this.#query('positions', () => this.#target().positions());
  }

  executions(since: number): Promise<readonly BrokerExecution[]> {
    return this.#query('executions', () => this.#target().executions(since));
  }

  accountSummary(): Promise<AccountSummary> {
    return this.#target().accountSummary();
  }

  whatIf(request: BrokerOrderRequest): Promise<BrokerWhatIf> {
    return this.#target().whatIf(request);
  }

  async #query<T>(name: ScriptedQuery, call: () => Promise<T>): Promise<T> {
    this.queries.push(name);
    if (this.hold !== undefined) await this.hold;
    if (this.failingQueries.has(name)) throw new Error(`${name}: socket closed`);
    return call();
  }
}
