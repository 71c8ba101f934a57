import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseIsoDate } from '../../shared/domain/calendar.ts';
import { fromDollars } from '../../shared/domain/money.ts';
import { createDatabaseHarness, type DatabaseHarness } from '../persistence/testing/database-harness.ts';
import { SettingsRepository } from '../persistence/settings.repository.ts';
import { parseStoredRiskState, RISK_STATE_SETTING_KEY, settingsRiskStateStore, toStoredJson, type StoredRiskState } from './risk-state-store.ts';

let harness: DatabaseHarness;
beforeEach(() => {
  harness = createDatabaseHarness('risk-state-store-');
});
afterEach(() => harness.dispose());

const state: StoredRiskState = {
  day: { tradingDay: parseIsoDate('2026-03-10'), startOfDayNetLiquidation: fromDollars(100_000.5), newPositionsToday: 3 },
  control: { tradingState: 'HALTED', reason: 'kill switch', latched: true },
};

describe('risk state store', () => {
  it('when the state is saved in the settings table and the database reopened, then it reads back equal', () => {
    settingsRiskStateStore(new SettingsRepository(harness.database, harness.clock)).save(state);
    const reopened = harness.reopen();
    expect(parseStoredRiskState(settingsRiskStateStore(new SettingsRepository(reopened, harness.clock)).load())).toEqual(state);
  });

  it('when the day has no baseline yet, then it round-trips as undefined', () => {
    const noBaseline = { ...state, day: { ...state.day, startOfDayNetLiquidation: undefined } };
    expect(parseStoredRiskState(toStoredJson(noBaseline))).toEqual(noBaseline);
  });

  it.each([
    ['not an object', 'halted'],
    ['another format version', { ...(toStoredJson(state) as object), version: 2 }],
    ['an unknown trading state', { ...(toStoredJson(state) as object), tradingState: 'PAUSED' }],
    ['a halt without a reason', { ...(toStoredJson(state) as object), reason: null }],
    ['a fractional counter', { ...(toStoredJson(state) as object), newPositionsToday: 1.5 }],
    ['a bad date', { ...(toStoredJson(state) as object), tradingDay: '2026-02-30' }],
  ])('when the stored value is %s, then reading it fails naming the problem', (_label, value) => {
    expect(() => parseStoredRiskState(value)).toThrow(/risk state/);
  });

  it('when the store key is not given, then the documented setting key is used', () => {
    const settings = new SettingsRepository(harness.database, harness.clock);
    settingsRiskStateStore(settings).save(state);
    expect(settings.get(RISK_STATE_SETTING_KEY)).toMatchObject({ tradingState: 'HALTED', newPositionsToday: 3 });
  });
});
