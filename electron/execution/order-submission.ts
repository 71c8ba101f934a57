// The submission pipeline, for a single order and for a bracket (parent + two children sent in
// one broker call):
//   build (ids from the persisted reference counter) → save CREATED → pre-trade gate →
//   SUBMIT_SENT (saved BEFORE the broker call) → broker call → settle the outcome.
// A denial rejects the orders (REJECTED with the reason); 'not-sent' makes them INACTIVE and
// hands a dead-letter candidate back; any other failure leaves them PENDING_SUBMIT, flagged as
// unknown, never resent. A dry run does everything but the call and ends the orders INACTIVE.
import type { Broker, BrokerOrderRequest } from '../broker/broker.ts';
import type { Clock } from '../core/clock.ts';
import type { OrderIntent, PreTradeGate } from '../risk/pre-trade-gate.ts';
import { DomainValidationError } from '../../shared/domain/errors.ts';
import type { OrderId } from '../../shared/domain/ids.ts';
import { createOrder, type Order } from '../../shared/domain/order.ts';
import { requireOneOf } from '../../shared/domain/validate.ts';
import { callBroker, errorText, type BrokerCallOutcome } from './broker-call.ts';
import type { OmsOrderBook } from './oms-order-book.ts';
import { dryRunOrderId, orderIdForClientOrderRef, type DryRunTimestamps } from './order-ids.ts';
import { ORDER_PURPOSES, type DeadLetterCandidate, type OrderTerms, type SubmitOrderInput, type SubmitResult } from './oms-types.ts';
import { checkGate, type GateCheck } from './gate-check.ts';

export interface SubmissionContext {
  readonly book: OmsOrderBook;
  readonly broker: Broker;
  readonly gate: PreTradeGate;
  readonly clock: Clock;
  readonly brokerCallTimeoutMs: number;
  readonly dryRunTimestamps: DryRunTimestamps;
  /** Orders whose cancel this process has sent (a PENDING_CANCEL from before a restart is not among them). */
  readonly cancelsSent: Set<OrderId>;
}

export const DRY_RUN_MESSAGE = 'dry run: not sent to the broker';

/** Submits one order, or a bracket when `inputs` is [parent, takeProfit, stopLoss] and `bracket` is true. */
export async function submitOrders(context: SubmissionContext, inputs: readonly SubmitOrderInput[], bracket: boolean, dryRun: boolean): Promise<SubmitResult> {
  const built = buildOrders(context, inputs, bracket, dryRun);
  if (typeof built === 'string') return { outcome: 'invalid', orders: [], error: built };
  const created = context.book.create(built.map((order, index) => ({ order, purpose: (inputs[index] as SubmitOrderInput).purpose, replacesOrderId: inputs[index]?.replacesOrderId })));
  const verdict = checkAll(context, created, dryRun);
  if (verdict !== undefined) return rejectDenied(context, created, verdict);
  const sent = context.book.atomically(() => created.map((order) => context.book.status(order.id, { type: 'SUBMIT_SENT' }, {}, 'oms').order));
  if (dryRun) return finishDryRun(context, sent);
  return send(context, sent, bracket);
}

function buildOrders(context: SubmissionContext, inputs: readonly SubmitOrderInput[], bracket: boolean, dryRun: boolean): Order[] | string {
  const { book } = context;
  const now = context.clock.now();
  const timestamp = dryRun ? context.dryRunTimestamps.next(now, (time) => inputs.some((_, leg) => book.get(dryRunOrderId(leg, time)) !== undefined)) : 0;
  const orders: Order[] = [];
  try {
    inputs.forEach((input, leg) => {
      requireOneOf(input.purpose, ORDER_PURPOSES, 'purpose');
      const clientOrderRef = book.store.nextClientOrderRef();
      const id = dryRun ? dryRunOrderId(leg, timestamp) : orderIdForClientOrderRef(clientOrderRef);
      const parent = bracket && leg > 0 ? orders[0] : undefined;
      // Bracket children cancel each other: one OCA group, named after the parent unless given.
      const ocaGroup = input.ocaGroup ?? (parent === undefined ? undefined : `oca-${parent.clientOrderRef}`);
      orders.push(createOrder({ ...termsOf(input), ocaGroup, strategyId: input.strategyId, id, clientOrderRef, parentId: parent?.id }, now));
    });
  } catch (error) {
    if (error instanceof DomainValidationError) return bracket ? `bracket order ${['parent', 'takeProfit', 'stopLoss'][orders.length]}: ${error.message}` : error.message;
    throw error;
  }
  return orders;
}

function termsOf(input: OrderTerms): OrderTerms {
  const { instrument, action, quantity, type, tif, limitPrice, stopPrice, trailingAmount, trailingPercent, limitOffset } = input;
  return { instrument, action, quantity, type, tif, limitPrice, stopPrice, trailingAmount, trailingPercent, limitOffset };
}

export function intentOf(order: Order, terms: OrderTerms, kind: OrderIntent['kind'], dryRun: boolean): OrderIntent {
  return {
    clientOrderRef: order.clientOrderRef,
    instrument: terms.instrument,
    action: terms.action,
    quantity: terms.quantity,
    type: terms.type,
    limitPrice: terms.limitPrice,
    stopPrice: terms.stopPrice,
    strategyId: order.strategyId,
    kind,
    dryRun,
  };
}

/** Checks the orders in order and stops at the first denial (later members are not counted by the gate). */
type Denied = Extract<GateCheck, { allowed: false }> & { readonly index: number };

function checkAll(context: SubmissionContext, orders: readonly Order[], dryRun: boolean): Denied | undefined {
  for (const [index, order] of orders.entries()) {
    const check = checkGate(context.gate, intentOf(order, order, 'new', dryRun));
    if (!check.allowed) return { ...check, index };
  }
  return undefined;
}

function rejectDenied(context: SubmissionContext, orders: readonly Order[], verdict: Denied): SubmitResult {
  const { book } = context;
  const denied = orders[verdict.index] as Order;
  const reason = verdict.message;
  const time = book.now();
  const rejected = book.atomically(() =>
    orders.map((order) => {
      const message = order.id === denied.id ? reason : `not sent: ${denied.id} of the same bracket was ${reason}`;
      book.note('oms.request-outcome', { orderId: order.id, clientOrderRef: order.clientOrderRef, operation: 'place', outcome: 'denied', error: message, code: verdict.denial.code, time });
      return book.status(order.id, { type: 'REJECTED' }, { message }, 'oms').order;
    }),
  );
  book.publish('order.denied', { order: rejected[verdict.index] as Order, denial: verdict.denial, kind: 'new' });
  return { outcome: 'denied', orders: rejected, denial: verdict.denial, error: reason };
}

function finishDryRun(context: SubmissionContext, orders: readonly Order[]): SubmitResult {
  const finished = context.book.atomically(() => orders.map((order) => context.book.status(order.id, { type: 'INACTIVE' }, { message: DRY_RUN_MESSAGE }, 'oms').order));
  return { outcome: 'dry-run', orders: finished };
}

export function brokerRequestOf(order: Order, terms: OrderTerms = order): BrokerOrderRequest {
  return { clientOrderRef: order.clientOrderRef, ...termsOf(terms), ocaGroup: order.ocaGroup };
}

async function send(context: SubmissionContext, orders: readonly Order[], bracket: boolean): Promise<SubmitResult> {
  const requests = orders.map((order) => brokerRequestOf(order));
  const [parent, takeProfit, stopLoss] = requests as [BrokerOrderRequest, BrokerOrderRequest, BrokerOrderRequest];
  const deadLetter: DeadLetterCandidate['request'] = bracket ? { kind: 'bracket', bracket: { parent, takeProfit, stopLoss } } : { kind: 'order', order: parent };
  const call = bracket
    ? () => context.broker.placeBracketOrder({ parent, takeProfit, stopLoss }).then((ids) => [ids.parent, ids.takeProfit, ids.stopLoss])
    : () => context.broker.placeOrder(parent).then((answer) => [answer.brokerOrderId]);
  const ids = orders.map((order) => order.id);
  const settle = (outcome: BrokerCallOutcome<number[]>) => settlePlacement(context, ids, outcome, deadLetter);
  const outcome = await callBroker(context.clock, context.brokerCallTimeoutMs, call, (late) => {
    if (late.kind !== 'unknown') safely(context, ids[0], () => settle(late));
  });
  return settle(outcome);
}

function settlePlacement(context: SubmissionContext, ids: readonly OrderId[], outcome: BrokerCallOutcome<number[]>, request: DeadLetterCandidate['request']): SubmitResult {
  const { book } = context;
  if (outcome.kind === 'ok') {
    const orders = book.atomically(() => ids.map((id, index) => book.recordBrokerOrderId(id, outcome.value[index] as number)));
    ids.forEach((id) => book.resolveUnknown(id, ['place'], 'the broker answered the placement'));
    return { outcome: 'sent', orders };
  }
  if (outcome.kind === 'not-sent') return markNotSent(context, ids, outcome, request);
  const orders = ids.map((id) => book.require(id));
  orders.forEach((order) => book.flagUnknown(order, 'place', outcome.error));
  return { outcome: 'unknown', orders, error: `the placement's outcome is unknown (${outcome.error}); flagged for the reconciler, never resent` };
}

function markNotSent(context: SubmissionContext, ids: readonly OrderId[], outcome: { code: string; error: string }, request: DeadLetterCandidate['request']): SubmitResult {
  const { book } = context;
  const message = `not sent: ${outcome.error}`;
  const time = book.now();
  const orders = book.atomically(() =>
    ids.map((id) => {
      const order = book.require(id);
      book.note('oms.request-outcome', { orderId: id, clientOrderRef: order.clientOrderRef, operation: 'place', outcome: 'not-sent', error: outcome.error, code: outcome.code, time });
      return book.status(id, { type: 'INACTIVE' }, { message }, 'oms').order;
    }),
  );
  ids.forEach((id) => book.resolveUnknown(id, ['place'], 'the broker call was certainly not sent'));
  const deadLetter: DeadLetterCandidate = { orderIds: ids, request, error: { code: outcome.code, message: outcome.error }, time };
  book.publish('order.send-failed', { orders, deadLetter });
  return { outcome: 'not-sent', orders, deadLetter, error: message };
}

/** Runs work triggered outside a caller's await (a late broker answer): failures become 'oms.error' events, never unhandled rejections. */
export function safely(context: { readonly book: OmsOrderBook }, orderId: OrderId | undefined, work: () => unknown): void {
  try {
    work();
  } catch (error) {
    context.book.publish('oms.error', { message: errorText(error), code: (error as { code?: string }).code ?? 'unknown', orderId });
  }
}
