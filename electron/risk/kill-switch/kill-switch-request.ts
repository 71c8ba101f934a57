// A trigger is never refused for its shape: the halt must happen whatever the caller sent (an
// IPC message may be malformed). Bad fields are replaced by safe values (source 'api', no
// flatten) and reported as problems in the result and the journal.
import { KILL_SWITCH_SOURCES, type KillSwitchRequest, type KillSwitchSource, type KillSwitchTiming } from './kill-switch-types.ts';

const MAX_REASON_LENGTH = 500;

export interface NormalizedRequest {
  readonly request: KillSwitchRequest;
  readonly problems: readonly string[];
}

export function normalizeRequest(value: unknown): NormalizedRequest {
  const input = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  const problems: string[] = [];
  if (input !== value) problems.push(`the trigger request must be an object, got ${describe(value)}`);
  const source = (KILL_SWITCH_SOURCES as readonly unknown[]).includes(input.source) ? (input.source as KillSwitchSource) : undefined;
  if (source === undefined) problems.push(`source must be one of ${KILL_SWITCH_SOURCES.join(', ')}, got ${describe(input.source)} (recorded as 'api')`);
  const reasonText = typeof input.reason === 'string' ? input.reason.trim() : '';
  if (reasonText === '') problems.push(`reason must be a non-empty string, got ${describe(input.reason)}`);
  const flatten = typeof input.flatten === 'boolean' ? input.flatten : false;
  if (typeof input.flatten !== 'boolean') problems.push(`flatten must be true or false, got ${describe(input.flatten)} (not flattening)`);
  const reason = reasonText === '' ? 'no reason given' : clip(reasonText);
  return { request: { source: source ?? 'api', reason, flatten }, problems };
}

function clip(text: string): string {
  return text.length > MAX_REASON_LENGTH ? `${text.slice(0, MAX_REASON_LENGTH - 1)}…` : text;
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (value === null || value === undefined) return String(value);
  return typeof value === 'object' ? (Array.isArray(value) ? 'an array' : 'an object') : String(value);
}

export const DEFAULT_KILL_SWITCH_TIMING: KillSwitchTiming = Object.freeze({
  cancelConfirmTimeoutMs: 5_000,
  cancelAllSettleMs: 1_000,
  pollIntervalMs: 10,
  brokerCallTimeoutMs: 30_000,
});

/** The defaults overridden by `overrides`; throws a RangeError naming a bad value. */
export function resolveTiming(overrides: Partial<KillSwitchTiming> = {}): KillSwitchTiming {
  const timing = { ...DEFAULT_KILL_SWITCH_TIMING, ...overrides };
  for (const [name, value] of Object.entries(timing)) {
    if (!Number.isFinite(value) || value <= 0) throw new RangeError(`kill switch timing ${name} must be a positive number of milliseconds, got ${String(value)}`);
  }
  if (timing.cancelAllSettleMs > timing.cancelConfirmTimeoutMs) {
    throw new RangeError(`kill switch timing cancelAllSettleMs (${timing.cancelAllSettleMs}) must not exceed cancelConfirmTimeoutMs (${timing.cancelConfirmTimeoutMs})`);
  }
  return Object.freeze(timing);
}
