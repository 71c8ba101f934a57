// The sink port: where raised alerts go besides the store and the bus. The desktop shell adds a
// native-notification sink (electron/main), the headless runner a text sink on stderr. A sink
// that throws, or returns a promise that rejects, never breaks raising: the error is logged and
// the other sinks are still called.
import type { Alert } from '../../shared/domain/alert.ts';
import { toDisposable, type Disposable } from '../core/lifecycle.ts';
import { silentLogger, type Logger } from '../core/logger.ts';
import type { AlertDetails } from './alert-types.ts';

export interface AlertSink {
  /** Names the sink in logs. */
  readonly name?: string;
  notify(alert: Alert, details?: AlertDetails): void;
}

/** Calls every registered sink in registration order; one failing sink never stops the others. */
export class AlertSinkFanOut implements AlertSink {
  readonly name = 'fan-out';
  readonly #sinks: AlertSink[] = [];
  readonly #logger: Logger;

  constructor(logger: Logger = silentLogger) {
    this.#logger = logger;
  }

  get size(): number {
    return this.#sinks.length;
  }

  /** Registers `sink` until the returned Disposable is disposed. */
  add(sink: AlertSink): Disposable {
    if (typeof sink?.notify !== 'function') throw new TypeError('an alert sink needs a notify(alert) method');
    this.#sinks.push(sink);
    return toDisposable(() => {
      const index = this.#sinks.indexOf(sink);
      if (index >= 0) this.#sinks.splice(index, 1);
    });
  }

  notify(alert: Alert, details?: AlertDetails): void {
    for (const sink of [...this.#sinks]) {
      try {
        const returned: unknown = sink.notify(alert, details);
        if (isThenable(returned)) returned.then(undefined, (error: unknown) => this.#failed(sink, alert, error));
      } catch (error) {
        this.#failed(sink, alert, error);
      }
    }
  }

  clear(): void {
    this.#sinks.length = 0;
  }

  #failed(sink: AlertSink, alert: Alert, error: unknown): void {
    this.#logger.error('an alert sink failed', { sink: sink.name ?? '(unnamed)', alertId: alert.id, error: error instanceof Error ? error : String(error) });
  }
}

/** One line for a terminal or a log file: `<time> CRITICAL [source] message (alert <id>)`. */
export function formatAlertLine(alert: Alert): string {
  return `${new Date(alert.createdAt).toISOString()} ${alert.severity.toUpperCase()} [${alert.source}] ${alert.message} (alert ${alert.id})`;
}

/** A sink that writes one line per alert (stderr by default: the headless runner's sink). */
export function createTextAlertSink(write: (line: string) => void = (line) => process.stderr.write(line)): AlertSink {
  return { name: 'text', notify: (alert) => write(`${formatAlertLine(alert)}\n`) };
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as PromiseLike<unknown>).then === 'function';
}
