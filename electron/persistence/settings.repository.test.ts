import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TestClock } from '../core/test-clock.ts';
import { openDatabase, type AppDatabase } from './database.ts';
import { SettingsRepository } from './settings.repository.ts';
import { createTemporaryDirectory, type TemporaryDirectory } from './testing/temporary-directory.ts';

let temporary: TemporaryDirectory;
let database: AppDatabase;
let clock: TestClock;
let settings: SettingsRepository;

beforeEach(() => {
  temporary = createTemporaryDirectory('settings-test-');
  database = openDatabase(temporary.file('app.sqlite'));
  clock = new TestClock(Date.UTC(2025, 0, 6));
  settings = new SettingsRepository(database, clock);
});

afterEach(() => {
  database.close();
  temporary.dispose();
});

describe('SettingsRepository', () => {
  it('when a value is set, then get returns it with its update time, and setting again replaces it', () => {
    settings.set('risk.limits', { maxLoss: 500, symbols: ['SPY', 'QQQ'] });
    expect(settings.get('risk.limits')).toEqual({ maxLoss: 500, symbols: ['SPY', 'QQQ'] });
    clock.advance(1_000);
    settings.set('risk.limits', null);
    expect(settings.getSetting('risk.limits')).toEqual({ key: 'risk.limits', value: null, updatedAt: Date.UTC(2025, 0, 6) + 1_000 });
  });

  it('when a key is missing, then get returns undefined and delete returns false', () => {
    expect(settings.get('nothing')).toBeUndefined();
    expect(settings.delete('nothing')).toBe(false);
  });

  it('when a key is deleted, then it is gone', () => {
    settings.set('theme', 'dark');
    expect(settings.delete('theme')).toBe(true);
    expect(settings.get('theme')).toBeUndefined();
  });

  it('when all settings are listed, then they come ordered by key', () => {
    settings.set('b', 2);
    settings.set('a', true);
    expect(settings.all().map(({ key, value }) => [key, value])).toEqual([
      ['a', true],
      ['b', 2],
    ]);
  });

  it('when the database is reopened, then the settings are still there', () => {
    settings.set('layout', { panels: ['positions', 'orders'] });
    database.close();
    database = openDatabase(temporary.file('app.sqlite'));
    expect(new SettingsRepository(database, clock).get('layout')).toEqual({ panels: ['positions', 'orders'] });
  });

  it('when a value is not JSON-serialisable or a key is invalid, then nothing is written and the error names it', () => {
    expect(() => settings.set('bad', { ratio: Number.NaN } as never)).toThrow(/setting 'bad' is not JSON-serialisable: value\.ratio is NaN/);
    expect(() => settings.set('', 1)).toThrow(/setting key/);
    expect(settings.all()).toEqual([]);
  });

  it('when a stored row is corrupt, then reading it fails fast naming the key', () => {
    const connection = database.connection;
    connection.pragma('ignore_check_constraints = ON');
    connection.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('broken', '{not json', 0)").run();
    connection.pragma('ignore_check_constraints = OFF');
    expect(() => settings.get('broken')).toThrow(expect.objectContaining({ code: 'corrupt-data', message: expect.stringContaining("settings row 'broken'") }));
    expect(() => settings.all()).toThrow(/settings row 'broken'/);
  });
});
