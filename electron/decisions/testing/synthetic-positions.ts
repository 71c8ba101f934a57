// A seeded book of synthetic but realistic open positions for the benchmark and the engine's
// bulk tests: iron condors, put and call credit spreads and short puts on five underlyings,
// opened at 45 days to a Friday expiry with 16-delta short strikes, then aged 0–43 days while the
// underlying and its IV moved. Prices and Greeks come from Black-Scholes-Merton (shared/options).
import { addDays, daysBetween, parseIsoDate, type IsoDate } from '../../../shared/domain/calendar.ts';
import { restoreOptionContract, type OptionRight } from '../../../shared/domain/contract.ts';
import { fromDollars, type Money } from '../../../shared/domain/money.ts';
import { createStrategy, type LegRole, type Strategy, type StrategyType } from '../../../shared/domain/strategy.ts';
import { optionGreeks } from '../../../shared/options/index.ts';
import { createDecisionContext, type DecisionContext, type DecisionLegMarket } from '../decision-context.ts';
import { createPortfolioSnapshot } from '../portfolio-snapshot.ts';
import { strategyExposure } from '../strategy-exposure.ts';
import { seededUniform } from '../../core/seeded-random.ts';

const UNDERLYINGS = [
  { symbol: 'SPY', price: 560, volatility: 0.15, width: 10 },
  { symbol: 'QQQ', price: 480, volatility: 0.2, width: 10 },
  { symbol: 'IWM', price: 215, volatility: 0.22, width: 5 },
  { symbol: 'AAPL', price: 225, volatility: 0.27, width: 5 },
  { symbol: 'TSLA', price: 250, volatility: 0.5, width: 10 },
] as const;
const TYPES: readonly StrategyType[] = ['IRON_CONDOR', 'IRON_CONDOR', 'IRON_CONDOR', 'IRON_CONDOR', 'BULL_PUT', 'BULL_PUT', 'BEAR_CALL', 'SHORT_PUT'];
const TODAY = parseIsoDate('2026-04-01');
const NOW = Date.parse('2026-04-01T15:00:00Z');
const ENTRY_DAYS = 45;
const SHORT_DELTA_Z = 0.994; // the standard-normal quantile of 84 %: a strike about 16 delta away


function normal(next: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
}

const weekday = (date: IsoDate): number => new Date(`${date}T12:00:00Z`).getUTCDay();

function fridayOnOrAfter(date: IsoDate): IsoDate {
  return addDays(date, (5 - weekday(date) + 7) % 7);
}

/** The next third Friday strictly after `date`. */
function nextMonthly(date: IsoDate): IsoDate {
  let day = addDays(date, 1);
  for (;;) {
    const dayOfMonth = Number(day.slice(8, 10));
    if (weekday(day) === 5 && dayOfMonth >= 15 && dayOfMonth <= 21) return day;
    day = addDays(day, 1);
  }
}

function rolesOf(type: StrategyType): readonly LegRole[] {
  if (type === 'IRON_CONDOR') return ['long_put', 'short_put', 'short_call', 'long_call'];
  if (type === 'BULL_PUT') return ['long_put', 'short_put'];
  if (type === 'BEAR_CALL') return ['short_call', 'long_call'];
  return ['short_put'];
}

const cents = (value: number): number => Math.max(0.01, Math.round(value * 100) / 100);

function strikeOf(role: LegRole, entryPrice: number, volatility: number, width: number): number {
  const distance = Math.round(entryPrice * (Math.exp(SHORT_DELTA_Z * volatility * Math.sqrt(ENTRY_DAYS / 365)) - 1));
  const short = role.endsWith('put') ? entryPrice - distance : entryPrice + distance;
  const wing = role.startsWith('long') ? (role.endsWith('put') ? -width : width) : 0;
  return Math.round(short + wing);
}

interface Position {
  readonly strategy: Strategy;
  readonly legMarkets: readonly DecisionLegMarket[];
  readonly maxProfit: Money;
  readonly price: number;
  readonly ivRanks: readonly [number, number];
  readonly rollEstimate: number | undefined;
}

type Underlying = (typeof UNDERLYINGS)[number];

interface MarketNow {
  readonly expiry: IsoDate;
  readonly price: number;
  readonly volatility: number;
  readonly years: number;
}

/** One leg: its entry price per share (signed: credit negative) and its market now. */
function pricedLeg(role: LegRole, underlying: Underlying, now: MarketNow) {
  const right: OptionRight = role.endsWith('put') ? 'put' : 'call';
  const strike = strikeOf(role, underlying.price, underlying.volatility, underlying.width);
  const atEntry = optionGreeks({ right, spot: underlying.price, strike, years: ENTRY_DAYS / 365, rate: 0.04, dividendYield: 0, volatility: underlying.volatility });
  const today = optionGreeks({ right, spot: now.price, strike, years: now.years, rate: 0.04, dividendYield: 0, volatility: now.volatility });
  const short = role.startsWith('short');
  const mid = cents(today.price);
  return {
    entryNet: (short ? -1 : 1) * cents(atEntry.price),
    leg: { contract: restoreOptionContract({ underlyingSymbol: underlying.symbol, expiry: now.expiry, strike, right }), action: short ? ('SELL' as const) : ('BUY' as const), ratio: 1 },
    market: { bid: cents(mid - 0.03), ask: cents(mid + 0.03) + 0.01, mid, greeks: { delta: today.delta, gamma: today.gamma, theta: today.theta, vega: today.vega, rho: today.rho }, impliedVolatility: now.volatility },
  };
}

function position(index: number, next: () => number): Position {
  const underlying = UNDERLYINGS[index % UNDERLYINGS.length] ?? UNDERLYINGS[0];
  const type = TYPES[Math.floor(next() * TYPES.length)] ?? 'IRON_CONDOR';
  const daysLeft = 2 + Math.floor(next() * (ENTRY_DAYS - 1));
  const expiry = fridayOnOrAfter(addDays(TODAY, daysLeft));
  const price = underlying.price * Math.exp(underlying.volatility * Math.sqrt((ENTRY_DAYS - daysLeft) / 365) * normal(next));
  const now: MarketNow = { expiry, price, volatility: underlying.volatility * (0.8 + 0.4 * next()), years: daysBetween(TODAY, expiry) / 365 };
  const quantity = 1 + Math.floor(next() * 5);
  const legs = rolesOf(type).map((role) => pricedLeg(role, underlying, now));
  const entryNetPerShare = Math.round(Math.min(legs.reduce((total, leg) => total + leg.entryNet, 0), -0.05) * 100) / 100;
  const openedAt = NOW - (ENTRY_DAYS - daysLeft) * 86_400_000;
  const strategy = createStrategy({
    id: `syn-${String(index).padStart(5, '0')}`,
    type,
    underlyingSymbol: underlying.symbol,
    legs: legs.map((entry) => entry.leg),
    quantity,
    status: 'OPEN',
    entryNetPrice: entryNetPerShare,
    entryNetAmount: fromDollars(Math.round(entryNetPerShare * 100) * quantity),
    createdAt: openedAt,
    openedAt,
  });
  const ivEntry = 40 + 40 * next();
  const ivNow = Math.min(100, Math.max(0, ivEntry + 15 * normal(next)));
  const rollEstimate = next() < 0.5 ? undefined : Math.round((next() - 0.3) * 100) / 100;
  return { strategy, legMarkets: legs.map((entry) => entry.market), maxProfit: fromDollars(-entryNetPerShare * 100 * quantity), price, ivRanks: [ivEntry, ivNow], rollEstimate };
}

/** `count` open positions and their decision contexts over one shared portfolio snapshot. */
export function syntheticContexts(count: number, seed = 1): DecisionContext[] {
  const next = seededUniform(seed);
  const positions = Array.from({ length: count }, (_, index) => position(index, next));
  const exposures = positions.map((entry) => strategyExposure(entry.strategy.legs.map((leg, index) => ({ ...leg, greeks: entry.legMarkets[index]?.greeks ?? { delta: 0, gamma: 0, theta: 0, vega: 0, rho: 0 } })), entry.strategy.quantity, entry.price));
  const portfolio = createPortfolioSnapshot({
    netLiquidation: fromDollars(100_000_000),
    positions: positions.map((entry, index) => ({ strategyId: entry.strategy.id, underlyingSymbol: entry.strategy.underlyingSymbol, greeks: exposures[index]?.greeks ?? { delta: 0, gamma: 0, theta: 0, vega: 0, rho: 0 }, atRisk: exposures[index]?.atRisk ?? 0 })),
  });
  return positions.map((entry) => {
    const expiry = entry.strategy.legs[0]?.contract.expiry ?? TODAY;
    const side = entry.strategy.type === 'BEAR_CALL' ? 'call' : 'put';
    return createDecisionContext({
      strategy: entry.strategy,
      legMarkets: entry.legMarkets,
      maxProfit: entry.maxProfit,
      maxLoss: undefined,
      underlyingPrice: entry.price,
      vix: 18,
      ivRankAtEntry: entry.ivRanks[0],
      ivRankNow: entry.ivRanks[1],
      portfolio,
      risk: { tradingState: 'ACTIVE', flattenRequested: false },
      calendar: { now: NOW, today: TODAY, rollExpiry: nextMonthly(expiry) },
      rollEstimate: entry.rollEstimate === undefined ? undefined : { sameStrikes: entry.rollEstimate, [side]: entry.rollEstimate },
    });
  });
}
