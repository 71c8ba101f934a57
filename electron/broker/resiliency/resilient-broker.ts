// A Broker that wraps another with the circuit breaker and the retry policy, and files orders it
// could not send in the dead-letter queue. Events pass through unchanged (subscribe is the inner
// broker's own).
//
// - Queries, cancels and connect are retried with backoff on retryable failures.
// - place / bracket / modify are retried only when certainly not sent (isSafeToRetry) AND the
//   broker still reports connected: after a disconnect the reconciler runs before any order
//   goes out again, so such an order goes to the dead-letter queue instead of waiting here.
// - An order failure that is not a BrokerRequestError is reported as outcome 'unknown' (it may
//   have left); an 'unknown' outcome is never retried nor dead-lettered: the reconciler resolves
//   it by client order ref.
// - place / bracket that end not sent with a retryable code (after retries, circuit open,
//   disconnected) are captured as dead letters; the thrown error names the letter
//   (details.deadLetterId). Terminal refusals (rejected, invalid) are not: resending cannot help.
//   Modifies are not dead-lettered: the order keeps its old terms at the broker, a known state.
// - Every call except connect/disconnect passes the circuit breaker; cancels may pass an open
//   breaker (default) so the kill switch is never blocked by our own breaker.
// - A reconnect half-opens an open breaker (its failures belonged to the old session).
// - connect/disconnect bypass the breaker; ping() is the bare heartbeat (no retry, no breaker).
import type {
  Broker, BrokerBracketIds, BrokerBracketRequest, BrokerEventListener, BrokerExecution, BrokerOrderChanges,
  BrokerOrderRequest, BrokerOrderSnapshot, BrokerPosition, BrokerWhatIf,
} from '../broker.ts';
import { BrokerRequestError, isSafeToRetry } from '../broker-request-error.ts';
import type { AccountSummary } from '../../../shared/domain/account.ts';
import type { BrokerKind, ConnectionStatus } from '../../../shared/domain/connection.ts';
import type { ClientOrderRef } from '../../../shared/domain/ids.ts';
import type { Clock } from '../../core/clock.ts';
import { toAppError } from '../../core/errors.ts';
import { DisposableStore, type Disposable } from '../../core/lifecycle.ts';
import { silentLogger, type Logger } from '../../core/logger.ts';
import { CircuitBreaker, type CircuitBreakerOptions } from './circuit-breaker.ts';
import type { DeadLetterSink } from './dead-letter.ts';
import type { DeadLetterRequest } from './dead-letter-request.ts';
import { heartbeat, type Pingable } from './heartbeat.ts';
import { BROKER_OPERATION_KINDS, createRetryPolicy, retry, type RetriedBrokerMethod, type RetryOptions, type RetryPolicy } from './retry-policy.ts';

export interface ResilientBrokerOptions {
  readonly clock: Clock;
  readonly retry?: RetryOptions;
  readonly circuitBreaker?: Omit<CircuitBreakerOptions, 'clock' | 'logger'>;
  /** Where orders that could not be sent are filed (the DeadLetterQueue); without one they only fail. */
  readonly deadLetters?: DeadLetterSink;
  /** Let cancels through an open breaker (default true). */
  readonly cancelsBypassOpenCircuit?: boolean;
  readonly logger?: Logger;
}

export class ResilientBroker implements Broker, Pingable, Disposable {
  readonly kind: BrokerKind;
  readonly inner: Broker;
  readonly circuit: CircuitBreaker;
  readonly #clock: Clock;
  readonly #policy: RetryPolicy;
  readonly #deadLetters: DeadLetterSink | undefined;
  readonly #cancelsBypass: boolean;
  readonly #logger: Logger;
  readonly #lifetime = new DisposableStore();
  readonly #abort = new AbortController();

  constructor(inner: Broker, options: ResilientBrokerOptions) {
    this.inner = inner;
    this.kind = inner.kind;
    this.#clock = options.clock;
    this.#policy = createRetryPolicy(options.retry);
    this.#deadLetters = options.deadLetters;
    this.#cancelsBypass = options.cancelsBypassOpenCircuit ?? true;
    this.#logger = (options.logger ?? silentLogger).child({ component: 'resilient-broker' });
    this.circuit = this.#lifetime.add(new CircuitBreaker({ ...options.circuitBreaker, clock: options.clock, logger: this.#logger }));
    this.#lifetime.add(inner.subscribe((event) => {
      if (event.type === 'connection' && event.status.state === 'connected') this.circuit.probeNow('the broker reconnected');
    }));
    this.#lifetime.addTeardown(() => this.#abort.abort(new Error('the resilient broker was disposed')));
  }

  connect(): Promise<void> {
    return this.#retried('connect', () => this.inner.connect());
  }

  disconnect(): Promise<void> {
    return this.inner.disconnect();
  }

  connectionStatus(): ConnectionStatus {
    return this.inner.connectionStatus();
  }

  subscribe(listener: BrokerEventListener): Disposable {
    return this.inner.subscribe(listener);
  }

  placeOrder(request: BrokerOrderRequest): Promise<{ readonly brokerOrderId: number }> {
    return this.#order('placeOrder', { kind: 'order', order: request }, () => this.inner.placeOrder(request));
  }

  placeBracketOrder(request: BrokerBracketRequest): Promise<BrokerBracketIds> {
    return this.#order('placeBracketOrder', { kind: 'bracket', bracket: request }, () => this.inner.placeBracketOrder(request));
  }

  modifyOrder(clientOrderRef: ClientOrderRef, changes: BrokerOrderChanges): Promise<void> {
    return this.#order('modifyOrder', undefined, () => this.inner.modifyOrder(clientOrderRef, changes));
  }

  cancelOrder(clientOrderRef: ClientOrderRef): Promise<void> {
    return this.#guarded('cancelOrder', () => this.inner.cancelOrder(clientOrderRef), this.#cancelsBypass);
  }

  cancelAllOrders(): Promise<void> {
    return this.#guarded('cancelAllOrders', () => this.inner.cancelAllOrders(), this.#cancelsBypass);
  }

  openOrders(): Promise<readonly BrokerOrderSnapshot[]> {
    return this.#guarded('openOrders', () => this.inner.openOrders());
  }

  positions(): Promise<readonly BrokerPosition[]> {
    return this.#guarded('positions', () => this.inner.positions());
  }

  executions(since: number): Promise<readonly BrokerExecution[]> {
    return this.#guarded('executions', () => this.inner.executions(since));
  }

  accountSummary(): Promise<AccountSummary> {
    return this.#guarded('accountSummary', () => this.inner.accountSummary());
  }

  whatIf(request: BrokerOrderRequest): Promise<BrokerWhatIf> {
    return this.#guarded('whatIf', () => this.inner.whatIf(request));
  }

  /** One bare heartbeat of the inner broker (its ping(), else accountSummary()). */
  ping(): Promise<void> {
    return heartbeat(this.inner);
  }

  /** Stops pending retry waits (their calls fail with their last error), the breaker timer and the reconnect hook. The inner broker is the owner's to dispose. */
  dispose(): void {
    this.#lifetime.dispose();
  }

  /** Through the breaker, with retries. */
  #guarded<T>(method: RetriedBrokerMethod, call: () => Promise<T>, bypass = false, attempts?: { count: number }): Promise<T> {
    if (this.#lifetime.isDisposed) return Promise.reject(new BrokerRequestError('broker-unavailable', `the resilient broker was disposed: cannot ${method}`, 'not-sent'));
    return this.#retried(method, () => this.circuit.execute(call, { bypass }), attempts);
  }

  /** With retries as the method's kind allows; `attempts` counts the calls made. */
  #retried<T>(method: RetriedBrokerMethod, call: () => Promise<T>, attempts = { count: 0 }): Promise<T> {
    const kind = BROKER_OPERATION_KINDS[method];
    return retry(async () => {
      attempts.count += 1;
      return call();
    }, {
      clock: this.#clock,
      kind,
      policy: this.#policy,
      signal: this.#abort.signal,
      mayRetry: kind === 'order' ? () => this.inner.connectionStatus().state === 'connected' : undefined,
      onRetry: ({ attempt, delayMs, error }) => this.#logger.info('retrying broker call', { method, attempt, delayMs, error: toAppError(error).message }),
    });
  }

  async #order<T>(method: RetriedBrokerMethod, request: DeadLetterRequest | undefined, call: () => Promise<T>): Promise<T> {
    const attempts = { count: 0 };
    try {
      return await this.#guarded(method, call, false, attempts);
    } catch (error) {
      throw this.#orderFailure(method, request, error, attempts.count);
    }
  }

  #orderFailure(method: RetriedBrokerMethod, request: DeadLetterRequest | undefined, error: unknown, attempts: number): BrokerRequestError {
    if (!(error instanceof BrokerRequestError)) {
      const appError = toAppError(error);
      this.#logger.warn('order call failed in an unexpected way: outcome unknown', { method, error: appError.message });
      return new BrokerRequestError(appError.code, appError.message, 'unknown', { cause: error, details: appError.details });
    }
    if (error.sendOutcome === 'unknown') {
      this.#logger.warn('order outcome unknown: left to the reconciler', { method, error: error.message });
      return error;
    }
    if (request === undefined || this.#deadLetters === undefined || !isSafeToRetry(error)) return error;
    return this.#deadLetter(request, error, attempts);
  }

  #deadLetter(request: DeadLetterRequest, error: BrokerRequestError, attempts: number): BrokerRequestError {
    const details = { ...error.details, attempts };
    try {
      const letter = (this.#deadLetters as DeadLetterSink).capture({ request, reason: error.message, errorCode: error.code, attempts: Math.max(1, attempts) });
      return new BrokerRequestError(error.code, `${error.message} (kept as dead letter ${letter.id} for resubmission)`, 'not-sent', { cause: error, details: { ...details, deadLetterId: letter.id } });
    } catch (captureError) {
      const why = toAppError(captureError).message;
      this.#logger.error('an order that could not be sent could not be dead-lettered either', { error: error.message, captureError: why });
      return new BrokerRequestError(error.code, `${error.message} (and it could not be kept as a dead letter: ${why})`, 'not-sent', { cause: error, details: { ...details, deadLetterError: why } });
    }
  }
}
