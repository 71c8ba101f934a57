import { describe, expect, it } from 'vitest';
import { money } from '../../shared/domain/index.ts';
import { payoffAtExpiry } from '../../shared/options/index.ts';
import { expiryProfile, pnlAtKink, type ProfileLeg } from './expiry-profile.ts';

const leg = (right: 'call' | 'put', strike: number, contracts: number, entryPrice: number): ProfileLeg => ({ right, strike, contracts, entryPrice, multiplier: 100 });
const dollars = (amount: number) => money.fromDollars(amount);

describe('expiryProfile', () => {
  it('when a put is sold, then max profit is the premium, max loss strike − premium at 0, one breakeven', () => {
    const profile = expiryProfile([leg('put', 100, -1, 2.35)]);
    expect(profile.maxProfit).toEqual({ unlimited: false, amount: dollars(235) });
    expect(profile.maxLoss).toEqual({ unlimited: false, amount: dollars(9_765) });
    expect(profile.breakevens).toEqual([97.65]);
  });

  it('when a call is bought, then the profit is unlimited and the loss is the premium', () => {
    const profile = expiryProfile([leg('call', 100, 2, 1.5)]);
    expect(profile.maxProfit).toEqual({ unlimited: true, amount: undefined });
    expect(profile.maxLoss).toEqual({ unlimited: false, amount: dollars(300) });
    expect(profile.breakevens).toEqual([101.5]);
  });

  it('when a call is sold, then the loss is unlimited', () => {
    const profile = expiryProfile([leg('call', 100, -1, 1.5)]);
    expect(profile.maxLoss).toEqual({ unlimited: true, amount: undefined });
    expect(profile.maxProfit).toEqual({ unlimited: false, amount: dollars(150) });
  });

  it('when an iron condor with uneven wings is given, then the max loss is the wider wing less the credit, exactly', () => {
    const legs = [leg('put', 90, 1, 0.4), leg('put', 95, -1, 1.1), leg('call', 105, -1, 1.05), leg('call', 115, 1, 0.2)];
    const profile = expiryProfile(legs);
    // credit 1.55 per share
    expect(profile.maxProfit).toEqual({ unlimited: false, amount: dollars(155) });
    expect(profile.maxLoss).toEqual({ unlimited: false, amount: dollars(845) });
    expect(profile.breakevens).toEqual([93.45, 106.55]);
    for (const breakeven of profile.breakevens) expect(payoffAtExpiry(legs.map((entry) => ({ ...entry, quantity: entry.contracts, volatility: 0.2, years: 0.1 })), breakeven)).toBeCloseTo(0, 9);
  });

  it('when prices carry binary noise, then the amounts are still whole micro-dollars and the sums exact', () => {
    const legs = [leg('put', 647, -3, 3.25), leg('put', 642, 3, 2.62), leg('call', 707, -3, 1.9249999999999998), leg('call', 712, 3, 1.21)];
    expect(pnlAtKink(legs, 680)).toBe(money.fromMicros(134_500_000 * 3));
    expect(expiryProfile(legs).maxLoss).toEqual({ unlimited: false, amount: money.fromMicros(365_500_000 * 3) });
  });

  it('when the P&L touches 0 exactly at a strike, then that strike is one breakeven, reported once', () => {
    // Long 100 put for 0, short 100 call for 0: P&L 0 at 100 only.
    expect(expiryProfile([leg('put', 100, 1, 0), leg('call', 100, -1, 0)]).breakevens).toEqual([100]);
  });

  it('when no outcome loses, then max loss is 0 or below and there is no breakeven', () => {
    const profile = expiryProfile([leg('put', 100, 1, 0)]);
    expect(profile.maxLoss).toEqual({ unlimited: false, amount: money.fromMicros(0) });
    expect(profile.breakevens).toEqual([100]);
    expect(expiryProfile([leg('put', 100, 1, 0), leg('put', 90, -1, 1)]).maxLoss.amount).toBe(dollars(-100));
  });
});
