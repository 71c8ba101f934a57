// An in-memory world for risk tests: a TestClock, an account, positions, quotes and a
// connection flag the test changes by hand, exposed as RiskInputs; plus order intents and a
// governor wired to a real EventBus. Times sit on Tuesday 2026-03-10 in New York (EDT).
import { createAccountSummary, type AccountSummary } from '../../../shared/domain/account.ts';
import { createCombo, type Combo } from '../../../shared/domain/combo.ts';
import { contractKey, createOptionContract, createUnderlying, type Contract, type OptionContract, type Underlying } from '../../../shared/domain/contract.ts';
import { createGreeks } from '../../../shared/domain/greeks.ts';
import { formatClientOrderRef, parseStrategyId } from '../../../shared/domain/ids.ts';
import { fromDollars, type Money } from '../../../shared/domain/money.ts';
import { createRiskLimits, type RiskLimits } from '../../../shared/domain/risk.ts';
import { EventBus, type BusEvent } from '../../core/event-bus.ts';
import { TestClock } from '../../core/test-clock.ts';
import { sessionDate } from '../../market/trading-calendar.ts';
import type { RiskEventInput } from '../../persistence/risk-event.ts';
import type { OrderIntent } from '../pre-trade-gate.ts';
import type { RiskGovernorEvents } from '../risk-events.ts';
import { RiskGovernor, type RiskGovernorConfig } from '../risk-governor.ts';
import type { MarginPreview, RiskInputs, RiskPosition, RiskQuote } from '../risk-inputs.ts';

/** Tuesday 2026-03-10 11:00 New York (15:00 UTC). */
export const worldStart = Date.UTC(2026, 2, 10, 15);
/** New York wall time on 2026-03-10 plus `days` (EDT, UTC−4). */
export const newYork = (hour: number, minute = 0, days = 0): number => Date.UTC(2026, 2, 10 + days, hour + 4, minute);

export const spy: Underlying = createUnderlying({ kind: 'etf', symbol: 'SPY' });
export const qqq: Underlying = createUnderlying({ kind: 'etf', symbol: 'QQQ' });
export const put440: OptionContract = createOptionContract({ underlyingSymbol: 'SPY', expiry: '2026-04-17', strike: 440, right: 'put' }, worldStart);
export const put430: OptionContract = createOptionContract({ underlyingSymbol: 'SPY', expiry: '2026-04-17', strike: 430, right: 'put' }, worldStart);
export const qqqPut: OptionContract = createOptionContract({ underlyingSymbol: 'QQQ', expiry: '2026-04-17', strike: 400, right: 'put' }, worldStart);
/** Bull put spread as defined: SELL the 440, BUY the 430 (bought as a whole: a credit, net mid −0.35). */
export const putSpread: Combo = createCombo({ legs: [{ contract: put440, ratio: 1, action: 'SELL' }, { contract: put430, ratio: 1, action: 'BUY' }] }, worldStart);

export const dollars = (amount: number): Money => fromDollars(amount);

export function optionQuote(mid: number, delta: number, vega: number, time: number, underlyingPrice = 500): RiskQuote {
  return { mid, time, greeks: createGreeks({ delta, gamma: 0.01, theta: -0.05, vega, rho: 0.01 }), underlyingPrice };
}

export function shareQuote(mid: number, time: number): RiskQuote {
  return { mid, time, greeks: undefined, underlyingPrice: mid };
}

let nextReference = 1;

/** A valid intent: SELL 1 put440 LMT 1.15, new, live; every call gets a fresh client order ref. */
export function intent(overrides: Partial<OrderIntent> = {}): OrderIntent {
  return {
    clientOrderRef: formatClientOrderRef(nextReference++),
    instrument: put440,
    action: 'SELL',
    quantity: 1,
    type: 'LMT',
    limitPrice: 1.15,
    stopPrice: undefined,
    strategyId: undefined,
    kind: 'new',
    dryRun: false,
    ...overrides,
  };
}

export const strategy = (name: string) => parseStrategyId(name);

export class RiskWorld {
  readonly clock: TestClock;
  accountSummary: AccountSummary | undefined;
  positions: RiskPosition[] = [];
  readonly quotes = new Map<string, RiskQuote>();
  connected = true;
  marginPreview: ((intent: OrderIntent) => MarginPreview | undefined) | undefined;
  estimateMargin: ((intent: OrderIntent) => Money | undefined) | undefined = () => dollars(5_000);

  constructor(start = worldStart) {
    this.clock = new TestClock(start);
    this.setAccount({ netLiquidation: 100_000, marginUsed: 20_000 });
    this.refreshQuotes();
  }

  /** Replaces the account summary, stamped now. */
  setAccount(figures: { netLiquidation: number; marginUsed?: number }): void {
    this.accountSummary = createAccountSummary({
      netLiquidation: dollars(figures.netLiquidation),
      cash: dollars(figures.netLiquidation),
      buyingPower: dollars(figures.netLiquidation * 2),
      marginUsed: dollars(figures.marginUsed ?? 20_000),
      realizedPnl: dollars(0),
      unrealizedPnl: dollars(0),
      updatedAt: this.clock.now(),
    });
  }

  /** Fresh quotes (stamped now) for SPY, QQQ and the options. */
  refreshQuotes(): void {
    const now = this.clock.now();
    this.setQuote(spy, shareQuote(500, now));
    this.setQuote(qqq, shareQuote(400, now));
    this.setQuote(put440, optionQuote(1.15, -0.15, 0.3, now));
    this.setQuote(put430, optionQuote(0.8, -0.1, 0.25, now));
    this.setQuote(qqqPut, optionQuote(2, -0.2, 0.4, now, 400));
  }

  setQuote(contract: Contract, quote: RiskQuote | undefined): void {
    if (quote === undefined) this.quotes.delete(contractKey(contract));
    else this.quotes.set(contractKey(contract), quote);
  }

  hold(contract: Contract, quantity: number, strategyId?: string): void {
    this.positions.push({ contract, quantity, strategyId: strategyId === undefined ? undefined : parseStrategyId(strategyId) });
  }

  /** Advances the clock and refreshes account and quotes at the new time. */
  advance(ms: number): void {
    this.clock.advance(ms);
    this.refreshAll();
  }

  advanceTo(time: number): void {
    this.clock.advanceTo(time);
    this.refreshAll();
  }

  refreshAll(): void {
    if (this.accountSummary !== undefined) this.accountSummary = { ...this.accountSummary, updatedAt: this.clock.now() };
    this.refreshQuotes();
  }

  inputs(): RiskInputs {
    return {
      clock: this.clock,
      tradingDayOf: sessionDate,
      account: () => this.accountSummary,
      positions: () => this.positions,
      quote: (contract) => this.quotes.get(contractKey(contract)),
      isConnected: () => this.connected,
      marginPreview: (order) => this.marginPreview?.(order),
      estimateMargin: (order) => this.estimateMargin?.(order),
    };
  }
}

export interface GovernorHarness {
  readonly world: RiskWorld;
  readonly governor: RiskGovernor;
  readonly bus: EventBus<RiskGovernorEvents>;
  /** Every event published, in order. */
  readonly published: BusEvent<RiskGovernorEvents>[];
  /** Every risk event handed to the journal, in order. */
  readonly journaled: RiskEventInput[];
}

/** A reconciled governor over `world` with the default limits (plus `limits`), journaling into an array. */
export function governorHarness(options: { world?: RiskWorld; limits?: Partial<RiskLimits>; reconciled?: boolean; config?: Partial<RiskGovernorConfig> } = {}): GovernorHarness {
  const world = options.world ?? new RiskWorld();
  const bus = new EventBus<RiskGovernorEvents>();
  const published: BusEvent<RiskGovernorEvents>[] = [];
  bus.subscribeAll((event) => published.push(event));
  const journaled: RiskEventInput[] = [];
  const governor = new RiskGovernor({
    inputs: world.inputs(),
    limits: createRiskLimits(options.limits),
    events: bus,
    journal: (event) => journaled.push(event),
    ...options.config,
  });
  if (options.reconciled ?? true) governor.markReconciled();
  published.length = 0;
  journaled.length = 0;
  return { world, governor, bus, published, journaled };
}
