// The paper broker's working record of one order: the request as last modified, its progress,
// its trigger state (stops, trails) and its links (bracket parent/children, OCA groups).
// Mutable on purpose: the exchange updates it in place and the change set persists it.
import type { BrokerOrderRequest, BrokerOrderSnapshot, BrokerOrderState, BrokerOrderStatus } from '../broker.ts';
import type { ClientOrderRef } from '../../../shared/domain/ids.ts';
import { divideByInteger, fromMicros, toDollars, type Money } from '../../../shared/domain/money.ts';
import type { OrderType } from '../../../shared/domain/order-types.ts';

export interface PaperOrder {
  readonly brokerOrderId: number;
  request: BrokerOrderRequest;
  /** The bracket parent's broker id, for a take-profit or stop-loss child. */
  readonly parentId: number | undefined;
  /** A bracket parent's children. */
  readonly childIds: readonly number[];
  /** OCA groups: the request's ocaGroup and, for bracket children, their bracket's group. */
  readonly ocaGroups: readonly string[];
  /** The last state reported (live orders) or the final state. */
  state: BrokerOrderState;
  acknowledged: boolean;
  /** False while a bracket child waits for its parent to fill. */
  active: boolean;
  /** Stops and trails: triggered. Always true for MKT and LMT. */
  elected: boolean;
  stopMicros: number | undefined;
  trailReferenceMicros: number | undefined;
  /** The limit a STP_LMT / TRAIL_LIMIT works at once elected. */
  electedLimitMicros: number | undefined;
  /** In the order's units (combo units for a combo). */
  filledQuantity: number;
  /** Σ price × quantity in micro-dollars (net per unit for a combo), for the average price. */
  filledValueMicros: number;
  /** Contracts or shares over all executions and legs (the commission base). */
  unitsFilled: number;
  commissionCharged: Money;
  readonly placedAt: number;
  acceptedAt: number | undefined;
  /** DAY: the session close at which it expires. */
  expiresAt: number | undefined;
  /** OPG: the open at which it executes. */
  opensAt: number | undefined;
  updatedAt: number;
  reason: string | undefined;
  code: number | undefined;
}

const finalStates: ReadonlySet<BrokerOrderState> = new Set(['CANCELLED', 'FILLED', 'INACTIVE', 'REJECTED']);

export function isFinalState(state: BrokerOrderState): boolean {
  return finalStates.has(state);
}

export function isLive(order: PaperOrder): boolean {
  return !finalStates.has(order.state);
}

const stopTypes: ReadonlySet<OrderType> = new Set(['STP', 'STP_LMT', 'TRAIL', 'TRAIL_LIMIT']);

export function isStopType(type: OrderType): boolean {
  return stopTypes.has(type);
}

export function isTrailingType(type: OrderType): boolean {
  return type === 'TRAIL' || type === 'TRAIL_LIMIT';
}

export function remainingQuantity(order: PaperOrder): number {
  return order.request.quantity - order.filledQuantity;
}

export function averageFillPrice(order: PaperOrder): number | undefined {
  if (order.filledQuantity === 0) return undefined;
  return toDollars(divideByInteger(fromMicros(order.filledValueMicros), order.filledQuantity));
}

export interface NewPaperOrderInput {
  readonly brokerOrderId: number;
  readonly request: BrokerOrderRequest;
  readonly parentId?: number | undefined;
  readonly childIds?: readonly number[];
  readonly ocaGroups: readonly string[];
  readonly now: number;
}

export function newPaperOrder(input: NewPaperOrderInput): PaperOrder {
  return {
    brokerOrderId: input.brokerOrderId,
    request: input.request,
    parentId: input.parentId,
    childIds: input.childIds ?? [],
    ocaGroups: input.ocaGroups,
    state: 'PENDING_SUBMIT',
    acknowledged: false,
    active: input.parentId === undefined,
    elected: !isStopType(input.request.type),
    stopMicros: undefined,
    trailReferenceMicros: undefined,
    electedLimitMicros: undefined,
    filledQuantity: 0,
    filledValueMicros: 0,
    unitsFilled: 0,
    commissionCharged: 0 as Money,
    placedAt: input.now,
    acceptedAt: undefined,
    expiresAt: undefined,
    opensAt: undefined,
    updatedAt: input.now,
    reason: undefined,
    code: undefined,
  };
}

/**
 * The state a live order shows, IB-style: PendingSubmit until acknowledged; PreSubmitted while
 * held (a bracket child before its parent fills, an unelected stop, an OPG order before the
 * open, any order outside regular hours); Submitted while working at the exchange.
 */
export function workingState(order: PaperOrder, regularHours: boolean): BrokerOrderState {
  if (!order.acknowledged) return 'PENDING_SUBMIT';
  if (!order.active || !order.elected || order.request.tif === 'OPG' || !regularHours) return 'PRE_SUBMITTED';
  return 'SUBMITTED';
}

export function toStatus(order: PaperOrder, time: number): BrokerOrderStatus {
  return Object.freeze({
    clientOrderRef: order.request.clientOrderRef,
    brokerOrderId: order.brokerOrderId,
    state: order.state,
    filledQuantity: order.filledQuantity,
    remainingQuantity: remainingQuantity(order),
    averageFillPrice: averageFillPrice(order),
    reason: order.reason,
    code: order.code,
    time,
  });
}

export function toSnapshot(order: PaperOrder, parentClientOrderRef: ClientOrderRef | undefined): BrokerOrderSnapshot {
  return Object.freeze({
    clientOrderRef: order.request.clientOrderRef,
    rawOrderRef: order.request.clientOrderRef,
    brokerOrderId: order.brokerOrderId,
    request: order.request,
    parentClientOrderRef,
    state: order.state,
    filledQuantity: order.filledQuantity,
    remainingQuantity: remainingQuantity(order),
    averageFillPrice: averageFillPrice(order),
  });
}
