// The account as a whole: marks, equity, margin and the summary the broker port reports.
// netLiquidation = cash + positions marked at the mid; buyingPower = equity with loan value
// (cash + shares at the mid; options lend nothing, IB Reg-T) − the margin requirement.
import { createAccountSummary, type AccountSummary } from '../../../shared/domain/account.ts';
import type { Contract } from '../../../shared/domain/contract.ts';
import { add, divideByInteger, fromDollars, fromMicros, subtract, sum, toDollars, type Money } from '../../../shared/domain/money.ts';
import { marketValue, unrealizedPnl } from '../../../shared/domain/position.ts';
import type { ExchangeServices } from './exchange-context.ts';
import { toTouchQuote, type TouchQuote } from './fill-model.ts';
import { marginRequirement, shareEquity, type MarginPrices } from './margin-model.ts';

export function touchOf(services: ExchangeServices, contract: Contract): TouchQuote | undefined {
  const quote = services.market.quote(contract);
  return quote === undefined ? undefined : toTouchQuote(quote);
}

/** Per-share mark in micro-dollars: the mid, else the last trade, else the position's average cost, else 0. */
export function markMicros(services: ExchangeServices, contract: Contract): number {
  const quote = touchOf(services, contract);
  if (quote !== undefined && quote.ask.priceMicros > 0) return divideByInteger(fromMicros(quote.bid.priceMicros + quote.ask.priceMicros), 2);
  if (quote?.lastMicros !== undefined) return quote.lastMicros;
  const averageCost = services.ledger.position(contract)?.averageCost;
  return averageCost === undefined ? 0 : fromDollars(averageCost);
}

export function underlyingMicros(services: ExchangeServices, symbol: string): number | undefined {
  const price = services.market.underlyingPrice(symbol);
  return price === undefined || !Number.isFinite(price) || price <= 0 ? undefined : fromDollars(price);
}

export function marginPrices(services: ExchangeServices): MarginPrices {
  return { mark: (contract) => markMicros(services, contract), underlying: (symbol) => underlyingMicros(services, symbol) };
}

export interface AccountFigures {
  readonly cash: Money;
  readonly equityWithLoan: Money;
  readonly requirement: Money;
  /** equityWithLoan − requirement: what new positions may use (IB "available funds"). */
  readonly available: Money;
  readonly netLiquidation: Money;
  readonly unrealized: Money;
}

export function accountFigures(services: ExchangeServices): AccountFigures {
  const positions = services.ledger.openPositions();
  const prices = marginPrices(services);
  const cash = services.ledger.cash;
  const equityWithLoan = add(cash, shareEquity(positions, prices));
  const requirement = marginRequirement(positions, prices, services.config.margin);
  const marks = positions.map((position) => toDollars(fromMicros(prices.mark(position.contract))));
  return {
    cash,
    equityWithLoan,
    requirement,
    available: subtract(equityWithLoan, requirement),
    netLiquidation: add(cash, sum(positions.map((position, index) => marketValue(position, marks[index] as number)))),
    unrealized: sum(positions.map((position, index) => unrealizedPnl(position, marks[index] as number))),
  };
}

export function accountSummary(services: ExchangeServices, now: number): AccountSummary {
  const figures = accountFigures(services);
  return createAccountSummary({
    accountId: services.config.accountId,
    netLiquidation: figures.netLiquidation,
    cash: figures.cash,
    buyingPower: figures.available,
    marginUsed: figures.requirement,
    realizedPnl: services.ledger.realizedToday(now),
    unrealizedPnl: figures.unrealized,
    updatedAt: now,
  });
}
