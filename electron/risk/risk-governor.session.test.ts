import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultRiskLimits } from '../../shared/domain/risk.ts';
import { EventBus } from '../core/event-bus.ts';
import type { RiskEventInput } from '../persistence/risk-event.ts';
import { SettingsRepository } from '../persistence/settings.repository.ts';
import { createDatabaseHarness, type DatabaseHarness } from '../persistence/testing/database-harness.ts';
import type { OrderIntent } from './pre-trade-gate.ts';
import type { RiskGovernorEvents } from './risk-events.ts';
import { RiskGovernor } from './risk-governor.ts';
import { RISK_STATE_SETTING_KEY, settingsRiskStateStore } from './risk-state-store.ts';
import { dollars, governorHarness, intent, newYork, RiskWorld } from './testing/risk-world.ts';

const forStrategy = (name: string, quantity = 1) => intent({ strategyId: name as OrderIntent['strategyId'], quantity });
const codeOf = (verdict: { allowed: boolean; denial?: { code: string } }) => (verdict.allowed ? 'ALLOWED' : verdict.denial?.code);

describe('RiskGovernor daily loss circuit breaker', () => {
  it('when an account update brings the day to exactly −2 %, then refresh trips HALTED, latched, with no order involved', () => {
    const { governor, world, published, journaled } = governorHarness();
    expect(governor.refresh().startOfDayNetLiquidation).toBe(dollars(100_000));
    world.setAccount({ netLiquidation: 98_000.01 });
    expect(governor.refresh().tradingState).toBe('ACTIVE');
    world.setAccount({ netLiquidation: 98_000 });
    expect(governor.refresh()).toMatchObject({ tradingState: 'HALTED', latched: true, dailyPnl: dollars(-2_000) });
    expect(published.map((event) => event.type)).toEqual(['risk.state-changed']);
    expect(published[0]).toMatchObject({ payload: { cause: 'daily-loss', previousState: 'ACTIVE', reason: expect.stringContaining('daily loss circuit breaker') } });
    expect(journaled).toEqual([expect.objectContaining({ kind: 'STATE_CHANGE', tradingState: 'HALTED', previousState: 'ACTIVE', latched: true })]);
  });

  it('when an order finds the day beyond the loss limit, then it is denied DAILY_LOSS_LIMIT and trading halts', () => {
    const { governor, world } = governorHarness();
    governor.refresh();
    world.setAccount({ netLiquidation: 97_500 });
    expect(codeOf(governor.check(intent()))).toBe('DAILY_LOSS_LIMIT');
    expect(governor.state()).toMatchObject({ tradingState: 'HALTED', latched: true });
  });

  it('when the loss recovers after the breaker tripped, then trading stays halted until rearm, and rearm is refused while the breach holds', () => {
    const { governor, world, published } = governorHarness();
    governor.refresh();
    world.setAccount({ netLiquidation: 97_000 });
    governor.refresh();
    expect(governor.rearm('alice')).toMatchObject({ ok: false, reason: expect.stringContaining('breach still holds') });
    expect(published.at(-1)).toMatchObject({ type: 'risk.rearm-refused', payload: { by: 'alice' } });
    world.setAccount({ netLiquidation: 99_000 });
    expect(governor.refresh().tradingState).toBe('HALTED');
    expect(codeOf(governor.check(intent()))).toBe('TRADING_HALTED');
    expect(governor.rearm('alice')).toMatchObject({ ok: true, state: { tradingState: 'ACTIVE' } });
    expect(codeOf(governor.check(intent()))).toBe('ALLOWED');
  });

  it('when the next session opens, then the baseline is the net liquidation at that boundary', () => {
    const world = new RiskWorld(newYork(15, 0));
    const { governor } = governorHarness({ world });
    governor.refresh();
    world.setAccount({ netLiquidation: 98_500 }); // −1.5 %: no trip
    expect(governor.refresh().tradingState).toBe('ACTIVE');
    world.advanceTo(newYork(9, 30, 1));
    expect(governor.refresh()).toMatchObject({ tradingDay: '2026-03-11', startOfDayNetLiquidation: dollars(98_500), dailyPnl: dollars(0) });
    world.setAccount({ netLiquidation: 96_530.01 });
    expect(governor.refresh().tradingState).toBe('ACTIVE');
    world.setAccount({ netLiquidation: 96_530 }); // −2 % of 98,500
    expect(governor.refresh().tradingState).toBe('HALTED');
  });
});

describe('RiskGovernor day counters at the session boundary', () => {
  it('when the clock crosses 16:00, UTC midnight and New York midnight, then nothing resets; at the next open, then the counters do', () => {
    const world = new RiskWorld(newYork(15, 58));
    const { governor } = governorHarness({ world, limits: { maxNewPositionsPerDay: 2, maxOpenPositions: 50 } });
    expect(codeOf(governor.check(forStrategy('a')))).toBe('ALLOWED');
    world.advance(60_000);
    expect(codeOf(governor.check(forStrategy('b')))).toBe('ALLOWED');
    for (const time of [newYork(16, 1), newYork(20, 0) /* 00:00 UTC */, newYork(0, 0, 1), newYork(9, 29, 1)]) {
      world.advanceTo(time);
      expect(codeOf(governor.check(forStrategy('c')))).toBe('MAX_NEW_POSITIONS');
      expect(governor.state()).toMatchObject({ tradingDay: '2026-03-10', newPositionsToday: 2 });
    }
    world.advanceTo(newYork(9, 30, 1));
    expect(codeOf(governor.check(forStrategy('c')))).toBe('ALLOWED');
    expect(governor.state()).toMatchObject({ tradingDay: '2026-03-11', newPositionsToday: 1 });
  });

  it('when the same order straddles the boundary, then the duplicate window and the throttle count clock time, not days', () => {
    const world = new RiskWorld(newYork(15, 59));
    const { governor } = governorHarness({ world, limits: { maxOrdersPerSecond: 1 } });
    expect(codeOf(governor.check(intent({ quantity: 2 })))).toBe('ALLOWED');
    expect(codeOf(governor.check(intent({ quantity: 3 })))).toBe('ORDER_RATE');
    world.advanceTo(newYork(9, 30, 1));
    expect(codeOf(governor.check(intent({ quantity: 2 })))).toBe('ALLOWED');
  });

  it('when Friday rolls over the weekend, then Monday 09:30 starts the new day (not Saturday)', () => {
    const friday = Date.UTC(2026, 2, 13, 19, 59); // 15:59 New York
    const world = new RiskWorld(friday);
    const { governor } = governorHarness({ world, limits: { maxNewPositionsPerDay: 1 } });
    expect(codeOf(governor.check(forStrategy('fri')))).toBe('ALLOWED');
    world.advanceTo(Date.UTC(2026, 2, 14, 16)); // Saturday noon
    expect(governor.state()).toMatchObject({ tradingDay: '2026-03-13', newPositionsToday: 1 });
    world.advanceTo(Date.UTC(2026, 2, 16, 13, 30)); // Monday 09:30
    expect(governor.state()).toMatchObject({ tradingDay: '2026-03-16', newPositionsToday: 0 });
  });
});

describe('RiskGovernor across a restart', () => {
  let database: DatabaseHarness;
  beforeEach(() => {
    database = createDatabaseHarness('risk-governor-restart-');
  });
  afterEach(() => database.dispose());

  const storeOn = (world: RiskWorld) => settingsRiskStateStore(new SettingsRepository(database.database, world.clock));

  it('when the app restarts mid-day, then the baseline, the new-position count and a latched halt are kept, and reconciliation is required again', () => {
    const world = new RiskWorld(newYork(10, 0));
    const first = governorHarness({ world, config: { stateStore: storeOn(world) } });
    first.governor.refresh();
    first.governor.check(forStrategy('a'));
    world.advance(2_000);
    first.governor.check(forStrategy('b'));
    first.governor.halt('kill switch', { trigger: 'shortcut' });

    database.reopen();
    world.advance(60_000);
    world.setAccount({ netLiquidation: 99_000 });
    const second = governorHarness({ world, reconciled: false, config: { stateStore: storeOn(world) } });
    expect(second.governor.state()).toMatchObject({
      tradingState: 'HALTED',
      latched: true,
      haltReason: 'kill switch',
      startOfDayNetLiquidation: dollars(100_000),
      dailyPnl: dollars(-1_000),
      newPositionsToday: 2,
      reconciled: false,
    });
  });

  it('when the app restarts on the next trading day, then the counters start over but a latched halt is still in force', () => {
    const world = new RiskWorld(newYork(10, 0));
    const first = governorHarness({ world, config: { stateStore: storeOn(world) } });
    first.governor.check(forStrategy('a'));
    first.governor.halt('kill switch');
    world.advanceTo(newYork(9, 45, 1));
    const second = governorHarness({ world, config: { stateStore: storeOn(world) } });
    expect(second.governor.state()).toMatchObject({ tradingDay: '2026-03-11', newPositionsToday: 0, tradingState: 'HALTED', latched: true });
  });

  it('when the stored state is unreadable, then the governor starts HALTED and latched, journaled, until rearmed', () => {
    const world = new RiskWorld();
    new SettingsRepository(database.database, world.clock).set(RISK_STATE_SETTING_KEY, { version: 1, tradingState: 'SIDEWAYS' });
    const journaled: RiskEventInput[] = [];
    const governor = new RiskGovernor({ inputs: world.inputs(), limits: defaultRiskLimits, events: new EventBus<RiskGovernorEvents>(), journal: (event) => journaled.push(event), stateStore: storeOn(world) });
    expect(governor.state()).toMatchObject({ tradingState: 'HALTED', latched: true, haltReason: expect.stringContaining('stored risk state unreadable') });
    expect(journaled).toEqual([expect.objectContaining({ kind: 'STATE_CHANGE', tradingState: 'HALTED', latched: true, reason: expect.stringContaining('tradingState') })]);
    expect(governor.rearm('alice').ok).toBe(true);
  });
});
