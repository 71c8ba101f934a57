import { describe, expect, it } from 'vitest';
import type { Greeks } from '../../shared/domain/greeks.ts';
import { strategyExposure, type ExposureLeg } from './strategy-exposure.ts';

const greeks = (delta: number, gamma: number, theta: number, vega: number): Greeks => ({ delta, gamma, theta, vega, rho: 0 });
const leg = (action: 'BUY' | 'SELL', perShare: Greeks, ratio = 1, multiplier = 100): ExposureLeg => ({ contract: { multiplier }, action, ratio, greeks: perShare });

describe('strategyExposure', () => {
  it('when a put credit spread is held 3 units, then Greeks are per-share × signed contracts × 100 and at risk is the net delta in dollars', () => {
    const exposure = strategyExposure([leg('SELL', greeks(-0.3, 0.02, -0.05, 0.4)), leg('BUY', greeks(-0.1, 0.01, -0.02, 0.2))], 3, 200);
    expect(exposure.greeks.delta).toBeCloseTo(60, 10); // −(−0.3)·300 + (−0.1)·300
    expect(exposure.greeks.gamma).toBeCloseTo(-3, 10);
    expect(exposure.greeks.theta).toBeCloseTo(9, 10);
    expect(exposure.greeks.vega).toBeCloseTo(-60, 10);
    expect(exposure.atRisk).toBeCloseTo((90 - 30) * 200, 6); // the long put offsets the short one
  });

  it('when a leg has a ratio and an adjusted multiplier, then both scale it', () => {
    const exposure = strategyExposure([leg('BUY', greeks(0.5, 0, 0, 0), 2, 10)], 1, 50);
    expect(exposure.greeks.delta).toBe(10);
    expect(exposure.atRisk).toBe(500);
  });
});
