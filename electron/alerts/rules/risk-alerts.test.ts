import { afterEach, describe, expect, it } from 'vitest';
import type { Disposable } from '../../core/lifecycle.ts';
import { governorHarness, intent, type GovernorHarness } from '../../risk/testing/risk-world.ts';
import { AlertWorld } from '../testing/alert-world.ts';
import { connectAlertSources } from './connect-alert-sources.ts';

let world: AlertWorld;
let connection: Disposable;

function connect(options: Parameters<typeof governorHarness>[0] = {}): GovernorHarness {
  world = new AlertWorld();
  const harness = governorHarness(options);
  connection = connectAlertSources(world.manager, { riskBus: harness.bus });
  return harness;
}

afterEach(() => {
  connection.dispose();
  world.dispose();
});

const keys = () => world.stored().map((alert) => `${alert.severity} ${alert.dedupKey}`);

describe('risk alerts (source risk)', () => {
  it('when orders are denied, then a warning keyed by the denial code is raised once per code', () => {
    const { governor } = connect();
    governor.reduceOnly('VIX above 40');
    governor.check(intent());
    governor.check(intent({ quantity: 2 }));
    expect(keys()).toEqual(['warning risk:reduce-only', 'warning risk:denied:REDUCING_ONLY']);
    expect(world.stored()[1]?.message).toMatch(/denied in REDUCING/);
    expect(world.manager.repeatCount('alert-2')).toBe(1);
  });

  it('when a dry-run order is denied, then the alert is only info', () => {
    const { governor } = connect();
    governor.reduceOnly('VIX above 40');
    governor.check(intent({ dryRun: true }));
    expect(keys()).toEqual(['warning risk:reduce-only', 'info risk:denied:REDUCING_ONLY']);
  });

  it('when the daily loss breaker trips, then a critical alert for the trading day is raised', () => {
    const { governor, world: riskWorld } = connect();
    governor.refresh();
    riskWorld.setAccount({ netLiquidation: 97_000 });
    governor.refresh();
    expect(keys()).toEqual(['critical risk:daily-loss:2026-03-10']);
    expect(world.notified[0]?.message).toMatch(/Daily loss limit breached/);
  });

  it('when someone other than the kill switch halts, then a critical alert is raised; the kill switch halt is left to the kill switch', () => {
    const { governor } = connect();
    governor.halt('kill switch (shortcut): operator', { trigger: 'shortcut' });
    expect(keys()).toEqual([]);
    governor.halt('feed gap', { trigger: 'market-data' });
    expect(keys()).toEqual(['critical risk:halted']);
    expect(world.stored()[0]?.message).toBe('Trading HALTED (market-data): feed gap');
  });

  it('when trading is re-armed or a re-arm is refused, then info and warning alerts are raised', () => {
    const { governor } = connect();
    governor.halt('feed gap');
    governor.rearm('  ');
    governor.rearm('alice');
    expect(keys()).toEqual(['critical risk:halted', 'warning risk:rearm-refused', 'info risk:released']);
    expect(world.stored()[2]?.message).toBe('Trading is ACTIVE again: rearmed by alice.');
  });

  it('when reconciliation is lost and regained, then a warning and an info alert are raised', () => {
    const { governor } = connect();
    governor.markUnreconciled('reconnected');
    governor.markReconciled();
    expect(keys()).toEqual(['warning risk:unreconciled', 'info risk:reconciled']);
  });

  it('when the governor cannot journal, then a critical record-failed alert is raised', () => {
    const { governor } = connect({ config: { journal: () => { throw new Error('disk full'); } } });
    governor.halt('feed gap');
    const failed = world.stored().filter((alert) => alert.dedupKey?.startsWith('risk:record-failed:journal '));
    expect(failed).toMatchObject([{ severity: 'critical', source: 'risk', message: expect.stringContaining('disk full') }]);
    expect(keys()).toContain('critical risk:halted');
  });
});
