// A fake Broker whose calls answer as a test scripts them: fail with a given error, answer a
// given value, or stay in flight until the test settles them. Unscripted calls answer plainly
// (place: the next broker order id; queries: empty lists and a fixed account). Every call is
// recorded with the clock time. Like a real broker, calls made while not connected fail as
// 'not-connected', certainly not sent (unless `enforceConnection` is false). A fake, not a mock.
import type {
  Broker, BrokerBracketIds, BrokerBracketRequest, BrokerEvent, BrokerEventListener, BrokerExecution, BrokerOrderChanges,
  BrokerOrderRequest, BrokerOrderSnapshot, BrokerPosition, BrokerWhatIf,
} from '../../broker.ts';
import { BrokerRequestError } from '../../broker-request-error.ts';
import { createAccountSummary, type AccountSummary } from '../../../../shared/domain/account.ts';
import { createConnectionStatus, type ConnectionState, type ConnectionStatus } from '../../../../shared/domain/connection.ts';
import type { ClientOrderRef } from '../../../../shared/domain/ids.ts';
import { fromDollars, ZERO_MONEY } from '../../../../shared/domain/money.ts';
import type { Clock } from '../../../core/clock.ts';
import { toDisposable, type Disposable } from '../../../core/lifecycle.ts';

export type ScriptedMethod =
  | 'connect' | 'placeOrder' | 'placeBracketOrder' | 'modifyOrder' | 'cancelOrder' | 'cancelAllOrders'
  | 'openOrders' | 'positions' | 'executions' | 'accountSummary' | 'whatIf' | 'ping';

export type ScriptedOutcome =
  | { readonly kind: 'fail'; readonly error: unknown }
  | { readonly kind: 'answer'; readonly value: unknown }
  | { readonly kind: 'wait'; readonly until: Promise<unknown> };

export const failWith = (error: unknown): ScriptedOutcome => ({ kind: 'fail', error });
export const answer = (value: unknown): ScriptedOutcome => ({ kind: 'answer', value });
/** The call stays in flight until `until` settles, and settles the same way. */
export const waitFor = (until: Promise<unknown>): ScriptedOutcome => ({ kind: 'wait', until });
/** The call never settles (a half-open socket). */
export const hang = (): ScriptedOutcome => waitFor(new Promise(() => {}));

export interface ScriptedCall {
  readonly method: ScriptedMethod;
  readonly args: readonly unknown[];
  readonly time: number;
}

export class ScriptedBroker implements Broker {
  readonly kind = 'simulated' as const;
  readonly calls: ScriptedCall[] = [];
  enforceConnection = true;
  readonly #clock: Clock;
  readonly #scripts = new Map<ScriptedMethod, ScriptedOutcome[]>();
  readonly #listeners = new Set<BrokerEventListener>();
  #status: ConnectionStatus;
  #nextBrokerOrderId = 100;

  constructor(clock: Clock, options: { readonly connected?: boolean } = {}) {
    this.#clock = clock;
    this.#status = this.#statusOf(options.connected ?? true ? 'connected' : 'disconnected');
  }

  /** Queues outcomes for the next calls of `method`, in order; later calls answer plainly again. */
  script(method: ScriptedMethod, ...outcomes: ScriptedOutcome[]): this {
    this.#scripts.set(method, [...(this.#scripts.get(method) ?? []), ...outcomes]);
    return this;
  }

  /** The calls of `method` (all calls without an argument). */
  callsOf(method?: ScriptedMethod): ScriptedCall[] {
    return method === undefined ? this.calls : this.calls.filter((call) => call.method === method);
  }

  /** Delivers an event to subscribers, as the broker would. */
  emit(event: BrokerEvent): void {
    for (const listener of [...this.#listeners]) listener(event);
  }

  /** Changes the connection state and reports it (a dropped socket, a restored link). */
  setConnection(state: ConnectionState): void {
    this.#status = this.#statusOf(state);
    this.emit({ type: 'connection', status: this.#status });
  }

  get listenerCount(): number {
    return this.#listeners.size;
  }

  async connect(): Promise<void> {
    await this.#call('connect', [], undefined, false);
    if (this.#status.state !== 'connected') this.setConnection('connected');
  }

  async disconnect(): Promise<void> {
    if (this.#status.state !== 'disconnected') this.setConnection('disconnected');
  }

  connectionStatus(): ConnectionStatus {
    return this.#status;
  }

  subscribe(listener: BrokerEventListener): Disposable {
    const entry: BrokerEventListener = (event) => listener(event);
    this.#listeners.add(entry);
    return toDisposable(() => this.#listeners.delete(entry));
  }

  placeOrder(request: BrokerOrderRequest): Promise<{ readonly brokerOrderId: number }> {
    return this.#call('placeOrder', [request], () => ({ brokerOrderId: this.#nextBrokerOrderId++ }));
  }

  placeBracketOrder(request: BrokerBracketRequest): Promise<BrokerBracketIds> {
    return this.#call('placeBracketOrder', [request], () => {
      const parent = this.#nextBrokerOrderId;
      this.#nextBrokerOrderId += 3;
      return { parent, takeProfit: parent + 1, stopLoss: parent + 2 };
    });
  }

  modifyOrder(clientOrderRef: ClientOrderRef, changes: BrokerOrderChanges): Promise<void> {
    return this.#call('modifyOrder', [clientOrderRef, changes], () => undefined);
  }

  cancelOrder(clientOrderRef: ClientOrderRef): Promise<void> {
    return this.#call('cancelOrder', [clientOrderRef], () => undefined);
  }

  cancelAllOrders(): Promise<void> {
    return this.#call('cancelAllOrders', [], () => undefined);
  }

  openOrders(): Promise<readonly BrokerOrderSnapshot[]> {
    return this.#call('openOrders', [], () => []);
  }

  positions(): Promise<readonly BrokerPosition[]> {
    return this.#call('positions', [], () => []);
  }

  executions(since: number): Promise<readonly BrokerExecution[]> {
    return this.#call('executions', [since], () => []);
  }

  accountSummary(): Promise<AccountSummary> {
    return this.#call('accountSummary', [], () => plainAccount(this.#clock.now()));
  }

  whatIf(request: BrokerOrderRequest): Promise<BrokerWhatIf> {
    return this.#call('whatIf', [request], () => plainWhatIf());
  }

  /** The optional heartbeat (ConnectionWatchdog uses it when present). */
  ping(): Promise<void> {
    return this.#call('ping', [], () => undefined);
  }

  async #call<T>(method: ScriptedMethod, args: readonly unknown[], plain: (() => T) | undefined, needsConnection = true): Promise<T> {
    this.calls.push({ method, args, time: this.#clock.now() });
    if (needsConnection && this.enforceConnection && this.#status.state !== 'connected') {
      throw new BrokerRequestError('not-connected', `the scripted broker is not connected: cannot ${method}`, 'not-sent');
    }
    const outcome = this.#scripts.get(method)?.shift();
    if (outcome === undefined) return plain?.() as T;
    if (outcome.kind === 'fail') throw outcome.error;
    if (outcome.kind === 'answer') return outcome.value as T;
    return (await outcome.until) as T;
  }

  #statusOf(state: ConnectionState): ConnectionStatus {
    const now = this.#clock.now();
    return createConnectionStatus({ broker: 'simulated', state, since: now, lastHeartbeatAt: state === 'connected' ? now : undefined });
  }
}

function plainAccount(now: number): AccountSummary {
  const netLiquidation = fromDollars(100_000);
  return createAccountSummary({ netLiquidation, cash: netLiquidation, buyingPower: netLiquidation, marginUsed: ZERO_MONEY, realizedPnl: ZERO_MONEY, unrealizedPnl: ZERO_MONEY, updatedAt: now });
}

function plainWhatIf(): BrokerWhatIf {
  return {
    initialMarginChange: ZERO_MONEY, maintenanceMarginChange: ZERO_MONEY, initialMarginAfter: ZERO_MONEY, maintenanceMarginAfter: ZERO_MONEY,
    equityWithLoanAfter: fromDollars(100_000), commission: fromDollars(1), rejectReason: undefined, warning: undefined,
  };
}
