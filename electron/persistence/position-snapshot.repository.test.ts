import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyFill, flatPosition, restorePosition, type Position } from '../../shared/domain/position.ts';
import { PositionSnapshotRepository } from './position-snapshot.repository.ts';
import { createDatabaseHarness, writeCorruptRow, type DatabaseHarness } from './testing/database-harness.ts';
import { dollars, fillOf, fixtureTime, longPut, newOrder, shortPut, spy } from './testing/trading-fixtures.ts';

let harness: DatabaseHarness;
let snapshots: PositionSnapshotRepository;

beforeEach(() => {
  harness = createDatabaseHarness('position-snapshot-test-');
  snapshots = new PositionSnapshotRepository(harness.database);
});

afterEach(() => harness.dispose());

const short = applyFill(undefined, fillOf(newOrder(), { quantity: 2, price: 1.15, commission: dollars(1.3) }));
const long = restorePosition({ contract: longPut, quantity: 3, costBasis: dollars(91.5), realizedPnl: dollars(-2.25), commissions: dollars(1.95) });
const shares = restorePosition({ contract: spy, quantity: -100, costBasis: dollars(-45_012.34), realizedPnl: dollars(10), commissions: dollars(0) });

describe('PositionSnapshotRepository', () => {
  it('when a snapshot with long, short, flat and share positions is stored, then it reads back equal, lines ordered by contract', () => {
    const stored = snapshots.insert({ takenAt: fixtureTime, source: 'oms', positions: [shares, short, long, flatPosition({ ...shortPut, strike: 450 })] });
    expect(stored.id).toBe(1);
    expect(snapshots.get(1)).toEqual(stored);
    expect(stored.positions.map((position) => position.quantity)).toEqual([-100, 3, -2, 0]);
    expect(stored.note).toBeUndefined();
    expect(snapshots.get(1)?.positions[2]).toEqual(short);
  });

  it('when several snapshots exist, then latest and list pick by source and time', () => {
    const early = snapshots.insert({ takenAt: fixtureTime, source: 'broker', positions: [long], note: 'after reconnect' });
    const late = snapshots.insert({ takenAt: fixtureTime + 60_000, source: 'broker', positions: [] });
    const oms = snapshots.insert({ takenAt: fixtureTime + 90_000, source: 'oms', positions: [short] });
    expect(snapshots.latest('broker')).toEqual(late);
    expect(snapshots.latest('oms')).toEqual(oms);
    expect(snapshots.list('broker')).toEqual([early, late]);
    expect(snapshots.list('broker', { from: fixtureTime + 1 })).toEqual([late]);
    expect(snapshots.list('broker', { limit: 1 })).toEqual([early]);
    expect(snapshots.get(99)).toBeUndefined();
  });

  it('when a snapshot repeats a contract or holds an invalid position, then it is refused naming it and nothing is stored', () => {
    expect(() => snapshots.insert({ takenAt: fixtureTime, source: 'oms', positions: [short, short] })).toThrow(expect.objectContaining({ code: 'validation', message: expect.stringContaining('must hold each contract once') }));
    const bad = { ...long, costBasis: dollars(-1) } as Position;
    expect(() => snapshots.insert({ takenAt: fixtureTime, source: 'oms', positions: [short, bad] })).toThrow(/positions\[1\]\.costBasis must have the sign of quantity/);
    expect(() => snapshots.insert({ takenAt: fixtureTime, source: 'guess' as never, positions: [] })).toThrow(/source must be one of oms, broker/);
    expect(snapshots.latest('oms')).toBeUndefined();
  });

  it('when the database is reopened, then the snapshots are still there', () => {
    const stored = snapshots.insert({ takenAt: fixtureTime, source: 'oms', positions: [short, long] });
    snapshots = new PositionSnapshotRepository(harness.reopen());
    expect(snapshots.latest('oms')).toEqual(stored);
  });

  it('when a stored line is corrupt, then reading fails with corrupt-data naming the line', () => {
    snapshots.insert({ takenAt: fixtureTime, source: 'oms', positions: [long] });
    writeCorruptRow(harness.database, 'UPDATE position_snapshot_lines SET cost_basis_micros = -5');
    expect(() => snapshots.get(1)).toThrow(expect.objectContaining({ code: 'corrupt-data', message: expect.stringContaining("position_snapshot_lines row 1 'SPY 2026-04-17 430 P': does not hold a valid position: costBasis") }));
  });
});
