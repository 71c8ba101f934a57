import { describe, expect, it } from 'vitest';
import { fromDollars } from '../../shared/domain/money.ts';
import { commissions, filledUnits, fillsOnLegs, isBalanced, netDebit, openingPrices, perUnitPrice, proportionalPart, realizedPnl } from './fill-accounting.ts';
import { CONDOR_LEGS, condorEntryFills, condorExitFills, fill, option } from './testing/fill-fixtures.ts';

describe('fill accounting', () => {
  it('when a condor is opened for a credit, then the net debit is the negative credit, exact', () => {
    // 2 units: (1.00 − 2.00 − 1.50 + 0.70) × 100 × 2 = −360.
    expect(netDebit(condorEntryFills(2))).toBe(fromDollars(-360));
    expect(commissions(condorEntryFills(2))).toBe(fromDollars(5.2));
  });

  it('when every leg filled on its opening side, then the whole units count and the legs are balanced', () => {
    expect(filledUnits(CONDOR_LEGS, condorEntryFills(2), 'open')).toBe(2);
    expect(isBalanced(CONDOR_LEGS, condorEntryFills(2), 'open', 2)).toBe(true);
    expect(filledUnits(CONDOR_LEGS, condorEntryFills(2), 'close')).toBe(0);
    expect(filledUnits(CONDOR_LEGS, condorExitFills(1), 'close')).toBe(1);
  });

  it('when one leg is still missing, then no whole unit has filled', () => {
    const threeLegs = condorEntryFills(1).slice(0, 3);
    expect(filledUnits(CONDOR_LEGS, threeLegs, 'open')).toBe(0);
    expect(isBalanced(CONDOR_LEGS, threeLegs, 'open', 0)).toBe(false);
  });

  it('when fills of other contracts are mixed in, then only the legs count', () => {
    const other = fill('ORD-000009', option(600, 'put'), 'BUY', 1, 0.1);
    expect(fillsOnLegs([...condorEntryFills(1), other], CONDOR_LEGS)).toHaveLength(4);
  });

  it('when a leg filled at two prices, then its opening price is the quantity-weighted average', () => {
    const fills = [fill('ORD-000001', option(640, 'put'), 'BUY', 1, 1.0), fill('ORD-000001', option(640, 'put'), 'BUY', 3, 1.2)];
    expect(openingPrices(CONDOR_LEGS, fills)).toEqual([1.15, undefined, undefined, undefined]);
  });

  it('when amounts are split, then per-unit prices and proportional parts are exact', () => {
    expect(perUnitPrice(fromDollars(-360), 2, 100)).toBe(-1.8);
    expect(proportionalPart(fromDollars(-360), 1, 2)).toBe(fromDollars(-180));
    expect(proportionalPart(fromDollars(-100), 1, 3)).toBe(-33_333_333);
  });

  it('when a condor is opened and closed, then the realized P&L is −Σ signed values − Σ commissions', () => {
    // Credit 360, closed for a debit of 120, commissions 5.20 + 5.20: 360 − 120 − 10.40 = 229.60.
    const all = [...condorEntryFills(2), ...condorExitFills(2)];
    expect(realizedPnl(all, fromDollars(0))).toBe(fromDollars(229.6));
  });

  it('when the position is still open, then only the commissions are realized', () => {
    expect(realizedPnl(condorEntryFills(2), fromDollars(-360))).toBe(fromDollars(-5.2));
  });
});
