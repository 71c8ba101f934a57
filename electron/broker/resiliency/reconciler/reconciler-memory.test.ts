import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDatabaseHarness, type DatabaseHarness } from '../../../persistence/testing/database-harness.ts';
import { SettingsRepository } from '../../../persistence/settings.repository.ts';
import { executionWindowStart, nextMemory, parseMemory, RECONCILER_SETTINGS_KEY, settingsMemoryStore } from './reconciler-memory.ts';

let harness: DatabaseHarness;

beforeEach(() => {
  harness = createDatabaseHarness('reconciler-memory-');
});

afterEach(() => harness.dispose());

describe('reconciler memory', () => {
  it('when saved in the settings table, then it reads back the same after reopening the database', () => {
    const memory = { watermark: 1_000_000, reportedForeignExecutions: [{ executionId: 'paper.1.1', time: 999_000 }] };
    settingsMemoryStore(new SettingsRepository(harness.database, harness.clock)).save(memory);
    harness.reopen();

    expect(settingsMemoryStore(new SettingsRepository(harness.database, harness.clock)).load()).toEqual(memory);
  });

  it.each([
    ['nothing stored', undefined],
    ['not an object', 'yesterday'],
    ['a negative watermark', { watermark: -1, reportedForeignExecutions: [] }],
    ['a fractional watermark', { watermark: 1.5, reportedForeignExecutions: [] }],
    ['a malformed execution entry', { watermark: 5, reportedForeignExecutions: [{ executionId: '', time: 1 }] }],
  ] as const)('when the stored value is %s, then it reads as no memory (the widest window)', (_, value) => {
    const settings = new SettingsRepository(harness.database, harness.clock);
    if (value !== undefined) settings.set(RECONCILER_SETTINGS_KEY, value as never);
    expect(parseMemory(settings.get(RECONCILER_SETTINGS_KEY))).toBeUndefined();
    expect(executionWindowStart(parseMemory(settings.get(RECONCILER_SETTINGS_KEY)), 600_000, [5_000_000])).toBe(0);
  });

  it('when open orders are older than the watermark minus the margin, then the window starts at the oldest; never below 0', () => {
    const memory = { watermark: 10_000_000, reportedForeignExecutions: [] };
    expect(executionWindowStart(memory, 600_000, [])).toBe(9_400_000);
    expect(executionWindowStart(memory, 600_000, [9_000_000, 9_500_000])).toBe(9_000_000);
    expect(executionWindowStart({ watermark: 100, reportedForeignExecutions: [] }, 600_000, [])).toBe(0);
  });

  it('when the memory moves on, then reported foreign executions older than the window are forgotten and new ones kept once', () => {
    const previous = { watermark: 1_000, reportedForeignExecutions: [{ executionId: 'old', time: 10 }, { executionId: 'kept', time: 500 }] };
    expect(nextMemory(previous, 2_000, 400, [{ executionId: 'kept', time: 500 }, { executionId: 'new', time: 1_500 }])).toEqual({
      watermark: 2_000,
      reportedForeignExecutions: [{ executionId: 'kept', time: 500 }, { executionId: 'new', time: 1_500 }],
    });
  });
});
