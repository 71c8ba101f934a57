import { describe, expect, it } from 'vitest';
import { governorHarness, intent, put430, put440, putSpread, RiskWorld, spy } from './testing/risk-world.ts';

/** A world holding 2 short 440 puts (an open SPY position), reconciled and ACTIVE. */
function holding() {
  const harness = governorHarness();
  harness.world.hold(put440, -2);
  return harness;
}
const buyBack = (quantity = 1) => intent({ action: 'BUY', quantity, limitPrice: 1.15 });
const sellMore = () => intent({ action: 'SELL', quantity: 1 });

describe('RiskGovernor trading states', () => {
  it('when ACTIVE, then an opening order and a reducing order are both allowed', () => {
    const { governor } = holding();
    expect(governor.check(sellMore())).toEqual({ allowed: true });
    expect(governor.check(buyBack())).toEqual({ allowed: true });
  });

  it('when REDUCING, then a reducing order passes and an increasing one is denied REDUCING_ONLY', () => {
    const { governor } = holding();
    expect(governor.reduceOnly('VIX above 40')).toMatchObject({ changed: true, state: { tradingState: 'REDUCING', haltReason: 'VIX above 40', latched: false } });
    expect(governor.check(buyBack(2))).toEqual({ allowed: true });
    expect(governor.check(sellMore())).toMatchObject({ allowed: false, denial: { code: 'REDUCING_ONLY' } });
    expect(governor.check(buyBack(3))).toMatchObject({ allowed: false, denial: { code: 'REDUCING_ONLY' } }); // would flip to long
    expect(governor.check(intent({ instrument: spy, action: 'BUY', quantity: 10, limitPrice: 500 }))).toMatchObject({ allowed: false, denial: { code: 'REDUCING_ONLY' } });
  });

  it('when HALTED, then every automation order is denied TRADING_HALTED, reducing orders and dry runs included', () => {
    const { governor } = holding();
    governor.halt('kill switch', { trigger: 'shortcut' });
    for (const order of [sellMore(), buyBack(), intent({ dryRun: true }), intent({ kind: 'modify' })]) {
      expect(governor.check(order)).toMatchObject({ allowed: false, denial: { code: 'TRADING_HALTED', reason: 'trading is halted: kill switch' } });
    }
  });

  it('when halt returns, then the gate is already closed and the state says HALTED and latched', () => {
    const { governor } = holding();
    const result = governor.halt('kill switch');
    expect(result).toMatchObject({ changed: true, state: { tradingState: 'HALTED', latched: true, haltReason: 'kill switch' } });
    expect(governor.check(sellMore()).allowed).toBe(false);
    expect(governor.state().tradingState).toBe('HALTED');
  });

  it('when a latched halt is in force, then resume is refused and only rearm brings trading back', () => {
    const { governor } = holding();
    governor.halt('kill switch');
    expect(governor.resume('autopilot')).toMatchObject({ ok: false, reason: expect.stringContaining('only rearm') });
    expect(governor.check(sellMore()).allowed).toBe(false);
    expect(governor.rearm('alice')).toMatchObject({ ok: true, changed: true, state: { tradingState: 'ACTIVE', latched: false, haltReason: undefined } });
    expect(governor.check(sellMore())).toEqual({ allowed: true });
  });

  it('when a halt is not latched, then resume brings trading back', () => {
    const { governor } = holding();
    governor.halt('feed gap', { latched: false });
    expect(governor.state()).toMatchObject({ tradingState: 'HALTED', latched: false });
    expect(governor.resume('feed-monitor')).toMatchObject({ ok: true, changed: true, state: { tradingState: 'ACTIVE' } });
  });

  it('when reduce-only is asked while HALTED, then the halt stays', () => {
    const { governor } = holding();
    governor.halt('kill switch');
    expect(governor.reduceOnly('vix')).toMatchObject({ changed: false, state: { tradingState: 'HALTED' } });
  });

  it('when rearm names nobody, then it is refused', () => {
    const { governor } = holding();
    governor.halt('kill switch');
    expect(governor.rearm('  ')).toMatchObject({ ok: false, state: { tradingState: 'HALTED' } });
  });

  it('when rearm is asked while ACTIVE, then it succeeds without a change', () => {
    const { governor, journaled } = holding();
    expect(governor.rearm('alice')).toMatchObject({ ok: true, changed: false });
    expect(journaled).toEqual([]);
  });
});

describe('RiskGovernor readiness', () => {
  it('when the governor has just started, then automation is off until the reconciler marks it reconciled', () => {
    const { governor } = governorHarness({ reconciled: false });
    expect(governor.state().reconciled).toBe(false);
    expect(governor.check(intent())).toMatchObject({ allowed: false, denial: { code: 'NOT_RECONCILED' } });
    governor.markReconciled();
    expect(governor.check(intent())).toEqual({ allowed: true });
  });

  it('when the reconciler marks the state unreconciled, then orders are denied NOT_RECONCILED with its reason', () => {
    const { governor } = governorHarness();
    governor.markUnreconciled('reconnected after 1100');
    expect(governor.check(intent())).toMatchObject({ allowed: false, denial: { code: 'NOT_RECONCILED', reason: expect.stringContaining('reconnected after 1100') } });
  });

  it('when the broker is disconnected, then orders are denied DISCONNECTED', () => {
    const { governor, world } = governorHarness();
    world.connected = false;
    expect(governor.check(intent())).toMatchObject({ allowed: false, denial: { code: 'DISCONNECTED' } });
  });
});

describe('RiskGovernor flatten gate (kill switch only)', () => {
  function halted() {
    const harness = governorHarness();
    harness.world.hold(put440, -2);
    harness.world.hold(put430, 2);
    harness.governor.halt('kill switch', { trigger: 'button' });
    return harness;
  }

  it('when HALTED, then the flatten gate admits orders that close positions, whatever the size, collar or limits', () => {
    const { governor, world } = halted();
    world.setQuote(put440, undefined); // no reference price: the flatten order is marketable anyway
    expect(governor.flattenGate.check(intent({ instrument: putSpread, action: 'SELL', quantity: 2, type: 'MKT', limitPrice: undefined }))).toEqual({ allowed: true });
    expect(governor.flattenGate.check(intent({ action: 'BUY', quantity: 2, type: 'MKT', limitPrice: undefined }))).toEqual({ allowed: true });
  });

  it('when HALTED, then the flatten gate refuses an order that opens or flips a position', () => {
    const { governor } = halted();
    expect(governor.flattenGate.check(intent({ action: 'SELL', quantity: 1 }))).toMatchObject({ allowed: false, denial: { code: 'TRADING_HALTED' } });
    expect(governor.flattenGate.check(intent({ action: 'BUY', quantity: 3 }))).toMatchObject({ allowed: false, denial: { code: 'TRADING_HALTED' } });
  });

  it('when HALTED but unreconciled or disconnected, then the flatten gate refuses (unknown is not flat)', () => {
    const { governor, world } = halted();
    governor.markUnreconciled('restart');
    expect(governor.flattenGate.check(intent({ action: 'BUY', quantity: 1 }))).toMatchObject({ denial: { code: 'NOT_RECONCILED' } });
    governor.markReconciled();
    world.connected = false;
    expect(governor.flattenGate.check(intent({ action: 'BUY', quantity: 1 }))).toMatchObject({ denial: { code: 'DISCONNECTED' } });
  });

  it('when not HALTED, then the flatten gate applies every check of the automation gate', () => {
    const { governor } = governorHarness();
    expect(governor.flattenGate.check(intent({ quantity: 21 }))).toMatchObject({ allowed: false, denial: { code: 'MAX_CONTRACTS_PER_ORDER' } });
    expect(governor.flattenGate.check(intent())).toEqual({ allowed: true });
  });

  it('when a flatten order is refused, then the denial is published on the flatten channel', () => {
    const { governor, published } = halted();
    governor.flattenGate.check(intent({ action: 'SELL', quantity: 1 }));
    expect(published.at(-1)).toMatchObject({ type: 'risk.denied', payload: { channel: 'flatten', denial: { code: 'TRADING_HALTED' } } });
  });

  it('when the world is empty, then the flatten gate admits nothing (no position to reduce)', () => {
    const { governor } = governorHarness({ world: new RiskWorld() });
    governor.halt('kill switch');
    expect(governor.flattenGate.check(intent({ action: 'BUY' })).allowed).toBe(false);
  });
});
