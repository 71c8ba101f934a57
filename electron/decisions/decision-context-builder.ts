// Validation and derivation behind createDecisionContext (decision-context.ts documents the units).
import { addDays, daysBetween, newYorkDate, parseIsoDate, type IsoDate } from '../../shared/domain/calendar.ts';
import { invalid } from '../../shared/domain/errors.ts';
import { createGreeks } from '../../shared/domain/greeks.ts';
import { negate, parseMoney, priceValue, subtract, sum, type Money } from '../../shared/domain/money.ts';
import { TRADING_STATES } from '../../shared/domain/risk.ts';
import type { Strategy, StrategyLeg } from '../../shared/domain/strategy.ts';
import { optional, requireArray, requireBoolean, requireEpochMillis, requireFiniteNumber, requireNonNegativePrice, requireOneOf, requirePositiveNumber } from '../../shared/domain/validate.ts';
import type { DecisionContext, DecisionContextInput, DecisionLeg, DecisionLegMarket, RollEstimate } from './decision-context.ts';
import { isPortfolioSnapshot, portfolioIncludes, type PortfolioSnapshot } from './portfolio-snapshot.ts';
import { strategyExposure } from './strategy-exposure.ts';

const monitoredStatuses = ['OPEN', 'CLOSING'] as const;
const built = new WeakSet<DecisionContext>();

/** Whether `value` came from createDecisionContext (validated and frozen). */
export function isDecisionContext(value: unknown): value is DecisionContext {
  return typeof value === 'object' && value !== null && built.has(value as DecisionContext);
}

function requireRank(value: unknown, field: string): number {
  const rank = requireFiniteNumber(value, field);
  if (rank < 0 || rank > 100) invalid(field, 'must be IV rank points from 0 to 100', value);
  return rank;
}

function requireNonNegative(value: unknown, field: string): number {
  const number = requireFiniteNumber(value, field);
  if (number < 0) invalid(field, 'must be at least 0', value);
  return number;
}

function createLeg(leg: StrategyLeg, market: DecisionLegMarket | undefined, field: string): DecisionLeg {
  if (typeof market !== 'object' || market === null) invalid(field, 'must be the market of the leg (bid, ask, greeks)', market);
  const bid = requireNonNegativePrice(market.bid, `${field}.bid`);
  const ask = requireNonNegativePrice(market.ask, `${field}.ask`);
  if (ask < bid) invalid(`${field}.ask`, `must be at least the bid (${bid})`, ask);
  return Object.freeze({
    contract: leg.contract,
    action: leg.action,
    role: leg.role,
    isShort: leg.action === 'SELL',
    ratio: leg.ratio,
    entryPrice: leg.entryPrice,
    bid,
    ask,
    mid: market.mid === undefined ? (bid + ask) / 2 : requireNonNegativePrice(market.mid, `${field}.mid`),
    greeks: createGreeks(market.greeks, `${field}.greeks`),
    impliedVolatility: optional(market.impliedVolatility, `${field}.impliedVolatility`, requirePositiveNumber),
  });
}

function createLegs(strategy: Strategy, markets: readonly unknown[]): readonly DecisionLeg[] {
  if (markets.length !== strategy.legs.length) invalid('legMarkets', `must have one entry per leg (${strategy.legs.length})`, markets.length);
  return Object.freeze(strategy.legs.map((leg, index) => createLeg(leg, markets[index] as DecisionLegMarket | undefined, `legMarkets[${index}]`)));
}

/** What closing every leg at its mid pays (+) or receives (−), exact in micro-dollars. */
function closeNetAmount(legs: readonly DecisionLeg[], quantity: number): Money {
  return sum(legs.map((leg) => {
    const value = priceValue(leg.mid, leg.ratio * quantity, leg.contract.multiplier, 'mid');
    return leg.isShort ? value : negate(value);
  }));
}

function requireToday(value: unknown, now: number): IsoDate {
  if (value === undefined) return newYorkDate(now);
  const today = parseIsoDate(value, 'calendar.today');
  // The New York date is the UTC date or the day before: a cheap check that it belongs to `now`.
  const utcDate = new Date(now).toISOString().slice(0, 10) as IsoDate;
  if (today !== utcDate && today !== addDays(utcDate, -1)) invalid('calendar.today', `must be the New York date at calendar.now (${newYorkDate(now)})`, value);
  return today;
}

function createCalendar(input: DecisionContextInput, legs: readonly DecisionLeg[]): DecisionContext['calendar'] {
  const calendar = input.calendar as DecisionContextInput['calendar'] | undefined;
  if (typeof calendar !== 'object' || calendar === null) invalid('calendar', 'must be an object with now', calendar);
  const now = requireEpochMillis(calendar.now, 'calendar.now');
  const rollExpiry = optional(calendar.rollExpiry, 'calendar.rollExpiry', parseIsoDate);
  const lastExpiry = legs.reduce((latest, leg) => (leg.contract.expiry > latest ? leg.contract.expiry : latest), legs[0]?.contract.expiry ?? ('' as IsoDate));
  if (rollExpiry !== undefined && rollExpiry <= lastExpiry) invalid('calendar.rollExpiry', `must be after the strategy's last expiry (${lastExpiry})`, rollExpiry);
  return Object.freeze({ now, today: requireToday(calendar.today, now), rollExpiry });
}

function createRollEstimate(input: DecisionContextInput['rollEstimate']): RollEstimate {
  const estimate = input ?? {};
  return Object.freeze({
    sameStrikes: optional(estimate.sameStrikes, 'rollEstimate.sameStrikes', requireFiniteNumber),
    put: optional(estimate.put, 'rollEstimate.put', requireFiniteNumber),
    call: optional(estimate.call, 'rollEstimate.call', requireFiniteNumber),
  });
}

function requirePortfolio(portfolio: unknown, strategy: Strategy): PortfolioSnapshot {
  if (!isPortfolioSnapshot(portfolio)) invalid('portfolio', 'must come from createPortfolioSnapshot', portfolio);
  if (!portfolioIncludes(portfolio, strategy.id)) invalid('portfolio', `must include strategy '${strategy.id}' among its positions`, strategy.id);
  return portfolio;
}

function requireStrategy(strategy: Strategy): Money {
  if (typeof strategy !== 'object' || strategy === null) invalid('strategy', 'must be a Strategy', strategy);
  requireOneOf(strategy.status, monitoredStatuses, 'strategy.status');
  if (strategy.entryNetAmount === undefined) invalid('strategy.entryNetAmount', 'must be known (the strategy has no entry fill yet)', undefined);
  return parseMoney(strategy.entryNetAmount, 'strategy.entryNetAmount');
}

function createRisk(risk: DecisionContextInput['risk']): DecisionContext['risk'] {
  if (typeof risk !== 'object' || risk === null) invalid('risk', 'must be an object with tradingState and flattenRequested', risk);
  return Object.freeze({
    tradingState: requireOneOf(risk.tradingState, TRADING_STATES, 'risk.tradingState'),
    flattenRequested: requireBoolean(risk.flattenRequested, 'risk.flattenRequested'),
  });
}

function nearestExpiry(legs: readonly DecisionLeg[]): IsoDate {
  return legs.reduce((nearest, leg) => (leg.contract.expiry < nearest ? leg.contract.expiry : nearest), legs[0]?.contract.expiry ?? ('' as IsoDate));
}

function optionalMoney(value: unknown, field: string, minimum: 0 | 1): Money | undefined {
  const amount = optional(value, field, parseMoney);
  if (amount !== undefined && amount < minimum) invalid(field, minimum === 0 ? 'must be at least 0' : 'must be greater than 0', value);
  return amount;
}

type MoneyFields = Pick<DecisionContext, 'entryNetAmount' | 'isCredit' | 'entryCredit' | 'closeNetAmount' | 'pnl' | 'pnlFractionOfCredit' | 'pnlFractionOfMaxProfit' | 'maxProfit' | 'maxLoss'>;

function moneyFields(input: DecisionContextInput, entryNetAmount: Money, legs: readonly DecisionLeg[]): MoneyFields {
  const maxProfit = optionalMoney(input.maxProfit, 'maxProfit', 1);
  const close = closeNetAmount(legs, input.strategy.quantity);
  const pnl = subtract(negate(entryNetAmount), close);
  const entryCredit = entryNetAmount < 0 ? negate(entryNetAmount) : parseMoney(0);
  return {
    entryNetAmount,
    isCredit: entryNetAmount < 0,
    entryCredit,
    closeNetAmount: close,
    pnl,
    pnlFractionOfCredit: entryCredit > 0 ? pnl / entryCredit : undefined,
    pnlFractionOfMaxProfit: maxProfit === undefined ? undefined : pnl / maxProfit,
    maxProfit,
    maxLoss: optionalMoney(input.maxLoss, 'maxLoss', 0),
  };
}

export function buildDecisionContext(input: DecisionContextInput): DecisionContext {
  if (typeof input !== 'object' || input === null) invalid('input', 'must be a decision context input', input);
  const { strategy } = input;
  const entryNetAmount = requireStrategy(strategy);
  const legs = createLegs(strategy, requireArray(input.legMarkets, 'legMarkets'));
  const calendar = createCalendar(input, legs);
  const expiry = nearestExpiry(legs);
  const daysToExpiry = daysBetween(calendar.today, expiry);
  if (daysToExpiry < 0) invalid('strategy.legs', `must not have expired before today (${calendar.today}); settle expired legs first`, expiry);
  const underlyingPrice = requirePositiveNumber(input.underlyingPrice, 'underlyingPrice');
  const exposure = strategyExposure(legs, strategy.quantity, underlyingPrice);
  const context: DecisionContext = Object.freeze({
    strategyId: strategy.id,
    strategyType: strategy.type,
    underlyingSymbol: strategy.underlyingSymbol,
    legs,
    quantity: strategy.quantity,
    ...moneyFields(input, entryNetAmount, legs),
    expiry,
    daysToExpiry,
    underlyingPrice,
    vix: requireNonNegative(input.vix, 'vix'),
    ivRankAtEntry: optional(input.ivRankAtEntry, 'ivRankAtEntry', requireRank),
    ivRankNow: requireRank(input.ivRankNow, 'ivRankNow'),
    greeks: exposure.greeks,
    atRisk: exposure.atRisk,
    portfolio: requirePortfolio(input.portfolio, strategy),
    risk: createRisk(input.risk),
    calendar,
    rollEstimate: createRollEstimate(input.rollEstimate),
  });
  built.add(context);
  return context;
}
