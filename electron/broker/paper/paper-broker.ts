// The paper broker: the Broker port over a simulated exchange (see README.md for the model).
// Requests are answered after a seeded latency of clock time; working orders meet the market on
// every tick; the account lives in its own SQLite file, written in one transaction per change,
// so a new PaperBroker on the same file continues exactly where the old one stopped. Like IB's
// servers, the "exchange" keeps working while the app is disconnected: events of that time are
// not delivered, but openOrders(), executions() and positions() show their effects.
import type {
  Broker, BrokerBracketIds, BrokerBracketRequest, BrokerEvent, BrokerEventListener, BrokerExecution, BrokerOrderChanges,
  BrokerOrderRequest, BrokerOrderSnapshot, BrokerPosition, BrokerWhatIf,
} from '../broker.ts';
import { BrokerRequestError } from '../broker-request-error.ts';
import type { AccountSummary } from '../../../shared/domain/account.ts';
import { newYorkDate } from '../../../shared/domain/calendar.ts';
import { createConnectionStatus, type ConnectionState, type ConnectionStatus } from '../../../shared/domain/connection.ts';
import type { ClientOrderRef } from '../../../shared/domain/ids.ts';
import type { Clock, Timer } from '../../core/clock.ts';
import { DisposableStore, toDisposable, type Disposable } from '../../core/lifecycle.ts';
import { silentLogger, type Logger } from '../../core/logger.ts';
import { accountSummary } from './account-figures.ts';
import { whatIfPreview } from './buying-power.ts';
import { newContext, type ExchangeContext, type ExchangeServices } from './exchange-context.ts';
import { newYorkWallTime } from '../../../shared/domain/new-york-time.ts';
import { storableCopy, takeIn, type IntakeEntry } from './order-intake.ts';
import { processRequest } from './order-requests.ts';
import { rejectionReason } from './order-validation.ts';
import { accountRecord, buildServices, loadOrCreateAccount } from './paper-account-setup.ts';
import { resolvePaperBrokerConfig, type PaperBrokerConfigInput } from './paper-config.ts';
import type { PaperMarketPort } from './paper-market-port.ts';
import { isLive, toSnapshot } from './paper-order.ts';
import type { PaperSettlement } from './paper-records.ts';
import { PaperStore } from './paper-store.ts';
import type { Durability } from '../../persistence/database.ts';
import { RequestQueue } from './request-queue.ts';
import { nextHousekeepingTime, onMarketTick, runHousekeeping } from './session-housekeeping.ts';

export interface PaperBrokerOptions {
  readonly clock: Clock;
  readonly market: PaperMarketPort;
  /** The paper account's own SQLite file (created when missing, migrated when older). */
  readonly storeFile: string;
  /** Seeds the latency and fill draws of a NEW account; an existing account continues its stored sequence. */
  readonly seed: number;
  readonly config?: PaperBrokerConfigInput;
  readonly logger?: Logger;
  /** The account file's durability (database.ts); 'full' unless a throw-away simulation asks for speed. */
  readonly durability?: Durability;
}

/** The housekeeping timer re-arms itself at least this often (Node timers cap at about 24.8 days). */
const maximumTimerDelayMs = 6 * 3_600_000;

export class PaperBroker implements Broker, Disposable {
  readonly kind = 'simulated' as const;
  readonly #services: ExchangeServices;
  readonly #store: PaperStore;
  readonly #accountId: string;
  readonly #createdAt: number;
  readonly #listeners = new Set<BrokerEventListener>();
  readonly #requests: RequestQueue;
  readonly #lifetime = new DisposableStore();
  #housekeeping: { timer: Timer; due: number } | undefined;
  #connection: ConnectionStatus;
  #persistedRandomState: number;
  #disposed = false;

  constructor(options: PaperBrokerOptions) {
    const config = resolvePaperBrokerConfig(options.config);
    const logger = (options.logger ?? silentLogger).child({ component: 'paper-broker' });
    const now = options.clock.now();
    this.#store = PaperStore.open(options.storeFile, logger, options.durability);
    try {
      const contents = loadOrCreateAccount(this.#store, config, options.seed, now);
      this.#services = buildServices({ clock: options.clock, market: options.market, config, logger }, contents);
      this.#accountId = contents.account.accountId;
      this.#createdAt = contents.account.createdAt;
      this.#persistedRandomState = contents.account.randomState;
      this.#connection = createConnectionStatus({ broker: 'simulated', state: 'disconnected', since: now });
      this.#requests = this.#lifetime.add(new RequestQueue(this.#services, (request) => this.#whileUsable(() => this.#run((context) => {
        processRequest(context, request);
        context.changes.removedRequestIds.push(request.id);
      }))));
      this.#lifetime.add(options.market.onTick(() => this.#whileUsable(() => this.#run(onMarketTick))));
      for (const request of contents.requests) this.#requests.schedule(request);
      this.#run(runHousekeeping);
    } catch (error) {
      this.dispose();
      throw error;
    }
  }

  get storeFile(): string {
    return this.#store.filePath;
  }

  async connect(): Promise<void> {
    if (this.#disposed) throw new BrokerRequestError('broker-unavailable', 'the paper broker was disposed', 'not-sent');
    if (this.#connection.state === 'connected') return;
    this.#setConnection('connecting');
    this.#setConnection('connected');
  }

  async disconnect(): Promise<void> {
    if (this.#connection.state !== 'disconnected') this.#setConnection('disconnected');
  }

  connectionStatus(): ConnectionStatus {
    return this.#connection;
  }

  subscribe(listener: BrokerEventListener): Disposable {
    const entry: BrokerEventListener = (event) => listener(event);
    this.#listeners.add(entry);
    return toDisposable(() => this.#listeners.delete(entry));
  }

  async placeOrder(request: BrokerOrderRequest): Promise<{ readonly brokerOrderId: number }> {
    this.#requireConnected('place an order');
    const [brokerOrderId] = this.#takeIn([{ request }]);
    return { brokerOrderId: brokerOrderId as number };
  }

  async placeBracketOrder(request: BrokerBracketRequest): Promise<BrokerBracketIds> {
    this.#requireConnected('place a bracket order');
    const parent = this.#services.counters.nextBrokerOrderId;
    const group = `bracket:${parent}`;
    const [parentId, takeProfit, stopLoss] = this.#takeIn([
      { request: request.parent, childIds: [parent + 1, parent + 2] },
      { request: request.takeProfit, parentId: parent, impliedOcaGroup: group },
      { request: request.stopLoss, parentId: parent, impliedOcaGroup: group },
    ]) as [number, number, number];
    return { parent: parentId, takeProfit, stopLoss };
  }

  async modifyOrder(clientOrderRef: ClientOrderRef, changes: BrokerOrderChanges): Promise<void> {
    this.#requireConnected('modify an order');
    const orderId = this.#orderIdOf(clientOrderRef);
    const copy = storableCopy(changes, `changes to ${clientOrderRef}`);
    this.#run((context) => this.#requests.enqueue(context, { kind: 'modify', orderId, changes: copy }));
  }

  async cancelOrder(clientOrderRef: ClientOrderRef): Promise<void> {
    this.#requireConnected('cancel an order');
    const orderId = this.#orderIdOf(clientOrderRef);
    this.#run((context) => this.#requests.enqueue(context, { kind: 'cancel', orderId }));
  }

  async cancelAllOrders(): Promise<void> {
    this.#requireConnected('cancel all orders');
    this.#run((context) => this.#requests.enqueue(context, { kind: 'cancel-all' }));
  }

  /** Working orders and the orders that finished today (New York), in broker id order. */
  async openOrders(): Promise<readonly BrokerOrderSnapshot[]> {
    this.#requireConnected('list open orders');
    const { book, clock } = this.#services;
    const startOfToday = newYorkWallTime(newYorkDate(clock.now()), 0);
    return book.all()
      .filter((order) => isLive(order) || order.updatedAt >= startOfToday)
      .map((order) => toSnapshot(order, book.parentRef(order)));
  }

  async positions(): Promise<readonly BrokerPosition[]> {
    this.#requireConnected('list positions');
    return this.#services.ledger.openPositions().map((position) => Object.freeze({ contract: position.contract, quantity: position.quantity, averageCost: position.averageCost }));
  }

  async executions(since: number): Promise<readonly BrokerExecution[]> {
    this.#requireConnected('list executions');
    return this.#store.executionsSince(since);
  }

  async accountSummary(): Promise<AccountSummary> {
    this.#requireConnected('read the account summary');
    return accountSummary(this.#services, this.#services.clock.now());
  }

  async whatIf(request: BrokerOrderRequest): Promise<BrokerWhatIf> {
    this.#requireConnected('preview an order');
    const { market, clock } = this.#services;
    const now = clock.now();
    const reason = rejectionReason(request, { market, now, expirationTime: this.#services.expirationTime, bracketChild: false });
    const warning = !market.isRegularHours(now) && request.type !== 'MKT' ? 'the market is closed: the order would be held until the next session' : undefined;
    return whatIfPreview(this.#services, request, reason, warning);
  }

  /** What expirations did to the account since `since` (also reported as notices when they happened). */
  settlements(since: number): readonly PaperSettlement[] {
    return this.#store.settlementsSince(since);
  }

  /** Stops every timer, leaves the market and closes the store. Idempotent. */
  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    this.#housekeeping?.timer.dispose();
    this.#lifetime.dispose();
    this.#listeners.clear();
    this.#store.close();
  }

  #requireConnected(what: string): void {
    if (this.#disposed || this.#connection.state !== 'connected') {
      throw new BrokerRequestError('not-connected', `the paper broker is not connected: cannot ${what}`, 'not-sent');
    }
  }

  #orderIdOf(clientOrderRef: ClientOrderRef): number {
    const order = this.#services.book.byRef(clientOrderRef);
    if (order === undefined) throw new BrokerRequestError('not-found', `no order with client order ref ${String(clientOrderRef)}`, 'not-sent');
    return order.brokerOrderId;
  }

  #takeIn(entries: readonly IntakeEntry[]): number[] {
    const { book, counters, clock } = this.#services;
    const orders = takeIn(entries, book, counters.nextBrokerOrderId, clock.now());
    this.#run((context) => {
      counters.nextBrokerOrderId += orders.length;
      for (const order of orders) {
        book.add(order);
        context.changes.orders.add(order);
      }
      this.#requests.enqueue(context, { kind: 'place', orderIds: orders.map((order) => order.brokerOrderId) });
    });
    return orders.map((order) => order.brokerOrderId);
  }

  #whileUsable(work: () => void): void {
    if (!this.#disposed) work();
  }

  /** One state change: work, one store transaction, then the events, then the next housekeeping time. */
  #run(work: (context: ExchangeContext) => void): void {
    const context = newContext(this.#services);
    work(context);
    this.#commit(context);
    this.#deliver(context.changes.events);
    this.#armHousekeeping();
  }

  #commit(context: ExchangeContext): void {
    const { changes } = context;
    const positions = this.#services.ledger.takeDirty();
    const randomState = this.#services.random.state;
    if (!changes.hasChanges && positions.length === 0 && randomState === this.#persistedRandomState) return;
    this.#store.commit({
      account: accountRecord(this.#services, this.#accountId, this.#createdAt, context.now),
      orders: changes.orders,
      positions,
      executions: changes.executions,
      settlements: changes.settlements,
      addedRequests: changes.addedRequests,
      removedRequestIds: changes.removedRequestIds,
    });
    this.#persistedRandomState = randomState;
  }

  #armHousekeeping(): void {
    if (this.#disposed) return;
    const { clock } = this.#services;
    const now = clock.now();
    const due = Math.min(nextHousekeepingTime(newContext(this.#services)), now + maximumTimerDelayMs);
    if (this.#housekeeping?.timer.active && this.#housekeeping.due <= due) return;
    this.#housekeeping?.timer.dispose();
    const timer = clock.setTimeout(() => {
      this.#housekeeping = undefined;
      this.#whileUsable(() => this.#run(runHousekeeping));
    }, Math.max(0, due - now));
    this.#housekeeping = { timer, due };
  }

  #setConnection(state: ConnectionState): void {
    const now = this.#services.clock.now();
    this.#connection = createConnectionStatus({ broker: 'simulated', state, since: now, lastHeartbeatAt: state === 'connected' ? now : undefined });
    this.#emit({ type: 'connection', status: this.#connection });
  }

  /** Events reach listeners only while connected (like a socket); connection events always do. */
  #deliver(events: readonly BrokerEvent[]): void {
    if (this.#connection.state !== 'connected') return;
    for (const event of events) this.#emit(event);
  }

  #emit(event: BrokerEvent): void {
    for (const listener of [...this.#listeners]) {
      try {
        listener(event);
      } catch (error) {
        this.#services.logger.error('a paper broker listener threw', { error: error instanceof Error ? error.message : String(error), event: event.type });
      }
    }
  }
}
