// What the reconciler keeps between runs, in the settings table: the watermark (when the last
// successful run asked the broker) and the foreign executions it already reported. An unreadable
// value is treated as absent, which widens the next execution window to everything the broker
// has: the safe direction (reading too much is harmless, executions are de-duplicated by id).
import type { JsonValue } from '../../../persistence/json-text.ts';
import type { SettingsRepository } from '../../../persistence/settings.repository.ts';
import type { ReconcilerMemory, ReconcilerMemoryStore } from './reconciler-ports.ts';

export const RECONCILER_SETTINGS_KEY = 'reconciler.memory';

/** Keeps the reconciler's memory under `key` in the settings repository. */
export function settingsMemoryStore(settings: Pick<SettingsRepository, 'get' | 'set'>, key = RECONCILER_SETTINGS_KEY): ReconcilerMemoryStore {
  return {
    load: () => parseMemory(settings.get(key)),
    save: (memory) => settings.set(key, { watermark: memory.watermark, reportedForeignExecutions: memory.reportedForeignExecutions.map(({ executionId, time }) => ({ executionId, time })) }),
  };
}

/** The memory in `value`, or undefined when it is missing or malformed. */
export function parseMemory(value: JsonValue | undefined): ReconcilerMemory | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const { watermark, reportedForeignExecutions } = value as Record<string, unknown>;
  if (!isEpoch(watermark) || !Array.isArray(reportedForeignExecutions)) return undefined;
  const reported: { executionId: string; time: number }[] = [];
  for (const entry of reportedForeignExecutions as unknown[]) {
    const { executionId, time } = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
    if (typeof executionId !== 'string' || executionId.length === 0 || !isEpoch(time)) return undefined;
    reported.push({ executionId, time });
  }
  return { watermark, reportedForeignExecutions: reported };
}

function isEpoch(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/**
 * The lower bound of the execution window: the earliest of the last watermark minus the margin
 * (executions around a disconnect, clocks that disagree) and the creation of every order that
 * may still have executions we lack. Without a memory: 0, every execution the broker has.
 */
export function executionWindowStart(memory: ReconcilerMemory | undefined, marginMs: number, openSince: readonly number[]): number {
  if (memory === undefined) return 0;
  return Math.max(0, Math.min(memory.watermark - marginMs, ...openSince));
}

/** The memory after a successful run: the new watermark, and the reported foreign executions still inside the window. */
export function nextMemory(previous: ReconcilerMemory | undefined, watermark: number, since: number, reported: readonly { readonly executionId: string; readonly time: number }[]): ReconcilerMemory {
  const byId = new Map<string, number>();
  for (const entry of [...(previous?.reportedForeignExecutions ?? []), ...reported]) if (entry.time >= since) byId.set(entry.executionId, entry.time);
  return { watermark, reportedForeignExecutions: [...byId].map(([executionId, time]) => ({ executionId, time })) };
}
