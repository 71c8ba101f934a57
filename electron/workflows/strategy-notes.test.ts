import { afterEach, describe, expect, it } from 'vitest';
import { parseStrategyId } from '../../shared/domain/ids.ts';
import { AppError } from '../core/errors.ts';
import { SettingsRepository } from '../persistence/settings.repository.ts';
import { createDatabaseHarness, type DatabaseHarness } from '../persistence/testing/database-harness.ts';
import { StrategyNotebook } from './strategy-notes.ts';

const id = parseStrategyId('stg-SPY-1');

describe('StrategyNotebook', () => {
  let harness: DatabaseHarness;
  afterEach(() => harness.dispose());

  const notebook = () => new StrategyNotebook(new SettingsRepository(harness.database, harness.clock));

  it('when nothing was noted, then the notes are empty', () => {
    harness = createDatabaseHarness('notes-');
    expect(notebook().get(id)).toEqual({});
  });

  it('when notes are updated, then they merge, and survive reopening the database', () => {
    harness = createDatabaseHarness('notes-');
    notebook().update(id, { ivRankAtEntry: 62.5 });
    notebook().update(id, { exitDecisionId: 'dec-1' as never });
    harness.reopen();
    expect(notebook().get(id)).toEqual({ ivRankAtEntry: 62.5, openedByOrderId: undefined, exitDecisionId: 'dec-1' });
  });

  it('when a note is given as undefined, then it is cleared', () => {
    harness = createDatabaseHarness('notes-');
    notebook().update(id, { ivRankAtEntry: 40, exitDecisionId: 'dec-1' as never });
    expect(notebook().update(id, { exitDecisionId: undefined })).toEqual({ ivRankAtEntry: 40, exitDecisionId: undefined });
  });

  it('when the stored notes are corrupt, then reading fails fast naming the strategy', () => {
    harness = createDatabaseHarness('notes-');
    new SettingsRepository(harness.database, harness.clock).set(`workflows.strategy.${id}`, { ivRankAtEntry: 'high' });
    expect(() => notebook().get(id)).toThrow(AppError);
    expect(() => notebook().get(id)).toThrow(/strategy 'stg-SPY-1' are corrupt: ivRankAtEntry/);
  });
});
