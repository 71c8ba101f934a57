import { describe, expect, it } from 'vitest';
import { fromDollars } from '../../shared/domain/money.ts';
import { profitAndLoss, riskFacts } from './decision-inputs.ts';
import { condor, condorEntryFills, FIXTURE_TIME } from './testing/fill-fixtures.ts';
import { openedStrategy } from './strategy-transitions.ts';

describe('profitAndLoss', () => {
  it('when every leg has a fill price, then max profit and loss come from those prices', () => {
    const open = openedStrategy(condor(), condorEntryFills(2), 2, FIXTURE_TIME, 'entry filled');
    // Credit 1.80 on 10-point wings, 2 units: profit 360, loss (10 − 1.80) × 200 = 1,640.
    expect(profitAndLoss(open)).toEqual({ maxProfit: fromDollars(360), maxLoss: fromDollars(1_640) });
  });

  it('when a leg has no fill price yet, then both are unknown', () => {
    expect(profitAndLoss(condor())).toEqual({ maxProfit: undefined, maxLoss: undefined });
  });
});

describe('riskFacts', () => {
  const ports = (tradingState: 'ACTIVE' | 'HALTED', owedFlatten: boolean, lastFlatten: 'not-requested' | 'sent' | undefined) => ({
    governor: { state: () => ({ tradingState }) },
    killSwitch: {
      status: () => ({ running: false, owed: { cancelAll: false, flatten: owedFlatten }, flattenOrderIds: [], lastRun: lastFlatten === undefined ? undefined : { cancelAll: 'sent', flatten: lastFlatten, orderIds: [], errors: [] } }),
    },
  }) as never;

  it.each([
    ['ACTIVE', true, 'sent', false],
    ['HALTED', false, undefined, false],
    ['HALTED', false, 'not-requested', false],
    ['HALTED', true, undefined, true],
    ['HALTED', false, 'sent', true],
  ] as const)('when trading is %s with a flatten owed %s and a last run %s, then a flatten is requested: %s', (state, owed, last, requested) => {
    expect(riskFacts(ports(state, owed, last))).toEqual({ tradingState: state, flattenRequested: requested });
  });
});
