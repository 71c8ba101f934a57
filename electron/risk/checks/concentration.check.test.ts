import { describe, expect, it } from 'vitest';
import { fromDollars } from '../../../shared/domain/money.ts';
import { createSectorMap, EMPTY_SECTOR_MAP } from '../sector-map.ts';
import { checkConcentration, type ConcentrationInput } from './concentration.check.ts';

const base: ConcentrationInput = {
  underlying: 'XOM',
  before: new Map(),
  after: new Map([['XOM', 30_000]]),
  netLiquidation: fromDollars(100_000),
  maxPerUnderlying: 0.3,
  sectors: EMPTY_SECTOR_MAP,
  maxPerSector: 0.3,
};

describe('checkConcentration', () => {
  it('when the underlying would hold exactly 30 % of net liquidation at risk, then it is allowed; just above, then denied CONCENTRATION', () => {
    expect(checkConcentration(base)).toBeUndefined();
    expect(checkConcentration({ ...base, after: new Map([['XOM', 30_000.01]]) })).toMatchObject({ code: 'CONCENTRATION', reason: expect.stringContaining('XOM would be 30.00%') });
  });

  it('when the order lowers an underlying already above the limit, then it is allowed', () => {
    expect(checkConcentration({ ...base, before: new Map([['XOM', 50_000]]), after: new Map([['XOM', 40_000]]) })).toBeUndefined();
  });

  it('when a sector would hold more than its limit across underlyings, then the order is denied; at the limit it is allowed', () => {
    const sectors = createSectorMap({ XOM: 'energy', CVX: 'energy', SPY: 'broad' });
    const atLimit = { ...base, sectors, after: new Map([['XOM', 20_000], ['CVX', 10_000], ['SPY', 25_000]]) };
    expect(checkConcentration(atLimit)).toBeUndefined();
    const above = { ...atLimit, after: new Map([['XOM', 20_000.01], ['CVX', 10_000], ['SPY', 25_000]]) };
    expect(checkConcentration(above)).toMatchObject({ code: 'CONCENTRATION', reason: expect.stringContaining('sector energy') });
  });

  it('when the sector limit is set apart from the underlying limit, then each applies', () => {
    const sectors = createSectorMap({ XOM: 'energy', CVX: 'energy' });
    const input = { ...base, sectors, maxPerSector: 0.4, after: new Map([['XOM', 25_000], ['CVX', 15_000]]) };
    expect(checkConcentration(input)).toBeUndefined();
    expect(checkConcentration({ ...input, maxPerSector: 0.39 })?.code).toBe('CONCENTRATION');
  });

  it('when net liquidation is not positive, then new exposure is denied', () => {
    expect(checkConcentration({ ...base, netLiquidation: fromDollars(0) })?.code).toBe('CONCENTRATION');
  });
});
