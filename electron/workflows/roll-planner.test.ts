import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IsoDate } from '../../shared/domain/calendar.ts';
import { fromDollars } from '../../shared/domain/money.ts';
import type { Strategy } from '../../shared/domain/strategy.ts';
import { buildStrategy, createMarketDataChainPort, toPendingStrategy } from '../strategies/index.ts';
import { isMonthlyExpiry, RollPlanner } from './roll-planner.ts';
import { WorkflowHarness } from './testing/workflow-harness.ts';

describe('RollPlanner', () => {
  let harness: WorkflowHarness;
  let planner: RollPlanner;
  beforeEach(async () => {
    harness = await WorkflowHarness.start();
    await harness.advance(2_000);
    planner = new RollPlanner(harness.ports);
  });
  afterEach(async () => harness.close());

  const condor = (targetDays: number): Strategy => {
    const chain = createMarketDataChainPort(harness.engine.marketData, harness.engine.market.config);
    const built = buildStrategy('IRON_CONDOR', { symbol: 'SPY', targetDays }, { chain, buyingPower: () => fromDollars(1_000_000) });
    return toPendingStrategy(built, { id: 'stg-roll' });
  };
  const mid = (strategy: Strategy, index: number) => harness.engine.marketData.snapshot(strategy.legs[index]!.contract).mid;

  it('when expiries are classified, then third Fridays and holiday-moved Thursdays are monthlies', () => {
    expect(isMonthlyExpiry('2026-12-18' as IsoDate)).toBe(true);
    expect(isMonthlyExpiry('2026-11-27' as IsoDate)).toBe(false);
    // Juneteenth 2026 is Friday June 19, the third Friday: that monthly is listed on Thursday the 18th.
    expect(isMonthlyExpiry('2026-06-18' as IsoDate)).toBe(true);
  });

  it('when the roll expiry is asked, then it is the next listed monthly after the legs', () => {
    expect(planner.rollExpiryFor(condor(4))).toBe('2026-12-18');
    expect(planner.rollExpiryFor(condor(45))).toBe('2027-01-15');
  });

  it('when every leg rolls at the same strikes, then only the expiry changes and the estimate is the mids of both sides', () => {
    const strategy = condor(4);
    const result = planner.plan(strategy, 'all', '2026-12-18' as IsoDate, undefined);
    if (!result.ok) throw new Error(result.reason);
    expect(result.plan.legs.map((leg) => [leg.contract.strike, leg.contract.right, leg.action, leg.contract.expiry])).toEqual(strategy.legs.map((leg) => [leg.contract.strike, leg.contract.right, leg.action, '2026-12-18']));
    // Closing: buy back the shorts, sell the longs; opening: the new legs as built (debit positive).
    const closeDebit = -mid(strategy, 0) + mid(strategy, 1) + mid(strategy, 2) - mid(strategy, 3);
    expect(result.plan.estimate).toBeCloseTo(-(closeDebit + result.plan.built.netPrice), 9);
    expect(result.plan.estimate).toBeGreaterThan(0);
  });

  it('when the put side rolls to a target delta, then its short strike moves there with the same wing width and the calls keep their strikes', () => {
    const strategy = condor(4);
    const result = planner.plan(strategy, 'put', '2026-12-18' as IsoDate, 0.16);
    if (!result.ok) throw new Error(result.reason);
    const shortPut = harness.engine.marketData.nearestStrikeByDelta('SPY', '2026-12-18' as IsoDate, 'put', 0.16).contract.strike;
    const strikes = result.plan.legs.map((leg) => leg.contract.strike);
    const width = strategy.legs[1]!.contract.strike - strategy.legs[0]!.contract.strike;
    expect(strikes).toEqual([shortPut - width, shortPut, strategy.legs[2]!.contract.strike, strategy.legs[3]!.contract.strike]);
  });

  it('when the roll cannot be built, then the plan says why instead of throwing', () => {
    const result = planner.plan(condor(4), 'all', '2026-12-02' as IsoDate, undefined);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(/the roll to 2026-12-02 cannot be built: SPY has no expiration 2026-12-02/);
  });
});
