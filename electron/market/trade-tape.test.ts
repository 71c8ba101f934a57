import { describe, expect, it } from 'vitest';
import type { IsoDate } from '../../shared/domain/index.ts';
import { DEFAULT_MARKET_CONFIG, DEFAULT_UNDERLYINGS } from './default-market-config.ts';
import { UnderlyingChain, type ListedOption } from './option-chain.ts';
import { contractActivity, openInterestFor, tradeSizeAt, updateTape, type SessionRecord, type TapeEnvironment } from './trade-tape.ts';

const spy = DEFAULT_UNDERLYINGS[0]!;
const chain = new UnderlyingChain('SPY', { tiers: spy.strikeTiers, farIncrement: spy.farStrikeIncrement }, DEFAULT_MARKET_CONFIG);
const listedAt = Date.parse('2026-11-20T14:30:00Z');
chain.refresh({ sessionDate: '2026-11-20' as IsoDate, now: listedAt, spot: 680, atmVolatility: () => 0.15 });

const friday: SessionRecord = { open: Date.parse('2026-11-20T14:30:00Z'), close: Date.parse('2026-11-20T21:00:00Z'), openSpot: 680, firstSlot: 1 };
const monday: SessionRecord = { open: Date.parse('2026-11-23T14:30:00Z'), close: Date.parse('2026-11-23T21:00:00Z'), openSpot: 682, firstSlot: 1 };

function environment(time: number, current = monday, previous: SessionRecord | null = friday): TapeEnvironment {
  return {
    seed: 99,
    slotMs: 60_000,
    baseVolatility: 0.15,
    liquidity: 1,
    current,
    previous: previous ?? undefined,
    time,
    // A price that names its slot, so tests can tell which trade printed.
    priceAt: (_listed, session, slot) => (session === current ? 1000 : 2000) + slot,
  };
}

const fresh = (listed: ListedOption): ListedOption => ({ ...listed, tape: undefined });
const atTheMoney = () => fresh(chain.expiry('2026-12-18')!.option(680, 'call')!);
const wing = () => fresh(chain.expiry('2026-12-18')!.option(chain.expiry('2026-12-18')!.strikes[0]!, 'put')!);

describe('trade tape', () => {
  it('when an option is near the money, then it is more active and has more open interest than a far wing', () => {
    const near = contractActivity(atTheMoney(), monday, 0.15, 1);
    const far = contractActivity(wing(), monday, 0.15, 1);
    expect(near).toBeGreaterThan(10 * far);
    expect(openInterestFor(99, atTheMoney(), monday, near, 1)).toBeGreaterThan(openInterestFor(99, wing(), monday, far, 1));
  });

  it('when volume is read at the close, then it is the sum of the slot trades of the session', () => {
    const listed = atTheMoney();
    const activity = contractActivity(listed, monday, 0.15, 1);
    let expected = 0;
    for (let slot = 1; slot <= 390; slot++) expected += tradeSizeAt(99, listed, monday.open + slot * 60_000, activity);
    expect(expected).toBeGreaterThan(0);
    expect(updateTape(listed, environment(monday.close)).volume).toBe(expected);
  });

  it('when the tape is read many times through the day, then it ends exactly as when read once at the close', () => {
    const once = updateTape(atTheMoney(), environment(monday.close));
    const often = atTheMoney();
    for (let time = monday.open; time <= monday.close; time += 7 * 60_000 + 13_000) updateTape(often, environment(time));
    const last = updateTape(often, environment(monday.close));
    expect({ ...last, session: undefined }).toEqual({ ...once, session: undefined });
  });

  it('when the last trade is read, then it is the newest slot with a trade and prints at that slot', () => {
    const listed = atTheMoney();
    const tape = updateTape(listed, environment(monday.open + 30 * 60_000 + 500));
    const activity = contractActivity(listed, monday, 0.15, 1);
    let newest = 0;
    for (let slot = 1; slot <= 30; slot++) if (tradeSizeAt(99, listed, monday.open + slot * 60_000, activity) > 0) newest = slot;
    expect(tape.lastTime).toBe(monday.open + newest * 60_000);
    expect(tape.lastPrice).toBe(1000 + newest);
  });

  it('when nothing has traded yet today, then the last trade comes from the previous session and volume is 0', () => {
    const tape = updateTape(wing(), environment(monday.open));
    expect(tape.volume).toBe(0);
    expect(tape.lastPrice).toBeGreaterThan(2000);
    expect(tape.lastTime).toBeLessThanOrEqual(friday.close);
  });

  it('when there is no previous simulated session, then there is no last trade before the first one today', () => {
    const tape = updateTape(wing(), environment(monday.open, monday, null));
    expect(tape.lastPrice).toBeUndefined();
    expect(tape.lastTime).toBeUndefined();
  });

  it('when a new session record starts, then volume restarts from 0', () => {
    const listed = atTheMoney();
    expect(updateTape(listed, environment(monday.close)).volume).toBeGreaterThan(0);
    const tuesday: SessionRecord = { open: Date.parse('2026-11-24T14:30:00Z'), close: Date.parse('2026-11-24T21:00:00Z'), openSpot: 683, firstSlot: 1 };
    expect(updateTape(listed, environment(tuesday.open, tuesday, monday)).volume).toBe(0);
  });
});
