// What the headless runner prints: the live status line and the JSON summary. The summary holds
// only simulated facts (no wall-clock times), so the same seed and options print the same bytes.
import { format, toDollars, type Money } from '../../shared/domain/money.ts';
import type { AccountSummary } from '../../shared/domain/account.ts';
import type { ClockSpeed } from '../core/accelerated-clock.ts';
import type { EngineStatus } from './workstation-engine.ts';

const newYorkTime = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'America/New_York',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

export function formatNewYorkTime(epochMs: number): string {
  return `${newYorkTime.format(epochMs).replace(',', '')} ET`;
}

function signed(amount: Money): string {
  return amount >= 0 ? `+${format(amount)}` : format(amount);
}

export function statusLine(status: EngineStatus): string {
  const prices = status.underlyings.map((quote) => `${quote.symbol} ${quote.last.toFixed(2)}`).join('  ');
  const { account, risk } = status;
  const money = account === undefined ? 'account —' : `P&L ${signed((account.realizedPnl + account.unrealizedPnl) as Money)} | net liq ${format(account.netLiquidation)}`;
  return [
    formatNewYorkTime(status.time),
    status.marketOpen ? 'open' : 'closed',
    prices,
    `VIX ${status.vix.toFixed(2)}`,
    `${risk.tradingState}${risk.reconciled ? '' : ' (unreconciled)'}`,
    status.connection,
    `orders ${status.workingOrders}`,
    `positions ${status.positions.length}`,
    money,
  ].join(' | ');
}

export type SummaryInput = {
  readonly seed: number;
  readonly speed: ClockSpeed;
  readonly startTime: number;
  readonly status: EngineStatus;
  readonly marketSteps: number;
  readonly quotesGenerated: number;
  readonly executions: number;
  readonly ordersPlaced: number;
};

const cents = (amount: Money): number => Math.round(toDollars(amount) * 100) / 100;

function accountFigures(account: AccountSummary) {
  return {
    netLiquidation: cents(account.netLiquidation),
    cash: cents(account.cash),
    buyingPower: cents(account.buyingPower),
    marginUsed: cents(account.marginUsed),
    realizedPnl: cents(account.realizedPnl),
    unrealizedPnl: cents(account.unrealizedPnl),
  };
}

export function summary(input: SummaryInput): Record<string, unknown> {
  const { status } = input;
  return {
    seed: input.seed,
    speed: input.speed,
    start: new Date(input.startTime).toISOString(),
    end: new Date(status.time).toISOString(),
    marketSteps: input.marketSteps,
    quotesGenerated: input.quotesGenerated,
    prices: Object.fromEntries(
      status.underlyings.map((quote) => [quote.symbol, { last: quote.last, bid: quote.bid, ask: quote.ask, previousClose: quote.previousClose }]),
    ),
    vix: Math.round(status.vix * 100) / 100,
    orders: { placed: input.ordersPlaced, working: status.workingOrders },
    fills: input.executions,
    positions: status.positions.length,
    tradingState: status.risk.tradingState,
    account: status.account === undefined ? null : accountFigures(status.account),
  };
}
