import { describe, expect, it } from 'vitest';
import type { IsoDate } from '../../shared/domain/index.ts';
import { DEFAULT_MARKET_CONFIG } from './default-market-config.ts';
import { IndexFactorProcess } from './price-process.ts';
import { RandomStream } from './random.ts';
import { VixTracker } from './vix-tracker.ts';
import { createFactorModel, vixLevel } from './volatility-model.ts';

describe('VixTracker', () => {
  it('when the index variance moves, then the level follows it and the session figures track it', () => {
    const factor = createFactorModel(DEFAULT_MARKET_CONFIG.marketFactor);
    const index = new IndexFactorProcess(factor, new RandomStream(1, 'index'), 0.02);
    const vix = new VixTracker(DEFAULT_MARKET_CONFIG, factor, index, '2026-11-20' as IsoDate);
    vix.afterStep('2026-11-23' as IsoDate);
    const open = vix.level();
    index.variance = 0.08;
    vix.afterStep(undefined);
    expect(vix.level()).toBeCloseTo(vixLevel(factor, 0.08, DEFAULT_MARKET_CONFIG), 12);
    vix.endSession();
    const quote = vix.quote(123);
    expect(quote).toMatchObject({ kind: 'index', symbol: 'VIX', sessionDate: '2026-11-23', time: 123, volume: 0 });
    expect(quote.open).toBeCloseTo(open, 2);
    expect(quote.high).toBe(quote.last);
    expect(quote.previousClose).toBe(quote.last);
    expect(quote.bid).toBe(quote.ask);
  });
});
