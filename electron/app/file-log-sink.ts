// Writes log records as JSON lines to a file, so a terminal's status line stays readable.
// appendFileSync: a record is on disk before the next one, even if the process is killed.
import { appendFileSync } from 'node:fs';
import { formatLogLine, type LogRecord, type LogSink } from '../core/logger.ts';

export class FileLogSink implements LogSink {
  readonly #file: string;

  constructor(file: string) {
    this.#file = file;
  }

  write(record: LogRecord): void {
    appendFileSync(this.#file, `${formatLogLine(record)}\n`);
  }
}
