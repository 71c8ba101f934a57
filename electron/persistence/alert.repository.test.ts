import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAlert } from '../../shared/domain/alert.ts';
import type { AlertId } from '../../shared/domain/ids.ts';
import { AlertRepository } from './alert.repository.ts';
import { createDatabaseHarness, writeCorruptRow, type DatabaseHarness } from './testing/database-harness.ts';
import { fixtureTime, newAlert } from './testing/trading-fixtures.ts';

let harness: DatabaseHarness;
let alerts: AlertRepository;

beforeEach(() => {
  harness = createDatabaseHarness('alert-repository-test-');
  alerts = new AlertRepository(harness.database);
});

afterEach(() => harness.dispose());

describe('AlertRepository', () => {
  it('when alerts with and without optional fields are stored, then they read back equal', () => {
    const withKey = alerts.insert(newAlert());
    const acknowledged = alerts.insert(createAlert({ id: 'alt-2', severity: 'critical', source: 'broker', message: 'disconnected', createdAt: fixtureTime, acknowledgedAt: fixtureTime + 5 }));
    expect(alerts.get(withKey.id)).toEqual(withKey);
    expect(alerts.get(acknowledged.id)).toEqual(acknowledged);
    expect(alerts.get(acknowledged.id)?.dedupKey).toBeUndefined();
  });

  it('when an alert is acknowledged, then it leaves the unacknowledged list and a second acknowledgement keeps the first time', () => {
    const first = alerts.insert(newAlert());
    const second = alerts.insert(newAlert({ id: 'alt-2', createdAt: fixtureTime + 1 }));
    expect(alerts.listUnacknowledged()).toEqual([first, second]);
    const { alert, changed } = alerts.acknowledge(first.id, fixtureTime + 10);
    expect([alert.acknowledgedAt, changed]).toEqual([fixtureTime + 10, true]);
    expect(alerts.acknowledge(first.id, fixtureTime + 20)).toEqual({ alert, changed: false });
    expect(alerts.listUnacknowledged()).toEqual([second]);
    expect(() => alerts.acknowledge('alt-9' as AlertId, fixtureTime)).toThrow(expect.objectContaining({ code: 'not-found' }));
    expect(() => alerts.acknowledge(second.id, fixtureTime - 1)).toThrow(expect.objectContaining({ code: 'validation', message: expect.stringContaining('acknowledgedAt must not be before createdAt') }));
  });

  it('when looked up by dedup key since a time, then the newest alert of that key raised since then is found', () => {
    alerts.insert(newAlert({ id: 'alt-1', createdAt: fixtureTime }));
    const later = alerts.insert(newAlert({ id: 'alt-2', createdAt: fixtureTime + 60_000 }));
    alerts.insert(newAlert({ id: 'alt-3', createdAt: fixtureTime + 90_000, dedupKey: 'other' }));
    expect(alerts.findByDedupKeySince('margin-70', fixtureTime)).toEqual(later);
    expect(alerts.findByDedupKeySince('margin-70', fixtureTime + 60_001)).toBeUndefined();
    expect(alerts.listRecent(2).map((alert) => alert.id)).toEqual(['alt-3', 'alt-2']);
  });

  it('when an alert is invalid or repeats an id, then it is refused and nothing is stored', () => {
    alerts.insert(newAlert());
    expect(() => alerts.insert(newAlert())).toThrow(expect.objectContaining({ code: 'conflict' }));
    expect(() => alerts.insert({ ...newAlert({ id: 'alt-2' }), severity: 'panic' as never })).toThrow(/severity must be one of info, warning, critical/);
    expect(alerts.listRecent(10)).toHaveLength(1);
  });

  it('when the database is reopened, then alerts and acknowledgements are still there', () => {
    alerts.insert(newAlert());
    const { alert } = alerts.acknowledge('alt-1' as AlertId, fixtureTime + 1);
    alerts = new AlertRepository(harness.reopen());
    expect(alerts.get(alert.id)).toEqual(alert);
  });

  it('when a stored row is corrupt, then reading fails with corrupt-data naming the alert', () => {
    alerts.insert(newAlert());
    writeCorruptRow(harness.database, 'DROP TRIGGER alerts_acknowledge_once');
    writeCorruptRow(harness.database, "UPDATE alerts SET acknowledged_at = 5 WHERE id = 'alt-1'");
    expect(() => alerts.get('alt-1' as AlertId)).toThrow(expect.objectContaining({ code: 'corrupt-data', message: expect.stringContaining("alerts row 'alt-1': does not hold a valid alert: acknowledgedAt must not be before createdAt") }));
  });
});
