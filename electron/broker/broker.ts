// The broker port: the one interface the paper broker and the IB broker both implement, and the
// only way the engine talks to a broker. Its shape follows IB's realities
// (../shared/research/ib-protocol.md) so the IB adapter fits without a redesign:
//
// - Identity. Every order carries our client order ref (IB `order.orderRef`), echoed back in
//   every status, open-order and execution report, so broker state is matched to ours after a
//   restart. The broker's numeric order id is the broker's business: the adapter allocates it
//   (IB: above every id it has ever seen) and reports it; the engine never invents one.
// - Outcomes. place/modify/cancel resolve once the request has been handed to the broker, not
//   when the broker answered: acceptance, rejection and fills arrive later as events. When a call
//   rejects, its BrokerRequestError says whether the request certainly did not leave
//   ('not-sent': safe to retry) or may have ('unknown': resolve by client order ref, never resend).
// - Fills come from executions, one per leg for a combo (its own contract, execution id and
//   side), never from status reports alone (IB does not report every transition). Commissions
//   may arrive after their execution, as their own event.
// - Statuses are reported in IB's vocabulary mapped one to one (PreSubmitted, PendingCancel, …);
//   the OMS turns them into domain order events through the one transition table.
import type { AccountSummary } from '../../shared/domain/account.ts';
import type { ConnectionStatus, BrokerKind } from '../../shared/domain/connection.ts';
import type { Contract } from '../../shared/domain/contract.ts';
import type { ClientOrderRef, ExecutionId } from '../../shared/domain/ids.ts';
import type { Instrument } from '../../shared/domain/instrument.ts';
import type { Money } from '../../shared/domain/money.ts';
import type { OrderPriceFields } from '../../shared/domain/order-price-fields.ts';
import type { OrderAction, OrderType, TimeInForce } from '../../shared/domain/order-types.ts';
import type { Disposable } from '../core/lifecycle.ts';

/**
 * What the engine asks a broker to work. Prices are per share; a combo's limit is its net price
 * per unit (negative = credit). The price fields and their meaning are the domain's (OrderPriceFields).
 */
export interface BrokerOrderRequest extends Partial<OrderPriceFields> {
  readonly clientOrderRef: ClientOrderRef;
  readonly instrument: Instrument;
  readonly action: OrderAction;
  /** Shares, contracts, or combo units. */
  readonly quantity: number;
  readonly type: OrderType;
  readonly tif: TimeInForce;
  /** One-cancels-all group: when one member fills, the broker cancels the others. */
  readonly ocaGroup?: string | undefined;
}

/** A bracket: the parent works first; the two children activate when it fills and cancel each other (OCA). */
export interface BrokerBracketRequest {
  readonly parent: BrokerOrderRequest;
  readonly takeProfit: BrokerOrderRequest;
  readonly stopLoss: BrokerOrderRequest;
}

export interface BrokerBracketIds {
  readonly parent: number;
  readonly takeProfit: number;
  readonly stopLoss: number;
}

/** Fields a modify may change (IB: the same order id resent with new values). */
export interface BrokerOrderChanges {
  readonly quantity?: number;
  readonly limitPrice?: number;
  readonly stopPrice?: number;
  readonly trailingAmount?: number;
  readonly trailingPercent?: number;
  readonly limitOffset?: number;
  readonly tif?: TimeInForce;
}

/**
 * Order status as the broker reports it, IB's words mapped one to one: PENDING_SUBMIT
 * (PendingSubmit/ApiPending), PRE_SUBMITTED (held: stops not yet elected, bracket children),
 * SUBMITTED (working; also while partially filled), PENDING_CANCEL, CANCELLED
 * (Cancelled/ApiCancelled, including DAY expiry and OCA cancels), FILLED, INACTIVE, REJECTED
 * (IB error 201 and the paper broker's rejections).
 */
export const BROKER_ORDER_STATES = [
  'PENDING_SUBMIT',
  'PRE_SUBMITTED',
  'SUBMITTED',
  'PENDING_CANCEL',
  'CANCELLED',
  'FILLED',
  'INACTIVE',
  'REJECTED',
] as const;
export type BrokerOrderState = (typeof BROKER_ORDER_STATES)[number];

export interface BrokerOrderStatus {
  readonly clientOrderRef: ClientOrderRef;
  readonly brokerOrderId: number;
  readonly state: BrokerOrderState;
  /** Cumulative, in the order's units (combo units for a combo). */
  readonly filledQuantity: number;
  readonly remainingQuantity: number;
  /** Per share (net per unit for a combo); undefined until something filled. */
  readonly averageFillPrice: number | undefined;
  /** Why it was rejected, cancelled or made inactive, in the broker's words. */
  readonly reason: string | undefined;
  /** Broker error code behind a rejection or cancel, when there is one (IB 201, 202, …). */
  readonly code: number | undefined;
  readonly time: number;
}

/** One execution of one contract. A combo fill produces one per leg, each with its own id. */
export interface BrokerExecution {
  /** Unique per execution (IB execId); a correction has a new id. Used to de-duplicate. */
  readonly executionId: ExecutionId;
  readonly clientOrderRef: ClientOrderRef;
  readonly brokerOrderId: number;
  /** The contract that traded: the leg's own contract for a combo. */
  readonly contract: Contract;
  /** Index of the leg within the combo order; undefined for a single-contract order. */
  readonly legIndex: number | undefined;
  readonly action: OrderAction;
  readonly quantity: number;
  readonly price: number;
  readonly time: number;
  /** Known when the broker reports it with the execution; otherwise a later commission event. */
  readonly commission: Money | undefined;
}

export interface BrokerCommission {
  readonly executionId: ExecutionId;
  readonly commission: Money;
}

/** An order the broker is working or has just finished, as reported by openOrders(). */
export interface BrokerOrderSnapshot {
  /** Undefined for orders not placed by this app (no or foreign order ref). */
  readonly clientOrderRef: ClientOrderRef | undefined;
  readonly rawOrderRef: string | undefined;
  readonly brokerOrderId: number;
  readonly request: BrokerOrderRequest;
  readonly parentClientOrderRef: ClientOrderRef | undefined;
  readonly state: BrokerOrderState;
  readonly filledQuantity: number;
  readonly remainingQuantity: number;
  readonly averageFillPrice: number | undefined;
}

export interface BrokerPosition {
  readonly contract: Contract;
  /** Signed: positive long, negative short. */
  readonly quantity: number;
  /**
   * Average cost per share. IB's includes commissions; the paper broker's does not. Compare
   * quantities exactly and costs with a tolerance.
   */
  readonly averageCost: number;
}

/** A margin preview (IB whatIf): what the order would do to the account, without placing it. */
export interface BrokerWhatIf {
  readonly initialMarginChange: Money;
  readonly maintenanceMarginChange: Money;
  readonly initialMarginAfter: Money;
  readonly maintenanceMarginAfter: Money;
  readonly equityWithLoanAfter: Money;
  readonly commission: Money;
  /** Set when the broker would reject the order (e.g. insufficient buying power). */
  readonly rejectReason: string | undefined;
  readonly warning: string | undefined;
}

export type BrokerEvent =
  | { readonly type: 'connection'; readonly status: ConnectionStatus }
  | { readonly type: 'order-status'; readonly status: BrokerOrderStatus }
  | { readonly type: 'execution'; readonly execution: BrokerExecution }
  | { readonly type: 'commission'; readonly commission: BrokerCommission }
  /** Warnings and informational messages (IB 399, 2104, …), never a status change by themselves. */
  | { readonly type: 'notice'; readonly code: number | undefined; readonly message: string; readonly clientOrderRef: ClientOrderRef | undefined };

export type BrokerEventListener = (event: BrokerEvent) => void;

export interface Broker {
  readonly kind: BrokerKind;

  connect(): Promise<void>;
  disconnect(): Promise<void>;
  connectionStatus(): ConnectionStatus;
  /** Every event, in the order the broker reported them, until the returned Disposable is disposed. */
  subscribe(listener: BrokerEventListener): Disposable;

  /** Places a single, combo or OCA-member order; resolves with the broker's order id once handed over. */
  placeOrder(request: BrokerOrderRequest): Promise<{ readonly brokerOrderId: number }>;
  /** Places parent and children together; children are held until the parent fills. */
  placeBracketOrder(request: BrokerBracketRequest): Promise<BrokerBracketIds>;
  modifyOrder(clientOrderRef: ClientOrderRef, changes: BrokerOrderChanges): Promise<void>;
  cancelOrder(clientOrderRef: ClientOrderRef): Promise<void>;
  /** Cancels every working order of the account (IB reqGlobalCancel), ours or not. */
  cancelAllOrders(): Promise<void>;

  openOrders(): Promise<readonly BrokerOrderSnapshot[]>;
  positions(): Promise<readonly BrokerPosition[]>;
  /** Executions at or after `since` (epoch ms), with commissions where known. */
  executions(since: number): Promise<readonly BrokerExecution[]>;
  accountSummary(): Promise<AccountSummary>;
  whatIf(request: BrokerOrderRequest): Promise<BrokerWhatIf>;
}
