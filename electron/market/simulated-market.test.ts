import { describe, expect, it } from 'vitest';
import { AcceleratedClock } from '../core/accelerated-clock.ts';
import type { Clock, Timer } from '../core/clock.ts';
import { TestClock } from '../core/test-clock.ts';
import { SimulatedMarket, type MarketStepEvent } from './simulated-market.ts';
import type { UnderlyingQuote } from './quote-types.ts';

// Monday 2026-11-23, 09:29:58 New York: the open is two seconds away.
const beforeOpen = Date.parse('2026-11-23T14:29:58Z');
const open = Date.parse('2026-11-23T14:30:00Z');

function newMarket(clock: Clock, seed = 3) {
  return new SimulatedMarket({ seed, clock, config: { stepMs: 1000 }, startTime: beforeOpen });
}

/** A clock whose timers fire late by a fixed jitter, as the system clock's can. */
class LateClock implements Clock {
  readonly inner: TestClock;
  readonly #lateByMs: number;

  constructor(start: number, lateByMs: number) {
    this.inner = new TestClock(start);
    this.#lateByMs = lateByMs;
  }

  now(): number {
    return this.inner.now();
  }

  setTimeout(callback: () => void, delayMs: number): Timer {
    return this.inner.setTimeout(callback, delayMs + this.#lateByMs);
  }

  setInterval(callback: () => void, intervalMs: number): Timer {
    return this.inner.setInterval(callback, intervalMs);
  }
}

describe('SimulatedMarket', () => {
  it('when started and the test clock advances, then the market steps on the grid and publishes ticks, steps and session events', async () => {
    const clock = new TestClock(beforeOpen);
    const market = newMarket(clock);
    const ticks: UnderlyingQuote[] = [];
    const steps: MarketStepEvent[] = [];
    const sessions: string[] = [];
    market.events.subscribe('market.tick', (quote) => ticks.push(quote));
    market.events.subscribe('market.step', (step) => steps.push(step));
    market.events.subscribe('market.session-open', (event) => sessions.push(`open ${event.date}`));
    market.events.subscribe('market.session-close', (event) => sessions.push(`close ${event.date}`));
    await market.start();
    expect(clock.pendingTimers).toBe(1);
    clock.advance(2000);
    expect(steps).toEqual([{ time: open, index: 1, kind: 'open', sessionDate: '2026-11-23', vix: market.vix() }]);
    expect(ticks.map((tick) => tick.symbol)).toEqual(['SPY', 'QQQ', 'IWM', 'AAPL', 'TSLA', 'VIX']);
    clock.advance(3000);
    expect(steps.map((step) => step.time - open)).toEqual([0, 1000, 2000, 3000]);
    clock.advanceTo(Date.parse('2026-11-24T14:30:00Z'));
    expect(sessions).toEqual(['open 2026-11-23', 'close 2026-11-23', 'open 2026-11-24']);
    expect(steps).toHaveLength(23_402);
    expect(Object.isFrozen(ticks[0])).toBe(true);
    market.dispose();
  });

  it('when timers fire late, then the steps still fall on the grid and the path is the same as with exact timers', async () => {
    const exact = new TestClock(beforeOpen);
    const late = new LateClock(beforeOpen, 337);
    const onTime = newMarket(exact);
    const delayed = newMarket(late);
    await onTime.start();
    await delayed.start();
    const until = Date.parse('2026-11-23T16:00:00Z');
    exact.advanceTo(until);
    late.inner.advanceTo(until + 337);
    expect(delayed.time).toBe(onTime.time);
    expect(delayed.underlyingQuote('SPY')).toEqual(onTime.underlyingQuote('SPY'));
    expect(delayed.chainQuotes('QQQ', delayed.expirations('QQQ')[2]!)).toEqual(onTime.chainQuotes('QQQ', onTime.expirations('QQQ')[2]!));
  });

  it('when stopped, then no timer is left and the market stands still; started again, it catches up to the clock', async () => {
    const clock = new TestClock(beforeOpen);
    const market = newMarket(clock);
    await market.start();
    clock.advance(10_000);
    await market.stop();
    expect(clock.pendingTimers).toBe(0);
    const stoppedAt = market.time;
    clock.advance(60_000);
    expect(market.time).toBe(stoppedAt);
    await market.start();
    expect(market.time).toBe(clock.now() - (clock.now() % 1000));
    market.dispose();
    expect(clock.pendingTimers).toBe(0);
    expect(market.state).toBe('disposed');
  });

  it('when the clock is already past the start time at start(), then the market catches up at once', async () => {
    const clock = new TestClock(Date.parse('2026-11-23T15:00:00Z'));
    const market = newMarket(clock);
    expect(market.time).toBe(beforeOpen);
    await market.start();
    expect(market.time).toBe(Date.parse('2026-11-23T15:00:00Z'));
    expect(market.stepIndex).toBe(1801);
    market.dispose();
  });

  it('when driven by an accelerated clock at maximum speed, then it simulates a session and reaches the close', async () => {
    const clock = new AcceleratedClock({ startTime: beforeOpen, speed: 'max' });
    const market = newMarket(clock);
    const closed = new Promise<number>((resolve) => market.events.subscribe('market.session-close', (event) => resolve(event.time)));
    await market.start();
    expect(await closed).toBe(Date.parse('2026-11-23T21:00:00Z'));
    market.dispose();
    clock.dispose();
  });

  it('when asked for symbols and chains, then it lists the underlyings plus the VIX and quotes like the engine', () => {
    const market = newMarket(new TestClock(beforeOpen));
    expect(market.symbols).toEqual(['SPY', 'QQQ', 'IWM', 'AAPL', 'TSLA', 'VIX']);
    expect(market.optionableSymbols).toEqual(['SPY', 'QQQ', 'IWM', 'AAPL', 'TSLA']);
    const expiry = market.expirations('SPY')[0]!;
    const contract = market.option('SPY', expiry, 680, 'put');
    expect(market.optionQuote(contract).key).toBe(`SPY ${expiry} 680 P`);
    expect(market.strikes('SPY', expiry)).toContain(680);
    expect(market.allOptionQuotes('IWM').length).toBeGreaterThan(100);
    expect(market.ivHistory('AAPL')).toHaveLength(252);
    expect(market.ivStatistics('AAPL').windowDays).toBe(252);
    expect(market.underlyingQuote('VIX').last).toBeCloseTo(market.vix(), 1);
    expect(market.atmVolatility('TSLA', 0.25)).toBeGreaterThan(market.atmVolatility('SPY', 0.25));
    expect(market.nextStepTime()).toBe(open);
    market.dispose();
  });

  it('when the config is invalid, then construction fails naming the field', () => {
    expect(() => new SimulatedMarket({ seed: 1, clock: new TestClock(0), config: { underlyings: [{ symbol: 'SPY', volatility: -1 }] } })).toThrow(/underlyings\[0\]\.volatility/);
  });
});
