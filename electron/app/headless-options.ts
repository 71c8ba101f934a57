// Command-line options of the headless runner (`npm start`, `npm run headless`). Bad input gets
// an error naming the option and the value; nothing starts.
import type { IsoDate } from '../../shared/domain/calendar.ts';
import { OptionError, parseCommandLine, parseStartDate } from './command-line.ts';
import type { ClockSpeed } from '../core/accelerated-clock.ts';

export type HeadlessOptions = {
  readonly seed: number;
  readonly speed: ClockSpeed;
  /** Simulated milliseconds to run, or undefined to run until Ctrl+C. */
  readonly durationMs: number | undefined;
  readonly json: boolean;
  /** Start the autopilot (entry → monitoring → exit over the watchlist) once the engine is up. */
  readonly autopilot: boolean;
  /** The simulated start date; undefined for a live run on the real clock. */
  readonly start: IsoDate | undefined;
  /** Where the databases live; undefined for a temporary folder removed at the end. */
  readonly dataDirectory: string | undefined;
  readonly help: boolean;
};

/** Accelerated runs start here unless --start says otherwise, so a seed reproduces a run exactly. */
export const DEFAULT_SIMULATION_START = '2026-01-05' as IsoDate;
export const DEFAULT_LIVE_DATA_DIRECTORY = 'data';

export const HEADLESS_USAGE = `Usage: npm start -- [options]   (or: npm run headless -- [options])

Runs the engine on the simulated market with the paper broker and prints a live status line.

  --seed S          seed of the simulated market and of a new paper account (default 1)
  --speed X|max     simulated time runs X times faster than real time, or as fast as possible
                    (default 1: live, on the real clock)
  --duration D      stop after D of simulated time: a number with s, m, h or d (e.g. 90m, 2d)
  --start DATE      simulated start, YYYY-MM-DD: the first session open on or after it
                    (default: now for a live run, ${DEFAULT_SIMULATION_START} otherwise)
  --data-dir DIR    keep the databases in DIR (default: ./${DEFAULT_LIVE_DATA_DIRECTORY} for a live run,
                    a temporary folder removed at the end otherwise)
  --autopilot       start the autopilot: enter, monitor and exit by the rules over SPY, QQQ, IWM
  --json            print one JSON summary as the last line of standard output
  --help            print this text

In a terminal: k fires the kill switch (halt, cancel all), K also flattens every position,
r re-arms after it, a starts or stops the autopilot, q stops.
Ctrl+C stops cleanly. The same seed and options give the same JSON, byte for byte.`;

export { OptionError } from './command-line.ts';

const durationUnits: Readonly<Record<string, number>> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

export function parseDuration(text: string): number {
  const match = /^(\d+(?:\.\d+)?)([smhd])$/.exec(text.trim());
  const milliseconds = match ? Number(match[1]) * (durationUnits[match[2] as string] as number) : Number.NaN;
  if (!(milliseconds > 0) || !Number.isSafeInteger(Math.round(milliseconds))) {
    throw new OptionError(`--duration must be a positive number followed by s, m, h or d (e.g. 90m, 2d), got '${text}'`);
  }
  return Math.round(milliseconds);
}

export function parseSpeed(text: string): ClockSpeed {
  if (text === 'max') return 'max';
  const speed = Number(text);
  if (text.trim() === '' || !Number.isFinite(speed) || speed <= 0) throw new OptionError(`--speed must be a positive number or 'max', got '${text}'`);
  return speed;
}

function parseSeed(text: string): number {
  const seed = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(seed)) throw new OptionError(`--seed must be a non-negative integer, got '${text}'`);
  return seed;
}

export function parseHeadlessOptions(argv: readonly string[]): HeadlessOptions {
  const values = parseCommandLine(argv, {
    seed: { type: 'string' },
    speed: { type: 'string' },
    duration: { type: 'string' },
    start: { type: 'string' },
    'data-dir': { type: 'string' },
    json: { type: 'boolean' },
    autopilot: { type: 'boolean' },
    help: { type: 'boolean' },
  });
  const speed = values.speed === undefined ? 1 : parseSpeed(values.speed);
  const durationMs = values.duration === undefined ? undefined : parseDuration(values.duration);
  const live = speed === 1 && values.start === undefined;
  return {
    seed: values.seed === undefined ? 1 : parseSeed(values.seed),
    speed,
    durationMs,
    json: values.json ?? false,
    autopilot: values.autopilot ?? false,
    start: values.start !== undefined ? parseStartDate(values.start) : live ? undefined : DEFAULT_SIMULATION_START,
    dataDirectory: values['data-dir'] ?? (live ? DEFAULT_LIVE_DATA_DIRECTORY : undefined),
    help: values.help ?? false,
  };
}
