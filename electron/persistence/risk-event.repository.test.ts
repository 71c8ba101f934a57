import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OrderId } from '../../shared/domain/ids.ts';
import { OrderRepository } from './order.repository.ts';
import type { RiskEventInput } from './risk-event.ts';
import { RiskEventRepository } from './risk-event.repository.ts';
import { createDatabaseHarness, writeCorruptRow, type DatabaseHarness } from './testing/database-harness.ts';
import { fixtureTime, newOrder } from './testing/trading-fixtures.ts';

let harness: DatabaseHarness;
let events: RiskEventRepository;
let orderId: OrderId;

beforeEach(() => {
  harness = createDatabaseHarness('risk-event-repository-test-');
  events = new RiskEventRepository(harness.database);
  orderId = new OrderRepository(harness.database).insert(newOrder()).id;
});

afterEach(() => harness.dispose());

const denial = (): RiskEventInput => ({ kind: 'DENIAL', time: fixtureTime, reason: 'limit 1.90 is outside the collar 1.00–1.30', tradingState: 'ACTIVE', denialCode: 'PRICE_COLLAR', orderId });
const reducing = (): RiskEventInput => ({ kind: 'STATE_CHANGE', time: fixtureTime + 1, reason: 'margin use 85 %', tradingState: 'REDUCING', previousState: 'ACTIVE' });
const halt = (): RiskEventInput => ({ kind: 'HALT', time: fixtureTime + 2, reason: 'kill switch', tradingState: 'HALTED', previousState: 'REDUCING', latched: true, trigger: 'shortcut' });

describe('RiskEventRepository', () => {
  it('when a denial, a state change and a halt are appended, then they read back equal with every field', () => {
    const stored = [events.append(denial()), events.append(reducing()), events.append(halt())];
    expect(events.list()).toEqual(stored);
    expect(stored[0]).toMatchObject({ id: 1, previousState: undefined, latched: false, trigger: undefined });
    expect(stored[1]).toMatchObject({ id: 2, orderId: undefined, denialCode: undefined });
    expect(events.list({ kind: 'DENIAL' })).toEqual([stored[0]]);
    expect(events.list({ since: fixtureTime + 1, limit: 1 })).toEqual([stored[1]]);
    expect(events.latestStateChange()).toEqual(stored[2]);
  });

  it('when an event lacks what its kind needs or names an unknown order, then it is refused naming the field and nothing is stored', () => {
    expect(() => events.append({ ...denial(), denialCode: undefined })).toThrow(expect.objectContaining({ code: 'validation', message: expect.stringContaining('denialCode must be set exactly for a DENIAL') }));
    expect(() => events.append({ ...halt(), tradingState: 'REDUCING' })).toThrow(/must be HALTED after a HALT/);
    expect(() => events.append({ ...halt(), trigger: undefined })).toThrow(/trigger must be set exactly for a HALT/);
    expect(() => events.append({ ...reducing(), orderId })).toThrow(/orderId must be absent/);
    expect(() => events.append({ ...denial(), orderId: 'ord-ghost' as OrderId })).toThrow(/foreign-key/);
    expect(events.list()).toEqual([]);
    expect(events.latestStateChange()).toBeUndefined();
  });

  it('when the database is reopened, then the events are still there', () => {
    const stored = events.append(halt());
    events = new RiskEventRepository(harness.reopen());
    expect(events.list()).toEqual([stored]);
  });

  it('when a stored row is corrupt, then reading fails with corrupt-data naming the row', () => {
    events.append(reducing());
    writeCorruptRow(harness.database, "INSERT INTO risk_events (kind, time, reason, trading_state, latched) VALUES ('HALT', 5, 'x', 'ACTIVE', 3)");
    expect(() => events.list()).toThrow(expect.objectContaining({ code: 'corrupt-data', message: expect.stringContaining('risk_events row 2: column latched should be 0 or 1') }));
  });
});
