// The listeners of one component's events. A listener that throws does not stop the others or
// the component; its error is logged, never swallowed silently.
import { toDisposable, type Disposable } from '../../core/lifecycle.ts';
import { silentLogger, type Logger } from '../../core/logger.ts';

export class ListenerSet<Event> {
  readonly #listeners = new Set<(event: Event) => void>();
  readonly #logger: Logger;
  readonly #what: string;

  constructor(what: string, logger: Logger = silentLogger) {
    this.#what = what;
    this.#logger = logger;
  }

  get size(): number {
    return this.#listeners.size;
  }

  add(listener: (event: Event) => void): Disposable {
    // A wrapper per subscription, so the same function subscribed twice is heard twice and disposed separately.
    const entry = (event: Event): void => listener(event);
    this.#listeners.add(entry);
    return toDisposable(() => this.#listeners.delete(entry));
  }

  emit(event: Event): void {
    for (const listener of [...this.#listeners]) {
      try {
        listener(event);
      } catch (error) {
        this.#logger.error(`a ${this.#what} listener threw`, { error: error instanceof Error ? error.message : String(error) });
      }
    }
  }

  clear(): void {
    this.#listeners.clear();
  }
}
