// Turns requests handed to the broker into orders before anything is answered: the client
// order ref must be well formed and never used before (IB refuses a reused id), and the request
// must be storable. These refusals are immediate and certainly-not-sent.
import type { BrokerOrderRequest } from '../broker.ts';
import { BrokerRequestError } from '../broker-request-error.ts';
import { DomainValidationError } from '../../../shared/domain/errors.ts';
import { parseClientOrderRef } from '../../../shared/domain/ids.ts';
import { AppError } from '../../core/errors.ts';
import type { OrderBook } from './order-book.ts';
import { newPaperOrder, type PaperOrder } from './paper-order.ts';
import { storedCopy } from './stored-json.ts';

export interface IntakeEntry {
  readonly request: BrokerOrderRequest;
  readonly parentId?: number;
  readonly childIds?: readonly number[];
  /** An OCA group added by the broker (a bracket's children). */
  readonly impliedOcaGroup?: string;
}

/** A storable copy of `value`, or a 'validation' BrokerRequestError (not sent). */
export function storableCopy<T>(value: T, what: string): T {
  try {
    return storedCopy(value, what);
  } catch (error) {
    if (error instanceof AppError) throw new BrokerRequestError('validation', error.message, 'not-sent', { cause: error });
    throw error;
  }
}

function checkRef(request: BrokerOrderRequest, book: OrderBook, seen: Set<string>): void {
  try {
    parseClientOrderRef(request?.clientOrderRef);
  } catch (error) {
    if (error instanceof DomainValidationError) throw new BrokerRequestError('validation', error.message, 'not-sent', { cause: error });
    throw error;
  }
  const ref = request.clientOrderRef;
  if (book.hasRef(ref) || seen.has(ref)) {
    throw new BrokerRequestError('conflict', `client order ref ${ref} was already used for an order; a new order needs a new ref`, 'not-sent', { details: { clientOrderRef: ref } });
  }
  seen.add(ref);
}

/** New orders with consecutive broker ids from `firstId`, or a not-sent BrokerRequestError. */
export function takeIn(entries: readonly IntakeEntry[], book: OrderBook, firstId: number, now: number): PaperOrder[] {
  const seen = new Set<string>();
  for (const entry of entries) checkRef(entry.request, book, seen);
  return entries.map((entry, index) => {
    const request = storableCopy(entry.request, `order ${entry.request.clientOrderRef}`);
    const ocaGroups = [request.ocaGroup, entry.impliedOcaGroup].filter((group): group is string => group !== undefined);
    return newPaperOrder({ brokerOrderId: firstId + index, request, parentId: entry.parentId, childIds: entry.childIds, ocaGroups, now });
  });
}
