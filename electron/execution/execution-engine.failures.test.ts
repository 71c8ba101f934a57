import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spyOption } from '../broker/paper/testing/paper-fixture.ts';
import { createUnderlying } from '../../shared/domain/contract.ts';
import type { QuoteSource } from './combo-pricing.ts';
import { ExecutionEngine } from './execution-engine.ts';
import type { PositionLine } from './positions-provider.ts';
import { OmsHarness } from './testing/oms-harness.ts';
import { ScriptedBroker } from './testing/scripted-broker.ts';

const call560 = spyOption(560);
const call570 = spyOption(570);
const spy = createUnderlying({ kind: 'etf', symbol: 'SPY' });
const bidAsk: Record<number, { bid: number; ask: number }> = { 555: { bid: 2.5, ask: 2.6 }, 560: { bid: 2.0, ask: 2.1 }, 570: { bid: 1.0, ask: 1.1 }, 575: { bid: 1.0, ask: 1.1 } };
const quotes: QuoteSource = { quote: (contract) => (contract.kind === 'option' ? bidAsk[contract.strike] : undefined) };

let harness: OmsHarness;
let broker: ScriptedBroker;
let positions: PositionLine[];
let engine: ExecutionEngine;

beforeEach(() => {
  broker = new ScriptedBroker();
  harness = new OmsHarness({ broker });
  positions = [];
  engine = new ExecutionEngine({ oms: harness.oms, positions: { positions: async () => positions }, quotes });
});

afterEach(() => {
  engine.dispose();
  expect(harness.handlerErrors).toEqual([]);
  harness.dispose();
});

const limitBuy = { instrument: call560, action: 'BUY', quantity: 1, type: 'LMT', limitPrice: 2.0, tif: 'DAY' } as const;

describe('execution engine: broker failures', () => {
  it('when placeOrder is certainly not sent, then the result fails with the reason and the order id', async () => {
    broker.script('place', 'not-sent');
    expect(await engine.placeOrder(limitBuy)).toEqual({ success: false, action: 'FAILED', orderIds: ['ORD-000001'], error: 'not sent: scripted: place refused before sending' });
  });

  it('when the outcome of placeOrder is unknown, then the result fails, says so, and nothing is resent', async () => {
    broker.script('place', 'unknown');
    const result = await engine.placeOrder(limitBuy);
    expect(result).toMatchObject({ success: false, action: 'FAILED', orderIds: ['ORD-000001'], error: expect.stringContaining('outcome is unknown') });
    expect(broker.placed).toHaveLength(1);
  });

  it('when a modify or cancel fails, then the result says FAILED with the reason', async () => {
    const id = (await engine.placeOrder(limitBuy)).orderIds[0]!;
    broker.script('modify', 'not-sent').script('cancel', 'unknown');
    expect(await engine.modifyOrder(id, { limitPrice: 2.05 })).toMatchObject({ success: false, action: 'FAILED', error: 'modify not sent: scripted: modify refused before sending' });
    expect(await engine.cancelOrder(id)).toMatchObject({ success: false, action: 'FAILED', error: expect.stringContaining("cancel's outcome is unknown") });
  });

  it('when the positions provider fails, then the operation fails with that reason instead of throwing', async () => {
    const failing = new ExecutionEngine({ oms: harness.oms, positions: { positions: () => Promise.reject(new Error('broker positions unavailable')) }, quotes });
    expect(await failing.closeAll()).toEqual({ success: false, action: 'FAILED', orderIds: [], error: 'closeAll failed: broker positions unavailable' });
  });
});

describe('execution engine: refusals before anything is sent', () => {
  it('when a bracket has its take-profit below its stop for a long entry, then it is refused', async () => {
    const result = await engine.placeBracketOrder({ entry: limitBuy, takeProfitPrice: 1.5, stopLossPrice: 2.5 });
    expect(result).toEqual({ success: false, action: 'FAILED', orderIds: [], error: 'takeProfitPrice (1.5) must be above stopLossPrice (2.5) for a BUY entry' });
    expect(harness.store.orders.listAll()).toEqual([]);
  });

  it('when a bracket has a stop-limit, then the stop-loss child is STP_LMT', async () => {
    const result = await engine.placeBracketOrder({ entry: limitBuy, takeProfitPrice: 2.5, stopLossPrice: 1.5, stopLossLimitPrice: 1.45 });
    expect(broker.brackets[0]?.stopLoss).toMatchObject({ type: 'STP_LMT', stopPrice: 1.5, limitPrice: 1.45, action: 'SELL' });
    expect(result.action).toBe('PLACED');
  });

  it('when a combo has one leg or an expired leg, then it is refused naming the problem', async () => {
    expect(await engine.placeComboOrder({ legs: [{ contract: call560, ratio: 1, action: 'BUY' }], quantity: 1 })).toMatchObject({ success: false, error: 'legs must have at least 2 legs, got 1' });
    const expired = spyOption(560, 'call', '2026-03-06');
    expect(await engine.placeComboOrder({ legs: [{ contract: expired, ratio: 1, action: 'BUY' }, { contract: call570, ratio: 1, action: 'SELL' }], quantity: 1 })).toMatchObject({ success: false, error: expect.stringContaining('expir') });
  });

  it('when a combo has no limit and a leg has no quote, then it is refused rather than sent at a guess', async () => {
    const unquoted = spyOption(999);
    const result = await engine.placeComboOrder({ legs: [{ contract: call560, ratio: 1, action: 'BUY' }, { contract: unquoted, ratio: 1, action: 'SELL' }], quantity: 1 });
    expect(result).toMatchObject({ success: false, error: expect.stringContaining('no two-sided quote') });
  });

  it('when a combo has no limit, then its limit is the mid, rounded in the buyer\'s favour', async () => {
    await engine.placeComboOrder({ legs: [{ contract: call560, ratio: 1, action: 'BUY' }, { contract: call570, ratio: 1, action: 'SELL' }], quantity: 1 });
    expect(broker.placed[0]).toMatchObject({ type: 'LMT', limitPrice: 1.0 });
  });

  it('when a credit roll has no limit, then it is priced at the mid, and refused before anything is saved when the mid is not a credit', async () => {
    positions = [{ contract: call570, quantity: -1 }];
    const result = await engine.rollPosition({ close: { contracts: [call570] }, open: [{ contract: spyOption(575), action: 'SELL', ratio: 1 }], requireCredit: true });
    expect(result).toEqual({ success: false, action: 'FAILED', orderIds: [], error: 'requireCredit: the net price 0 is not a credit (debit positive, credit negative); nothing was sent' });
    expect(harness.store.orders.listAll()).toEqual([]);
    const down = await engine.rollPosition({ close: { contracts: [call570] }, open: [{ contract: spyOption(555), action: 'SELL', ratio: 1 }], requireCredit: true });
    expect(down.action).toBe('ROLLED');
    expect(broker.placed[0]).toMatchObject({ type: 'LMT', limitPrice: -1.5, quantity: 1 });
  });

  it('when a roll would close and open the same contract, then it is refused', async () => {
    positions = [{ contract: call570, quantity: -1 }];
    const result = await engine.rollPosition({ close: { contracts: [call570] }, open: [{ contract: call570, action: 'SELL', ratio: 1 }], limitPrice: -0.1 });
    expect(result).toMatchObject({ success: false, error: expect.stringContaining('both closed and opened') });
  });

  it('when there is no open position in the target, then close and reduce are refused', async () => {
    expect(await engine.closePosition({ target: { contracts: [call560] } })).toMatchObject({ success: false, error: 'there is no open position in SPY 2026-03-20 560 C' });
    expect(await engine.reducePosition({ target: { contracts: [call560] }, quantity: 1 })).toMatchObject({ success: false });
  });

  it('when a position mixes shares and options, then one combo is refused and the stock must go alone', async () => {
    positions = [{ contract: spy, quantity: 100 }, { contract: call570, quantity: -1 }];
    const result = await engine.closePosition({ target: { contracts: [spy, call570] } });
    expect(result).toMatchObject({ success: false, error: 'a combo takes option legs only; SPY must be traded on its own' });
  });

  it('when a single leg is closed with a walk, then it is sent as a marketable limit at its natural price', async () => {
    positions = [{ contract: call560, quantity: 2 }];
    await engine.closePosition({ target: { contracts: [call560] }, walk: { step: { kind: 'amount', amount: 0.01 }, intervalMs: 1_000 } });
    expect(broker.placed[0]).toMatchObject({ action: 'SELL', quantity: 2, type: 'LMT', limitPrice: 2.0 });
    expect(engine.activeWalks()).toEqual([]);
  });
});

describe('execution engine: closeAll', () => {
  it('when nothing is open, then closeAll succeeds with no orders', async () => {
    expect(await engine.closeAll()).toEqual({ success: true, action: 'CLOSED', orderIds: [] });
  });

  it('when only some groups can be sent, then the result is PARTIAL with every order id and the failures', async () => {
    positions = [{ contract: call560, quantity: 1 }, { contract: call570, quantity: -1 }, { contract: spy, quantity: 100 }];
    broker.script('place', 'ok', 'not-sent');
    const result = await engine.closeAll();
    expect(result).toEqual({ success: false, action: 'PARTIAL', orderIds: ['ORD-000001', 'ORD-000002'], error: 'not sent: scripted: place refused before sending' });
    expect(broker.placed.map((request) => request.instrument.kind)).toEqual(['combo', 'etf']);
  });

  it('when a symbol is given, then only that underlying is closed', async () => {
    positions = [{ contract: call560, quantity: 1 }, { contract: createUnderlying({ kind: 'stock', symbol: 'AAPL' }), quantity: 10 }];
    const result = await engine.closeAll('AAPL');
    expect(result.orderIds).toHaveLength(1);
    expect(broker.placed[0]).toMatchObject({ instrument: { symbol: 'AAPL' }, action: 'SELL', quantity: 10, type: 'MKT' });
    expect(harness.oms.contextOf(result.orderIds[0]!)?.purpose).toBe('flatten');
  });
});
