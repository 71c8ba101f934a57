// The vocabulary of the order management system: what callers submit, what they get back, and
// what the OMS remembers about an order beyond the domain Order (its purpose, its replacement
// chain, unresolved outcomes).
import type { BrokerBracketRequest, BrokerOrderChanges, BrokerOrderRequest } from '../broker/broker.ts';
import type { ClientOrderRef, OrderId } from '../../shared/domain/ids.ts';
import type { Instrument } from '../../shared/domain/instrument.ts';
import type { Order } from '../../shared/domain/order.ts';
import type { OrderAction, OrderType, TimeInForce } from '../../shared/domain/order-types.ts';
import type { RiskDenial } from '../../shared/domain/risk.ts';
import type { OrderPriceFields } from '../../shared/domain/order-price-fields.ts';

/** Why an order exists. Only 'entry' orders are cancelled or repriced by the timeout monitor. */
export const ORDER_PURPOSES = ['entry', 'exit', 'hedge', 'flatten'] as const;
export type OrderPurpose = (typeof ORDER_PURPOSES)[number];

/** What is sent: prices per share; a combo's limit is its net price per unit (debit positive, credit negative). */
export interface OrderTerms extends Partial<OrderPriceFields> {
  readonly instrument: Instrument;
  readonly action: OrderAction;
  /** Shares, contracts, or combo units. */
  readonly quantity: number;
  readonly type: OrderType;
  readonly tif: TimeInForce;
}

export interface SubmitOrderInput extends OrderTerms {
  readonly purpose: OrderPurpose;
  readonly strategyId?: string | undefined;
  readonly ocaGroup?: string | undefined;
  /** Set by the timeout monitor on a cancel/replace: the order this one replaces. */
  readonly replacesOrderId?: OrderId | undefined;
}

/** Parent first; the children get parentId = parent and, unless given, one OCA group. */
export interface SubmitBracketInput {
  readonly parent: SubmitOrderInput;
  readonly takeProfit: SubmitOrderInput;
  readonly stopLoss: SubmitOrderInput;
}

export interface SubmitOptions {
  /** Everything as live (gate, journal, events) except the broker call; ids DRY_<leg>_<timestamp>. */
  readonly dryRun?: boolean;
}

/** What the OMS remembers about an order besides the domain Order (journaled as 'oms.order-context'). */
export interface OrderContext {
  readonly purpose: OrderPurpose;
  readonly replacesOrderId: OrderId | undefined;
  readonly dryRun: boolean;
}

/** What a dead-letter queue needs to show, re-submit (under a new reference) or discard an order that was not sent. */
export interface DeadLetterCandidate {
  readonly orderIds: readonly OrderId[];
  readonly request: { readonly kind: 'order'; readonly order: BrokerOrderRequest } | { readonly kind: 'bracket'; readonly bracket: BrokerBracketRequest };
  readonly error: { readonly code: string; readonly message: string };
  readonly time: number;
}

/**
 * The outcome of a submission. Every outcome but 'invalid' has saved the orders first.
 * - sent: handed to the broker (broker ids recorded); acceptance and fills follow as events.
 * - dry-run: gate, journal and events as live; no broker call; the orders end INACTIVE.
 * - denied: the pre-trade gate refused; the orders are REJECTED with the denial's reason.
 * - not-sent: the broker call certainly did not leave; the orders are INACTIVE; `deadLetter` for the DLQ.
 * - unknown: the call may have reached the broker; the orders stay PENDING_SUBMIT, flagged for the reconciler, never resent.
 * - invalid: the input cannot make an order (nothing saved).
 */
export type SubmitResult =
  | { readonly outcome: 'sent' | 'dry-run'; readonly orders: readonly Order[] }
  | { readonly outcome: 'denied'; readonly orders: readonly Order[]; readonly denial: RiskDenial; readonly error: string }
  | { readonly outcome: 'not-sent'; readonly orders: readonly Order[]; readonly deadLetter: DeadLetterCandidate; readonly error: string }
  | { readonly outcome: 'unknown' | 'invalid'; readonly orders: readonly Order[]; readonly error: string };

/** Changes to a working order (a new total quantity must stay above the filled quantity). */
export type OrderChanges = BrokerOrderChanges;

/** A modify the broker took whose terms await its confirmation (the order row does not show them yet). */
export interface PendingModification {
  readonly orderId: OrderId;
  /** The journal sequence of its 'oms.order-modified' entry. */
  readonly sequence: number;
  readonly changes: OrderChanges;
  readonly requestedAt: number;
}

/** confirmed: the order row was amended · refused: the broker said no · dropped: it no longer applies (the order ended, or filled past it). */
export type ModificationSettlement = 'confirmed' | 'refused' | 'dropped';

/**
 * The outcome of a modify or cancel.
 * - sent: handed to the broker. cancelled-locally: never sent, so cancelled without the broker.
 * - already-requested: a cancel is pending. denied: the gate refused a modify (order unchanged).
 * - not-sent: certainly not sent (a cancel restores the order's working status).
 * - unknown: may have reached the broker; flagged for the reconciler. invalid: not applicable.
 */
export type RequestResult =
  | { readonly outcome: 'sent' | 'cancelled-locally' | 'already-requested'; readonly order: Order }
  | { readonly outcome: 'denied'; readonly order: Order; readonly denial: RiskDenial; readonly error: string }
  | { readonly outcome: 'not-sent' | 'unknown'; readonly order: Order; readonly error: string }
  | { readonly outcome: 'invalid'; readonly order: Order | undefined; readonly error: string };

export interface CancelAllResult {
  readonly requested: readonly OrderId[];
  readonly failed: readonly { readonly orderId: OrderId; readonly outcome: string; readonly error: string }[];
}

export type BrokerOperation = 'place' | 'modify' | 'cancel';

/** A request whose outcome is unknown: the reconciler resolves it by client order ref. */
export interface UnknownOutcome {
  readonly orderId: OrderId;
  readonly clientOrderRef: ClientOrderRef;
  readonly operation: BrokerOperation;
  readonly error: string;
  readonly since: number;
}
