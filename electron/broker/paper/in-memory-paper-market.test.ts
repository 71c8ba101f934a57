import { describe, expect, it } from 'vitest';
import { createUnderlying } from '../../../shared/domain/contract.ts';
import { TestClock } from '../../core/test-clock.ts';
import { InMemoryPaperMarket } from './in-memory-paper-market.ts';
import { spyOption } from './testing/paper-fixture.ts';

const spy = createUnderlying({ kind: 'etf', symbol: 'SPY' });

function market(): { clock: TestClock; market: InMemoryPaperMarket } {
  const clock = new TestClock(Date.parse('2026-03-10T14:00:00Z'));
  return { clock, market: new InMemoryPaperMarket({ clock }) };
}

describe('InMemoryPaperMarket', () => {
  it('when a quote is set, then it is returned with the clock time and a tick fires', () => {
    const { clock, market: subject } = market();
    let ticks = 0;
    subject.onTick(() => ticks++);
    subject.setQuote(spyOption(560), { bid: 2, ask: 2.1, bidSize: 5, askSize: 6 });
    expect(subject.quote(spyOption(560))).toEqual({ bid: 2, ask: 2.1, bidSize: 5, askSize: 6, last: undefined, time: clock.now() });
    expect(ticks).toBe(1);
  });

  it('when a contract was never quoted, then it is unknown', () => {
    expect(market().market.quote(spyOption(999))).toBeUndefined();
  });

  it('when the underlying has a quote, then its price is the mid; a pinned price wins', () => {
    const { market: subject } = market();
    subject.setQuote(spy, { bid: 559.9, ask: 560.1, bidSize: 1, askSize: 1 });
    expect(subject.underlyingPrice('SPY')).toBeCloseTo(560, 9);
    subject.setUnderlyingPrice('SPY', 555);
    expect(subject.underlyingPrice('SPY')).toBe(555);
    expect(subject.underlyingPrice('QQQ')).toBeUndefined();
  });

  it('when a listener is disposed, then it hears no more ticks', () => {
    const { market: subject } = market();
    let ticks = 0;
    const subscription = subject.onTick(() => ticks++);
    subject.tick();
    subscription.dispose();
    subject.tick();
    expect(ticks).toBe(1);
  });

  it('when a quote is crossed or negative, then it is refused naming the contract', () => {
    const { market: subject } = market();
    expect(() => subject.setQuote(spyOption(560), { bid: 2.2, ask: 2.1, bidSize: 1, askSize: 1 })).toThrow(/SPY 2026-03-20 560 C: bid 2.2 is above ask 2.1/);
    expect(() => subject.setQuote(spyOption(560), { bid: -1, ask: 2.1, bidSize: 1, askSize: 1 })).toThrow(/bid must be/);
  });

  it('when asked about the calendar, then it answers with weekday regular hours by default', () => {
    const { clock, market: subject } = market();
    expect(subject.isRegularHours(clock.now())).toBe(true);
    expect(subject.sessionClose(clock.now())).toBe(Date.parse('2026-03-10T20:00:00Z'));
  });
});
