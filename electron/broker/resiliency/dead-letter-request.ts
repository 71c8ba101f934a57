// What a dead letter asks the broker to do: one order or one bracket, checked field by field
// when captured (bad input: 'validation') and when read back (a bad row: 'corrupt-data'), so a
// resubmit sends exactly a well-formed request.
import type { BrokerBracketRequest, BrokerOrderRequest } from '../broker.ts';
import { DomainValidationError, invalid } from '../../../shared/domain/errors.ts';
import { parseClientOrderRef, type ClientOrderRef } from '../../../shared/domain/ids.ts';
import { restoreInstrument, type Instrument } from '../../../shared/domain/instrument.ts';
import { ORDER_ACTIONS, ORDER_TYPES, TIME_IN_FORCES } from '../../../shared/domain/order-types.ts';
import { optional, requireFiniteNumber, requireNonEmptyString, requireOneOf, requirePositiveNumber } from '../../../shared/domain/validate.ts';
import { AppError, type ErrorCode } from '../../core/errors.ts';

export const DEAD_LETTER_KINDS = ['order', 'bracket'] as const;
export type DeadLetterKind = (typeof DEAD_LETTER_KINDS)[number];

export type DeadLetterRequest =
  | { readonly kind: 'order'; readonly order: BrokerOrderRequest }
  | { readonly kind: 'bracket'; readonly bracket: BrokerBracketRequest };

/** The client order ref a letter is filed under: the order's, or the bracket parent's. */
export function deadLetterRef(request: DeadLetterRequest): ClientOrderRef {
  return request.kind === 'order' ? request.order.clientOrderRef : request.bracket.parent.clientOrderRef;
}

/** The order or bracket itself, as stored in the request column. */
export function requestBody(request: DeadLetterRequest): BrokerOrderRequest | BrokerBracketRequest {
  return request.kind === 'order' ? request.order : request.bracket;
}

/** Checks `body` as a request of `kind`; a problem becomes an AppError of `code` naming the field. */
export function parseDeadLetterRequest(kind: unknown, body: unknown, code: ErrorCode, where: string): DeadLetterRequest {
  try {
    const checkedKind = requireOneOf(kind, DEAD_LETTER_KINDS, 'kind');
    if (checkedKind === 'order') return { kind: 'order', order: parseOrderRequest(body, 'order') };
    const bracket = requireObject(body, 'bracket');
    return {
      kind: 'bracket',
      bracket: {
        parent: parseOrderRequest(bracket.parent, 'bracket.parent'),
        takeProfit: parseOrderRequest(bracket.takeProfit, 'bracket.takeProfit'),
        stopLoss: parseOrderRequest(bracket.stopLoss, 'bracket.stopLoss'),
      },
    };
  } catch (error) {
    if (!(error instanceof DomainValidationError)) throw error;
    throw new AppError(code, `${where}: ${error.message}`, { cause: error, details: { field: error.field } });
  }
}

/** Checks a request handed in by a caller (typed, but perhaps not as promised at runtime). */
export function checkDeadLetterRequest(request: DeadLetterRequest, code: ErrorCode, where: string): DeadLetterRequest {
  const input = (request ?? {}) as { kind?: unknown; order?: unknown; bracket?: unknown };
  return parseDeadLetterRequest(input.kind, input.kind === 'order' ? input.order : input.bracket, code, where);
}

const optionalNumbers = ['limitPrice', 'stopPrice', 'trailingAmount', 'trailingPercent', 'limitOffset'] as const;

/** A copy holding only the request's fields, each checked; absent optional fields stay absent. */
function parseOrderRequest(value: unknown, field: string): BrokerOrderRequest {
  const input = requireObject(value, field);
  const request: Record<string, unknown> = {
    clientOrderRef: parseClientOrderRef(input.clientOrderRef, `${field}.clientOrderRef`),
    instrument: restoreInstrument(requireObject(input.instrument, `${field}.instrument`) as unknown as Instrument, `${field}.instrument`),
    action: requireOneOf(input.action, ORDER_ACTIONS, `${field}.action`),
    quantity: requirePositiveNumber(input.quantity, `${field}.quantity`),
    type: requireOneOf(input.type, ORDER_TYPES, `${field}.type`),
    tif: requireOneOf(input.tif, TIME_IN_FORCES, `${field}.tif`),
  };
  for (const name of optionalNumbers) {
    const number = optional(input[name], `${field}.${name}`, requireFiniteNumber);
    if (number !== undefined) request[name] = number;
  }
  const ocaGroup = optional(input.ocaGroup, `${field}.ocaGroup`, (group, name) => requireNonEmptyString(group, name, 200));
  if (ocaGroup !== undefined) request.ocaGroup = ocaGroup;
  return request as unknown as BrokerOrderRequest;
}

function requireObject(value: unknown, field: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) invalid(field, 'must be an object', value);
  return value as Record<string, unknown>;
}
