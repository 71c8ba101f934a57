import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { flush } from '../execution/testing/oms-harness.ts';
import { KillSwitchWorld } from './kill-switch/testing/kill-switch-world.ts';

let world: KillSwitchWorld;

beforeEach(() => {
  world = new KillSwitchWorld();
});

afterEach(() => world.dispose());

describe('kill switch while the broker is disconnected', () => {
  it('when triggered while disconnected, then it halts at once, sends nothing, and sends the cancel-all on reconnect until every order is CANCELLED', async () => {
    const working = await world.placeWorking(3);
    await world.paper.broker.disconnect();

    const result = await world.killSwitch.trigger({ source: 'shortcut', reason: 'link lost, stop everything', flatten: false });
    expect(world.governor.state().tradingState).toBe('HALTED');
    expect(result).toMatchObject({ halted: true, cancelAll: 'pending-reconnect', flatten: 'not-requested' });
    expect(world.cancelAllCalls).toBe(0);
    expect(working.map((order) => world.order(order.id).status)).toEqual(['SUBMITTED', 'SUBMITTED', 'SUBMITTED']);
    expect(world.killSwitch.status().owed).toEqual({ cancelAll: true, flatten: false });
    expect(world.journal('kill-switch.step').at(-1)?.payload).toMatchObject({ step: 'cancel-all', outcome: 'pending-reconnect', owed: { cancelAll: true } });

    await world.paper.broker.connect();
    await flush();
    expect(world.cancelAllCalls).toBe(1);
    expect(working.map((order) => world.order(order.id).status)).toEqual(['PENDING_CANCEL', 'PENDING_CANCEL', 'PENDING_CANCEL']);
    await world.drive(60);
    expect(working.map((order) => world.order(order.id).status)).toEqual(['CANCELLED', 'CANCELLED', 'CANCELLED']);
    expect(world.killSwitch.status().owed).toEqual({ cancelAll: false, flatten: false });
    expect(world.journal('kill-switch.step').at(-1)?.payload).toMatchObject({ step: 'cancel-all', outcome: 'sent' });
  });

  it('when a flatten is requested twice while disconnected, then on reconnect it waits for reconciliation and sends ONE flatten', async () => {
    await world.hold(2);
    await world.paper.broker.disconnect();
    const first = await world.killSwitch.trigger({ source: 'api', reason: 'flatten', flatten: true });
    const second = await world.killSwitch.trigger({ source: 'button', reason: 'flatten again', flatten: true });
    expect([first.flatten, second.flatten]).toEqual(['pending-reconnect', 'pending-reconnect']);

    await world.paper.broker.connect();
    await world.drive(1_500);
    expect(world.cancelAllCalls).toBe(1);
    expect(world.flattenOrders()).toEqual([]);
    expect(world.journal('kill-switch.step').at(-1)?.payload).toMatchObject({ step: 'flatten', outcome: 'pending-reconciliation' });

    world.governor.markUnreconciled('reconnected');
    world.governor.markReconciled();
    await world.drive(1_500);
    expect(world.flattenOrders().map((order) => ({ action: order.action, quantity: order.quantity, status: order.status }))).toEqual([{ action: 'SELL', quantity: 2, status: 'FILLED' }]);
    expect(await world.positionOf560()).toBe(0);
    expect(world.killSwitch.status().owed).toEqual({ cancelAll: false, flatten: false });
  });

  it('when the app restarts with a cancel-all still owed, then the new kill switch sends it once the broker is reachable', async () => {
    const working = await world.placeWorking(2);
    await world.paper.broker.disconnect();
    await world.killSwitch.trigger({ source: 'api', reason: 'stop', flatten: false });
    world.killSwitch.dispose();

    world.killSwitch = world.buildKillSwitch();
    expect(world.killSwitch.status().owed).toEqual({ cancelAll: true, flatten: false });
    await world.paper.broker.connect();
    await world.drive(60);
    expect(world.cancelAllCalls).toBe(1);
    expect(working.map((order) => world.order(order.id).status)).toEqual(['CANCELLED', 'CANCELLED']);
  });

  it('when the broker drops while the flatten waits for the cancels, then the flatten is owed until the link and reconciliation are back', async () => {
    await world.hold(1);
    world.cancelAllBehaviour = 'drop';
    await world.placeExit(1);
    const pending = world.killSwitch.trigger({ source: 'api', reason: 'flatten', flatten: true });
    await world.drive(100);
    await world.paper.broker.disconnect();
    const result = await world.driveUntil(pending);
    expect(result.flatten).toBe('pending-reconnect');
    expect(world.killSwitch.status().owed).toEqual({ cancelAll: false, flatten: true });
    expect(world.flattenOrders()).toEqual([]);
  });
});
