// When a sent modify becomes the book of record. The broker port resolves modifyOrder once the
// request is handed over, not when the broker accepted it, so the order row is amended only on
// the broker's word:
// - confirmed by the broker's next order-status report for the order that shows it alive (or
//   filled). IB answers an accepted modify with openOrder + orderStatus; the paper broker with a
//   status report. A report whose total (filled + remaining) still shows the quantity before a
//   quantity change predates the modify and confirms nothing.
// - refused by a broker notice for the order that is not a mere warning (IB 201, 104, 105, 110,
//   … or the paper broker's refusal): the row keeps its terms, so a refused price never shows.
// - dropped when the order ends (cancelled, rejected, inactive, or filled in the book) first, or
//   when the confirmed change no longer fits the order (e.g. fills passed the new quantity).
// A report cannot say WHICH modify it follows: one report confirms every modify sent before it,
// and a refusal drops every one still waiting (the book never shows terms the broker refused).
import type { BrokerOrderState, BrokerOrderStatus } from '../broker/broker.ts';
import { AppError } from '../core/errors.ts';
import type { Order } from '../../shared/domain/order.ts';
import { errorText } from './broker-call.ts';
import type { OmsOrderBook } from './oms-order-book.ts';
import type { PendingModification } from './oms-types.ts';

const deadStates: ReadonlySet<BrokerOrderState> = new Set(['CANCELLED', 'INACTIVE', 'REJECTED']);

/** IB's non-fatal codes (order warnings, farm and data notices): they neither accept nor refuse a modify. */
const warningCodes: ReadonlySet<number> = new Set([399, 492, 10090, 10167]);

export function isWarningNotice(code: number | undefined, message: string): boolean {
  if (code !== undefined && (warningCodes.has(code) || (code >= 2100 && code <= 2999))) return true;
  return /warning:/i.test(message);
}

/** Settles the order's awaiting modifications on a status report, before the report itself is applied. */
export function settleModificationsOnStatus(book: OmsOrderBook, order: Order, status: BrokerOrderStatus): void {
  const awaiting = book.notes.awaitingModifications(order.id);
  if (awaiting.length === 0) return;
  if (deadStates.has(status.state)) {
    dropModifications(book, order.id, awaiting, 'dropped', `the broker reported the order ${status.state} before confirming the modify`, undefined);
    return;
  }
  if (!reportsExpectedQuantity(order, awaiting, status)) return;
  for (const modification of awaiting) confirmModification(book, modification, `confirmed by the broker's ${status.state} report`);
}

/** A notice for an order with awaiting modifications: anything but a warning is the broker refusing them. */
export function settleModificationsOnNotice(book: OmsOrderBook, order: Order, code: number | undefined, message: string): void {
  const awaiting = book.notes.awaitingModifications(order.id);
  if (awaiting.length === 0 || isWarningNotice(code, message)) return;
  dropModifications(book, order.id, awaiting, 'refused', `the broker refused the modify: ${message}`, code);
}

/** Drops the order's awaiting modifications once it is final (a final order keeps its terms). */
export function dropModificationsOfFinalOrder(book: OmsOrderBook, order: Order): void {
  const awaiting = book.notes.awaitingModifications(order.id);
  if (awaiting.length > 0) dropModifications(book, order.id, awaiting, 'dropped', `the order is ${order.status}; the modify was never confirmed`, undefined);
}

function reportsExpectedQuantity(order: Order, awaiting: readonly PendingModification[], status: BrokerOrderStatus): boolean {
  const expected = awaiting.reduce((quantity, modification) => modification.changes.quantity ?? quantity, order.quantity);
  const reported = status.filledQuantity + status.remainingQuantity;
  return expected === order.quantity || reported === 0 || reported === expected;
}

function confirmModification(book: OmsOrderBook, modification: PendingModification, note: string): void {
  const { orderId, sequence, changes } = modification;
  try {
    book.atomically(() => {
      const result = book.store.recordOrderAmended(orderId, changes, { note, requestSequence: sequence });
      book.note('oms.modify-settled', { orderId, modificationSequence: sequence, outcome: 'confirmed', note, time: book.now() });
      if (result.changed) book.publish('order.amended', { order: result.order, previous: result.previous, changes, modificationSequence: sequence });
    });
  } catch (error) {
    if (!(error instanceof AppError && error.code === 'validation')) throw error;
    dropModifications(book, orderId, [modification], 'dropped', `the broker confirmed the modify but it no longer fits the order: ${errorText(error)}`, undefined);
  }
}

function dropModifications(book: OmsOrderBook, orderId: Order['id'], modifications: readonly PendingModification[], outcome: 'refused' | 'dropped', reason: string, code: number | undefined): void {
  book.atomically(() => {
    for (const { sequence, changes } of modifications) {
      book.note('oms.modify-settled', { orderId, modificationSequence: sequence, outcome, note: reason, code, time: book.now() });
      book.publish('order.modify-dropped', { order: book.require(orderId), changes, outcome, reason, code, modificationSequence: sequence });
    }
  });
}
