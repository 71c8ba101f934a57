import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KillSwitchWorld } from './kill-switch/testing/kill-switch-world.ts';

let world: KillSwitchWorld;

beforeEach(() => {
  world = new KillSwitchWorld();
});

afterEach(() => world.dispose());

describe('kill switch: halt and block', () => {
  it('when triggered, then the governor is HALTED and latched before trigger returns', () => {
    const pending = world.killSwitch.trigger({ source: 'api', reason: 'operator pressed stop', flatten: false });
    const state = world.governor.state();
    expect(state.tradingState).toBe('HALTED');
    expect(state.latched).toBe(true);
    expect(state.haltReason).toContain('operator pressed stop');
    return world.driveUntil(pending);
  });

  it('when triggered, then the normal gate denies a new automation order with TRADING_HALTED', async () => {
    await world.driveUntil(world.killSwitch.trigger({ source: 'button', reason: 'stop', flatten: false }));
    const result = await world.oms.submit({ instrument: world.paper.option, action: 'BUY', quantity: 1, type: 'LMT', limitPrice: 1.9, tif: 'DAY', purpose: 'entry' });
    expect(result.outcome).toBe('denied');
    expect(result.outcome === 'denied' && result.denial.code).toBe('TRADING_HALTED');
  });

  it('when triggered, then the HALT risk event names the source as its trigger', async () => {
    await world.driveUntil(world.killSwitch.trigger({ source: 'shortcut', reason: 'stop', flatten: false }));
    const halts = world.store.records.riskEvents.list().filter((event) => event.kind === 'HALT');
    expect(halts.map((event) => event.kind === 'HALT' && event.trigger)).toEqual(['shortcut']);
  });
});

describe('kill switch: cancel-all', () => {
  it('when orders are working, then ONE broker cancel-all leaves within the trigger call with every order PENDING_CANCEL, and they end CANCELLED', async () => {
    const working = await world.placeWorking(3);
    const pending = world.killSwitch.trigger({ source: 'api', reason: 'stop', flatten: false });
    expect(world.tradingStateAtCancelAll).toEqual(['HALTED']);
    expect(working.map((order) => world.order(order.id).status)).toEqual(['PENDING_CANCEL', 'PENDING_CANCEL', 'PENDING_CANCEL']);
    const result = await world.driveUntil(pending);
    await world.drive(60);
    expect(result).toMatchObject({ halted: true, recordedOnly: false, cancelAll: 'sent', flatten: 'not-requested', errors: [] });
    expect([...result.orderIds].sort()).toEqual(working.map((order) => order.id).sort());
    expect(working.map((order) => world.order(order.id).status)).toEqual(['CANCELLED', 'CANCELLED', 'CANCELLED']);
    expect(world.cancelAllCalls).toBe(1);
  });

  it('when an order was placed outside the app and none of ours works, then the broker cancel-all still goes out and cancels it', async () => {
    const outside = await world.placeOutside();
    const result = await world.driveUntil(world.killSwitch.trigger({ source: 'tray', reason: 'stop', flatten: false }));
    await world.drive(60);
    expect(result).toMatchObject({ cancelAll: 'sent', orderIds: [] });
    const snapshot = (await world.paper.broker.openOrders()).find((order) => order.clientOrderRef === outside);
    expect(snapshot?.state).toBe('CANCELLED');
  });

  it('when triggered, then the trigger and the step are journaled, a critical alert is raised and the events are published', async () => {
    await world.placeWorking(1);
    await world.driveUntil(world.killSwitch.trigger({ source: 'api', reason: 'runaway loop', flatten: false }));
    const [triggered] = world.journal('kill-switch.triggered').map((entry) => entry.payload);
    expect(triggered).toMatchObject({ source: 'api', reason: 'runaway loop', flatten: false, halted: true, recordedOnly: false });
    const steps = world.journal('kill-switch.step').map((entry) => entry.payload);
    expect(steps).toMatchObject([{ step: 'cancel-all', outcome: 'sent', owed: { cancelAll: false, flatten: false } }]);
    const alerts = world.store.records.alerts.listRecent(10);
    expect(alerts).toMatchObject([{ severity: 'critical', source: 'kill-switch' }]);
    expect(alerts[0]?.message).toContain('runaway loop');
    expect(world.killSwitchEvents.map((event) => event.type)).toEqual(['kill-switch.triggered', 'kill-switch.step', 'kill-switch.completed']);
    expect(world.eventsOf('kill-switch.triggered')[0]?.alertId).toBe(alerts[0]?.id);
  });
});

describe('kill switch: failures never skip the halt', () => {
  it('when the broker cancel-all and the alert store both fail, then trading is still halted and both errors are reported', async () => {
    world.killSwitch.dispose();
    world.killSwitch = world.buildKillSwitch({ alerts: { recordAlert: () => { throw new Error('disk full'); } } });
    await world.placeWorking(1);
    world.cancelAllBehaviour = { fail: new Error('socket reset') };
    const result = await world.driveUntil(world.killSwitch.trigger({ source: 'api', reason: 'stop', flatten: false }));
    expect(world.governor.state().tradingState).toBe('HALTED');
    expect(result).toMatchObject({ halted: true, cancelAll: 'failed' });
    expect(result.errors.join('\n')).toContain('socket reset');
    expect(result.errors.join('\n')).toContain('disk full');
    expect(world.killSwitch.status().owed.cancelAll).toBe(true);
  });

  it('when the request is malformed, then it still halts, flattens nothing and names every bad field', async () => {
    const result = await world.driveUntil(world.killSwitch.trigger({ source: 'keyboard', reason: ' ', flatten: 'yes' } as never));
    expect(world.governor.state().tradingState).toBe('HALTED');
    expect(result.flatten).toBe('not-requested');
    expect(result.errors.filter((error) => /source|reason|flatten/.test(error))).toHaveLength(3);
    expect(world.journal('kill-switch.triggered')[0]?.payload).toMatchObject({ source: 'api', reason: 'no reason given' });
  });
});

describe('kill switch: flatten', () => {
  it('when flattening with a working exit order, then the exit is cancelled first and ONE closing order brings the position to zero', async () => {
    await world.hold(2);
    const exit = await world.placeExit(2);
    const result = await world.driveUntil(world.killSwitch.trigger({ source: 'button', reason: 'flatten all', flatten: true }));
    await world.drive(100);
    const flattens = world.flattenOrders();
    expect(result).toMatchObject({ cancelAll: 'sent', flatten: 'sent', errors: [] });
    expect(world.order(exit.id).status).toBe('CANCELLED');
    expect(flattens.map((order) => ({ action: order.action, quantity: order.quantity, type: order.type, status: order.status }))).toEqual([{ action: 'SELL', quantity: 2, type: 'MKT', status: 'FILLED' }]);
    expect(result.orderIds).toEqual([exit.id, flattens[0]?.id]);
    expect(await world.positionOf560()).toBe(0);
  });

  it('when no order of ours was working, then the flatten waits for the cancel-all to settle before sending', async () => {
    await world.hold(1);
    const pending = world.killSwitch.trigger({ source: 'api', reason: 'flatten', flatten: true });
    await world.drive(500);
    expect(world.flattenOrders()).toEqual([]);
    const result = await world.driveUntil(pending);
    expect(result.flatten).toBe('sent');
    expect(world.flattenOrders()).toHaveLength(1);
  });

  it('when the cancel of a working exit is never confirmed, then after the bound its underlying is not flattened and the reason is reported', async () => {
    await world.hold(2);
    const exit = await world.placeExit(2);
    world.cancelAllBehaviour = 'drop';
    const result = await world.driveUntil(world.killSwitch.trigger({ source: 'api', reason: 'flatten', flatten: true }));
    expect(result.flatten).toBe('failed');
    expect(result.errors.join('\n')).toMatch(/SPY: not flattened: 1 order\(s\) on it are still working/);
    expect(world.flattenOrders()).toEqual([]);
    expect(world.order(exit.id).status).toBe('PENDING_CANCEL');
    expect(world.store.records.alerts.listRecent(10).map((alert) => alert.message).join('\n')).toContain('flatten failed');
  });
});
