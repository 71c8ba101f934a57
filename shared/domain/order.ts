// An order as the OMS stores it. createOrder makes a new order (status CREATED) and checks it
// against `now`; restoreOrder re-validates a stored order, including that its status and fill
// fields agree. Status changes go through order-status.ts, never by assignment elsewhere.
import { invalid } from './errors.ts';
import { parseClientOrderRef, parseOrderId, parseStrategyId, type ClientOrderRef, type OrderId, type StrategyId } from './ids.ts';
import { requireInstrumentNotExpired, restoreInstrument, type Instrument } from './instrument.ts';
import { validateOrderPriceFields, type OrderPriceFields } from './order-price-fields.ts';
import {
  ORDER_ACTIONS,
  ORDER_STATUSES,
  ORDER_TYPES,
  TIME_IN_FORCES,
  type OrderAction,
  type OrderStatus,
  type OrderType,
  type TimeInForce,
} from './order-types.ts';
import {
  optional,
  requireEpochMillis,
  requireFiniteNumber,
  requireNonEmptyString,
  requireNonNegativeInteger,
  requireOneOf,
  requirePositiveInteger,
} from './validate.ts';

export interface Order extends OrderPriceFields {
  readonly id: OrderId;
  /** Our reference, sent as IB `order.orderRef` (see ids.ts). */
  readonly clientOrderRef: ClientOrderRef;
  /** IB's numeric order id once assigned; undefined before sending. */
  readonly brokerOrderId: number | undefined;
  readonly instrument: Instrument;
  readonly action: OrderAction;
  /** Shares, contracts, or combo units. */
  readonly quantity: number;
  readonly type: OrderType;
  readonly tif: TimeInForce;
  readonly status: OrderStatus;
  readonly filledQuantity: number;
  /** Per-share average fill price (net per unit for combos); undefined until something fills. */
  readonly averageFillPrice: number | undefined;
  /** Parent of a bracket child. */
  readonly parentId: OrderId | undefined;
  /** One-cancels-all group name. */
  readonly ocaGroup: string | undefined;
  readonly strategyId: StrategyId | undefined;
  readonly createdAt: number;
  readonly updatedAt: number;
  /** When the last fill completed the order; undefined unless FILLED. */
  readonly filledAt: number | undefined;
  /** Why the order was rejected, cancelled or made inactive (broker text or risk denial). */
  readonly statusMessage: string | undefined;
}

export interface NewOrderInput extends Partial<OrderPriceFields> {
  readonly id: string;
  readonly clientOrderRef: string;
  readonly instrument: Instrument;
  readonly action: OrderAction;
  readonly quantity: number;
  readonly type: OrderType;
  readonly tif: TimeInForce;
  readonly parentId?: string | undefined;
  readonly ocaGroup?: string | undefined;
  readonly strategyId?: string | undefined;
}

function validateCommonFields(input: NewOrderInput) {
  const instrument = restoreInstrument(input.instrument);
  if (instrument.kind === 'index') invalid('instrument.kind', 'must be tradable (an index is not; trade its options)', instrument.kind);
  const type = requireOneOf(input.type, ORDER_TYPES, 'type');
  return {
    id: parseOrderId(input.id, 'id'),
    clientOrderRef: parseClientOrderRef(input.clientOrderRef),
    instrument,
    action: requireOneOf(input.action, ORDER_ACTIONS, 'action'),
    quantity: requirePositiveInteger(input.quantity, 'quantity'),
    type,
    tif: requireOneOf(input.tif, TIME_IN_FORCES, 'tif'),
    ...validateOrderPriceFields(type, priceFieldsOf(input), instrument.kind === 'combo'),
    parentId: optional(input.parentId, 'parentId', parseOrderId),
    ocaGroup: optional(input.ocaGroup, 'ocaGroup', (value, field) => requireNonEmptyString(value, field, 100)),
    strategyId: optional(input.strategyId, 'strategyId', parseStrategyId),
  };
}

function priceFieldsOf(input: Partial<OrderPriceFields>): OrderPriceFields {
  const { limitPrice, stopPrice, trailingAmount, trailingPercent, limitOffset } = input;
  return { limitPrice, stopPrice, trailingAmount, trailingPercent, limitOffset };
}

/** A new order, status CREATED, nothing filled. Options in it must not have expired before today (New York). */
export function createOrder(input: NewOrderInput, now: number): Order {
  const createdAt = requireEpochMillis(now, 'now');
  const common = validateCommonFields(input);
  requireInstrumentNotExpired(common.instrument, createdAt);
  if (common.parentId === common.id) invalid('parentId', 'must differ from the order id', common.parentId);
  return Object.freeze({
    ...common,
    brokerOrderId: undefined,
    status: 'CREATED',
    filledQuantity: 0,
    averageFillPrice: undefined,
    createdAt,
    updatedAt: createdAt,
    filledAt: undefined,
    statusMessage: undefined,
  });
}

/** Re-validates a stored order (no time check on expiry), including status/fill consistency. */
export function restoreOrder(input: Order): Order {
  const common = validateCommonFields(input);
  const order: Order = Object.freeze({
    ...common,
    brokerOrderId: optional(input.brokerOrderId, 'brokerOrderId', requireNonNegativeInteger),
    status: requireOneOf(input.status, ORDER_STATUSES, 'status'),
    filledQuantity: requireNonNegativeInteger(input.filledQuantity, 'filledQuantity'),
    averageFillPrice: optional(input.averageFillPrice, 'averageFillPrice', requireFiniteNumber),
    createdAt: requireEpochMillis(input.createdAt, 'createdAt'),
    updatedAt: requireEpochMillis(input.updatedAt, 'updatedAt'),
    filledAt: optional(input.filledAt, 'filledAt', requireEpochMillis),
    statusMessage: optional(input.statusMessage, 'statusMessage', requireNonEmptyString),
  });
  requireConsistentFillState(order);
  if (order.updatedAt < order.createdAt) invalid('updatedAt', `must not be before createdAt (${order.createdAt})`, order.updatedAt);
  return order;
}

const statusesWithoutFills: ReadonlySet<OrderStatus> = new Set(['CREATED', 'PENDING_SUBMIT', 'PRE_SUBMITTED', 'SUBMITTED']);

function requireConsistentFillState(order: Order): void {
  const { status, filledQuantity, quantity } = order;
  if (filledQuantity > quantity) invalid('filledQuantity', `must not exceed quantity (${quantity})`, filledQuantity);
  if ((status === 'FILLED') !== (filledQuantity === quantity)) {
    invalid('filledQuantity', `must equal quantity (${quantity}) exactly when status is FILLED (status is ${status})`, filledQuantity);
  }
  if (status === 'PARTIALLY_FILLED' && filledQuantity === 0) invalid('filledQuantity', 'must be above 0 when PARTIALLY_FILLED', filledQuantity);
  if (statusesWithoutFills.has(status) && filledQuantity !== 0) invalid('filledQuantity', `must be 0 when ${status}`, filledQuantity);
  if ((order.averageFillPrice === undefined) !== (filledQuantity === 0)) {
    invalid('averageFillPrice', `must be set exactly when something filled (filledQuantity is ${filledQuantity})`, order.averageFillPrice);
  }
  if (order.averageFillPrice !== undefined && order.instrument.kind !== 'combo' && order.averageFillPrice < 0) {
    invalid('averageFillPrice', 'must be at least 0', order.averageFillPrice);
  }
  if ((order.filledAt === undefined) === (status === 'FILLED')) {
    invalid('filledAt', `must be set exactly when status is FILLED (status is ${status})`, order.filledAt);
  }
}

/** Quantity still open: quantity − filledQuantity. */
export function remainingQuantity(order: Pick<Order, 'quantity' | 'filledQuantity'>): number {
  return order.quantity - order.filledQuantity;
}
