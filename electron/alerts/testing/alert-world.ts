// A real world for alert tests: a TradingStore on a temp SQLite file, a TestClock, an
// AlertManager with numbered ids, every 'alert.*' event and every sink call recorded, and a
// log kept in memory. reopen() closes the file and builds store and manager again (a restart).
import type { Alert } from '../../../shared/domain/alert.ts';
import type { BusEvent } from '../../core/event-bus.ts';
import { createLogger, MemorySink } from '../../core/logger.ts';
import { createDatabaseHarness, type DatabaseHarness } from '../../persistence/testing/database-harness.ts';
import { TradingStore } from '../../persistence/trading-store.ts';
import { AlertManager } from '../alert-manager.ts';
import type { AlertPolicy } from '../alert-policy.ts';
import type { AlertSink } from '../alert-sink.ts';
import type { AlertEvents } from '../alert-types.ts';

export interface AlertWorldOptions {
  readonly policy?: Partial<AlertPolicy>;
  readonly sinks?: readonly AlertSink[];
}

export class AlertWorld {
  readonly harness: DatabaseHarness;
  readonly log = new MemorySink();
  /** Every alert the recording sink was handed, in order. */
  readonly notified: Alert[] = [];
  readonly events: BusEvent<AlertEvents>[] = [];
  store: TradingStore;
  manager: AlertManager;
  readonly #options: AlertWorldOptions;
  #sequence = 0;

  constructor(options: AlertWorldOptions = {}) {
    this.#options = options;
    this.harness = createDatabaseHarness('alerts-');
    this.store = new TradingStore(this.harness.database, this.harness.clock);
    this.manager = this.#buildManager();
  }

  get clock() {
    return this.harness.clock;
  }

  /** The stored alerts, oldest first. */
  stored(): Alert[] {
    return this.store.records.alerts.listRecent(1_000).reverse();
  }

  eventsOf<Type extends keyof AlertEvents>(type: Type): AlertEvents[Type][] {
    return this.events.flatMap((event) => (event.type === type ? [event.payload as AlertEvents[Type]] : []));
  }

  /** Closes the file and opens it again with a new store and manager (ids keep counting). */
  reopen(): void {
    this.manager.dispose();
    this.store = new TradingStore(this.harness.reopen(), this.clock);
    this.manager = this.#buildManager();
  }

  dispose(): void {
    this.manager.dispose();
    if (this.harness.database.isOpen) this.harness.dispose();
    else this.harness.directory.dispose();
  }

  #buildManager(): AlertManager {
    const recorder: AlertSink = { name: 'recorder', notify: (alert) => this.notified.push(alert) };
    const manager = new AlertManager({
      records: this.store.records,
      clock: this.clock,
      policy: this.#options.policy,
      sinks: [recorder, ...(this.#options.sinks ?? [])],
      newAlertId: () => `alert-${++this.#sequence}`,
      logger: createLogger({ clock: this.clock, sink: this.log, level: 'debug' }),
    });
    manager.events.subscribeAll((event) => this.events.push(event));
    return manager;
  }
}
