import { describe, expect, it } from 'vitest';
import { DomainValidationError } from '../../shared/domain/errors.ts';
import { createWorkflowConfig, DEFAULT_WORKFLOW_CONFIG } from './workflow-config.ts';

function fieldOf(make: () => unknown): string | undefined {
  try {
    make();
  } catch (error) {
    if (error instanceof DomainValidationError) return error.field;
    throw error;
  }
  return undefined;
}

describe('createWorkflowConfig', () => {
  it('when nothing is overridden, then the issue defaults hold', () => {
    const config = createWorkflowConfig();
    expect(config).toEqual(DEFAULT_WORKFLOW_CONFIG);
    expect(config.entry).toMatchObject({ sellPremiumAboveIvRank: 50, buyPremiumBelowIvRank: 25, sellPremiumType: 'IRON_CONDOR', buyPremiumType: 'BULL_CALL' });
    expect(config.monitoring.intervalMs).toBe(30_000);
    expect(config.autopilot.watchlist).toEqual(['SPY', 'QQQ', 'IWM']);
    expect(config.autopilot.maxStrategiesPerUnderlying).toBe(1);
  });

  it('when one value of a section is overridden, then the others keep their defaults', () => {
    const config = createWorkflowConfig({ entry: { vixRange: { min: 12, max: 30 } }, autopilot: { watchlist: ['SPY'] } });
    expect(config.entry.vixRange).toEqual({ min: 12, max: 30 });
    expect(config.entry.sellPremiumType).toBe('IRON_CONDOR');
    expect(config.autopilot.watchlist).toEqual(['SPY']);
    expect(config.autopilot.cycleMs).toBe(30_000);
  });

  it('when the entry walk is overridden with undefined, then entries rest at the mid', () => {
    expect(createWorkflowConfig({ entry: { walk: undefined } }).entry.walk).toBeUndefined();
  });

  it.each([
    ['entry.vixRange.max', { entry: { vixRange: { min: 20, max: 10 } } }],
    ['entry.buyPremiumBelowIvRank', { entry: { buyPremiumBelowIvRank: 60 } }],
    ['entry.sellPremiumType', { entry: { sellPremiumType: 'BULL_CALL' } }],
    ['entry.deltaCapacityFraction', { entry: { deltaCapacityFraction: 1.5 } }],
    ['entry.walk', { entry: { walk: { step: { kind: 'fraction', fraction: 2 }, intervalMs: 1_000 } } }],
    ['monitoring.intervalMs', { monitoring: { intervalMs: 0 } }],
    ['takeProfitFraction', { monitoring: { thresholds: { takeProfitFraction: 3 } } }],
    ['exit.marketable', { exit: { marketable: 'soon' } }],
    ['autopilot.watchlist[1]', { autopilot: { watchlist: ['SPY', ''] } }],
    ['autopilot.watchlist', { autopilot: { watchlist: ['SPY', 'SPY'] } }],
    ['autopilot.entryWindow.minutesAfterOpen', { autopilot: { entryWindow: { minutesAfterOpen: -1 } } }],
  ])('when %s is bad, then creation fails naming it', (field, input) => {
    expect(fieldOf(() => createWorkflowConfig(input as never))).toBe(field);
  });

  it('when a key is misspelt, then creation fails naming it instead of keeping the default', () => {
    expect(fieldOf(() => createWorkflowConfig({ exit: { exitTimeoutMS: 5 } } as never))).toBe('exit.exitTimeoutMS');
    expect(fieldOf(() => createWorkflowConfig({ autopliot: {} } as never))).toBe('config.autopliot');
  });
});
