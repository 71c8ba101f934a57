// Keeps the latest account summary from the broker, for the risk governor (whose checks are
// synchronous) and the status line: polled on the engine's clock and refreshed on demand (after
// a fill). A failed poll keeps the last summary; the governor treats a summary older than its
// limit as stale and fails closed.
import type { AccountSummary } from '../../shared/domain/account.ts';
import type { Broker } from '../broker/broker.ts';
import type { Clock, Timer } from '../core/clock.ts';
import type { Disposable } from '../core/lifecycle.ts';
import type { Logger } from '../core/logger.ts';

export class AccountMonitor implements Disposable {
  readonly #broker: Pick<Broker, 'accountSummary'>;
  readonly #clock: Clock;
  readonly #intervalMs: number;
  readonly #logger: Logger;
  readonly #listeners = new Set<(summary: AccountSummary) => void>();
  #latest: AccountSummary | undefined;
  #timer: Timer | undefined;
  #inFlight: Promise<void> | undefined;

  constructor(options: { broker: Pick<Broker, 'accountSummary'>; clock: Clock; intervalMs?: number; logger: Logger }) {
    this.#broker = options.broker;
    this.#clock = options.clock;
    this.#intervalMs = options.intervalMs ?? 5_000;
    this.#logger = options.logger;
  }

  get latest(): AccountSummary | undefined {
    return this.#latest;
  }

  onUpdate(listener: (summary: AccountSummary) => void): Disposable {
    this.#listeners.add(listener);
    return { dispose: () => this.#listeners.delete(listener) };
  }

  start(): Promise<void> {
    this.#timer ??= this.#clock.setInterval(() => void this.refresh(), this.#intervalMs);
    return this.refresh();
  }

  /** Fetches a fresh summary (one request at a time; callers during a fetch share it). */
  refresh(): Promise<void> {
    this.#inFlight ??= this.#fetch().finally(() => (this.#inFlight = undefined));
    return this.#inFlight;
  }

  async #fetch(): Promise<void> {
    try {
      const summary = await this.#broker.accountSummary();
      this.#latest = summary;
      for (const listener of this.#listeners) listener(summary);
    } catch (error) {
      this.#logger.warn('account summary refresh failed; keeping the last one', { error });
    }
  }

  dispose(): void {
    this.#timer?.dispose();
    this.#timer = undefined;
    this.#listeners.clear();
  }
}
