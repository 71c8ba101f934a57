// A real world for kill-switch tests: the PaperBroker on a temp file (TestClock, in-memory
// market, default 10–50 ms latency), a TradingStore on its own temp SQLite file, the real
// RiskGovernor (positions from the store's fills, quotes from the paper market, connection from
// the broker), the app's OMS and engine gated by the governor, and the flatten OMS and engine
// gated by governor.flattenGate (not started: the app's OMS applies every broker event). The
// broker is seen through a thin proxy that counts cancel-alls and can drop or fail them.
import { createAccountSummary } from '../../../../shared/domain/account.ts';
import { isConnected } from '../../../../shared/domain/connection.ts';
import { createGreeks } from '../../../../shared/domain/greeks.ts';
import { formatClientOrderRef, type ClientOrderRef } from '../../../../shared/domain/ids.ts';
import { fromDollars } from '../../../../shared/domain/money.ts';
import type { Order } from '../../../../shared/domain/order.ts';
import { createRiskLimits, type RiskLimits } from '../../../../shared/domain/risk.ts';
import type { Broker } from '../../../broker/broker.ts';
import { PaperFixture } from '../../../broker/paper/testing/paper-fixture.ts';
import { EventBus, type BusEvent } from '../../../core/event-bus.ts';
import type { Disposable } from '../../../core/lifecycle.ts';
import { ExecutionEngine } from '../../../execution/execution-engine.ts';
import type { ExecutionEvents } from '../../../execution/execution-events.ts';
import type { ExecutionResult } from '../../../execution/execution-result.ts';
import { OrderManagementSystem } from '../../../execution/order-management-system.ts';
import { StorePositionsProvider } from '../../../execution/positions-provider.ts';
import { flush } from '../../../execution/testing/oms-harness.ts';
import { sessionDate } from '../../../market/trading-calendar.ts';
import { openDatabase, type AppDatabase } from '../../../persistence/database.ts';
import { positionsFromFills } from '../../../persistence/journal/position-book.ts';
import type { JournalEntry } from '../../../persistence/journal/journal.types.ts';
import { SettingsRepository } from '../../../persistence/settings.repository.ts';
import { createTemporaryDirectory, type TemporaryDirectory } from '../../../persistence/testing/temporary-directory.ts';
import { TradingStore } from '../../../persistence/trading-store.ts';
import { KillSwitch } from '../../kill-switch.ts';
import type { RiskGovernorEvents } from '../../risk-events.ts';
import { RiskGovernor } from '../../risk-governor.ts';
import type { RiskInputs, RiskPosition } from '../../risk-inputs.ts';
import { settingsRiskStateStore } from '../../risk-state-store.ts';
import type { KillSwitchEvents, KillSwitchOptions } from '../kill-switch-types.ts';

/** What the test does to the broker's cancel-all: pass it on, drop it (never processed), or fail it. */
export type CancelAllBehaviour = 'forward' | 'drop' | { readonly fail: Error };

export class KillSwitchWorld implements Disposable {
  readonly paper = new PaperFixture();
  readonly clock = this.paper.clock;
  readonly directory: TemporaryDirectory = createTemporaryDirectory('kill-switch-');
  readonly database: AppDatabase = openDatabase(this.directory.file('app.sqlite'));
  readonly store = new TradingStore(this.database, this.clock);
  readonly executionBus = new EventBus<ExecutionEvents>();
  readonly riskBus = new EventBus<RiskGovernorEvents>();
  readonly killSwitchBus = new EventBus<KillSwitchEvents>();
  readonly killSwitchEvents: BusEvent<KillSwitchEvents>[] = [];
  readonly broker: Broker;
  readonly governor: RiskGovernor;
  readonly oms: OrderManagementSystem;
  readonly engine: ExecutionEngine;
  readonly flattenOms: OrderManagementSystem;
  readonly flattenEngine: ExecutionEngine;
  killSwitch: KillSwitch;
  netLiquidation = 100_000;
  cancelAllBehaviour: CancelAllBehaviour = 'forward';
  cancelAllCalls = 0;
  /** The governor's trading state each time the broker's cancel-all was invoked. */
  readonly tradingStateAtCancelAll: string[] = [];
  #outsideSequence = 900_000;

  constructor(options: { readonly limits?: Partial<RiskLimits>; readonly killSwitch?: Partial<KillSwitchOptions> } = {}) {
    this.broker = this.#proxy(this.paper.broker);
    this.killSwitchBus.subscribeAll((event) => this.killSwitchEvents.push(event));
    this.governor = new RiskGovernor({
      inputs: this.#riskInputs(),
      limits: createRiskLimits(options.limits),
      events: this.riskBus,
      journal: (event) => this.store.records.recordRiskEvent(event),
      orderIdOf: (reference) => this.store.orders.getByClientOrderRef(reference)?.id,
      stateStore: settingsRiskStateStore(new SettingsRepository(this.database, this.clock)),
    });
    this.governor.markReconciled();
    const positions = new StorePositionsProvider(this.store);
    this.oms = new OrderManagementSystem({ store: this.store, broker: this.broker, gate: this.governor, clock: this.clock, bus: this.executionBus });
    this.oms.start();
    this.engine = new ExecutionEngine({ oms: this.oms, positions, quotes: this.paper.market });
    this.flattenOms = new OrderManagementSystem({ store: this.store, broker: this.broker, gate: this.governor.flattenGate, clock: this.clock, bus: this.executionBus });
    this.flattenEngine = new ExecutionEngine({ oms: this.flattenOms, positions, quotes: this.paper.market });
    this.killSwitch = this.buildKillSwitch(options.killSwitch);
  }

  /** A kill switch on this world's parts (a second one after dispose() acts as after a restart). */
  buildKillSwitch(overrides: Partial<KillSwitchOptions> = {}): KillSwitch {
    return new KillSwitch({
      governor: this.governor,
      governorEvents: this.riskBus,
      oms: this.flattenOms,
      flattenEngine: this.flattenEngine,
      positions: new StorePositionsProvider(this.store),
      broker: this.broker,
      journal: this.store.journal,
      alerts: this.store.records,
      events: this.killSwitchBus,
      clock: this.clock,
      ...overrides,
    });
  }

  /** Places `count` resting BUY limits (1.90 under a 2.00 bid) through the automation gate; returns them SUBMITTED. */
  async placeWorking(count: number): Promise<Order[]> {
    const ids = [];
    for (let index = 0; index < count; index++) {
      const result = await this.engine.placeOrder({ instrument: this.paper.option, action: 'BUY', quantity: index + 1, type: 'LMT', limitPrice: 1.9, tif: 'DAY' });
      ids.push(...requireSuccess(result).orderIds);
      await this.drive(250); // the order-rate throttle allows 5 a second
    }
    return ids.map((id) => this.order(id));
  }

  /** Buys `quantity` of the 560 call at market and waits for the fill (and past the duplicate-order window). */
  async hold(quantity: number): Promise<void> {
    requireSuccess(await this.engine.placeOrder({ instrument: this.paper.option, action: 'BUY', quantity, type: 'MKT', tif: 'DAY', purpose: 'entry' }));
    await this.drive(1_000, 50);
  }

  /** Places a resting SELL limit (2.40 over a 2.10 ask) closing `quantity` of the 560 call; returns it SUBMITTED. */
  async placeExit(quantity: number): Promise<Order> {
    const result = requireSuccess(await this.engine.placeOrder({ instrument: this.paper.option, action: 'SELL', quantity, type: 'LMT', limitPrice: 2.4, tif: 'DAY', purpose: 'exit' }));
    await this.drive(60);
    const [id] = result.orderIds;
    if (id === undefined) throw new Error('the exit order has no id');
    return this.order(id);
  }

  /** Places an order at the broker directly, as another app would (a reference we never issue). */
  async placeOutside(): Promise<ClientOrderRef> {
    const reference = formatClientOrderRef(++this.#outsideSequence);
    await this.paper.broker.placeOrder({ clientOrderRef: reference, instrument: this.paper.option, action: 'BUY', quantity: 1, type: 'LMT', limitPrice: 1.5, tif: 'DAY' });
    await this.drive(60);
    return reference;
  }

  /** Advances the clock in `stepMs` steps, letting promises run in between (broker answers, the kill switch's waits). */
  async drive(totalMs: number, stepMs = 10): Promise<void> {
    await flush();
    for (let elapsed = 0; elapsed < totalMs; elapsed += stepMs) {
      this.clock.advance(Math.min(stepMs, totalMs - elapsed));
      await flush();
    }
  }

  /** Drives the clock until `promise` settles (at most `limitMs`), then returns its value. */
  async driveUntil<T>(promise: Promise<T>, limitMs = 20_000): Promise<T> {
    let settled = false;
    void promise.finally(() => (settled = true));
    await flush();
    for (let elapsed = 0; !settled && elapsed < limitMs; elapsed += 10) {
      this.clock.advance(10);
      await flush();
    }
    if (!settled) throw new Error(`the promise did not settle within ${limitMs} ms of clock time`);
    return promise;
  }

  order(id: Order['id']): Order {
    const order = this.store.orders.get(id);
    if (order === undefined) throw new Error(`no order ${id}`);
    return order;
  }

  /** Orders the kill switch's flatten engine created (purpose 'flatten'). */
  flattenOrders(): Order[] {
    return this.store.orders.listAll().filter((order) => this.flattenOms.contextOf(order.id)?.purpose === 'flatten' || this.oms.contextOf(order.id)?.purpose === 'flatten');
  }

  journal(type: string): JournalEntry[] {
    return this.store.journal.read({ types: [type] });
  }

  eventsOf<Type extends keyof KillSwitchEvents>(type: Type): KillSwitchEvents[Type][] {
    return this.killSwitchEvents.flatMap((event) => (event.type === type ? [event.payload as KillSwitchEvents[Type]] : []));
  }

  async positionOf560(): Promise<number> {
    const lines = await new StorePositionsProvider(this.store).positions();
    return lines.find((line) => line.contract.kind === 'option' && line.contract.strike === 560)?.quantity ?? 0;
  }

  dispose(): void {
    this.killSwitch.dispose();
    this.engine.dispose();
    this.flattenEngine.dispose();
    this.oms.dispose();
    this.flattenOms.dispose();
    this.paper.dispose();
    this.database.close();
    this.directory.dispose();
  }

  #riskInputs(): RiskInputs {
    const { clock, paper } = this;
    return {
      clock,
      tradingDayOf: sessionDate,
      account: () => {
        const net = fromDollars(this.netLiquidation);
        return createAccountSummary({ netLiquidation: net, cash: net, buyingPower: net, marginUsed: fromDollars(10_000), realizedPnl: fromDollars(0), unrealizedPnl: fromDollars(0), updatedAt: clock.now() });
      },
      positions: () => [...positionsFromFills(this.store.fills.listAll()).values()].filter((line) => line.quantity !== 0).map((line): RiskPosition => ({ contract: line.contract, quantity: line.quantity, strategyId: undefined })),
      quote: (contract) => {
        const quote = paper.market.quote(contract);
        if (quote === undefined) return undefined;
        const greeks = contract.kind === 'option' ? createGreeks({ delta: 0.1, gamma: 0.01, theta: -0.05, vega: 0.05, rho: 0.01 }) : undefined;
        return { mid: (quote.bid + quote.ask) / 2, time: clock.now(), greeks, underlyingPrice: 560 };
      },
      isConnected: () => isConnected(paper.broker.connectionStatus()),
      estimateMargin: () => fromDollars(1_000),
    };
  }

  /** The paper broker seen through a proxy that counts (and may drop or fail) cancel-alls. */
  #proxy(inner: Broker): Broker {
    const cancelAllOrders = async (): Promise<void> => {
      this.cancelAllCalls++;
      this.tradingStateAtCancelAll.push(this.governor.state().tradingState);
      const behaviour = this.cancelAllBehaviour;
      if (behaviour === 'drop') return;
      if (behaviour !== 'forward') throw behaviour.fail;
      return inner.cancelAllOrders();
    };
    return new Proxy(inner, {
      get(target, property) {
        if (property === 'cancelAllOrders') return cancelAllOrders;
        const value: unknown = Reflect.get(target, property, target);
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    });
  }
}

function requireSuccess(result: ExecutionResult): ExecutionResult {
  if (!result.success) throw new Error(`the setup order failed: ${result.error ?? result.action}`);
  return result;
}
