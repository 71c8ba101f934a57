// A broker whose answers a test scripts: each call answers 'ok', 'not-sent' (a BrokerRequestError
// that certainly did not leave), 'unknown' (an error that may have) or 'hang' (never answers
// until the test settles it). Events are pushed by the test with emit() and the helpers; what
// the lookups (openOrders, executions) answer is set with openOrder() and reportExecution().
import type {
  Broker,
  BrokerBracketIds,
  BrokerBracketRequest,
  BrokerEvent,
  BrokerEventListener,
  BrokerExecution,
  BrokerOrderChanges,
  BrokerOrderRequest,
  BrokerOrderSnapshot,
  BrokerOrderState,
  BrokerOrderStatus,
} from '../../broker/broker.ts';
import { BrokerRequestError } from '../../broker/broker-request-error.ts';
import { toDisposable, type Disposable } from '../../core/lifecycle.ts';
import type { AccountSummary } from '../../../shared/domain/account.ts';
import { createConnectionStatus, type ConnectionStatus } from '../../../shared/domain/connection.ts';
import type { ClientOrderRef } from '../../../shared/domain/ids.ts';

export type ScriptedAnswer = 'ok' | 'not-sent' | 'unknown' | 'hang';
export type ScriptedOperation = 'place' | 'modify' | 'cancel' | 'cancel-all' | 'open-orders' | 'executions';

interface Hung {
  readonly operation: ScriptedOperation;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

export class ScriptedBroker implements Broker {
  readonly kind = 'simulated' as const;
  readonly placed: BrokerOrderRequest[] = [];
  readonly brackets: BrokerBracketRequest[] = [];
  readonly modifies: { readonly clientOrderRef: ClientOrderRef; readonly changes: BrokerOrderChanges }[] = [];
  readonly cancels: ClientOrderRef[] = [];
  cancelAlls = 0;
  /** What openOrders() answers. */
  readonly openOrderSnapshots: BrokerOrderSnapshot[] = [];
  /** What executions(since) answers from (those at or after `since`). */
  readonly executionReports: BrokerExecution[] = [];
  /** How many times openOrders() was asked, and the `since` of every executions() call. */
  openOrderQueries = 0;
  readonly executionQueries: number[] = [];
  /** Called with every request as it arrives, before the scripted answer (e.g. to look at the store then). */
  onRequest: (operation: ScriptedOperation, request: unknown) => void = () => {};
  readonly #listeners = new Set<BrokerEventListener>();
  readonly #script = new Map<ScriptedOperation, ScriptedAnswer[]>();
  readonly #hung: Hung[] = [];
  readonly #brokerIds = new Map<ClientOrderRef, number>();
  #nextBrokerOrderId = 100;

  /** The next calls of `operation` answer in this order; afterwards 'ok'. */
  script(operation: ScriptedOperation, ...answers: ScriptedAnswer[]): this {
    this.#script.set(operation, [...(this.#script.get(operation) ?? []), ...answers]);
    return this;
  }

  get hungCalls(): number {
    return this.#hung.length;
  }

  /** Answers the oldest hung call successfully (late). */
  resolveHung(): void {
    this.#hung.shift()?.resolve();
  }

  /** Fails the oldest hung call with `error` (late). */
  failHung(error: unknown): void {
    this.#hung.shift()?.reject(error);
  }

  brokerOrderIdOf(reference: ClientOrderRef): number | undefined {
    return this.#brokerIds.get(reference);
  }

  emit(event: BrokerEvent): void {
    for (const listener of [...this.#listeners]) listener(event);
  }

  /** Emits an order-status report for `reference` (broker id as placed, unless given). */
  status(reference: ClientOrderRef, state: BrokerOrderState, fields: Partial<BrokerOrderStatus> = {}): void {
    const brokerOrderId = fields.brokerOrderId ?? this.#brokerIds.get(reference) ?? 0;
    this.emit({ type: 'order-status', status: { clientOrderRef: reference, brokerOrderId, state, filledQuantity: 0, remainingQuantity: 0, averageFillPrice: undefined, reason: undefined, code: undefined, time: 0, ...fields } });
  }

  execution(execution: Omit<BrokerExecution, 'brokerOrderId'> & { brokerOrderId?: number }): void {
    this.emit({ type: 'execution', execution: { ...execution, brokerOrderId: execution.brokerOrderId ?? this.#brokerIds.get(execution.clientOrderRef) ?? 0 } });
  }

  async connect(): Promise<void> {}
  async disconnect(): Promise<void> {}

  connectionStatus(): ConnectionStatus {
    return createConnectionStatus({ broker: 'simulated', state: 'connected', since: 0 });
  }

  subscribe(listener: BrokerEventListener): Disposable {
    this.#listeners.add(listener);
    return toDisposable(() => this.#listeners.delete(listener));
  }

  placeOrder(request: BrokerOrderRequest): Promise<{ readonly brokerOrderId: number }> {
    this.placed.push(request);
    this.onRequest('place', request);
    return this.#answer('place', () => ({ brokerOrderId: this.#assign(request.clientOrderRef) }));
  }

  placeBracketOrder(request: BrokerBracketRequest): Promise<BrokerBracketIds> {
    this.brackets.push(request);
    this.onRequest('place', request);
    return this.#answer('place', () => ({
      parent: this.#assign(request.parent.clientOrderRef),
      takeProfit: this.#assign(request.takeProfit.clientOrderRef),
      stopLoss: this.#assign(request.stopLoss.clientOrderRef),
    }));
  }

  modifyOrder(clientOrderRef: ClientOrderRef, changes: BrokerOrderChanges): Promise<void> {
    this.modifies.push({ clientOrderRef, changes });
    this.onRequest('modify', { clientOrderRef, changes });
    return this.#answer('modify', () => undefined);
  }

  cancelOrder(clientOrderRef: ClientOrderRef): Promise<void> {
    this.cancels.push(clientOrderRef);
    this.onRequest('cancel', clientOrderRef);
    return this.#answer('cancel', () => undefined);
  }

  cancelAllOrders(): Promise<void> {
    this.cancelAlls += 1;
    return this.#answer('cancel-all', () => undefined);
  }

  /** Adds (or replaces) what openOrders() shows for `reference`: its placed request in `state`. */
  openOrder(reference: ClientOrderRef, state: BrokerOrderState, fields: Partial<BrokerOrderSnapshot> = {}): BrokerOrderSnapshot {
    const request = [...this.placed, ...this.brackets.flatMap((bracket) => [bracket.parent, bracket.takeProfit, bracket.stopLoss])].find((candidate) => candidate.clientOrderRef === reference);
    if (request === undefined) throw new Error(`scripted broker: no order with reference ${reference} was placed`);
    const snapshot: BrokerOrderSnapshot = {
      clientOrderRef: reference,
      rawOrderRef: reference,
      brokerOrderId: this.#brokerIds.get(reference) ?? this.#assign(reference),
      request,
      parentClientOrderRef: undefined,
      state,
      filledQuantity: 0,
      remainingQuantity: request.quantity,
      averageFillPrice: undefined,
      ...fields,
    };
    const index = this.openOrderSnapshots.findIndex((candidate) => candidate.clientOrderRef === reference);
    if (index >= 0) this.openOrderSnapshots.splice(index, 1, snapshot);
    else this.openOrderSnapshots.push(snapshot);
    return snapshot;
  }

  /** Adds an execution that executions() reports (no event is emitted). */
  reportExecution(execution: Omit<BrokerExecution, 'brokerOrderId'> & { brokerOrderId?: number }): BrokerExecution {
    const report = { ...execution, brokerOrderId: execution.brokerOrderId ?? this.#brokerIds.get(execution.clientOrderRef) ?? 0 };
    this.executionReports.push(report);
    return report;
  }

  openOrders(): Promise<readonly BrokerOrderSnapshot[]> {
    this.openOrderQueries += 1;
    return this.#answer('open-orders', () => [...this.openOrderSnapshots]);
  }

  async positions(): Promise<readonly never[]> {
    return [];
  }

  executions(since: number): Promise<readonly BrokerExecution[]> {
    this.executionQueries.push(since);
    return this.#answer('executions', () => this.executionReports.filter((execution) => execution.time >= since));
  }

  accountSummary(): Promise<AccountSummary> {
    return Promise.reject(new BrokerRequestError('not-found', 'the scripted broker has no account', 'not-sent'));
  }

  whatIf(): Promise<never> {
    return Promise.reject(new BrokerRequestError('not-found', 'the scripted broker has no previews', 'not-sent'));
  }

  #assign(reference: ClientOrderRef): number {
    const id = this.#nextBrokerOrderId++;
    this.#brokerIds.set(reference, id);
    return id;
  }

  #answer<T>(operation: ScriptedOperation, value: () => T): Promise<T> {
    const answer = this.#script.get(operation)?.shift() ?? 'ok';
    switch (answer) {
      case 'ok':
        return Promise.resolve(value());
      case 'not-sent':
        return Promise.reject(new BrokerRequestError('not-connected', `scripted: ${operation} refused before sending`, 'not-sent'));
      case 'unknown':
        return Promise.reject(new BrokerRequestError('network', `scripted: connection reset after ${operation} was written`, 'unknown'));
      case 'hang':
        return new Promise<T>((resolve, reject) => this.#hung.push({ operation, resolve: () => resolve(value()), reject }));
    }
  }
}
