// Runs a job every `everyMs` of clock time while the regular session is open, and sleeps through
// nights, weekends and holidays in one timer (the first run of a session comes `everyMs` after its
// open, when the market has quotes). One run at a time: a run still busy when the next is due is
// skipped, not queued. On the engine's Clock, so a TestClock or an AcceleratedClock at 'max' speed
// drives it deterministically.
import type { Clock, Timer } from '../core/clock.ts';
import type { Disposable } from '../core/lifecycle.ts';
import type { Logger } from '../core/logger.ts';
import { currentOrNextSession } from '../market/index.ts';

export interface SessionScheduleOptions {
  readonly clock: Clock;
  readonly everyMs: number;
  readonly run: (time: number) => void | Promise<void>;
  readonly logger: Logger;
  readonly name: string;
}

/** The first run time strictly after `after`, on the cadence, inside a regular session. */
export function nextRunTime(after: number, everyMs: number): number {
  const due = after + everyMs;
  const session = currentOrNextSession(due);
  return due < session.open ? session.open + everyMs : due;
}

export class SessionSchedule implements Disposable {
  readonly #options: SessionScheduleOptions;
  #timer: Timer | undefined;
  #running: Promise<void> | undefined;
  #disposed = false;

  constructor(options: SessionScheduleOptions) {
    if (!Number.isSafeInteger(options.everyMs) || options.everyMs <= 0) throw new RangeError(`${options.name}: everyMs must be a positive whole number of milliseconds, got ${options.everyMs}`);
    this.#options = options;
  }

  get active(): boolean {
    return this.#timer !== undefined;
  }

  start(): void {
    if (this.#disposed || this.#timer !== undefined) return;
    this.#arm(this.#options.clock.now());
  }

  /** Stops scheduling; resolves when a run in progress has finished. */
  async stop(): Promise<void> {
    this.#timer?.dispose();
    this.#timer = undefined;
    await this.#running;
  }

  dispose(): void {
    this.#disposed = true;
    this.#timer?.dispose();
    this.#timer = undefined;
  }

  #arm(after: number): void {
    const { clock } = this.#options;
    const due = nextRunTime(after, this.#options.everyMs);
    this.#timer = clock.setTimeout(() => this.#fire(due), Math.max(0, due - clock.now()));
  }

  #fire(due: number): void {
    this.#arm(due);
    if (this.#running !== undefined) return;
    const { run, logger, name } = this.#options;
    const failed = (error: unknown) => logger.error(`${name} run failed`, { error });
    let result: void | Promise<void>;
    try {
      result = run(due);
    } catch (error) {
      failed(error);
      return;
    }
    // A synchronous run is over already; an asynchronous one blocks the next until it settles.
    if (result instanceof Promise) {
      this.#running = result.catch(failed).finally(() => {
        this.#running = undefined;
      });
    }
  }
}
