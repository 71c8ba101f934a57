import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KillSwitchWorld } from './kill-switch/testing/kill-switch-world.ts';

let world: KillSwitchWorld;

beforeEach(() => {
  world = new KillSwitchWorld();
});

afterEach(() => world.dispose());

describe('kill switch: triggering twice', () => {
  it('when triggered twice at once with flatten, then both are journaled and halted but ONE cancel-all and ONE flatten go out', async () => {
    await world.hold(2);
    const first = world.killSwitch.trigger({ source: 'shortcut', reason: 'stop', flatten: true });
    const second = world.killSwitch.trigger({ source: 'button', reason: 'stop!', flatten: true });
    const results = await world.driveUntil(Promise.all([first, second]));
    await world.drive(100);
    expect(results.map((result) => result.recordedOnly)).toEqual([false, true]);
    expect(results.map((result) => result.flatten)).toEqual(['sent', 'sent']);
    expect(world.cancelAllCalls).toBe(1);
    expect(world.flattenOrders()).toHaveLength(1);
    expect(await world.positionOf560()).toBe(0);
    expect(world.journal('kill-switch.triggered').map((entry) => entry.payload)).toMatchObject([{ source: 'shortcut', recordedOnly: false }, { source: 'button', recordedOnly: true }]);
    expect(world.store.records.riskEvents.list({ kind: 'HALT' })).toHaveLength(2);
  });

  it('when a flatten request arrives while the first trigger is still cancelling, then the run in progress takes it and flattens once', async () => {
    await world.hold(1);
    const first = world.killSwitch.trigger({ source: 'api', reason: 'stop', flatten: false });
    const second = world.killSwitch.trigger({ source: 'api', reason: 'and flatten', flatten: true });
    const [a, b] = await world.driveUntil(Promise.all([first, second]));
    await world.drive(100);
    expect([a.flatten, b.flatten]).toEqual(['sent', 'sent']);
    expect(world.flattenOrders()).toHaveLength(1);
    expect(await world.positionOf560()).toBe(0);
  });

  it('when triggered again while the flatten order still works, then it is recorded only: no second cancel-all catches the flatten order', async () => {
    await world.hold(2);
    const first = await world.driveUntil(world.killSwitch.trigger({ source: 'api', reason: 'stop', flatten: true }));
    const [flattenOrder] = world.flattenOrders();
    expect(flattenOrder?.status).toBe('PENDING_SUBMIT');
    const again = await world.driveUntil(world.killSwitch.trigger({ source: 'tray', reason: 'stop again', flatten: true }));
    await world.drive(100);
    expect(again).toMatchObject({ recordedOnly: true, flatten: first.flatten, orderIds: first.orderIds });
    expect(world.cancelAllCalls).toBe(1);
    expect(world.flattenOrders().map((order) => order.status)).toEqual(['FILLED']);
    expect(await world.positionOf560()).toBe(0);
  });

  it('when triggered again after the flatten filled, then the cancel-all repeats but nothing is flattened twice', async () => {
    await world.hold(2);
    await world.driveUntil(world.killSwitch.trigger({ source: 'api', reason: 'stop', flatten: true }));
    await world.drive(100);
    const again = await world.driveUntil(world.killSwitch.trigger({ source: 'api', reason: 'stop', flatten: true }));
    expect(again).toMatchObject({ recordedOnly: false, cancelAll: 'sent', flatten: 'sent', orderIds: [] });
    expect(world.cancelAllCalls).toBe(2);
    expect(world.flattenOrders()).toHaveLength(1);
    expect(await world.positionOf560()).toBe(0);
  });
});
