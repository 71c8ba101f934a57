// Modify and cancel of orders the OMS already holds.
// - modify: the new terms pass the gate as kind 'modify'; the change is journaled before the
//   broker call; quantity changes are refused (the store cannot amend an order's quantity yet,
//   and its fill accounting depends on it: cancel and place a new order instead).
// - cancel: CANCEL_REQUESTED is saved (PENDING_CANCEL) before the broker call; a fill racing
//   the cancel is legal in PENDING_CANCEL (transition table). A never-sent (CREATED) order is
//   cancelled locally. A cancel that certainly did not leave restores the working status.
import { DomainValidationError } from '../../shared/domain/errors.ts';
import type { OrderId } from '../../shared/domain/ids.ts';
import type { Order } from '../../shared/domain/order.ts';
import { validateOrderPriceFields } from '../../shared/domain/order-price-fields.ts';
import { isCancellableStatus, isWorkingStatus } from '../../shared/domain/order-status.ts';
import { callBroker, type BrokerCallOutcome } from './broker-call.ts';
import { checkGate } from './gate-check.ts';
import { isDryRunOrderId } from './order-ids.ts';
import { intentOf, safely, type SubmissionContext } from './order-submission.ts';
import type { OrderChanges, OrderTerms, RequestResult } from './oms-types.ts';

function modifyRefusal(order: Order | undefined, orderId: OrderId, changes: OrderChanges): string | undefined {
  if (order === undefined) return `order '${orderId}' is not in the order book`;
  if (isDryRunOrderId(order.id)) return `order '${orderId}' is a dry run and was never sent; there is nothing to modify`;
  if (!isWorkingStatus(order.status) || order.status === 'PENDING_CANCEL') return `order '${orderId}' is ${order.status}; only a working order without a pending cancel can be modified`;
  if (changes.quantity !== undefined) return `the quantity of order '${orderId}' cannot be modified (the order book cannot amend it yet); cancel it and place a new order`;
  if (Object.values(changes).every((value) => value === undefined)) return `no changes given for order '${orderId}'`;
  return undefined;
}

function termsError(terms: OrderTerms): string | undefined {
  try {
    const { limitPrice, stopPrice, trailingAmount, trailingPercent, limitOffset } = terms;
    validateOrderPriceFields(terms.type, { limitPrice, stopPrice, trailingAmount, trailingPercent, limitOffset }, terms.instrument.kind === 'combo');
    return undefined;
  } catch (error) {
    if (error instanceof DomainValidationError) return error.message;
    throw error;
  }
}

export async function modifyOrder(context: SubmissionContext, orderId: OrderId, changes: OrderChanges): Promise<RequestResult> {
  const { book } = context;
  const order = book.get(orderId);
  const refusal = modifyRefusal(order, orderId, changes);
  if (refusal !== undefined || order === undefined) return { outcome: 'invalid', order, error: refusal ?? `order '${orderId}' is not in the order book` };
  const terms: OrderTerms = { ...book.terms(order), ...definedOnly(changes) };
  const invalidTerms = termsError(terms);
  if (invalidTerms !== undefined) return { outcome: 'invalid', order, error: invalidTerms };
  const check = checkGate(context.gate, intentOf(order, terms, 'modify', false));
  if (!check.allowed) {
    book.note('oms.request-outcome', { orderId, clientOrderRef: order.clientOrderRef, operation: 'modify', outcome: 'denied', error: check.message, code: check.denial.code, time: book.now() });
    book.publish('order.denied', { order, denial: check.denial, kind: 'modify' });
    return { outcome: 'denied', order, denial: check.denial, error: check.message };
  }
  const sequence = book.note('oms.order-modified', { orderId, changes: definedOnly(changes), time: book.now() });
  book.publish('order.modified', { order, changes: definedOnly(changes), terms });
  const settle = (outcome: BrokerCallOutcome<void>) => settleModify(context, order, sequence, outcome);
  const outcome = await callBroker(context.clock, context.brokerCallTimeoutMs, () => context.broker.modifyOrder(order.clientOrderRef, definedOnly(changes)), (late) => {
    if (late.kind !== 'unknown') safely(context, orderId, () => settle(late));
  });
  return settle(outcome);
}

function definedOnly(changes: OrderChanges): OrderChanges {
  return Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)) as OrderChanges;
}

function settleModify(context: SubmissionContext, order: Order, sequence: number, outcome: BrokerCallOutcome<void>): RequestResult {
  const { book } = context;
  const current = book.require(order.id);
  if (outcome.kind === 'ok') {
    book.resolveUnknown(order.id, ['modify'], 'the broker answered the modify');
    return { outcome: 'sent', order: current };
  }
  if (outcome.kind === 'not-sent') {
    book.note('oms.request-outcome', { orderId: order.id, clientOrderRef: order.clientOrderRef, operation: 'modify', outcome: 'not-sent', error: outcome.error, code: outcome.code, modificationSequence: sequence, time: book.now() });
    book.resolveUnknown(order.id, ['modify'], 'the modify was certainly not sent');
    return { outcome: 'not-sent', order: current, error: `modify not sent: ${outcome.error}` };
  }
  book.flagUnknown(current, 'modify', outcome.error, sequence);
  return { outcome: 'unknown', order: current, error: `the modify's outcome is unknown (${outcome.error}); flagged for the reconciler` };
}

function cancelRefusal(order: Order | undefined, orderId: OrderId): string | undefined {
  if (order === undefined) return `order '${orderId}' is not in the order book`;
  if (order.status !== 'PENDING_CANCEL' && !isCancellableStatus(order.status)) return `order '${orderId}' is ${order.status}; there is nothing to cancel`;
  return undefined;
}

export async function cancelOrder(context: SubmissionContext, orderId: OrderId): Promise<RequestResult> {
  const { book } = context;
  const order = book.get(orderId);
  const refusal = cancelRefusal(order, orderId);
  if (refusal !== undefined || order === undefined) return { outcome: 'invalid', order, error: refusal ?? `order '${orderId}' is not in the order book` };
  if (order.status === 'PENDING_CANCEL') return { outcome: 'already-requested', order };
  const requested = book.status(orderId, { type: 'CANCEL_REQUESTED' }, order.status === 'CREATED' ? { message: 'cancelled before it was sent' } : {}, 'oms');
  if (!requested.ok) return { outcome: 'invalid', order: requested.order, error: requested.error };
  if (order.status === 'CREATED') return { outcome: 'cancelled-locally', order: requested.order };
  return sendCancel(context, requested.order, () => context.broker.cancelOrder(order.clientOrderRef));
}

/** Sends a cancel for an order already marked PENDING_CANCEL and settles the outcome. */
export async function sendCancel(context: SubmissionContext, order: Order, call: () => Promise<void>): Promise<RequestResult> {
  const settle = (outcome: BrokerCallOutcome<void>) => settleCancel(context, order, outcome);
  const outcome = await callBroker(context.clock, context.brokerCallTimeoutMs, call, (late) => {
    if (late.kind !== 'unknown') safely(context, order.id, () => settle(late));
  });
  return settle(outcome);
}

export function settleCancel(context: SubmissionContext, order: Order, outcome: BrokerCallOutcome<void>): RequestResult {
  const { book } = context;
  if (outcome.kind === 'ok') {
    book.resolveUnknown(order.id, ['cancel'], 'the broker answered the cancel');
    return { outcome: 'sent', order: book.require(order.id) };
  }
  if (outcome.kind === 'unknown') {
    book.flagUnknown(book.require(order.id), 'cancel', outcome.error);
    return { outcome: 'unknown', order: book.require(order.id), error: `the cancel's outcome is unknown (${outcome.error}); flagged for the reconciler` };
  }
  const error = `cancel not sent: ${outcome.error}`;
  book.atomically(() => {
    const current = book.require(order.id);
    book.note('oms.request-outcome', { orderId: order.id, clientOrderRef: order.clientOrderRef, operation: 'cancel', outcome: 'not-sent', error: outcome.error, code: outcome.code, time: book.now() });
    if (current.status === 'PENDING_CANCEL') book.status(order.id, { type: 'CANCEL_REJECTED', filledQuantity: current.filledQuantity }, { message: error }, 'oms');
  });
  book.resolveUnknown(order.id, ['cancel'], 'the cancel was certainly not sent');
  return { outcome: 'not-sent', order: book.require(order.id), error };
}
