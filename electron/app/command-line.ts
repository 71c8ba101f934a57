// What the command-line tools share: strict option parsing whose errors name the option, and
// the --start date. A bad option is an OptionError: the tool prints it with its usage, exits 2.
import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';
import { parseIsoDate, type IsoDate } from '../../shared/domain/calendar.ts';

export class OptionError extends Error {
  override name = 'OptionError';
}

/** Parses `argv` strictly (no positionals, no unknown options) against `options`. */
export function parseCommandLine<Options extends ParseArgsOptionsConfig>(argv: readonly string[], options: Options) {
  try {
    return parseArgs({ args: [...argv], strict: true, allowPositionals: false, options }).values;
  } catch (error) {
    throw new OptionError((error as Error).message);
  }
}

export function parseStartDate(text: string): IsoDate {
  try {
    return parseIsoDate(text, '--start');
  } catch {
    throw new OptionError(`--start must be a date written YYYY-MM-DD, got '${text}'`);
  }
}
