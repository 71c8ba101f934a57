import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RISK_DENIAL_CODES, TRADING_STATES } from '../../../shared/domain/risk.ts';
import { createScratchConnections, type ScratchConnections } from '../testing/scratch-connections.ts';
import { indexNames, tableColumns, triggerNames } from '../testing/schema-inspection.ts';
import { migrations } from './index.ts';
import { readUserVersion, runMigrations } from './migration.ts';

let scratch: ScratchConnections;

const migrated = (version = 8): Database.Database => scratch.openMigrated(migrations, version);

beforeEach(() => {
  scratch = createScratchConnections();
});

afterEach(() => scratch.dispose());

type Row = { kind: string; state: string; previous: string | null; code: string | null; order: string | null; trigger: string | null };
const insertEvent = (connection: Database.Database, row: Row) =>
  connection
    .prepare("INSERT INTO risk_events (kind, time, reason, trading_state, previous_state, denial_code, order_id, latched, halt_trigger) VALUES (@kind, 1, 'why', @state, @previous, @code, @order, 0, @trigger)")
    .run(row);
const denial: Row = { kind: 'DENIAL', state: 'ACTIVE', previous: null, code: 'PRICE_COLLAR', order: null, trigger: null };
const halt: Row = { kind: 'HALT', state: 'HALTED', previous: 'ACTIVE', code: null, order: null, trigger: 'shortcut' };

describe('migration 0008-risk-events', () => {
  it('when applied to an empty database, then risk events exist at version 8 and are append-only', () => {
    const connection = migrated();
    expect(readUserVersion(connection)).toBe(8);
    expect(tableColumns(connection, 'risk_events').map(([name]) => name)).toEqual([
      'id', 'kind', 'time', 'reason', 'trading_state', 'previous_state', 'denial_code', 'order_id', 'latched', 'halt_trigger',
    ]);
    expect(indexNames(connection, 'risk_events')).toEqual(['risk_events_by_kind_time', 'risk_events_by_order', 'risk_events_by_time']);
    expect(triggerNames(connection, 'risk_events')).toEqual(['risk_events_no_delete', 'risk_events_no_update']);
    insertEvent(connection, denial);
    expect(() => connection.exec("UPDATE risk_events SET reason = 'other'")).toThrow(/append-only/);
    expect(() => connection.exec('DELETE FROM risk_events')).toThrow(/append-only/);
  });

  it('when applied to a database at version 7, then only it runs', () => {
    const connection = migrated(7);
    expect(runMigrations(connection, migrations.slice(0, 8)).applied).toEqual([{ version: 8, name: 'risk-events' }]);
  });

  it('when compared with the domain vocabulary, then every trading state and denial code is allowed', () => {
    const connection = migrated();
    const sql = connection.prepare<[], string>("SELECT sql FROM sqlite_master WHERE name = 'risk_events'").pluck().get() ?? '';
    for (const word of [...TRADING_STATES, ...RISK_DENIAL_CODES]) expect(sql).toContain(`'${word}'`);
  });

  it('when an event lacks what its kind needs, then the table refuses it', () => {
    const connection = migrated();
    insertEvent(connection, halt);
    expect(() => insertEvent(connection, { ...denial, code: null })).toThrow(/CHECK/);
    expect(() => insertEvent(connection, { ...denial, previous: 'ACTIVE' })).toThrow(/CHECK/);
    expect(() => insertEvent(connection, { ...denial, order: 'ord-404' })).toThrow(/FOREIGN KEY/);
    expect(() => insertEvent(connection, { ...halt, state: 'REDUCING' })).toThrow(/CHECK/);
    expect(() => insertEvent(connection, { ...halt, trigger: null })).toThrow(/CHECK/);
    expect(() => insertEvent(connection, { ...halt, kind: 'STATE_CHANGE' })).toThrow(/CHECK/);
    expect(connection.prepare('SELECT count(*) FROM risk_events').pluck().get()).toBe(1);
  });
});
