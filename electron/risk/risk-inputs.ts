// The ports the risk governor reads the world through. Each is narrow and synchronous: the gate
// decides at once from the latest facts it holds, never waiting on the broker (PreTradeGate.check
// is synchronous). The composition root adapts the real services to them; tests pass plain
// functions over in-memory data.
import type { AccountSummary } from '../../shared/domain/account.ts';
import type { IsoDate } from '../../shared/domain/calendar.ts';
import type { Contract } from '../../shared/domain/contract.ts';
import type { Greeks } from '../../shared/domain/greeks.ts';
import type { ClientOrderRef, OrderId, StrategyId } from '../../shared/domain/ids.ts';
import type { Money } from '../../shared/domain/money.ts';
import type { Clock } from '../core/clock.ts';
import type { RiskEventInput } from '../persistence/risk-event.ts';
import type { OrderIntent } from './pre-trade-gate.ts';
import type { RiskGovernorEvents } from './risk-events.ts';

/** One line of current holdings (the OMS position book, or the broker's positions after reconciliation). */
export interface RiskPosition {
  readonly contract: Contract;
  /** Signed: + long, − short (0 lines are ignored). */
  readonly quantity: number;
  /** The strategy these contracts belong to, when known; unattributed lines group by underlying (see position-groups.ts). */
  readonly strategyId: StrategyId | undefined;
}

/** What the governor needs of a quote: a reference price, its age and (for options) Greeks. */
export interface RiskQuote {
  /** Per share, dollars. A reference price must be finite and > 0. */
  readonly mid: number;
  /** The quoted bid and ask, when known: a limit between them is never an erroneous price. */
  readonly bid?: number | undefined;
  readonly ask?: number | undefined;
  /** Market time the quote reflects (epoch ms); older than limits.staleDataMs is stale. */
  readonly time: number;
  /** Per-share Greeks of an option (shared/domain/greeks.ts units); undefined for shares. */
  readonly greeks: Greeks | undefined;
  /** The underlying's price; for a share quote, its own mid. */
  readonly underlyingPrice: number;
}

/** A margin preview of one order (the broker's whatIf), already fetched: the gate cannot wait for one. */
export interface MarginPreview {
  readonly maintenanceMarginAfter: Money;
  /** Set when the broker says it would reject the order (insufficient margin, …). */
  readonly rejectReason: string | undefined;
}

export interface RiskInputs {
  readonly clock: Pick<Clock, 'now'>;
  /**
   * The trading day an instant belongs to; day counters reset when it changes. Pass the market
   * calendar's `sessionDate` (electron/market/trading-calendar.ts): the day turns at the next
   * session's open, not at midnight.
   */
  readonly tradingDayOf: (epochMs: number) => IsoDate;
  /** The latest account summary, or undefined before the first one arrived. */
  readonly account: () => AccountSummary | undefined;
  readonly positions: () => readonly RiskPosition[];
  /** The latest quote of a contract, or undefined when there is none. Must not throw (a throw is treated as no quote). */
  readonly quote: (contract: Contract) => RiskQuote | undefined;
  /** Whether the broker is connected now (`isConnected(broker.connectionStatus())`). */
  readonly isConnected: () => boolean;
  /** A whatIf preview the caller fetched for this order, when it has one. Preferred over estimateMargin. */
  readonly marginPreview?: ((intent: OrderIntent) => MarginPreview | undefined) | undefined;
  /** Maintenance margin the order would add, when it can be estimated locally. */
  readonly estimateMargin?: ((intent: OrderIntent) => Money | undefined) | undefined;
}

/** Writes one risk event to the journal (TradingStore.records.recordRiskEvent). May throw: the governor survives it. */
export type RiskJournal = (event: RiskEventInput) => unknown;

/** Finds the stored order of a client order ref, so a denial can name it (store.orders.getByClientOrderRef(ref)?.id). */
export type OrderIdLookup = (reference: ClientOrderRef) => OrderId | undefined;

/** Where risk events are published: an EventBus<RiskGovernorEvents> (or a bus whose map includes them). */
export interface RiskEventPublisher {
  publish<Type extends keyof RiskGovernorEvents>(type: Type, payload: RiskGovernorEvents[Type]): void;
}
