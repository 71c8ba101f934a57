import { afterEach, describe, expect, it } from 'vitest';
import type { JournalEntry } from '../persistence/journal/journal.types.ts';
import type { OrderId } from '../../shared/domain/ids.ts';
import { DRY_RUN_MESSAGE } from './order-submission.ts';
import { AllowAllGate, DenyingGate } from './testing/gate-fakes.ts';
import { EngineFixture } from './testing/engine-fixture.ts';

const fixtures: EngineFixture[] = [];

function open(options: ConstructorParameters<typeof EngineFixture>[0] = {}): EngineFixture {
  const fixture = new EngineFixture(options);
  fixtures.push(fixture);
  return fixture;
}

afterEach(() => {
  for (const fixture of fixtures.splice(0)) {
    expect(fixture.harness.handlerErrors).toEqual([]);
    fixture.dispose();
  }
});

/**
 * Journal entries and events with the run's order ids replaced by a placeholder (the context's
 * dryRun flag is read from the id, so it goes too).
 */
function normalised(fixture: EngineFixture, ids: readonly OrderId[]): { journal: unknown[]; events: unknown[] } {
  const scrub = (value: unknown) => {
    let text = JSON.stringify(value).replaceAll('"dryRun":true', '"dryRun":false');
    ids.forEach((id, index) => (text = text.replaceAll(id, `<order ${index}>`)));
    return JSON.parse(text) as unknown;
  };
  return {
    journal: fixture.harness.store.journal.read().map((entry: JournalEntry) => scrub({ type: entry.type, payload: entry.payload })),
    events: fixture.harness.events.map((event) => scrub(event)),
  };
}

const placeInput = (fixture: EngineFixture) => ({ instrument: fixture.paper.option, action: 'BUY', quantity: 1, type: 'LMT', limitPrice: 2.0, tif: 'DAY' }) as const;

describe('execution engine: dry run', () => {
  it('when an order is dry-run, then it gets a DRY_<leg>_<timestamp> id, passes the gate as a dry run and reaches no broker', async () => {
    const gate = new AllowAllGate();
    const fixture = open({ gate });
    const result = await fixture.engine.placeOrder(placeInput(fixture), { dryRun: true });
    const now = fixture.paper.clock.now();
    expect(result).toEqual({ success: true, action: 'DRY_RUN', orderIds: [`DRY_0_${now}`] });
    expect(gate.intents).toEqual([expect.objectContaining({ dryRun: true, kind: 'new' })]);
    await fixture.settle();
    expect(await fixture.paper.broker.openOrders()).toEqual([]);
    expect(fixture.paper.statuses()).toEqual([]);
    expect(fixture.oms.getOrder(result.orderIds[0] as OrderId)).toMatchObject({ status: 'INACTIVE', statusMessage: DRY_RUN_MESSAGE, brokerOrderId: undefined });
    expect(fixture.oms.workingOrders()).toEqual([]);
  });

  it('when the same order runs live and dry, then journal and events match apart from the broker call and the ids', async () => {
    const live = open();
    const dry = open();
    const liveResult = await live.engine.placeOrder(placeInput(live));
    const dryResult = await dry.engine.placeOrder(placeInput(dry), { dryRun: true });
    const liveRun = normalised(live, liveResult.orderIds);
    const dryRun = normalised(dry, dryResult.orderIds);
    // Saved, context, SUBMIT_SENT: identical. Then the broker call: live records the broker id, the dry run ends the order.
    expect(dryRun.journal.slice(0, 3)).toEqual(liveRun.journal.slice(0, 3));
    expect(liveRun.journal[3]).toMatchObject({ type: 'order.status', payload: { event: { type: 'SUBMIT_SENT' }, brokerOrderId: 1 } });
    expect(dryRun.journal[3]).toMatchObject({ type: 'order.status', payload: { event: { type: 'INACTIVE' }, message: DRY_RUN_MESSAGE } });
    expect(dryRun.journal).toHaveLength(4);
    expect(dryRun.events.slice(0, 2)).toEqual(liveRun.events.slice(0, 2));
    expect((dryRun.events as { type: string }[]).map((event) => event.type)).toEqual(['order.created', 'order.updated', 'order.updated', 'execution.completed']);
    expect((liveRun.events as { type: string }[]).map((event) => event.type)).toEqual(['order.created', 'order.updated', 'order.updated', 'execution.completed']);
  });

  it('when the gate denies a dry run, then the order is rejected exactly as a live one would be', async () => {
    const denial = { code: 'TRADING_HALTED', reason: 'halted by the kill switch' } as const;
    const live = open({ gate: new DenyingGate(denial) });
    const dry = open({ gate: new DenyingGate(denial) });
    const liveResult = await live.engine.placeOrder(placeInput(live));
    const dryResult = await dry.engine.placeOrder(placeInput(dry), { dryRun: true });
    expect(dryResult).toMatchObject({ success: false, action: 'FAILED', error: 'risk denied (TRADING_HALTED): halted by the kill switch' });
    expect(normalised(dry, dryResult.orderIds)).toEqual(normalised(live, liveResult.orderIds));
  });

  it('when the engine is in dry-run mode, then a bracket gets DRY_0/1/2 ids of one timestamp and a combo walk never starts', async () => {
    const fixture = open({ dryRun: true });
    const now = fixture.paper.clock.now();
    const bracket = await fixture.engine.placeBracketOrder({ entry: placeInput(fixture), takeProfitPrice: 2.5, stopLossPrice: 1.5 });
    expect(bracket).toEqual({ success: true, action: 'DRY_RUN', orderIds: [`DRY_0_${now}`, `DRY_1_${now}`, `DRY_2_${now}`] });
    const combo = await fixture.engine.placeComboOrder({ legs: fixture.paper.combo.legs, quantity: 1, walk: { step: { kind: 'amount', amount: 0.01 }, intervalMs: 100 } });
    expect(combo).toEqual({ success: true, action: 'DRY_RUN', orderIds: [`DRY_0_${now + 1}`] });
    expect(fixture.engine.activeWalks()).toEqual([]);
    expect(fixture.oms.metrics()).toMatchObject({ orders: 0, dryRuns: 4 });
  });

  it('when a live call overrides dry-run mode, then that order is sent', async () => {
    const fixture = open({ dryRun: true });
    const result = await fixture.engine.placeOrder(placeInput(fixture), { dryRun: false });
    expect(result).toEqual({ success: true, action: 'PLACED', orderIds: ['ORD-000001'] });
  });

  it('when a position is closed in a dry run, then the closing order is recorded but the position stays open', async () => {
    const fixture = open();
    await fixture.engine.placeOrder({ ...placeInput(fixture), limitPrice: 2.1 });
    await fixture.settle();
    const result = await fixture.engine.closePosition({ target: { contracts: [fixture.paper.option] } }, { dryRun: true });
    expect(result).toMatchObject({ success: true, action: 'DRY_RUN' });
    await fixture.settle();
    expect(await fixture.brokerPositions()).toEqual({ '560C 2026-03-20': 1 });
  });
});
