// The composition root shared by the headless runner and (later) the desktop app: it opens the
// app database (journal and trading store), starts the simulated market, connects the paper
// broker (its own account file) through the resilient wrapper, and builds the execution core
// (engine-services.ts: risk governor, OMS, execution engine, dead letters, watchdog). Later
// issues add the workflows here, so there is one place where the engine is put together.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { AccountSummary } from '../../shared/domain/account.ts';
import type { ConnectionState } from '../../shared/domain/connection.ts';
import { contractKey } from '../../shared/domain/contract.ts';
import type { RiskState } from '../../shared/domain/risk.ts';
import type { RiskPosition } from '../risk/risk-inputs.ts';
import { PaperBroker, type PaperBrokerConfigInput } from '../broker/paper/index.ts';
import type { Clock } from '../core/clock.ts';
import { Component } from '../core/lifecycle.ts';
import type { Logger } from '../core/logger.ts';
import { isOpen, MarketDataService, SimulatedMarket, type MarketConfigInput, type UnderlyingQuote } from '../market/index.ts';
import { openDatabase, type AppDatabase, type Durability } from '../persistence/database.ts';
import { Journal } from '../persistence/journal/journal.ts';
import { TradingStore } from '../persistence/trading-store.ts';
import type { RiskLimits } from '../../shared/domain/risk.ts';
import type { AlertSink } from '../alerts/index.ts';
import { createEngineServices, type EngineServices, type EngineTimers } from './engine-services.ts';
import { SimulatedMarketPaperPort } from './simulated-market-paper-port.ts';
import { createWorkflows, type WorkflowConfigInput, type Workflows } from '../workflows/index.ts';

export type WorkstationEngineOptions = {
  /** Holds workstation.sqlite (journal, orders, fills, …) and paper-account.sqlite (the paper broker's account). */
  readonly dataDirectory: string;
  readonly clock: Clock;
  /** Seeds the simulated market and a new paper account. */
  readonly seed: number;
  /** The simulated market's initial instant; clock.now() by default. */
  readonly startTime?: number;
  readonly logger: Logger;
  readonly marketConfig?: MarketConfigInput;
  readonly paperConfig?: PaperBrokerConfigInput;
  readonly riskLimits?: Partial<RiskLimits>;
  readonly dryRun?: boolean;
  readonly alertSinks?: readonly AlertSink[];
  /** 'full' (default): every commit fsynced. 'normal' only for accelerated runs in throw-away folders. */
  readonly durability?: Durability;
  /** Entry, monitoring, exit and autopilot settings (watchlist, cadences, strategy choices). */
  readonly workflows?: WorkflowConfigInput;
  readonly timers?: Partial<EngineTimers>;
};

/** What the status line and the summary show: the app's own view (OMS, position book, account monitor, governor). */
export type EngineStatus = {
  /** The engine's clock. */
  readonly time: number;
  /** Whether the regular session is open at `time`. */
  readonly marketOpen: boolean;
  /** The instant of the market's last step (quotes reflect it). */
  readonly marketTime: number;
  readonly underlyings: readonly UnderlyingQuote[];
  readonly vix: number;
  readonly workingOrders: number;
  readonly positions: readonly RiskPosition[];
  /** The latest account summary; undefined before the first one arrived. */
  readonly account: AccountSummary | undefined;
  readonly risk: RiskState;
  readonly connection: ConnectionState;
};

export const APP_DATABASE_FILE = 'workstation.sqlite';
export const PAPER_ACCOUNT_FILE = 'paper-account.sqlite';

export class WorkstationEngine extends Component {
  readonly market: SimulatedMarket;
  readonly marketData: MarketDataService;
  /** The paper broker itself; everything else talks to it through `services.broker` (resilient). */
  readonly paperBroker: PaperBroker;
  readonly services: EngineServices;
  /** Entry, monitoring and exit workflows and the autopilot (started explicitly: `workflows.autopilot.start()`). */
  readonly workflows: Workflows;
  readonly database: AppDatabase;
  readonly journal: Journal;
  readonly store: TradingStore;
  readonly #logger: Logger;
  readonly #clock: Clock;
  #ticks = 0;

  constructor(options: WorkstationEngineOptions) {
    super('workstation-engine');
    this.#logger = options.logger.child({ component: 'engine' });
    this.#clock = options.clock;
    mkdirSync(options.dataDirectory, { recursive: true });
    this.database = openDatabase(path.join(options.dataDirectory, APP_DATABASE_FILE), { logger: options.logger, durability: options.durability });
    // Disposed in reverse order: the broker and the market stop before the database closes.
    this.lifetime.addTeardown(() => this.database.close());
    this.journal = new Journal(this.database, options.clock);
    this.store = new TradingStore(this.database, options.clock, this.journal);
    this.market = this.lifetime.add(
      new SimulatedMarket({ seed: options.seed, clock: options.clock, config: options.marketConfig, startTime: options.startTime, logger: options.logger }),
    );
    this.marketData = this.lifetime.add(new MarketDataService({ source: this.market, clock: options.clock, logger: options.logger }));
    this.paperBroker = this.lifetime.add(
      new PaperBroker({
        clock: options.clock,
        market: new SimulatedMarketPaperPort(this.market),
        storeFile: path.join(options.dataDirectory, PAPER_ACCOUNT_FILE),
        seed: options.seed,
        config: options.paperConfig,
        logger: options.logger,
        durability: options.durability,
      }),
    );
    this.services = createEngineServices({
      clock: options.clock,
      logger: options.logger,
      database: this.database,
      store: this.store,
      broker: this.paperBroker,
      marketData: this.marketData,
      limits: options.riskLimits,
      dryRun: options.dryRun,
      alertSinks: options.alertSinks,
      timers: options.timers,
    });
    const { broker, accounts, oms, flattenOms, execution, watchdog, inFlight, entryTimeouts, killSwitch, reconciliation, reconcilerAlerts, alerts, alertSources } = this.services;
    const { executionBus, riskBus, killSwitchBus } = this.services;
    for (const part of [broker, accounts, oms, flattenOms, execution, watchdog, inFlight, entryTimeouts, killSwitch, reconciliation, reconcilerAlerts, alerts, alertSources, executionBus, riskBus, killSwitchBus]) {
      this.lifetime.add(part);
    }
    this.workflows = createWorkflows(
      { clock: options.clock, logger: options.logger, store: this.store, database: this.database, market: this.market, marketData: this.marketData, ...this.services },
      options.workflows,
    );
    this.lifetime.add(this.workflows);
    this.lifetime.add(this.market.events.subscribe('market.tick', () => this.#ticks++));
    this.lifetime.add(this.market.events.subscribe('market.session-close', () => this.#bookExpirations()));
  }

  /** The broker as the engine uses it: the paper broker behind the circuit breaker and retry policy. */
  get broker() {
    return this.services.broker;
  }

  /** Underlying and VIX quotes the market has published since the engine was built. */
  get quotesGenerated(): number {
    return this.#ticks;
  }

  protected override async onStart(): Promise<void> {
    const verification = this.journal.verify();
    if (!verification.ok) throw new Error(`the journal failed verification: ${verification.problem.message}`);
    await this.market.start();
    await this.broker.connect();
    this.services.oms.start();
    this.services.inFlight.start();
    this.services.entryTimeouts.start();
    await this.services.accounts.start();
    await this.services.watchdog.start();
    // Runs the first reconciliation now; automation is off until one succeeds.
    await this.services.reconciliation.start();
    await this.services.reconciliation.whenIdle();
    // The tracker settles what happened to our strategies while nobody listened.
    this.workflows.start();
    this.#bookExpirations();
    this.journal.append('engine.started', { marketTime: this.market.time, journalEntries: verification.entries });
    this.#logger.info('engine started', { marketTime: new Date(this.market.time).toISOString() });
  }

  protected override async onStop(): Promise<void> {
    if (this.workflows.autopilot.state === 'running') await this.workflows.autopilot.stop();
    await this.services.reconciliation.stop();
    await this.services.watchdog.stop();
    this.services.accounts.dispose();
    await this.broker.disconnect();
    await this.market.stop();
    this.journal.append('engine.stopped', { marketTime: this.market.time });
    this.#logger.info('engine stopped', { marketTime: new Date(this.market.time).toISOString() });
  }

  /** Books options that expired worthless while held; an in-the-money expiry raises a critical alert. */
  #bookExpirations(): void {
    for (const outcome of this.services.expirations.bookDue()) {
      if (outcome.kind === 'expired-worthless') continue;
      const what = outcome.kind === 'in-the-money' ? `expired ${outcome.intrinsicValue.toFixed(2)} in the money: the broker exercises or assigns it into shares` : 'expired and its underlying has no price to settle it';
      this.services.alerts.raise({ severity: 'critical', source: 'expiration', message: `${outcome.quantity} × ${contractKey(outcome.contract)} ${what}; check positions and reconcile`, dedupKey: `expiration:${contractKey(outcome.contract)}` });
    }
  }

  /** Runs a reconciliation now (also done on start and on every reconnect). */
  reconcile() {
    return this.services.reconciliation.request('manual');
  }

  /** Synchronous and broker-free, so it works while the broker is away. */
  status(): EngineStatus {
    const now = this.#clock.now();
    return {
      time: now,
      marketOpen: isOpen(now),
      marketTime: this.market.time,
      underlyings: this.market.optionableSymbols.map((symbol) => this.market.underlyingQuote(symbol)),
      vix: this.market.vix(),
      workingOrders: this.services.oms.workingOrders().length,
      positions: this.services.positionBook.lines(),
      account: this.services.accounts.latest,
      risk: this.services.governor.state(),
      connection: this.broker.connectionStatus().state,
    };
  }
}
