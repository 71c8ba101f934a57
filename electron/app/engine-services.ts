// Builds the execution core on top of a broker and the market: the risk governor (fed by the
// account monitor, the app's position book and market-data quotes), the order management
// system and execution engine gated by it, the dead-letter queue and the connection watchdog.
// Kept apart from the engine's lifecycle so each wiring decision reads in one place.
import type { Contract } from '../../shared/domain/contract.ts';
import { isConnected } from '../../shared/domain/connection.ts';
import { createRiskLimits, type RiskLimits } from '../../shared/domain/risk.ts';
import { AlertManager, connectAlertSources, type AlertSink, type RaiseAlertInput } from '../alerts/index.ts';
import type { Discrepancy } from '../broker/resiliency/reconciler/reconciliation-result.ts';
import type { Broker } from '../broker/broker.ts';
import { ConnectionWatchdog } from '../broker/resiliency/connection-watchdog.ts';
import { DeadLetterQueue } from '../broker/resiliency/dead-letter-queue.ts';
import { orderBookPort, ReconciliationTrigger, Reconciler, settingsMemoryStore } from '../broker/resiliency/reconciler/index.ts';
import { ResilientBroker } from '../broker/resiliency/resilient-broker.ts';
import type { Clock } from '../core/clock.ts';
import { EventBus } from '../core/event-bus.ts';
import type { Logger } from '../core/logger.ts';
import { EntryTimeoutMonitor } from '../execution/entry-timeout-monitor.ts';
import { ExpirationBooker } from '../execution/expiration-booker.ts';
import { ExecutionEngine } from '../execution/execution-engine.ts';
import { InFlightMonitor } from '../execution/in-flight-monitor.ts';
import type { ExecutionEvents } from '../execution/execution-events.ts';
import { OrderManagementSystem } from '../execution/order-management-system.ts';
import { StorePositionsProvider } from '../execution/positions-provider.ts';
import { sessionClose, sessionDate, type MarketDataService } from '../market/index.ts';
import type { AppDatabase } from '../persistence/database.ts';
import { SettingsRepository } from '../persistence/settings.repository.ts';
import type { TradingStore } from '../persistence/trading-store.ts';
import { marketDataQuotes } from '../risk/market-data-quotes.ts';
import type { RiskGovernorEvents } from '../risk/risk-events.ts';
import { KillSwitch } from '../risk/kill-switch.ts';
import type { KillSwitchEvents } from '../risk/kill-switch/kill-switch-types.ts';
import { RiskGovernor } from '../risk/risk-governor.ts';
import { settingsRiskStateStore } from '../risk/risk-state-store.ts';
import { AccountMonitor } from './account-monitor.ts';
import { localMarginEstimate } from './local-margin-estimate.ts';
import { AppPositionBook } from './position-book.ts';

export type EngineServicesOptions = {
  readonly clock: Clock;
  readonly logger: Logger;
  readonly database: AppDatabase;
  readonly store: TradingStore;
  /** The broker itself (paper or IB); wrapped here with the circuit breaker and retries. */
  readonly broker: Broker;
  readonly marketData: MarketDataService;
  readonly limits?: Partial<RiskLimits>;
  readonly dryRun?: boolean;
  /** Where alerts go besides the store and the bus (the desktop shell adds native notifications). */
  readonly alertSinks?: readonly AlertSink[];
  readonly timers?: Partial<EngineTimers>;
};

/**
 * Cadences of the engine's housekeeping timers. The defaults suit live trading; accelerated
 * simulations stretch them (fewer timers per simulated day) at the price of coarser detection.
 */
export type EngineTimers = {
  readonly heartbeatIntervalMs: number;
  readonly accountPollMs: number;
  readonly inFlightCheckMs: number;
  readonly entryTimeoutCheckMs: number;
};

export const DEFAULT_ENGINE_TIMERS: EngineTimers = Object.freeze({ heartbeatIntervalMs: 10_000, accountPollMs: 5_000, inFlightCheckMs: 1_000, entryTimeoutCheckMs: 1_000 });

export type EngineServices = ReturnType<typeof createEngineServices>;

export function createEngineServices(options: EngineServicesOptions) {
  const { clock, logger, database, store, marketData } = options;
  const timers = { ...DEFAULT_ENGINE_TIMERS, ...options.timers };
  const executionBus = new EventBus<ExecutionEvents>({ logger });
  const riskBus = new EventBus<RiskGovernorEvents>({ logger });
  const deadLetters = new DeadLetterQueue({ database, journal: store.journal, clock, logger });
  const broker = new ResilientBroker(options.broker, { clock, deadLetters, logger });
  const accounts = new AccountMonitor({ broker, clock, logger, intervalMs: timers.accountPollMs });
  const positionBook = new AppPositionBook(store);
  const quote = marketDataQuotes(marketData);
  const underlyingPrice = (symbol: string): number | undefined => {
    try {
      return marketData.snapshot(symbol).mid;
    } catch {
      return undefined;
    }
  };
  const governor = new RiskGovernor({
    inputs: {
      clock,
      tradingDayOf: sessionDate,
      account: () => accounts.latest,
      positions: () => positionBook.lines(),
      quote,
      isConnected: () => isConnected(broker.connectionStatus()),
      estimateMargin: localMarginEstimate({ positions: () => positionBook.lines(), quote, underlyingPrice }),
    },
    limits: createRiskLimits(options.limits),
    events: riskBus,
    journal: (event) => store.records.recordRiskEvent(event),
    orderIdOf: (reference) => store.orders.getByClientOrderRef(reference)?.id,
    stateStore: settingsRiskStateStore(new SettingsRepository(database, clock)),
    logger,
  });
  const positions = new StorePositionsProvider(store);
  const quotes = marketQuoteSource(marketData);
  const oms = new OrderManagementSystem({ store, broker, gate: governor, clock, bus: executionBus });
  const execution = new ExecutionEngine({ oms, positions, quotes, dryRun: options.dryRun });
  const watchdog = new ConnectionWatchdog({ broker, clock, logger, heartbeatIntervalMs: timers.heartbeatIntervalMs, heartbeatTimeoutMs: 2.5 * timers.heartbeatIntervalMs });
  // F6: an order with no broker answer after 5 s is looked up by its client order ref, never resent.
  const inFlight = new InFlightMonitor(oms, broker, { checkIntervalMs: timers.inFlightCheckMs });
  // Entry orders still working after 300 s are cancelled (the workflows may choose 'reprice').
  const entryTimeouts = new EntryTimeoutMonitor(oms, { policy: 'cancel', checkIntervalMs: timers.entryTimeoutCheckMs });

  // The kill switch alone gets the view of the same order book behind the governor's flatten
  // gate (orders, unknown-outcome flags and cancels are shared; only the gate differs).
  const flattenOms = oms.withGate(governor.flattenGate);
  const killSwitchBus = new EventBus<KillSwitchEvents>({ logger });
  const killSwitch = new KillSwitch({
    governor,
    governorEvents: riskBus,
    oms: flattenOms,
    flattenEngine: new ExecutionEngine({ oms: flattenOms, positions, quotes }),
    positions,
    broker,
    watchdog,
    journal: store.journal,
    alerts: store.records,
    events: killSwitchBus,
    clock,
    logger,
  });

  // One reconciler for start and every reconnect: automation stays off until it succeeds.
  const reconciler = new Reconciler({
    book: orderBookPort(oms, store),
    broker,
    governor,
    clock,
    memory: settingsMemoryStore(new SettingsRepository(database, clock)),
    append: (type, payload) => store.journal.append(type, payload),
    deadLetters,
    logger,
  });
  const reconciliation = new ReconciliationTrigger({ reconciler, broker, watchdog, governor, clock, logger });

  const alerts = new AlertManager({ records: store.records, clock, sinks: options.alertSinks, logger });
  const reconcilerAlerts = reconciler.subscribe((event) => {
    if (event.type === 'discrepancy') alerts.raise(discrepancyAlert(event.discrepancy));
    if (event.type === 'finished' && !event.result.ok) {
      alerts.raise({ severity: 'critical', source: 'reconciler', message: `reconciliation failed: ${event.result.reason}; automation stays off`, dedupKey: 'reconciler:failed' });
    }
  });
  const alertSources = connectAlertSources(alerts, { executionBus, riskBus, killSwitchBus, watchdog, circuit: broker.circuit, deadLetters }, { logger });

  // Options that expire while held leave the broker's book without an execution of ours.
  const expirations = new ExpirationBooker({
    store,
    bus: executionBus,
    clock,
    positions: () => positionBook.lines(),
    underlyingPrice,
    expirationTime: (contract) => sessionClose(contract.expiry),
  });

  // Positions and P&L move with fills: the governor must see both before the next order.
  executionBus.subscribe('fill.recorded', () => {
    positionBook.invalidate();
    void accounts.refresh();
  });
  accounts.onUpdate(() => governor.refresh());

  return { expirations, alerts, alertSources, reconciler, reconciliation, reconcilerAlerts, executionBus, riskBus, killSwitchBus, deadLetters, broker, accounts, positionBook, governor, oms, execution, watchdog, inFlight, entryTimeouts, flattenOms, killSwitch };
}

/** A reconciliation discrepancy as an alert: each is a fact the operator must look at. */
function discrepancyAlert(discrepancy: Discrepancy): RaiseAlertInput {
  const details = { ...discrepancy } as Record<string, unknown>;
  switch (discrepancy.kind) {
    case 'position-mismatch':
      return { severity: 'critical', source: 'reconciler', message: `position mismatch with the broker: ${JSON.stringify(discrepancy.mismatch)}`, details };
    case 'foreign-execution':
      return { severity: 'critical', source: 'reconciler', message: `execution not placed by this app: ${JSON.stringify(discrepancy.foreign)}`, details };
    case 'foreign-order':
      return { severity: 'warning', source: 'reconciler', message: `working order not placed by this app: ${JSON.stringify(discrepancy.order)}`, details };
    case 'refused-transition':
      return { severity: 'warning', source: 'reconciler', message: `broker status refused by the transition table: ${JSON.stringify(discrepancy.refused)}`, details };
  }
}

/** Bid and ask for the execution engine's pricing (mid, natural, walking). */
function marketQuoteSource(marketData: MarketDataService) {
  return {
    quote(contract: Contract): { bid: number; ask: number } | undefined {
      try {
        const quote = contract.kind === 'option' ? marketData.snapshot(contract) : marketData.snapshot(contract.symbol);
        return { bid: quote.bid, ask: quote.ask };
      } catch {
        return undefined;
      }
    },
  };
}
