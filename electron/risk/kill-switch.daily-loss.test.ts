import { afterEach, describe, expect, it } from 'vitest';
import type { KillSwitchOptions } from './kill-switch/kill-switch-types.ts';
import { KillSwitchWorld } from './kill-switch/testing/kill-switch-world.ts';

let world: KillSwitchWorld | undefined;

afterEach(() => world?.dispose());

/** A world holding 1 call and 2 resting orders, whose account then loses 3 % (the limit is 2 %). */
async function breachDailyLoss(killSwitch: Partial<KillSwitchOptions> = {}): Promise<{ world: KillSwitchWorld; working: string[] }> {
  world = new KillSwitchWorld({ killSwitch });
  await world.hold(1);
  const working = (await world.placeWorking(2)).map((order) => order.id);
  world.netLiquidation = 97_000;
  world.governor.refresh();
  await world.drive(1_500);
  return { world, working };
}

describe('kill switch: the daily loss breaker', () => {
  it('when the breaker trips, then the kill switch cancels every working order and does not flatten by default', async () => {
    const { world, working } = await breachDailyLoss();
    expect(world.governor.state()).toMatchObject({ tradingState: 'HALTED', latched: true });
    expect(world.journal('kill-switch.triggered').map((entry) => entry.payload)).toMatchObject([{ source: 'daily-loss', flatten: false }]);
    expect(world.cancelAllCalls).toBe(1);
    expect(working.map((id) => world.order(id as never).status)).toEqual(['CANCELLED', 'CANCELLED']);
    expect(world.flattenOrders()).toEqual([]);
    expect(await world.positionOf560()).toBe(1);
  });

  it('when configured to flatten on the daily loss, then the position is closed too', async () => {
    const { world } = await breachDailyLoss({ dailyLoss: { flatten: true } });
    expect(world.journal('kill-switch.triggered').map((entry) => entry.payload)).toMatchObject([{ source: 'daily-loss', flatten: true }]);
    expect(world.flattenOrders()).toHaveLength(1);
    expect(await world.positionOf560()).toBe(0);
  });

  it('when the hookup is turned off, then the governor halts but the kill switch sends nothing', async () => {
    const { world, working } = await breachDailyLoss({ dailyLoss: { trigger: false } });
    expect(world.governor.state().tradingState).toBe('HALTED');
    expect(world.cancelAllCalls).toBe(0);
    expect(working.map((id) => world.order(id as never).status)).toEqual(['SUBMITTED', 'SUBMITTED']);
  });
});
