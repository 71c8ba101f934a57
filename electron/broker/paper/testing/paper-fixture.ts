// A ready paper account for tests and benchmarks: a TestClock inside a regular session, an
// in-memory market with SPY and a few SPY options quoted, and a PaperBroker on a real SQLite
// file in a temporary folder. reopen() disposes the broker and opens a new one on the same file.
import type { BrokerEvent, BrokerExecution, BrokerOrderRequest, BrokerOrderState, BrokerOrderStatus } from '../../broker.ts';
import { restoreCombo, type Combo } from '../../../../shared/domain/combo.ts';
import { createUnderlying, restoreOptionContract, type OptionContract, type OptionRight, type Underlying } from '../../../../shared/domain/contract.ts';
import { formatClientOrderRef, type ClientOrderRef } from '../../../../shared/domain/ids.ts';
import type { Disposable } from '../../../core/lifecycle.ts';
import { TestClock } from '../../../core/test-clock.ts';
import { createTemporaryDirectory, type TemporaryDirectory } from '../../../persistence/testing/temporary-directory.ts';
import { InMemoryPaperMarket } from '../in-memory-paper-market.ts';
import { PaperBroker } from '../paper-broker.ts';
import type { PaperBrokerConfigInput } from '../paper-config.ts';

/** Tuesday 10 March 2026, 10:00 New York (EDT): inside a regular session. */
export const FIXTURE_START = Date.parse('2026-03-10T14:00:00Z');
export const FIXTURE_EXPIRY = '2026-03-20';

export function spyOption(strike: number, right: OptionRight = 'call', expiry = FIXTURE_EXPIRY): OptionContract {
  return restoreOptionContract({ underlyingSymbol: 'SPY', expiry, strike, right });
}

export interface PaperFixtureOptions {
  readonly seed?: number;
  readonly config?: PaperBrokerConfigInput;
  readonly start?: number;
  /** Connect the broker right away (default true). */
  readonly connect?: boolean;
}

export class PaperFixture implements Disposable {
  readonly clock: TestClock;
  readonly market: InMemoryPaperMarket;
  readonly directory: TemporaryDirectory;
  readonly storeFile: string;
  readonly underlying: Underlying = createUnderlying({ kind: 'etf', symbol: 'SPY' });
  /** SPY 560 C: 2.00 / 2.10, 50 × 50. */
  readonly option = spyOption(560);
  /** SPY 570 C: 1.00 / 1.10, 50 × 50. */
  readonly otherOption = spyOption(570);
  /** A strike the market does not quote. */
  readonly unknownOption = spyOption(999);
  /** BUY 560 C / SELL 570 C, 1:1. */
  readonly combo: Combo = restoreCombo({
    legs: [
      { contract: this.option, ratio: 1, action: 'BUY' },
      { contract: this.otherOption, ratio: 1, action: 'SELL' },
    ],
  });
  /** Every event the current broker reported since it was opened. */
  events: BrokerEvent[] = [];
  broker: PaperBroker;
  readonly #options: PaperFixtureOptions;
  #subscription: Disposable | undefined;
  #sequence = 0;

  constructor(options: PaperFixtureOptions = {}) {
    this.#options = options;
    this.clock = new TestClock(options.start ?? FIXTURE_START);
    this.market = new InMemoryPaperMarket({ clock: this.clock });
    this.market.setQuotes([
      [this.underlying, { bid: 559.99, ask: 560.01, bidSize: 1_000, askSize: 1_000, last: 560 }],
      [this.option, { bid: 2.0, ask: 2.1, bidSize: 50, askSize: 50 }],
      [this.otherOption, { bid: 1.0, ask: 1.1, bidSize: 50, askSize: 50 }],
    ]);
    this.directory = createTemporaryDirectory('paper-broker-');
    this.storeFile = this.directory.file('paper-account.sqlite');
    this.broker = this.#open();
  }

  /** Opens the broker (or a new one after reopen) and records its events. */
  #open(config: PaperBrokerConfigInput | undefined = this.#options.config): PaperBroker {
    const broker = new PaperBroker({ clock: this.clock, market: this.market, storeFile: this.storeFile, seed: this.#options.seed ?? 1, config });
    this.events = [];
    this.#subscription = broker.subscribe((event) => this.events.push(event));
    if (this.#options.connect ?? true) void broker.connect();
    return broker;
  }

  /** Disposes the broker and opens a new one on the same store file, as after an app restart. */
  reopen(config?: PaperBrokerConfigInput): PaperBroker {
    this.#subscription?.dispose();
    this.broker.dispose();
    this.broker = this.#open(config ?? this.#options.config);
    return this.broker;
  }

  nextRef(): ClientOrderRef {
    return formatClientOrderRef(++this.#sequence);
  }

  /** A request with a fresh ref: BUY 1 of `option`, LMT DAY, unless `fields` say otherwise. */
  request(fields: Partial<BrokerOrderRequest> = {}): BrokerOrderRequest {
    return { clientOrderRef: this.nextRef(), instrument: this.option, action: 'BUY', quantity: 1, type: 'LMT', tif: 'DAY', ...fields };
  }

  /** Places request(fields) and returns its ref. */
  async place(fields: Partial<BrokerOrderRequest> = {}): Promise<ClientOrderRef> {
    const request = this.request(fields);
    await this.broker.placeOrder(request);
    return request.clientOrderRef;
  }

  /** Lets `ms` of clock time pass (running the broker's timers). */
  elapse(ms: number): void {
    this.clock.advance(ms);
  }

  /** Lets the longest latency pass: every request made so far is answered. */
  settle(): void {
    this.clock.advance(50);
  }

  statuses(clientOrderRef?: string): BrokerOrderStatus[] {
    return this.events.flatMap((event) => (event.type === 'order-status' && (clientOrderRef === undefined || event.status.clientOrderRef === clientOrderRef) ? [event.status] : []));
  }

  states(clientOrderRef: string): BrokerOrderState[] {
    return this.statuses(clientOrderRef).map((status) => status.state);
  }

  lastStatus(clientOrderRef: string): BrokerOrderStatus | undefined {
    return this.statuses(clientOrderRef).at(-1);
  }

  executions(clientOrderRef?: string): BrokerExecution[] {
    return this.events.flatMap((event) => (event.type === 'execution' && (clientOrderRef === undefined || event.execution.clientOrderRef === clientOrderRef) ? [event.execution] : []));
  }

  notices(): string[] {
    return this.events.flatMap((event) => (event.type === 'notice' ? [event.message] : []));
  }

  dispose(): void {
    this.#subscription?.dispose();
    this.broker.dispose();
    this.clock.clearAll();
    this.directory.dispose();
  }
}
