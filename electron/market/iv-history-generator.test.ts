import { describe, expect, it } from 'vitest';
import type { IsoDate } from '../../shared/domain/index.ts';
import { DEFAULT_MARKET_CONFIG } from './default-market-config.ts';
import { generateIvHistory, historyDates } from './iv-history-generator.ts';
import { isTradingDay } from './trading-calendar.ts';
import { createFactorModel, createUnderlyingModel } from './volatility-model.ts';

const factor = createFactorModel(DEFAULT_MARKET_CONFIG.marketFactor);
const models = DEFAULT_MARKET_CONFIG.underlyings.map((underlying, index) => createUnderlyingModel(underlying, index, factor));
const generate = (seed: number, underlyingModels = models) => generateIvHistory(seed, DEFAULT_MARKET_CONFIG, factor, underlyingModels, '2026-11-23' as IsoDate);

describe('historyDates', () => {
  it('when asked for the days before a session, then it returns 252 trading days ending the session before', () => {
    const dates = historyDates('2026-11-23' as IsoDate);
    expect(dates).toHaveLength(252);
    expect(dates.at(-1)).toBe('2026-11-20');
    expect(dates.every((date) => isTradingDay(date))).toBe(true);
  });
});

describe('generateIvHistory', () => {
  it('when generated, then every underlying has 252 positive daily IVs around its long-run level', () => {
    const { histories } = generate(1);
    histories.forEach((history, index) => {
      expect(history).toHaveLength(252);
      const mean = history.reduce((sum, entry) => sum + entry.iv, 0) / history.length;
      const level = models[index]!.config.volatility;
      expect(mean).toBeGreaterThan(0.6 * level);
      expect(mean).toBeLessThan(1.8 * level);
      expect(Math.min(...history.map((entry) => entry.iv))).toBeGreaterThan(0);
    });
  });

  it('when generated twice with one seed, then the histories are identical; another seed differs', () => {
    expect(generate(1)).toEqual(generate(1));
    expect(generate(2).histories[0]).not.toEqual(generate(1).histories[0]);
  });

  it('when an underlying is removed, then the others keep their histories', () => {
    const all = generate(3);
    const withoutQqq = generate(3, [models[0]!, models[2]!]);
    expect(withoutQqq.histories[0]).toEqual(all.histories[0]);
    expect(withoutQqq.histories[1]).toEqual(all.histories[2]);
  });
});
