// Modify and cancel of orders the OMS already holds.
// - modify: the new terms (price fields and quantity; a new total quantity must stay above what
//   filled) are checked through the domain, pass the gate as kind 'modify', and are journaled
//   before the broker call. The order row (the book of record) is amended only once the broker
//   confirms (modify-settlement.ts); until then they show in termsOf() and pendingModifications().
// - cancel: CANCEL_REQUESTED is saved (PENDING_CANCEL) before the broker call; a fill racing
//   the cancel is legal in PENDING_CANCEL (transition table). A never-sent (CREATED) order is
//   cancelled locally. A cancel that certainly did not leave restores the working status. Every
//   cancel message sent is counted by the gate's rate throttle (recordCancel).
import { DomainValidationError } from '../../shared/domain/errors.ts';
import type { OrderId } from '../../shared/domain/ids.ts';
import type { Order } from '../../shared/domain/order.ts';
import { isCancellableStatus, isFinalStatus, isWorkingStatus } from '../../shared/domain/order-status.ts';
import { applyAmendment } from '../persistence/order-amendment.ts';
import { callBroker, errorText, type BrokerCallOutcome } from './broker-call.ts';
import { checkGate } from './gate-check.ts';
import { dropModificationsOfFinalOrder } from './modify-settlement.ts';
import type { OmsOrderBook } from './oms-order-book.ts';
import { isDryRunOrderId } from './order-ids.ts';
import { intentOf, safely, type SubmissionContext } from './order-submission.ts';
import type { OrderChanges, OrderTerms, RequestResult } from './oms-types.ts';

function modifyRefusal(order: Order | undefined, orderId: OrderId, changes: OrderChanges): string | undefined {
  if (order === undefined) return `order '${orderId}' is not in the order book`;
  if (isDryRunOrderId(order.id)) return `order '${orderId}' is a dry run and was never sent; there is nothing to modify`;
  if (!isWorkingStatus(order.status) || order.status === 'PENDING_CANCEL') return `order '${orderId}' is ${order.status}; only a working order without a pending cancel can be modified`;
  if (Object.values(changes).every((value) => value === undefined)) return `no changes given for order '${orderId}'`;
  return undefined;
}

/** The domain's verdict on the changes, applied over the terms the broker should have (the row plus modifies awaiting confirmation). */
function amendmentError(book: OmsOrderBook, order: Order, changes: OrderChanges): string | undefined {
  try {
    applyAmendment({ ...order, ...book.notes.changesOf(order.id) }, changes, book.now());
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
  const invalidTerms = amendmentError(book, order, changes);
  if (invalidTerms !== undefined) return { outcome: 'invalid', order, error: invalidTerms };
  const terms: OrderTerms = { ...book.terms(order), ...definedOnly(changes) };
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
    book.note('oms.modify-sent', { orderId: order.id, modificationSequence: sequence, time: book.now() });
    book.resolveUnknown(order.id, ['modify'], 'the broker answered the modify');
    // The order may have ended while the call was out (a fill, a cancel): then it never applies.
    if (isFinalStatus(current.status)) dropModificationsOfFinalOrder(book, current);
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
  if (order.status === 'PENDING_CANCEL') {
    if (context.cancelsSent.has(orderId)) return { outcome: 'already-requested', order };
    // Requested before a restart but maybe never sent (the app died between saving and sending):
    // a cancel is safe to repeat, so send it rather than leave the order working at the broker.
    return sendCancel(context, order, () => context.broker.cancelOrder(order.clientOrderRef));
  }
  const requested = book.status(orderId, { type: 'CANCEL_REQUESTED' }, order.status === 'CREATED' ? { message: 'cancelled before it was sent' } : {}, 'oms');
  if (!requested.ok) return { outcome: 'invalid', order: requested.order, error: requested.error };
  if (order.status === 'CREATED') return { outcome: 'cancelled-locally', order: requested.order };
  return sendCancel(context, requested.order, () => context.broker.cancelOrder(order.clientOrderRef));
}

/** Sends a cancel for an order already marked PENDING_CANCEL and settles the outcome. */
export async function sendCancel(context: SubmissionContext, order: Order, call: () => Promise<void>): Promise<RequestResult> {
  countCancel(context, order.id);
  context.cancelsSent.add(order.id);
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

/**
 * Counts one cancel message toward the gate's order-rate throttle (IB counts every message).
 * Called before the message is sent; a gate that fails here must never stop a cancel.
 */
export function countCancel(context: SubmissionContext, orderId: OrderId | undefined): void {
  try {
    context.gate.recordCancel?.();
  } catch (error) {
    context.book.publish('oms.error', { message: `the pre-trade gate failed to count a cancel: ${errorText(error)}`, code: (error as { code?: string }).code ?? 'unknown', orderId });
  }
}
