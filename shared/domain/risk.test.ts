import { describe, expect, it } from 'vitest';
import { fromDollars } from './money.ts';
import { createRiskLimits, dailyLossLimit, defaultRiskLimits, priceCollarWidth, RISK_DENIAL_CODES, TRADING_STATES } from './risk.ts';

const fieldError = (field: string, message: string) => expect.objectContaining({ field, message });

describe('risk limits', () => {
  it('when no overrides are given, then the documented defaults apply', () => {
    expect(createRiskLimits()).toEqual(defaultRiskLimits);
    expect(defaultRiskLimits).toMatchObject({
      dailyLossFraction: 0.02, maxOpenPositions: 10, maxNewPositionsPerDay: 10, maxMarginUtilisation: 0.8, maxConcentrationPerUnderlying: 0.3,
    });
    expect(Object.isFrozen(defaultRiskLimits)).toBe(true);
    expect(TRADING_STATES).toEqual(['ACTIVE', 'REDUCING', 'HALTED']);
    expect(RISK_DENIAL_CODES).toContain('TRADING_HALTED');
  });

  it('when overriding a limit, then the override is kept and the rest stays default', () => {
    expect(createRiskLimits({ maxContractsPerOrder: 5 })).toEqual({ ...defaultRiskLimits, maxContractsPerOrder: 5 });
  });

  it.each([
    ['dailyLossFraction', { dailyLossFraction: 2 }, 'dailyLossFraction must be a fraction greater than 0 and at most 1, got 2'],
    ['maxMarginUtilisation', { maxMarginUtilisation: 0 }, 'maxMarginUtilisation must be a finite number greater than 0, got 0'],
    ['maxOpenPositions', { maxOpenPositions: 2.5 }, 'maxOpenPositions must be a positive integer, got 2.5'],
    ['maxPortfolioVega', { maxPortfolioVega: -1 }, 'maxPortfolioVega must be a finite number greater than 0, got -1'],
    ['staleDataMs', { staleDataMs: 0 }, 'staleDataMs must be a positive integer, got 0'],
  ])('when %s is invalid (%j), then creating limits fails naming it', (field, override, message) => {
    expect(() => createRiskLimits(override)).toThrow(fieldError(field, message));
  });

  it('when computing the daily loss limit, then it is minus the fraction of start-of-day net liquidation', () => {
    expect(dailyLossLimit(fromDollars(1_000_000), 0.02)).toBe(fromDollars(-20_000));
    expect(dailyLossLimit(fromDollars(-5), 0.02)).toBe(0);
  });

  it('when computing the price collar, then it is the larger of the fraction of mid and the minimum', () => {
    expect(priceCollarWidth(defaultRiskLimits, 2)).toBeCloseTo(0.4, 12);
    expect(priceCollarWidth(defaultRiskLimits, 0.2)).toBe(0.1);
    expect(priceCollarWidth(defaultRiskLimits, -2)).toBeCloseTo(0.4, 12); // combo credit mids are negative
    expect(() => priceCollarWidth(defaultRiskLimits, Number.NaN)).toThrow(fieldError('referenceMid', 'referenceMid must be a finite number, got NaN'));
  });
});
