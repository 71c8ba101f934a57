// An OMS on a real SQLite TradingStore in a temporary folder, with a TestClock and an event bus
// whose events are recorded. reopen() closes the database and builds a new store and OMS on the
// same file, as an app restart would. Used by the OMS and execution-engine tests.
import type { Broker } from '../../broker/broker.ts';
import { EventBus, type BusEvent } from '../../core/event-bus.ts';
import type { Disposable } from '../../core/lifecycle.ts';
import { TestClock } from '../../core/test-clock.ts';
import { openDatabase, type AppDatabase } from '../../persistence/database.ts';
import { createTemporaryDirectory, type TemporaryDirectory } from '../../persistence/testing/temporary-directory.ts';
import { TradingStore } from '../../persistence/trading-store.ts';
import type { PreTradeGate } from '../../risk/pre-trade-gate.ts';
import type { ExecutionEventBus, ExecutionEvents } from '../execution-events.ts';
import { OrderManagementSystem } from '../order-management-system.ts';
import { AllowAllGate } from './gate-fakes.ts';
import { ScriptedBroker } from './scripted-broker.ts';

/** Tuesday 10 March 2026, 10:00 New York: inside a regular session (as the paper fixture). */
export const HARNESS_START = Date.parse('2026-03-10T14:00:00Z');

export interface OmsHarnessOptions {
  readonly broker?: Broker;
  readonly gate?: PreTradeGate;
  readonly clock?: TestClock;
  readonly brokerCallTimeoutMs?: number;
}

export class OmsHarness implements Disposable {
  readonly clock: TestClock;
  readonly broker: Broker;
  readonly gate: PreTradeGate;
  readonly directory: TemporaryDirectory;
  readonly file: string;
  events: BusEvent<ExecutionEvents>[] = [];
  /** Errors thrown by bus handlers (tests assert there are none). */
  readonly handlerErrors: unknown[] = [];
  database: AppDatabase;
  store: TradingStore;
  bus: ExecutionEventBus;
  oms: OrderManagementSystem;
  readonly #options: OmsHarnessOptions;

  constructor(options: OmsHarnessOptions = {}) {
    this.#options = options;
    this.clock = options.clock ?? new TestClock(HARNESS_START);
    this.broker = options.broker ?? new ScriptedBroker();
    this.gate = options.gate ?? new AllowAllGate();
    this.directory = createTemporaryDirectory('execution-');
    this.file = this.directory.file('app.sqlite');
    this.database = openDatabase(this.file);
    ({ store: this.store, bus: this.bus, oms: this.oms } = this.#build());
  }

  #build(): { store: TradingStore; bus: ExecutionEventBus; oms: OrderManagementSystem } {
    const store = new TradingStore(this.database, this.clock);
    const bus: ExecutionEventBus = new EventBus<ExecutionEvents>({ onHandlerError: (error) => this.handlerErrors.push(error) });
    this.events = [];
    bus.subscribeAll((event) => this.events.push(event));
    const oms = new OrderManagementSystem({ store, broker: this.broker, gate: this.gate, clock: this.clock, bus, brokerCallTimeoutMs: this.#options.brokerCallTimeoutMs });
    oms.start();
    return { store, bus, oms };
  }

  /** Closes the database and opens a new store and OMS on the same file (a restart). */
  reopen(): OrderManagementSystem {
    this.oms.dispose();
    this.bus.dispose();
    this.database.close();
    this.database = openDatabase(this.file);
    ({ store: this.store, bus: this.bus, oms: this.oms } = this.#build());
    return this.oms;
  }

  /** Payloads of the recorded events of `type`. */
  eventsOf<Type extends keyof ExecutionEvents>(type: Type): ExecutionEvents[Type][] {
    return this.events.flatMap((event) => (event.type === type ? [event.payload as ExecutionEvents[Type]] : []));
  }

  eventTypes(): string[] {
    return this.events.map((event) => event.type);
  }

  journalTypes(fromSequence = 1): string[] {
    return this.store.journal.read({ fromSequence }).map((entry) => entry.type);
  }

  dispose(): void {
    this.oms.dispose();
    this.bus.dispose();
    this.database.close();
    this.directory.dispose();
  }
}

/** Lets pending promise callbacks run (broker answers, awaits inside the OMS). */
export async function flush(): Promise<void> {
  for (let round = 0; round < 5; round++) await new Promise<void>((resolve) => setImmediate(resolve));
}
