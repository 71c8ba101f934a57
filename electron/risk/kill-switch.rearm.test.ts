import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KillSwitchWorld } from './kill-switch/testing/kill-switch-world.ts';

let world: KillSwitchWorld;

beforeEach(() => {
  world = new KillSwitchWorld();
});

afterEach(() => world.dispose());

async function triggerAndSettle(): Promise<void> {
  await world.driveUntil(world.killSwitch.trigger({ source: 'api', reason: 'stop', flatten: false }));
  await world.drive(60);
}

describe('kill switch latch and rearm', () => {
  it('when the cancels are done, then the halt stays latched until rearm, and rearm makes trading ACTIVE again', async () => {
    await world.placeWorking(1);
    await triggerAndSettle();
    expect(world.governor.resume('automation').ok).toBe(false);
    expect(world.governor.state().tradingState).toBe('HALTED');

    const rearmed = await world.killSwitch.rearm('alice');
    expect(rearmed.ok).toBe(true);
    expect(world.governor.state().tradingState).toBe('ACTIVE');
    const placed = await world.oms.submit({ instrument: world.paper.option, action: 'BUY', quantity: 2, type: 'LMT', limitPrice: 1.9, tif: 'DAY', purpose: 'entry' });
    expect(placed).toMatchObject({ outcome: 'sent' });
    expect(world.journal('kill-switch.rearm').map((entry) => entry.payload)).toMatchObject([{ by: 'alice', outcome: 'rearmed' }]);
    expect(world.eventsOf('kill-switch.rearmed')).toMatchObject([{ by: 'alice' }]);
  });

  it('when the broker still reports a working order, then rearm is refused naming it, and allowed once it is cancelled', async () => {
    await triggerAndSettle();
    const outside = await world.placeOutside();
    const refused = await world.killSwitch.rearm('alice');
    expect(refused).toEqual({ ok: false, reason: expect.stringContaining(`the broker still reports 1 working order(s): ${outside}`) as unknown });
    expect(world.governor.state().tradingState).toBe('HALTED');
    expect(world.eventsOf('kill-switch.rearm-refused')).toMatchObject([{ by: 'alice' }]);

    await world.paper.broker.cancelOrder(outside);
    await world.drive(60);
    expect((await world.killSwitch.rearm('alice')).ok).toBe(true);
  });

  it('when the broker is disconnected, then rearm is refused and the halt stays', async () => {
    await triggerAndSettle();
    await world.paper.broker.disconnect();
    const refused = await world.killSwitch.rearm('alice');
    expect(refused).toEqual({ ok: false, reason: expect.stringContaining('the broker is disconnected') as unknown });
    expect(world.governor.state().tradingState).toBe('HALTED');
  });

  it('when the cancel-all is still pending a reconnect, then rearm is refused even after the link is back until it went out', async () => {
    await world.paper.broker.disconnect();
    await world.killSwitch.trigger({ source: 'api', reason: 'stop', flatten: false });
    const refused = await world.killSwitch.rearm('alice');
    expect(refused).toEqual({ ok: false, reason: expect.stringContaining('the cancel-all has not reached the broker') as unknown });
    await world.paper.broker.connect();
    await world.drive(60);
    expect((await world.killSwitch.rearm('alice')).ok).toBe(true);
  });

  it('when our book still has an order whose cancel is unconfirmed, then rearm is refused', async () => {
    await world.placeWorking(1);
    world.cancelAllBehaviour = 'drop';
    await triggerAndSettle();
    world.cancelAllBehaviour = 'forward';
    const refused = await world.killSwitch.rearm('alice');
    expect(refused.ok).toBe(false);
    expect(refused.ok === false && refused.reason).toMatch(/still reports 1 working order|our order book still has 1 working order/);
  });

  it('when nobody is named, then rearm is refused and journaled', async () => {
    await triggerAndSettle();
    expect(await world.killSwitch.rearm('  ')).toEqual({ ok: false, reason: 'rearm needs who asks for it' });
    expect(world.journal('kill-switch.rearm').map((entry) => entry.payload)).toMatchObject([{ by: '(nobody)', outcome: 'refused' }]);
  });

  it('when the daily loss breach still holds, then the governor refuses the rearm and its reason is returned', async () => {
    world.governor.state(); // the day's baseline: 100,000
    world.netLiquidation = 97_000;
    await triggerAndSettle();
    const refused = await world.killSwitch.rearm('alice');
    expect(refused.ok === false && refused.reason).toContain('breach still holds');
    expect(world.governor.state().tradingState).toBe('HALTED');
  });
});
