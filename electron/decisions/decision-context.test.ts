import { describe, expect, it } from 'vitest';
import { fromDollars, type Money } from '../../shared/domain/money.ts';
import { createStrategy } from '../../shared/domain/strategy.ts';
import { createDecisionContext, isDecisionContext, type DecisionContextInput } from './decision-context.ts';
import { createPortfolioSnapshot } from './portfolio-snapshot.ts';
import { FIXTURE_EXPIRY, FIXTURE_NET_LIQUIDATION, fixtureInput, fixtureNow } from './testing/decision-fixtures.ts';

const fieldError = (field: string, message: unknown) => expect.objectContaining({ name: 'DomainValidationError', field, message });

describe('createDecisionContext', () => {
  it('when the default iron condor is given, then P&L, days to expiry and position Greeks are derived in their units', () => {
    const context = createDecisionContext(fixtureInput());
    expect(context).toMatchObject({
      strategyId: 'stg-1', strategyType: 'IRON_CONDOR', underlyingSymbol: 'SPY', quantity: 1,
      entryNetAmount: fromDollars(-150), isCredit: true, entryCredit: fromDollars(150), closeNetAmount: fromDollars(150), pnl: 0,
      pnlFractionOfCredit: 0, pnlFractionOfMaxProfit: 0, maxProfit: fromDollars(150), maxLoss: fromDollars(850),
      expiry: FIXTURE_EXPIRY, daysToExpiry: 44, underlyingPrice: 500, vix: 17, ivRankAtEntry: 55, ivRankNow: 50,
      risk: { tradingState: 'ACTIVE', flattenRequested: false },
      calendar: { today: '2026-04-01', rollExpiry: '2026-06-19' },
      rollEstimate: { sameStrikes: undefined, put: undefined, call: undefined },
    });
    // Short 480 put (−0.16) and short 520 call (+0.16) cancel; gamma −(0.008·2) + 0.004·2 per share × 100.
    expect(context.greeks.delta).toBeCloseTo(0, 10);
    expect(context.greeks.gamma).toBeCloseTo(-0.8, 10);
    expect(context.greeks.vega).toBeCloseTo(-50, 10);
    expect(context.atRisk).toBeCloseTo(0, 6); // delta-neutral: nothing at risk by net delta dollars
    expect(context.legs.map((leg) => [leg.role, leg.isShort, leg.mid])).toEqual([['long_put', false, 0.6], ['short_put', true, 1.4], ['short_call', true, 1.2], ['long_call', false, 0.5]]);
    expect(isDecisionContext(context)).toBe(true);
  });

  it('when it is created, then it is frozen all the way down', () => {
    const context = createDecisionContext(fixtureInput());
    const parts = [context, context.legs, context.legs[0], context.legs[0]?.greeks, context.greeks, context.risk, context.calendar, context.rollEstimate, context.portfolio];
    expect(parts.every((part) => Object.isFrozen(part))).toBe(true);
    expect(isDecisionContext({ ...context })).toBe(false);
  });

  it('when the position gained half its credit over 3 units, then P&L and both fractions say so, exactly in micro-dollars', () => {
    const context = createDecisionContext(fixtureInput({ quantity: 3, closePerShare: 0.75 }));
    expect(context.closeNetAmount).toBe(fromDollars(225));
    expect(context.pnl).toBe(fromDollars(225));
    expect(context.pnlFractionOfCredit).toBe(0.5);
    expect(context.pnlFractionOfMaxProfit).toBe(0.5);
  });

  it('when the position was opened for a debit, then it is not a credit position and has no fraction of credit', () => {
    const context = createDecisionContext(fixtureInput({ entryNetPerShare: 2, maxProfitPerUnit: null }));
    expect(context).toMatchObject({ isCredit: false, entryCredit: 0, pnl: fromDollars(-350), pnlFractionOfCredit: undefined, pnlFractionOfMaxProfit: undefined, maxProfit: undefined });
  });

  it('when a leg market has no mid, then the mid is halfway between bid and ask; implied volatility is optional', () => {
    const input = fixtureInput();
    const legMarkets = input.legMarkets.map((market) => ({ bid: market.bid, ask: market.ask + 0.1, greeks: market.greeks }));
    const context = createDecisionContext({ ...input, legMarkets });
    expect(context.legs[1]?.mid).toBeCloseTo(1.45, 12);
    expect(context.legs[1]?.impliedVolatility).toBeUndefined();
  });

  it('when today is not given, then it is the New York date at now (the evening in New York is still the same day)', () => {
    const eveningInNewYork = Date.parse('2026-04-02T02:30:00Z'); // 22:30 on April 1 in New York
    const context = createDecisionContext({ ...fixtureInput(), calendar: { now: eveningInNewYork, rollExpiry: '2026-06-19' } });
    expect(context.calendar.today).toBe('2026-04-01');
    expect(context.daysToExpiry).toBe(44);
  });

  it('when it is expiry day, then there are 0 days to expiry; the day after, creation fails', () => {
    expect(createDecisionContext(fixtureInput({ daysToExpiry: 0 })).daysToExpiry).toBe(0);
    expect(() => createDecisionContext(fixtureInput({ daysToExpiry: -1 }))).toThrow(fieldError('strategy.legs', `strategy.legs must not have expired before today (2026-05-16); settle expired legs first, got "${FIXTURE_EXPIRY}"`));
  });

  it('when the portfolio was built without this strategy, then creation fails', () => {
    const portfolio = createPortfolioSnapshot({ netLiquidation: FIXTURE_NET_LIQUIDATION, positions: [] });
    expect(() => createDecisionContext({ ...fixtureInput(), portfolio })).toThrow(fieldError('portfolio', `portfolio must include strategy 'stg-1' among its positions, got "stg-1"`));
  });

  it('when the strategy is not open or has no entry amount, then creation fails', () => {
    const input = fixtureInput();
    const pending = createStrategy({ ...input.strategy, status: 'PENDING', openedAt: undefined });
    expect(() => createDecisionContext({ ...input, strategy: pending })).toThrow(fieldError('strategy.status', 'strategy.status must be one of OPEN, CLOSING, got "PENDING"'));
    const unfilled = createStrategy({ ...input.strategy, entryNetAmount: undefined });
    expect(() => createDecisionContext({ ...input, strategy: unfilled })).toThrow(fieldError('strategy.entryNetAmount', 'strategy.entryNetAmount must be known (the strategy has no entry fill yet), got undefined'));
  });

  const base = fixtureInput();
  const leg = base.legMarkets[0];
  it.each<[string, Partial<DecisionContextInput>, unknown]>([
    ['underlyingPrice', { underlyingPrice: Number.NaN }, 'underlyingPrice must be a finite number greater than 0, got NaN'],
    ['vix', { vix: -1 }, 'vix must be at least 0, got -1'],
    ['ivRankNow', { ivRankNow: 101 }, 'ivRankNow must be IV rank points from 0 to 100, got 101'],
    ['ivRankAtEntry', { ivRankAtEntry: Number.NaN }, 'ivRankAtEntry must be a finite number, got NaN'],
    ['maxProfit', { maxProfit: 0 as Money }, 'maxProfit must be greater than 0, got 0'],
    ['maxLoss', { maxLoss: -1 as Money }, 'maxLoss must be at least 0, got -1'],
    ['legMarkets', { legMarkets: base.legMarkets.slice(1) }, 'legMarkets must have one entry per leg (4), got 3'],
    ['legMarkets[0].bid', { legMarkets: [{ ...leg!, bid: Number.NaN }, ...base.legMarkets.slice(1)] }, 'legMarkets[0].bid must be a finite price of at least 0, got NaN'],
    ['legMarkets[0].ask', { legMarkets: [{ ...leg!, bid: 1, ask: 0.9 }, ...base.legMarkets.slice(1)] }, 'legMarkets[0].ask must be at least the bid (1), got 0.9'],
    ['legMarkets[0].mid', { legMarkets: [{ ...leg!, mid: Number.POSITIVE_INFINITY }, ...base.legMarkets.slice(1)] }, 'legMarkets[0].mid must be a finite price of at least 0, got Infinity'],
    ['legMarkets[0].greeks.gamma', { legMarkets: [{ ...leg!, greeks: { ...leg!.greeks, gamma: Number.NaN } }, ...base.legMarkets.slice(1)] }, 'legMarkets[0].greeks.gamma must be a finite number, got NaN'],
    ['legMarkets[0].impliedVolatility', { legMarkets: [{ ...leg!, impliedVolatility: 0 }, ...base.legMarkets.slice(1)] }, 'legMarkets[0].impliedVolatility must be a finite number greater than 0, got 0'],
    ['portfolio', { portfolio: { ...base.portfolio } }, expect.stringContaining('portfolio must come from createPortfolioSnapshot')],
    ['risk.tradingState', { risk: { tradingState: 'PAUSED' as 'HALTED', flattenRequested: false } }, 'risk.tradingState must be one of ACTIVE, REDUCING, HALTED, got "PAUSED"'],
    ['risk.flattenRequested', { risk: { tradingState: 'HALTED', flattenRequested: 'yes' as unknown as boolean } }, 'risk.flattenRequested must be true or false, got "yes"'],
    ['calendar.now', { calendar: { now: Number.NaN } }, 'calendar.now must be epoch milliseconds (a non-negative integer), got NaN'],
    ['calendar.today', { calendar: { ...fixtureNow(44), today: '2026-03-01' } }, 'calendar.today must be the New York date at calendar.now (2026-04-01), got "2026-03-01"'],
    ['calendar.rollExpiry', { calendar: { ...fixtureNow(44), rollExpiry: FIXTURE_EXPIRY } }, `calendar.rollExpiry must be after the strategy's last expiry (${FIXTURE_EXPIRY}), got "${FIXTURE_EXPIRY}"`],
    ['rollEstimate.put', { rollEstimate: { put: Number.NaN } }, 'rollEstimate.put must be a finite number, got NaN'],
  ])('when %s is invalid, then creation fails naming it', (field, override, message) => {
    expect(() => createDecisionContext({ ...base, ...override })).toThrow(fieldError(field, message));
  });
});
