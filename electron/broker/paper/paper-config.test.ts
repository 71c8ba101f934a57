import { describe, expect, it } from 'vitest';
import { fromDollars } from '../../../shared/domain/money.ts';
import { DEFAULT_PAPER_BROKER_CONFIG, resolvePaperBrokerConfig } from './paper-config.ts';

describe('resolvePaperBrokerConfig', () => {
  it('when nothing is given, then the IB-like defaults apply', () => {
    const config = resolvePaperBrokerConfig();
    expect(config.startingCash).toBe(fromDollars(100_000));
    expect([config.latencyMinimumMs, config.latencyMaximumMs]).toEqual([10, 50]);
    expect(config.slippageBps).toBe(5);
    expect(config.touchFillProbability).toBe(0.95);
    expect(config.commissions.optionPerContract).toBe(fromDollars(0.65));
    expect(config.commissions.optionMinimumPerOrder).toBe(fromDollars(1));
  });

  it('when nested fields are overridden, then the others keep their defaults', () => {
    const config = resolvePaperBrokerConfig({ commissions: { optionPerContract: fromDollars(0.5) }, margin: { sharePercent: 25 } });
    expect(config.commissions.optionPerContract).toBe(fromDollars(0.5));
    expect(config.commissions.sharePerShare).toBe(DEFAULT_PAPER_BROKER_CONFIG.commissions.sharePerShare);
    expect(config.margin).toEqual({ nakedUnderlyingPercent: 20, nakedMinimumPercent: 10, sharePercent: 25 });
  });

  it('when the latency range is reversed, then it fails naming latencyMaximumMs', () => {
    expect(() => resolvePaperBrokerConfig({ latencyMinimumMs: 30, latencyMaximumMs: 20 })).toThrow(/latencyMaximumMs/);
  });

  it('when the touch probability is above 1, then it fails naming it', () => {
    expect(() => resolvePaperBrokerConfig({ touchFillProbability: 1.5 })).toThrow(/touchFillProbability/);
  });

  it('when a commission is not whole micro-dollars, then it fails naming it', () => {
    expect(() => resolvePaperBrokerConfig({ commissions: { sharePerShare: 0.5 as never } })).toThrow(/commissions.sharePerShare/);
  });
});
