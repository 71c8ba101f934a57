// Structured logging: one JSON object per line, `{ time, level, message, component, ...fields }`.
// The time comes from a Clock, so logs of a simulation carry simulated time and tests are exact.
import type { Clock } from './clock.ts';
import { isAppError } from './errors.ts';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

const levelRank: Readonly<Record<LogLevel, number>> = { debug: 10, info: 20, warn: 30, error: 40 };

export type LogFields = Readonly<Record<string, unknown>>;

export type LogRecord = {
  /** ISO 8601 from the logger's clock. */
  time: string;
  level: LogLevel;
  message: string;
  component?: string;
  [field: string]: unknown;
};

export interface LogSink {
  write(record: LogRecord): void;
}

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** A logger that adds `context` to every record (`component` names the part of the engine). */
  child(context: LogFields & { component?: string }): Logger;
  isEnabled(level: LogLevel): boolean;
  /** Changes the minimum level of this logger and every logger derived from the same root. */
  setLevel(level: LogLevel): void;
}

export type LoggerOptions = {
  clock: Clock;
  /** Where records go; stdout as JSON lines by default. */
  sink?: LogSink;
  /** Records below this level are dropped; 'info' by default. */
  level?: LogLevel;
  component?: string;
  context?: LogFields;
};

/** Record keys that fields cannot overwrite; a field with such a name is kept as `field.<name>`. */
const reservedKeys = new Set(['time', 'level', 'message', 'component']);

export function createLogger(options: LoggerOptions): Logger {
  const shared = { clock: options.clock, sink: options.sink ?? stdoutSink, minimum: levelRank[options.level ?? 'info'] };
  const context: Record<string, unknown> = { ...options.context };
  if (options.component !== undefined) context.component = options.component;
  return new StructuredLogger(shared, context);
}

type SharedConfig = { clock: Clock; sink: LogSink; minimum: number };

class StructuredLogger implements Logger {
  readonly #shared: SharedConfig;
  readonly #context: LogFields;

  constructor(shared: SharedConfig, context: LogFields) {
    this.#shared = shared;
    this.#context = context;
  }

  debug(message: string, fields?: LogFields): void {
    this.#log('debug', message, fields);
  }

  info(message: string, fields?: LogFields): void {
    this.#log('info', message, fields);
  }

  warn(message: string, fields?: LogFields): void {
    this.#log('warn', message, fields);
  }

  error(message: string, fields?: LogFields): void {
    this.#log('error', message, fields);
  }

  child(context: LogFields & { component?: string }): Logger {
    return new StructuredLogger(this.#shared, { ...this.#context, ...context });
  }

  isEnabled(level: LogLevel): boolean {
    return levelRank[level] >= this.#shared.minimum;
  }

  setLevel(level: LogLevel): void {
    this.#shared.minimum = levelRank[level];
  }

  #log(level: LogLevel, message: string, fields: LogFields | undefined): void {
    if (!this.isEnabled(level)) return;
    const record: LogRecord = { time: new Date(this.#shared.clock.now()).toISOString(), level, message };
    const component = this.#context.component;
    if (typeof component === 'string') record.component = component;
    addFields(record, this.#context);
    if (fields) addFields(record, fields);
    this.#shared.sink.write(record);
  }
}

function addFields(record: LogRecord, fields: LogFields): void {
  for (const [key, value] of Object.entries(fields)) {
    if (key === 'component' && value === record.component) continue;
    record[reservedKeys.has(key) ? `field.${key}` : key] = value instanceof Error ? describeError(value) : value;
  }
}

/** An Error as plain data (its own properties are not enumerable, so JSON.stringify would print {}). */
export function describeError(error: Error): Record<string, unknown> {
  const described: Record<string, unknown> = { name: error.name, message: error.message };
  if (isAppError(error)) {
    described.code = error.code;
    described.category = error.category;
    if (error.details !== undefined) described.details = error.details;
  } else {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string') described.code = code;
  }
  if (error.stack !== undefined) described.stack = error.stack;
  if (error.cause instanceof Error) described.cause = describeError(error.cause);
  if (error instanceof AggregateError) described.errors = error.errors.map((inner: unknown) => (inner instanceof Error ? describeError(inner) : String(inner)));
  return described;
}

/** One JSON line; never throws (bigint → string, nested errors described, an object seen twice printed as '[Circular]'). */
export function formatLogLine(record: LogRecord): string {
  const seen = new WeakSet<object>();
  return JSON.stringify(record, (_key, value: unknown) => {
    if (typeof value === 'bigint') return value.toString();
    if (value instanceof Error) return describeError(value);
    if (typeof value === 'object' && value !== null) {
      if (seen.has(value)) return '[Circular]';
      seen.add(value);
    }
    return value;
  });
}

export const stdoutSink: LogSink = {
  write(record) {
    process.stdout.write(`${formatLogLine(record)}\n`);
  },
};

/** Keeps records in memory (tests, and a ring for the UI later). */
export class MemorySink implements LogSink {
  readonly records: LogRecord[] = [];

  write(record: LogRecord): void {
    this.records.push(record);
  }

  /** The formatted lines, as stdoutSink would print them. */
  lines(): string[] {
    return this.records.map(formatLogLine);
  }

  clear(): void {
    this.records.length = 0;
  }
}

/** A logger that drops everything: for benchmarks and callers that explicitly opt out of logs. */
export const silentLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  child: () => silentLogger,
  isEnabled: () => false,
  setLevel() {},
};
