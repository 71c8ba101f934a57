// The "killSwitch" section: how fast the kill switch closes the gate and cancels 100 working
// orders on the real PaperBroker (its default 10–50 ms latency on the SystemClock, so the cancel
// round trip is real), with the app's TradingStore and the paper account on temp SQLite files
// (WAL, synchronous=FULL: every commit is fsynced, as in the app). Times are from the trigger()
// call; the median of REPETITIONS fresh worlds is reported.
// - gateClosedMs: until the governor's state reads HALTED, probed inside halt() at its first
//   write (the state store's save), i.e. after the in-memory switch the gate reads and before
//   any fsync. haltReturnedMs (extra): until halt() returned, after its fsynced commits.
// - cancelAllSentMs: until the broker's cancelAllOrders was invoked (a thin proxy records it).
// - allCancelledMs: until the 100th order is CANCELLED in our OMS ('order.updated').
// Extras: triggerReturnedMs (trigger() returned: cancel-all sent, trigger journaled, alert
// raised) and gateCheckDeniedMs (a real governor.check() right after it, denied TRADING_HALTED).
import { performance } from 'node:perf_hooks';
import { createAccountSummary } from '../../../shared/domain/account.ts';
import { isConnected } from '../../../shared/domain/connection.ts';
import { createUnderlying } from '../../../shared/domain/contract.ts';
import { formatClientOrderRef } from '../../../shared/domain/ids.ts';
import { fromDollars } from '../../../shared/domain/money.ts';
import { createRiskLimits } from '../../../shared/domain/risk.ts';
import type { Broker } from '../../../electron/broker/broker.ts';
import { InMemoryPaperMarket } from '../../../electron/broker/paper/in-memory-paper-market.ts';
import { PaperBroker } from '../../../electron/broker/paper/paper-broker.ts';
import { SystemClock } from '../../../electron/core/clock.ts';
import { EventBus } from '../../../electron/core/event-bus.ts';
import { DisposableStore, toDisposable } from '../../../electron/core/lifecycle.ts';
import { ExecutionEngine } from '../../../electron/execution/execution-engine.ts';
import type { ExecutionEvents } from '../../../electron/execution/execution-events.ts';
import { OrderManagementSystem } from '../../../electron/execution/order-management-system.ts';
import { StorePositionsProvider } from '../../../electron/execution/positions-provider.ts';
import { AllowAllGate } from '../../../electron/execution/testing/gate-fakes.ts';
import { sessionDate } from '../../../electron/market/trading-calendar.ts';
import { openDatabase } from '../../../electron/persistence/database.ts';
import { SettingsRepository } from '../../../electron/persistence/settings.repository.ts';
import { createTemporaryDirectory } from '../../../electron/persistence/testing/temporary-directory.ts';
import { TradingStore } from '../../../electron/persistence/trading-store.ts';
import { KillSwitch } from '../../../electron/risk/kill-switch.ts';
import type { KillSwitchEvents } from '../../../electron/risk/kill-switch/kill-switch-types.ts';
import type { OrderIntent } from '../../../electron/risk/pre-trade-gate.ts';
import type { RiskGovernorEvents } from '../../../electron/risk/risk-events.ts';
import { RiskGovernor } from '../../../electron/risk/risk-governor.ts';
import { settingsRiskStateStore, type RiskStateStore } from '../../../electron/risk/risk-state-store.ts';
import { percentile, type BenchSection } from '../bench-section.ts';

const REPETITIONS = 5;
const WORKING_ORDERS = 100;
const TIMEOUT_MS = 10_000;
const spy = createUnderlying({ kind: 'etf', symbol: 'SPY' });

type Sample = Record<'gateClosedMs' | 'haltReturnedMs' | 'cancelAllSentMs' | 'triggerReturnedMs' | 'gateCheckDeniedMs' | 'allCancelledMs', number>;

/** Instants (performance.now()) recorded by the probes. */
type Marks = { armed: boolean; gateClosedAt?: number; haltReturnedAt?: number; cancelAllAt?: number; allCancelledAt?: number };

async function waitFor(what: string, condition: () => boolean): Promise<void> {
  const deadline = performance.now() + TIMEOUT_MS;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`kill-switch bench: timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

/** The paper broker behind a proxy that records when cancelAllOrders is invoked. */
function instrumented(inner: PaperBroker, marks: Marks): Broker {
  return new Proxy(inner, {
    get(target, property) {
      if (property === 'cancelAllOrders') {
        return () => {
          if (marks.armed) marks.cancelAllAt ??= performance.now();
          return target.cancelAllOrders();
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

const probeIntent: OrderIntent = {
  clientOrderRef: formatClientOrderRef(999_999),
  instrument: spy,
  action: 'BUY',
  quantity: 1,
  type: 'LMT',
  limitPrice: 560,
  stopPrice: undefined,
  strategyId: undefined,
  kind: 'new',
  dryRun: true,
};

async function measureOnce(seed: number): Promise<Sample> {
  const teardown = new DisposableStore();
  try {
    const clock = new SystemClock();
    const directory = teardown.add(createTemporaryDirectory('bench-kill-switch-'));
    const market = new InMemoryPaperMarket({ clock });
    market.setQuotes([[spy, { bid: 559.99, ask: 560.01, bidSize: 1_000, askSize: 1_000, last: 560 }]]);
    const paper = teardown.add(new PaperBroker({ clock, market, storeFile: directory.file('paper.sqlite'), seed, config: { startingCash: fromDollars(10_000_000) } }));
    await paper.connect();
    const marks: Marks = { armed: false };
    const broker = instrumented(paper, marks);
    const database = openDatabase(directory.file('app.sqlite'));
    teardown.add(toDisposable(() => database.close()));
    const store = new TradingStore(database, clock);
    const executionBus = teardown.add(new EventBus<ExecutionEvents>({ freezePayloads: false }));
    const riskBus = teardown.add(new EventBus<RiskGovernorEvents>({ freezePayloads: false }));
    const killSwitchBus = teardown.add(new EventBus<KillSwitchEvents>({ freezePayloads: false }));

    // Probe: the first save halt() makes happens after the in-memory switch the gate reads.
    const settings = settingsRiskStateStore(new SettingsRepository(database, clock));
    let probing = false;
    const stateStore: RiskStateStore = {
      load: () => settings.load(),
      save: (state) => {
        if (marks.armed && marks.gateClosedAt === undefined && !probing) {
          probing = true;
          const now = performance.now(); // nothing runs between this instant and the synchronous read below
          if (governor.state().tradingState === 'HALTED') marks.gateClosedAt = now;
          probing = false;
        }
        settings.save(state);
      },
    };
    const account = createAccountSummary({ netLiquidation: fromDollars(10_000_000), cash: fromDollars(10_000_000), buyingPower: fromDollars(10_000_000), marginUsed: fromDollars(0), realizedPnl: fromDollars(0), unrealizedPnl: fromDollars(0), updatedAt: clock.now() });
    const governor: RiskGovernor = new RiskGovernor({
      inputs: {
        clock,
        tradingDayOf: sessionDate,
        account: () => ({ ...account, updatedAt: clock.now() }),
        positions: () => [],
        quote: () => ({ mid: 560, time: clock.now(), greeks: undefined, underlyingPrice: 560 }),
        isConnected: () => isConnected(paper.connectionStatus()),
      },
      limits: createRiskLimits(),
      events: riskBus,
      journal: (event) => store.records.recordRiskEvent(event),
      stateStore,
    });
    governor.markReconciled();

    const oms = teardown.add(new OrderManagementSystem({ store, broker, gate: governor, clock, bus: executionBus }));
    oms.start();
    // The resting orders are the setup, not what is measured: placed past the governor's limits.
    const setup = teardown.add(new OrderManagementSystem({ store, broker, gate: new AllowAllGate(), clock, bus: executionBus }));
    for (let index = 0; index < WORKING_ORDERS; index++) {
      const result = await setup.submit({ instrument: spy, action: 'BUY', quantity: 1, type: 'LMT', limitPrice: 500, tif: 'GTC', purpose: 'entry' });
      if (result.outcome !== 'sent') throw new Error(`kill-switch bench: setup order ${result.outcome}`);
    }
    await waitFor('100 acknowledged orders', () => oms.workingOrders().filter((order) => order.status === 'SUBMITTED' || order.status === 'PRE_SUBMITTED').length === WORKING_ORDERS);

    const flattenOms = teardown.add(new OrderManagementSystem({ store, broker, gate: governor.flattenGate, clock, bus: executionBus }));
    const positions = new StorePositionsProvider(store);
    const flattenEngine = teardown.add(new ExecutionEngine({ oms: flattenOms, positions, quotes: market }));
    const governorPort = {
      halt: (...args: Parameters<RiskGovernor['halt']>) => {
        const result = governor.halt(...args);
        if (marks.armed) marks.haltReturnedAt ??= performance.now();
        return result;
      },
      rearm: (by: string) => governor.rearm(by),
      state: () => governor.state(),
    };
    const killSwitch = teardown.add(new KillSwitch({ governor: governorPort, governorEvents: riskBus, oms: flattenOms, flattenEngine, positions, broker, journal: store.journal, alerts: store.records, events: killSwitchBus, clock }));
    let cancelled = 0;
    teardown.add(executionBus.subscribe('order.updated', ({ order }) => {
      if (order.status === 'CANCELLED' && ++cancelled === WORKING_ORDERS) marks.allCancelledAt = performance.now();
    }));

    marks.armed = true;
    const start = performance.now();
    const pending = killSwitch.trigger({ source: 'api', reason: 'benchmark', flatten: false });
    const triggerReturnedAt = performance.now();
    const verdict = governor.check(probeIntent);
    const checkedAt = performance.now();
    if (verdict.allowed || verdict.denial.code !== 'TRADING_HALTED') throw new Error('kill-switch bench: the gate did not deny after the trigger');
    const result = await pending;
    await waitFor('100 cancelled orders', () => marks.allCancelledAt !== undefined);
    if (result.cancelAll !== 'sent' || result.orderIds.length !== WORKING_ORDERS) throw new Error(`kill-switch bench: unexpected result ${JSON.stringify(result)}`);
    const since = (instant: number | undefined, what: string): number => {
      if (instant === undefined) throw new Error(`kill-switch bench: ${what} was never observed`);
      return instant - start;
    };
    return {
      gateClosedMs: since(marks.gateClosedAt, 'the gate closing'),
      haltReturnedMs: since(marks.haltReturnedAt, 'halt() returning'),
      cancelAllSentMs: since(marks.cancelAllAt, 'the broker cancel-all'),
      triggerReturnedMs: since(triggerReturnedAt, 'trigger() returning'),
      gateCheckDeniedMs: since(checkedAt, 'the denied gate check'),
      allCancelledMs: since(marks.allCancelledAt, 'the last cancel'),
    };
  } finally {
    teardown.dispose();
  }
}

function median(samples: readonly Sample[], key: keyof Sample): number {
  return Math.round(percentile(samples.map((sample) => sample[key]), 50) * 1_000) / 1_000;
}

export const killSwitchSection: BenchSection = {
  name: 'killSwitch',
  run: async () => {
    const samples: Sample[] = [];
    for (let repetition = 0; repetition < REPETITIONS; repetition++) samples.push(await measureOnce(repetition + 1));
    const json = {
      gateClosedMs: median(samples, 'gateClosedMs'),
      cancelAllSentMs: median(samples, 'cancelAllSentMs'),
      allCancelledMs: median(samples, 'allCancelledMs'),
      haltReturnedMs: median(samples, 'haltReturnedMs'),
      triggerReturnedMs: median(samples, 'triggerReturnedMs'),
      gateCheckDeniedMs: median(samples, 'gateCheckDeniedMs'),
      workingOrders: WORKING_ORDERS,
      repetitions: REPETITIONS,
    };
    const note = `median of ${REPETITIONS}, ${WORKING_ORDERS} working orders, paper broker 10–50 ms latency`;
    return {
      json,
      rows: [
        { metric: 'gate closed (HALTED, before any fsync)', value: json.gateClosedMs, unit: 'ms', target: '≤ 10 ms', meetsTarget: json.gateClosedMs <= 10, note },
        { metric: 'halt() returned (state saved + journaled)', value: json.haltReturnedMs, unit: 'ms' },
        { metric: 'broker cancel-all sent', value: json.cancelAllSentMs, unit: 'ms', target: '≤ 50 ms', meetsTarget: json.cancelAllSentMs <= 50 },
        { metric: 'trigger() returned (+ journal, alert)', value: json.triggerReturnedMs, unit: 'ms' },
        { metric: 'gate check denied TRADING_HALTED after it', value: json.gateCheckDeniedMs, unit: 'ms' },
        { metric: 'all 100 cancels confirmed in the OMS', value: json.allCancelledMs, unit: 'ms', target: '≤ 1 s', meetsTarget: json.allCancelledMs <= 1_000 },
      ],
    };
  },
};
