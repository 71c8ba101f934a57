// Exponential backoff: 1 s, 2 s, 4 s, … capped (30 s by default). Jitter is off by default so
// retries happen at predictable times; when turned on it is deterministic (a seeded generator
// unless a random source is given), so a test or a replay sees the same delays every run.
import { AppError } from '../../core/errors.ts';
import { seededUniform } from '../../core/seeded-random.ts';

export interface BackoffOptions {
  /** The delay before the first retry (default 1,000 ms). */
  readonly initialDelayMs?: number;
  /** Each further delay is the previous one times this (default 2). */
  readonly multiplier?: number;
  /** No delay exceeds this (default 30,000 ms). */
  readonly maxDelayMs?: number;
  /** 0 (default) = no jitter; 0.2 moves each delay uniformly within ±20 % (still capped). */
  readonly jitterRatio?: number;
  /** The jitter source, values in [0, 1); default a generator seeded with `jitterSeed`. */
  readonly random?: () => number;
  /** Seed of the default jitter source (default 1). */
  readonly jitterSeed?: number;
}

export interface Backoff {
  readonly initialDelayMs: number;
  readonly multiplier: number;
  readonly maxDelayMs: number;
  readonly jitterRatio: number;
  /** The delay before retry number `retry` (1 = the first retry), in whole milliseconds. */
  delayMs(retry: number): number;
}

export const DEFAULT_BACKOFF = { initialDelayMs: 1_000, multiplier: 2, maxDelayMs: 30_000, jitterRatio: 0 } as const;

export function createBackoff(options: BackoffOptions = {}): Backoff {
  const initialDelayMs = checkNumber('initialDelayMs', options.initialDelayMs ?? DEFAULT_BACKOFF.initialDelayMs, (value) => value > 0, 'a finite number > 0');
  const multiplier = checkNumber('multiplier', options.multiplier ?? DEFAULT_BACKOFF.multiplier, (value) => value >= 1, 'a finite number ≥ 1');
  const maxDelayMs = checkNumber('maxDelayMs', options.maxDelayMs ?? DEFAULT_BACKOFF.maxDelayMs, (value) => value >= initialDelayMs, `a finite number ≥ initialDelayMs (${initialDelayMs})`);
  const jitterRatio = checkNumber('jitterRatio', options.jitterRatio ?? DEFAULT_BACKOFF.jitterRatio, (value) => value >= 0 && value <= 1, 'a number from 0 to 1');
  const random = options.random ?? seededUniform(options.jitterSeed ?? 1);
  return {
    initialDelayMs,
    multiplier,
    maxDelayMs,
    jitterRatio,
    delayMs(retry: number): number {
      if (!Number.isSafeInteger(retry) || retry < 1) throw new AppError('validation', `backoff retry number must be an integer ≥ 1, got ${String(retry)}`);
      // Past the cap the power may overflow to Infinity; min() still gives the cap.
      const base = Math.min(maxDelayMs, initialDelayMs * multiplier ** (retry - 1));
      if (jitterRatio === 0) return Math.round(base);
      const spread = 1 + jitterRatio * (2 * random() - 1);
      return Math.round(Math.min(maxDelayMs, Math.max(0, base * spread)));
    },
  };
}

function checkNumber(name: string, value: number, valid: (value: number) => boolean, rule: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || !valid(value)) {
    throw new AppError('validation', `backoff ${name} must be ${rule}, got ${String(value)}`);
  }
  return value;
}

