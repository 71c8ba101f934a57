import { describe, expect, it } from 'vitest';
import { contractKey, createUnderlying, restoreOptionContract, type Contract, type OptionRight } from '../../../shared/domain/contract.ts';
import { fromDollars } from '../../../shared/domain/money.ts';
import { marginRequirement, positionsAfter, shareEquity, type MarginPosition, type MarginPrices } from './margin-model.ts';
import { DEFAULT_PAPER_BROKER_CONFIG } from './paper-config.ts';

const rates = DEFAULT_PAPER_BROKER_CONFIG.margin;
const option = (strike: number, right: OptionRight, expiry = '2026-03-20') =>
  restoreOptionContract({ underlyingSymbol: 'SPY', expiry, strike, right });
const spy = createUnderlying({ kind: 'etf', symbol: 'SPY' });

function prices(underlying: number | undefined, marks: Record<string, number> = {}): MarginPrices {
  return {
    mark: (contract: Contract) => Math.round((marks[contractKey(contract)] ?? 0) * 1_000_000),
    underlying: () => (underlying === undefined ? undefined : Math.round(underlying * 1_000_000)),
  };
}

const requirement = (positions: MarginPosition[], at: MarginPrices) => marginRequirement(positions, at, rates);

describe('margin model', () => {
  it('when only long options are held, then no margin is required (paid in full)', () => {
    expect(requirement([{ contract: option(500, 'call'), quantity: 3 }], prices(500, { 'SPY 2026-03-20 500 C': 5 }))).toBe(0);
  });

  it('when shares are held long or short, then 50 % of their market value is required', () => {
    const at = prices(500, { SPY: 500 });
    expect(requirement([{ contract: spy, quantity: 100 }], at)).toBe(fromDollars(25_000));
    expect(requirement([{ contract: spy, quantity: -100 }], at)).toBe(fromDollars(25_000));
    expect(shareEquity([{ contract: spy, quantity: -100 }], at)).toBe(fromDollars(-50_000));
  });

  it('when a put credit spread is held, then its width is required', () => {
    const positions = [
      { contract: option(490, 'put'), quantity: -2 },
      { contract: option(480, 'put'), quantity: 2 },
    ];
    expect(requirement(positions, prices(500))).toBe(fromDollars(2_000));
  });

  it('when a debit spread is held, then nothing beyond the paid premium is required', () => {
    const positions = [
      { contract: option(500, 'call'), quantity: 1 },
      { contract: option(510, 'call'), quantity: -1 },
    ];
    expect(requirement(positions, prices(500))).toBe(0);
  });

  it('when an iron condor is held, then only the wider wing is required, not both', () => {
    const positions = [
      { contract: option(480, 'put'), quantity: 1 },
      { contract: option(490, 'put'), quantity: -1 },
      { contract: option(510, 'call'), quantity: -1 },
      { contract: option(525, 'call'), quantity: 1 },
    ];
    expect(requirement(positions, prices(500))).toBe(fromDollars(1_500));
  });

  it('when a naked put is held, then premium + max(20 % underlying − OTM, 10 % strike) per share is required', () => {
    // 20 % × 500 − 20 OTM = 80 > 10 % × 480 = 48; premium 2 → 82 × 100.
    const at = prices(500, { 'SPY 2026-03-20 480 P': 2 });
    expect(requirement([{ contract: option(480, 'put'), quantity: -1 }], at)).toBe(fromDollars(8_200));
  });

  it('when a naked call is far out of the money, then the 10 % of the underlying minimum applies', () => {
    // 20 % × 100 − 50 OTM = −30 < 10 % × 100 = 10; premium 0.05 → 10.05 × 100 × 3.
    const at = prices(100, { 'SPY 2026-03-20 150 C': 0.05 });
    expect(requirement([{ contract: option(150, 'call'), quantity: -3 }], at)).toBe(fromDollars(3_015));
  });

  it('when more shorts than longs are held, then the uncovered rest is naked', () => {
    const at = prices(500, { 'SPY 2026-03-20 510 C': 3 });
    const positions = [
      { contract: option(510, 'call'), quantity: -2 },
      { contract: option(520, 'call'), quantity: 1 },
    ];
    // One vertical (10 wide) + one naked call: 3 + max(100 − 10, 50) = 93.
    expect(requirement(positions, at)).toBe(fromDollars(1_000 + 9_300));
  });

  it('when the legs have different expiries, then they are not paired (calendar short leg is naked)', () => {
    const at = prices(500);
    const positions = [
      { contract: option(500, 'call', '2026-03-20'), quantity: -1 },
      { contract: option(500, 'call', '2026-04-17'), quantity: 1 },
    ];
    expect(requirement(positions, at)).toBe(fromDollars(10_000));
  });

  it('when deltas are applied, then quantities add per contract', () => {
    const after = positionsAfter([{ contract: spy, quantity: 100 }], [{ contract: spy, quantity: -30 }, { contract: option(500, 'call'), quantity: 1 }]);
    expect(after.map((position) => [contractKey(position.contract), position.quantity])).toEqual([['SPY', 70], ['SPY 2026-03-20 500 C', 1]]);
  });
});
