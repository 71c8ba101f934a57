import { describe, expect, it } from 'vitest';
import type { IsoDate } from '../../shared/domain/index.ts';
import { IvHistory, ivPercentile, ivRank, IV_WINDOW_DAYS } from './iv-history.ts';

describe('ivRank', () => {
  it('when the current IV lies within the window, then rank = (IV − min) / (max − min) × 100', () => {
    expect(ivRank([0.1, 0.3, 0.2], 0.25)).toBeCloseTo(75, 10);
    expect(ivRank([0.1, 0.3], 0.1)).toBe(0);
    expect(ivRank([0.1, 0.3], 0.3)).toBe(100);
  });

  it('when the current IV is outside the window, then it joins the range (rank 0 or 100)', () => {
    expect(ivRank([0.2, 0.3], 0.4)).toBe(100);
    expect(ivRank([0.2, 0.3], 0.1)).toBe(0);
  });

  it('when the range is empty, then the rank is 0', () => {
    expect(ivRank([], 0.2)).toBe(0);
    expect(ivRank([0.2, 0.2], 0.2)).toBe(0);
  });
});

describe('ivPercentile', () => {
  it('when counting, then it is the share of days strictly below the current IV, × 100', () => {
    expect(ivPercentile([0.1, 0.2, 0.3, 0.4], 0.3)).toBe(50);
    expect(ivPercentile([0.1, 0.2, 0.3, 0.4], 0.5)).toBe(100);
    expect(ivPercentile([0.1, 0.2, 0.3, 0.4], 0.1)).toBe(0);
    expect(ivPercentile([], 0.3)).toBe(0);
  });
});

describe('IvHistory', () => {
  const date = (index: number): IsoDate => new Date(Date.UTC(2025, 0, 1 + index)).toISOString().slice(0, 10) as IsoDate;

  it('when longer than 252 days, then rank and percentile use only the last 252', () => {
    const history = new IvHistory([{ date: date(0), iv: 0.9 }, ...Array.from({ length: IV_WINDOW_DAYS }, (_, index) => ({ date: date(index + 1), iv: 0.1 + index / 1000 }))]);
    expect(history.window()).toHaveLength(IV_WINDOW_DAYS);
    expect(history.rank(0.351)).toBe(100);
    expect(history.percentile(0.2)).toBeCloseTo((100 / 252) * 100, 10);
  });

  it('when a close is appended, then it joins the window; a second close of the same date replaces it', () => {
    const history = new IvHistory([{ date: date(0), iv: 0.2 }]);
    history.append(date(1), 0.3);
    history.append(date(1), 0.25);
    expect(history.entries()).toEqual([{ date: date(0), iv: 0.2 }, { date: date(1), iv: 0.25 }]);
  });

  it('when a close is out of order or not positive, then it fails naming the problem', () => {
    const history = new IvHistory([{ date: date(5), iv: 0.2 }]);
    expect(() => history.append(date(4), 0.2)).toThrow(/date order/);
    expect(() => history.append(date(6), Number.NaN)).toThrow(/positive IV/);
  });
});
