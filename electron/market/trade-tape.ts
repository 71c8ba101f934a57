// Simulated option trades, volume, last trade and open interest, all pure functions of
// (seed, contract, time) so they never depend on which quotes were asked for, or when.
//
// Trades happen on a slot grid (every `tradeSlotMs`, 60 s by default, from the open): at each
// slot a contract trades with probability p = min(0.9, 0.02 + 0.6·activity), in an exponential
// size of mean 1 + 24·activity contracts (at most 1,000), where
//   activity = e^(−m²/2) × (1.5 at monthlies) ÷ liquidity
// and m is the strike's distance from the session's opening spot in standard deviations of the
// underlying's base volatility over the expiry (at least two days). The trade prints at the
// bid, the ask or the mid of the quote at that slot. Volume sums today's trades up to now; the
// last trade is the newest one in the current or previous simulated session. Open interest is
// set once per session: larger near the money and at monthlies, with a per-day hash jitter.
import type { ListedOption } from './option-chain.ts';
import { YEAR_MS } from './option-chain.ts';
import { hashUnit } from './random.ts';

/** One session as the tape sees it: slots 1…n are at open + j·slotMs; slots before `firstSlot` were not simulated. */
export type SessionRecord = {
  readonly open: number;
  readonly close: number;
  readonly openSpot: number;
  readonly firstSlot: number;
};

export type TradeSide = 'bid' | 'ask' | 'mid';

export type TapeEnvironment = {
  readonly seed: number;
  readonly slotMs: number;
  readonly baseVolatility: number;
  readonly liquidity: number;
  readonly current: SessionRecord;
  readonly previous: SessionRecord | undefined;
  /** Market time: slots up to it have happened. */
  readonly time: number;
  /** The price a trade of `listed` prints at slot `slot` of `session`. */
  readonly priceAt: (listed: ListedOption, session: SessionRecord, slot: number, side: TradeSide) => number;
};

export type TapeState = {
  /** The session record this state counts (a new record, even for the same session, starts afresh). */
  readonly session: SessionRecord;
  readonly activity: number;
  readonly openInterest: number;
  slotsCounted: number;
  volume: number;
  lastPrice: number | undefined;
  lastSize: number | undefined;
  lastTime: number | undefined;
};

const MIN_ACTIVITY_YEARS = 2 / 365;

/** Trading activity of a contract for a session (≈ 1 at the money for SPY, towards 0 in the wings). */
export function contractActivity(listed: ListedOption, session: SessionRecord, baseVolatility: number, liquidity: number): number {
  const years = Math.max(MIN_ACTIVITY_YEARS, (listed.expiry.closeTime - session.open) / YEAR_MS);
  const distance = Math.log(listed.strike / session.openSpot) / (baseVolatility * Math.sqrt(years));
  return (Math.exp(-0.5 * distance * distance) * (listed.expiry.monthly ? 1.5 : 1)) / liquidity;
}

export function tradeProbability(activity: number): number {
  return Math.min(0.9, 0.02 + 0.6 * activity);
}

/** Contracts traded at a slot (0 when none), from hashes of (seed, contract, slot time). */
export function tradeSizeAt(seed: number, listed: ListedOption, slotTime: number, activity: number): number {
  const slotSecond = Math.floor(slotTime / 1000);
  if (hashUnit(seed, listed.id, slotSecond, 1) >= tradeProbability(activity)) return 0;
  const draw = hashUnit(seed, listed.id, slotSecond, 2);
  return Math.min(1000, 1 + Math.floor(-Math.log(1 - draw) * (1 + 24 * activity)));
}

/** Open interest for a session: ~20,000/liquidity contracts at the money of a monthly, jittered ±50 % per day. */
export function openInterestFor(seed: number, listed: ListedOption, session: SessionRecord, activity: number, liquidity: number): number {
  const jitter = 0.5 + hashUnit(seed, listed.id, Math.floor(session.open / 1000), 3);
  const nearness = Math.sqrt(activity * liquidity);
  return Math.round(((50 + 20_000 * nearness) * (listed.expiry.monthly ? 2 : 1) * jitter) / liquidity);
}

function slotTime(session: SessionRecord, slot: number, slotMs: number): number {
  return session.open + slot * slotMs;
}

/** Slots of `session` that have happened by `time`. */
function slotsUpTo(session: SessionRecord, time: number, slotMs: number): number {
  const end = Math.min(time, session.close);
  return end <= session.open ? 0 : Math.floor((end - session.open) / slotMs);
}

function pickSide(seed: number, listed: ListedOption, time: number): TradeSide {
  const draw = hashUnit(seed, listed.id, Math.floor(time / 1000), 4);
  return draw < 0.45 ? 'bid' : draw < 0.9 ? 'ask' : 'mid';
}

function setLast(tape: TapeState, listed: ListedOption, env: TapeEnvironment, session: SessionRecord, slot: number, size: number): void {
  const time = slotTime(session, slot, env.slotMs);
  tape.lastTime = time;
  tape.lastSize = size;
  tape.lastPrice = env.priceAt(listed, session, slot, pickSide(env.seed, listed, time));
}

/** The newest trade of the previous session, for a contract that has not traded yet today. */
function findPreviousTrade(tape: TapeState, listed: ListedOption, env: TapeEnvironment): void {
  const previous = env.previous;
  if (previous === undefined || listed.listedAt > previous.open) return;
  const activity = contractActivity(listed, previous, env.baseVolatility, env.liquidity);
  for (let slot = slotsUpTo(previous, previous.close, env.slotMs); slot >= previous.firstSlot; slot--) {
    const size = tradeSizeAt(env.seed, listed, slotTime(previous, slot, env.slotMs), activity);
    if (size > 0) {
      setLast(tape, listed, env, previous, slot, size);
      return;
    }
  }
}

function newTape(listed: ListedOption, env: TapeEnvironment): TapeState {
  const activity = contractActivity(listed, env.current, env.baseVolatility, env.liquidity);
  return {
    session: env.current,
    activity,
    openInterest: openInterestFor(env.seed, listed, env.current, activity, env.liquidity),
    slotsCounted: env.current.firstSlot - 1,
    volume: 0,
    lastPrice: undefined,
    lastSize: undefined,
    lastTime: undefined,
  };
}

/** Brings the contract's tape up to `env.time` and returns it. */
export function updateTape(listed: ListedOption, env: TapeEnvironment): TapeState {
  let tape = listed.tape;
  const fresh = tape === undefined || tape.session !== env.current;
  if (fresh) tape = listed.tape = newTape(listed, env);
  const state = tape as TapeState;
  const due = slotsUpTo(env.current, env.time, env.slotMs);
  let newestSlot = 0;
  let newestSize = 0;
  for (let slot = state.slotsCounted + 1; slot <= due; slot++) {
    const size = tradeSizeAt(env.seed, listed, slotTime(env.current, slot, env.slotMs), state.activity);
    if (size > 0) {
      state.volume += size;
      newestSlot = slot;
      newestSize = size;
    }
  }
  if (due > state.slotsCounted) state.slotsCounted = due;
  if (newestSlot > 0) setLast(state, listed, env, env.current, newestSlot, newestSize);
  else if (fresh) findPreviousTrade(state, listed, env);
  return state;
}
