// Command-line options of `npm run simulate`. Bad input gets an error naming the option.
import type { IsoDate } from '../../../shared/domain/calendar.ts';
import { requireSymbol } from '../../../shared/domain/validate.ts';
import { OptionError, parseCommandLine, parseStartDate } from '../command-line.ts';
import { DEFAULT_SIMULATION_START } from '../headless-options.ts';

export type SimulateOptions = {
  readonly days: number;
  readonly seed: number;
  readonly symbols: readonly string[];
  readonly start: IsoDate;
  readonly json: boolean;
  readonly dataDirectory: string | undefined;
  readonly help: boolean;
};

export const DEFAULT_SIMULATION_SYMBOLS = ['SPY', 'QQQ', 'IWM'] as const;

export const SIMULATE_USAGE = `Usage: npm run simulate -- --days N [--seed S] [--symbols SPY,QQQ] [--json]

Runs the autopilot (entry → monitoring → exit by the 12 rules) on the accelerated simulated
market with the paper broker for N trading sessions, then prints a report: every round trip
(underlying, strategy, entry and exit, credit or debit, P&L, the rule that closed it), win rate,
total P&L, max drawdown, rule hits, risk denials and the invariant check.

  --days N          trading sessions to simulate (required, 1 to 2520)
  --seed S          seed of the market and the paper account (default 1)
  --symbols LIST    the autopilot's watchlist, comma-separated (default ${DEFAULT_SIMULATION_SYMBOLS.join(',')})
  --start DATE      the first session opens on or after YYYY-MM-DD (default ${DEFAULT_SIMULATION_START})
  --data-dir DIR    keep the databases in DIR (default: a temporary folder removed at the end)
  --json            print the report as one JSON object on the last line
  --help            print this text

The same seed and options give the same report, byte for byte. Exit status 1 when an invariant broke.`;

function wholeNumber(text: string, option: string, low: number, high: number): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < low || value > high) throw new OptionError(`${option} must be a whole number from ${low} to ${high}, got '${text}'`);
  return value;
}

function symbolsOf(text: string): string[] {
  const symbols = text.split(',').map((symbol) => symbol.trim());
  try {
    symbols.forEach((symbol, index) => requireSymbol(symbol, `--symbols[${index}]`));
  } catch (error) {
    throw new OptionError(`--symbols must be a comma-separated list of symbols such as SPY,QQQ: ${(error as Error).message}`);
  }
  if (new Set(symbols).size !== symbols.length) throw new OptionError(`--symbols must name each symbol once, got '${text}'`);
  return symbols;
}

export function parseSimulateOptions(argv: readonly string[]): SimulateOptions {
  const values = parseCommandLine(argv, {
    days: { type: 'string' },
    seed: { type: 'string' },
    symbols: { type: 'string' },
    start: { type: 'string' },
    'data-dir': { type: 'string' },
    json: { type: 'boolean' },
    help: { type: 'boolean' },
  });
  const help = values.help ?? false;
  if (values.days === undefined && !help) throw new OptionError('--days is required: how many trading sessions to simulate');
  const start: IsoDate = values.start === undefined ? DEFAULT_SIMULATION_START : parseStartDate(values.start);
  return {
    days: values.days === undefined ? 0 : wholeNumber(values.days, '--days', 1, 2520),
    seed: values.seed === undefined ? 1 : wholeNumber(values.seed, '--seed', 0, Number.MAX_SAFE_INTEGER),
    symbols: values.symbols === undefined ? [...DEFAULT_SIMULATION_SYMBOLS] : symbolsOf(values.symbols),
    start,
    json: values.json ?? false,
    dataDirectory: values['data-dir'],
    help,
  };
}
