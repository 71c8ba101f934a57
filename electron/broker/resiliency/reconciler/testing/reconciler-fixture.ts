// The reconciler on real parts: the PaperBroker (behind an InterceptingBroker), a real SQLite
// TradingStore and OMS (OmsHarness, allow-all gate), the settings table for the memory, the
// app journal, a DeadLetterQueue on the same database, and a governor fake that records its flag.
// restartApp() closes the app database and builds store, OMS and reconciler again on the same
// file (the paper account lives on in its own file), as a process restart would.
import type { BrokerOrderRequest } from '../../../broker.ts';
import { PaperFixture } from '../../../paper/testing/paper-fixture.ts';
import type { Disposable } from '../../../../core/lifecycle.ts';
import { AllowAllGate } from '../../../../execution/testing/gate-fakes.ts';
import { flush, OmsHarness } from '../../../../execution/testing/oms-harness.ts';
import type { SubmitOrderInput, SubmitResult } from '../../../../execution/oms-types.ts';
import { SettingsRepository } from '../../../../persistence/settings.repository.ts';
import { formatClientOrderRef, type ClientOrderRef } from '../../../../../shared/domain/ids.ts';
import { DeadLetterQueue } from '../../dead-letter-queue.ts';
import { orderBookPort } from '../oms-order-book-port.ts';
import { Reconciler, type ReconcilerOptions } from '../reconciler.ts';
import { settingsMemoryStore } from '../reconciler-memory.ts';
import type { ReconcilerGovernor } from '../reconciler-ports.ts';
import type { ReconcilerEvent, ReconcileTrigger, ReconciliationResult, ReconciliationSuccess } from '../reconciliation-result.ts';
import { InterceptingBroker } from './intercepting-broker.ts';

export class RecordingGovernor implements ReconcilerGovernor {
  reconciled = false;
  reason: string | undefined = 'not reconciled since start';
  readonly calls: string[] = [];

  markReconciled(): void {
    this.reconciled = true;
    this.reason = undefined;
    this.calls.push('reconciled');
  }

  markUnreconciled(reason: string): void {
    this.reconciled = false;
    this.reason = reason;
    this.calls.push(`unreconciled: ${reason}`);
  }
}

export class ReconcilerFixture implements Disposable {
  readonly paper = new PaperFixture();
  readonly broker = new InterceptingBroker(() => this.paper.broker);
  readonly harness: OmsHarness;
  readonly governor = new RecordingGovernor();
  reconciler: Reconciler;
  deadLetters: DeadLetterQueue;
  events: ReconcilerEvent[] = [];
  readonly #options: Partial<ReconcilerOptions>;
  #foreignSequence = 900_000;

  constructor(options: Partial<ReconcilerOptions> = {}) {
    this.#options = options;
    this.harness = new OmsHarness({ broker: this.broker, clock: this.paper.clock, gate: new AllowAllGate() });
    ({ reconciler: this.reconciler, deadLetters: this.deadLetters } = this.#build());
  }

  get oms() {
    return this.harness.oms;
  }

  get store() {
    return this.harness.store;
  }

  get clock() {
    return this.paper.clock;
  }

  #build(): { reconciler: Reconciler; deadLetters: DeadLetterQueue } {
    const { database, store, oms } = this.harness;
    const deadLetters = new DeadLetterQueue({ database, journal: store.journal, clock: this.clock });
    const reconciler = new Reconciler({
      book: orderBookPort(oms, store),
      broker: this.broker,
      governor: this.governor,
      clock: this.clock,
      memory: settingsMemoryStore(new SettingsRepository(database, this.clock)),
      append: (type, payload) => store.journal.append(type, payload),
      deadLetters,
      ...this.#options,
    });
    this.events = [];
    reconciler.subscribe((event) => this.events.push(event));
    return { reconciler, deadLetters };
  }

  /** The app process "dies": the OMS stops hearing the broker (events of the down time are lost). */
  stopApp(): void {
    this.harness.oms.dispose();
  }

  /** A new process on the same app database: store, OMS, dead-letter queue and reconciler rebuilt. */
  restartApp(): void {
    this.harness.reopen();
    ({ reconciler: this.reconciler, deadLetters: this.deadLetters } = this.#build());
  }

  /** BUY 1 SPY 560 C LMT 1.50 DAY entry (rests: the market is 2.00 / 2.10), unless `fields` say otherwise. */
  async submit(fields: Partial<SubmitOrderInput> = {}): Promise<SubmitResult> {
    const result = this.oms.submit({ instrument: this.paper.option, action: 'BUY', quantity: 1, type: 'LMT', tif: 'DAY', limitPrice: 1.5, purpose: 'entry', ...fields });
    await flush();
    return result;
  }

  /** Lets the paper broker answer everything sent so far. */
  async settle(): Promise<void> {
    await flush();
    this.paper.settle();
    await flush();
  }

  /** Moves the 560 C market so that a BUY limit at `price` fills (ask = price). */
  async offerAt(price: number, size = 50): Promise<void> {
    this.paper.market.setQuote(this.paper.option, { bid: price - 0.1, ask: price, bidSize: size, askSize: size });
    await this.settle();
  }

  /** Places an order straight at the paper broker under a ref the app never issued (TWS, another client). */
  async placeForeign(fields: Partial<BrokerOrderRequest> = {}): Promise<ClientOrderRef> {
    const clientOrderRef = formatClientOrderRef(++this.#foreignSequence);
    await this.paper.broker.placeOrder({ clientOrderRef, instrument: this.paper.option, action: 'BUY', quantity: 1, type: 'LMT', tif: 'DAY', limitPrice: 2.1, ...fields });
    await this.settle();
    return clientOrderRef;
  }

  async reconcile(trigger: ReconcileTrigger = 'start'): Promise<ReconciliationResult> {
    const result = await this.reconciler.reconcile({ trigger });
    await flush();
    return result;
  }

  /** reconcile() that must succeed. */
  async reconciled(trigger: ReconcileTrigger = 'start'): Promise<ReconciliationSuccess> {
    const result = await this.reconcile(trigger);
    if (!result.ok) throw new Error(`reconciliation failed: ${result.reason}`);
    return result;
  }

  orderByRef(reference: string) {
    return this.store.orders.getByClientOrderRef(reference as ClientOrderRef);
  }

  /** Everything about orders and fills the app database holds, to compare before and after a run. */
  tradingState(): unknown {
    return {
      orders: this.store.orders.listAll(),
      fills: this.store.fills.listAll(),
      events: this.store.orders.listAll().map((order) => this.store.orderEvents.listByOrder(order.id)),
      unknown: this.oms.unknownOutcomes(),
      unmatched: this.oms.unmatchedExecutions().length,
      letters: this.deadLetters.list(),
      omsJournal: this.store.journal.read({ types: ['oms.order-context', 'oms.request-outcome', 'oms.outcome-resolved', 'oms.unmatched-execution', 'order.status', 'fill.recorded'] }).length,
    };
  }

  dispose(): void {
    this.harness.dispose();
    this.paper.dispose();
  }
}
