// The gate between the order management system and the broker: every order (new, modified,
// replaced, a roll, a flatten) passes PreTradeGate.check before it is sent, and the verdict is
// binding. The risk governor implements it; the OMS depends only on this file.
//
// The gate decides from broker-independent facts it gathers itself (positions, account, quotes,
// clock); callers describe the order, never whether it is "safe". A denial is a value with a
// reason, journaled and published by the gate, never an exception a caller can ignore.
import type { ClientOrderRef, StrategyId } from '../../shared/domain/ids.ts';
import type { Instrument } from '../../shared/domain/instrument.ts';
import type { OrderAction, OrderType } from '../../shared/domain/order-types.ts';
import type { RiskDenial } from '../../shared/domain/risk.ts';

/** What is about to be sent: a new order, or the new values of a modified one. */
export interface OrderIntent {
  readonly clientOrderRef: ClientOrderRef;
  readonly instrument: Instrument;
  readonly action: OrderAction;
  /** Shares, contracts, or combo units. */
  readonly quantity: number;
  readonly type: OrderType;
  /** Per share; a combo's net price per unit (negative = credit). */
  readonly limitPrice: number | undefined;
  readonly stopPrice: number | undefined;
  readonly strategyId: StrategyId | undefined;
  /** 'new' for a fresh order, 'modify' for a change to a working one (counted by the rate throttle, not as a new position). */
  readonly kind: 'new' | 'modify';
  /** Dry-run orders pass every check exactly as live ones. */
  readonly dryRun: boolean;
}

export type GateVerdict = { readonly allowed: true } | { readonly allowed: false; readonly denial: RiskDenial };

export interface PreTradeGate {
  /**
   * Checks `intent` against the trading state and every limit. An allowed intent is counted at
   * once (rate throttle, duplicate window, new positions today) so two racing orders cannot both
   * pass a limit that admits one.
   */
  check(intent: OrderIntent): GateVerdict;
  /** Counts a cancel request toward the message-rate throttle (IB counts every message). */
  recordCancel?(): void;
}
