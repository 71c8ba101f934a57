import { describe, expect, it } from 'vitest';
import { defaultRiskLimits } from '../../shared/domain/risk.ts';
import { createDecisionThresholds, defaultDecisionThresholds, type DecisionThresholds } from './decision-thresholds.ts';

const fieldError = (field: string, message: string) => expect.objectContaining({ name: 'DomainValidationError', field, message });

describe('createDecisionThresholds', () => {
  it('when no overrides are given, then the issue defaults are returned, frozen, with portfolio limits from the risk limits', () => {
    const thresholds = createDecisionThresholds();
    expect(thresholds).toEqual({
      stopLossCreditMultiple: 2,
      takeProfitFraction: 0.5,
      pinRiskDays: 1,
      pinRiskDistanceFraction: 0.01,
      timeExitDays: 3,
      shortLegDeltaLimit: 0.3,
      positionDeltaPerUnitLimit: 30,
      gammaRiskDays: 7,
      positionGammaLimit: 20,
      rollWindowDays: 21,
      ivRankShiftPoints: 25,
      maxPortfolioDelta: defaultRiskLimits.maxPortfolioDelta,
      maxPortfolioVega: defaultRiskLimits.maxPortfolioVega,
      maxConcentrationPerUnderlying: defaultRiskLimits.maxConcentrationPerUnderlying,
      rollTargetDelta: 0.16,
    });
    expect(Object.isFrozen(thresholds) && Object.isFrozen(defaultDecisionThresholds)).toBe(true);
  });

  it('when some values are overridden, then only those change', () => {
    const thresholds = createDecisionThresholds({ stopLossCreditMultiple: 1.5, timeExitDays: 0, ivRankShiftPoints: 100 });
    expect(thresholds).toEqual({ ...defaultDecisionThresholds, stopLossCreditMultiple: 1.5, timeExitDays: 0, ivRankShiftPoints: 100 });
  });

  it.each([
    ['stopLossCreditMultiple', 0, 'stopLossCreditMultiple must be a finite number greater than 0, got 0'],
    ['stopLossCreditMultiple', Number.NaN, 'stopLossCreditMultiple must be a finite number greater than 0, got NaN'],
    ['takeProfitFraction', 1.5, 'takeProfitFraction must be a fraction greater than 0 and at most 1, got 1.5'],
    ['pinRiskDays', -1, 'pinRiskDays must be a non-negative integer, got -1'],
    ['timeExitDays', 2.5, 'timeExitDays must be a non-negative integer, got 2.5'],
    ['shortLegDeltaLimit', 1, 'shortLegDeltaLimit must be an option |delta| greater than 0 and less than 1, got 1'],
    ['rollTargetDelta', -0.16, 'rollTargetDelta must be a finite number greater than 0, got -0.16'],
    ['positionGammaLimit', Number.POSITIVE_INFINITY, 'positionGammaLimit must be a finite number greater than 0, got Infinity'],
    ['ivRankShiftPoints', 101, 'ivRankShiftPoints must be IV rank points greater than 0 and at most 100, got 101'],
    ['maxConcentrationPerUnderlying', 0, 'maxConcentrationPerUnderlying must be a finite number greater than 0, got 0'],
    ['rollWindowDays', undefined, 'rollWindowDays must be a non-negative integer, got undefined'],
    ['maxPortfolioDelta', '500', 'maxPortfolioDelta must be a finite number greater than 0, got "500"'],
  ])('when %s is %s, then creation fails naming it', (field, value, message) => {
    expect(() => createDecisionThresholds({ [field]: value } as Partial<DecisionThresholds>)).toThrow(fieldError(field, message));
  });

  it('when an override name is not a threshold (a typo), then creation fails naming it instead of keeping the default', () => {
    expect(() => createDecisionThresholds({ stopLossMultiple: 3 } as unknown as Partial<DecisionThresholds>)).toThrow(fieldError('stopLossMultiple', expect.stringContaining('stopLossMultiple is not a decision threshold (known: stopLossCreditMultiple,')));
  });

  it('when the overrides are not an object, then creation fails', () => {
    expect(() => createDecisionThresholds(null as unknown as Partial<DecisionThresholds>)).toThrow(fieldError('thresholds', 'thresholds must be an object, got null'));
  });
});
