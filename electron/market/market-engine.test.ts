import { describe, expect, it } from 'vitest';
import { AppError } from '../core/errors.ts';
import { createMarketConfig } from './default-market-config.ts';
import { MarketEngine, type MarketStep } from './market-engine.ts';

// Monday 2026-11-23, 09:00 New York (before the open).
const monday = Date.parse('2026-11-23T14:00:00Z');
const day = 86_400_000;

function pathOf(engine: MarketEngine, until: number): number[][] {
  const path: number[][] = [];
  engine.advanceTo(until, () => path.push([...engine.symbols.map((symbol) => engine.spot(symbol)), engine.vix()]));
  return path;
}

function everyQuote(engine: MarketEngine): string {
  return JSON.stringify(engine.symbols.map((symbol) => [engine.underlyingQuote(symbol), engine.allOptionQuotes(symbol)]));
}

describe('MarketEngine determinism', () => {
  it('when two markets share seed and start and run over the same period, then paths and every option quote are identical', () => {
    const first = new MarketEngine({ seed: 2026, startTime: monday });
    const second = new MarketEngine({ seed: 2026, startTime: monday });
    expect(pathOf(first, monday + 2 * day)).toEqual(pathOf(second, monday + 2 * day));
    expect(everyQuote(first)).toBe(everyQuote(second));
  });

  it('when the seed differs, then the paths differ', () => {
    const first = new MarketEngine({ seed: 1, startTime: monday });
    const second = new MarketEngine({ seed: 2, startTime: monday });
    expect(pathOf(first, monday + day)).not.toEqual(pathOf(second, monday + day));
  });

  it('when one market is driven in one call and another in small steps with quotes read in between, then they end identical', () => {
    const config = createMarketConfig({ stepMs: 5_000 });
    const smooth = new MarketEngine({ seed: 9, config, startTime: monday });
    const choppy = new MarketEngine({ seed: 9, config, startTime: monday });
    smooth.advanceTo(monday + 2 * day);
    const expiry = choppy.expirations('SPY')[3]!;
    for (let time = monday; time <= monday + 2 * day; time += 977_000) {
      choppy.advanceTo(time);
      choppy.chainQuotes('SPY', expiry);
    }
    choppy.advanceTo(monday + 2 * day);
    expect(everyQuote(choppy)).toBe(everyQuote(smooth));
  });

  it('when an underlying is added to the config, then the paths of the others do not change', () => {
    const base = createMarketConfig({ stepMs: 10_000, underlyings: [{ symbol: 'SPY' }, { symbol: 'AAPL' }] });
    const more = createMarketConfig({ stepMs: 10_000, underlyings: [{ symbol: 'SPY' }, { symbol: 'NVDA', price: 180 }, { symbol: 'AAPL' }] });
    const spotsOf = (engine: MarketEngine) => {
      const spots: number[] = [];
      engine.advanceTo(monday + day, () => spots.push(engine.spot('SPY'), engine.spot('AAPL')));
      return spots;
    };
    expect(spotsOf(new MarketEngine({ seed: 4, config: more, startTime: monday }))).toEqual(spotsOf(new MarketEngine({ seed: 4, config: base, startTime: monday })));
  });
});

describe('MarketEngine sessions', () => {
  it('when a regular day is simulated, then there is an open step, one step per second and a close step', () => {
    const engine = new MarketEngine({ seed: 1, startTime: monday });
    const steps: MarketStep[] = [];
    engine.advanceTo(monday + day - 1, (step) => steps.push(step));
    expect(steps).toHaveLength(23_401);
    expect(steps[0]).toMatchObject({ kind: 'open', time: Date.parse('2026-11-23T14:30:00Z'), index: 1 });
    expect(steps[1]?.time).toBe(Date.parse('2026-11-23T14:30:01Z'));
    expect(steps.at(-1)).toMatchObject({ kind: 'close', time: Date.parse('2026-11-23T21:00:00Z') });
  });

  it('when Thanksgiving and the early close follow, then no step falls on the holiday and Friday closes at 13:00', () => {
    const engine = new MarketEngine({ seed: 1, config: createMarketConfig({ stepMs: 60_000 }), startTime: Date.parse('2026-11-25T22:00:00Z') });
    const steps: MarketStep[] = [];
    engine.advanceTo(Date.parse('2026-11-28T00:00:00Z'), (step) => steps.push(step));
    expect(steps[0]?.time).toBe(Date.parse('2026-11-27T14:30:00Z'));
    expect(steps.at(-1)).toMatchObject({ kind: 'close', time: Date.parse('2026-11-27T18:00:00Z') });
    expect(steps).toHaveLength(211);
  });

  it('when started in the middle of a session, then the first step is the next grid time and there is no open step', () => {
    const start = Date.parse('2026-11-23T16:00:00.500Z');
    const engine = new MarketEngine({ seed: 1, startTime: start });
    expect(engine.nextStepTime()).toBe(Date.parse('2026-11-23T16:00:01Z'));
    expect(engine.step().kind).toBe('regular');
  });

  it('when a session closes, then its closing IV30 joins the history and the session figures roll', () => {
    const engine = new MarketEngine({ seed: 1, config: createMarketConfig({ stepMs: 60_000 }), startTime: monday });
    const before = engine.ivHistory('SPY').length;
    engine.advanceTo(monday + day);
    const history = engine.ivHistory('SPY');
    expect(history).toHaveLength(before + 1);
    expect(history.at(-1)?.date).toBe('2026-11-23');
    const quote = engine.underlyingQuote('SPY');
    expect(quote.previousClose).toBe(quote.last);
    expect(quote.volume).toBeGreaterThan(0);
    engine.step();
    expect(engine.underlyingQuote('SPY')).toMatchObject({ sessionDate: '2026-11-24', volume: expect.any(Number) });
    expect(engine.underlyingQuote('SPY').volume).toBeLessThan(quote.volume);
  });
});

describe('MarketEngine errors', () => {
  const engine = new MarketEngine({ seed: 1, startTime: monday });

  it('when a symbol is unknown, then an invalid-contract error lists the symbols', () => {
    let error: unknown;
    try {
      engine.underlyingQuote('XYZ');
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('invalid-contract');
    expect((error as AppError).message).toBe("unknown symbol 'XYZ': the simulated market lists SPY, QQQ, IWM, AAPL, TSLA, VIX");
  });

  it('when an expiry or strike is not listed, then the error names it', () => {
    const expiry = engine.expirations('SPY')[0]!;
    expect(() => engine.strikes('SPY', '2026-11-24' as never)).toThrow(/SPY has no expiration 2026-11-24/);
    const contract = { ...engine.option('SPY', expiry, 680, 'call'), strike: 680.5 };
    expect(() => engine.optionQuote(contract)).toThrow(/option 'SPY 2026-11-27 680.5 C' is not listed/);
    expect(() => engine.option('SPY', expiry, 10_000, 'put')).toThrow(/has no put at strike 10000/);
  });

  it('when the start time is not epoch milliseconds, then construction fails naming it', () => {
    expect(() => new MarketEngine({ seed: 1, startTime: 1.5 })).toThrow(/startTime/);
  });
});
