// Identifiers. Each is a branded string so ids of different things cannot be mixed up; the
// parse functions are the only way to get one and check the text.
import type { Brand } from './brand.ts';
import { invalid } from './errors.ts';

export type OrderId = Brand<string, 'OrderId'>;
export type StrategyId = Brand<string, 'StrategyId'>;
/** The broker's execution id (IB `execId`, e.g. '0000e0d5.67fe667b.01.01'); unique per fill. */
export type ExecutionId = Brand<string, 'ExecutionId'>;
/** A fill is identified by its broker execution id. */
export type FillId = ExecutionId;
export type AlertId = Brand<string, 'AlertId'>;
export type DecisionId = Brand<string, 'DecisionId'>;

/** Id text: 1 to 128 characters of letters, digits and . _ : - (safe in logs, SQL keys and URLs). */
const idPattern = /^[A-Za-z0-9._:-]{1,128}$/;

function parseId(value: unknown, field: string): string {
  if (typeof value !== 'string' || !idPattern.test(value)) {
    invalid(field, 'must be 1 to 128 characters of letters, digits, ".", "_", ":" or "-"', value);
  }
  return value;
}

export function parseOrderId(value: unknown, field = 'orderId'): OrderId {
  return parseId(value, field) as OrderId;
}

export function parseStrategyId(value: unknown, field = 'strategyId'): StrategyId {
  return parseId(value, field) as StrategyId;
}

export function parseExecutionId(value: unknown, field = 'executionId'): ExecutionId {
  return parseId(value, field) as ExecutionId;
}

export function parseAlertId(value: unknown, field = 'alertId'): AlertId {
  return parseId(value, field) as AlertId;
}

export function parseDecisionId(value: unknown, field = 'decisionId'): DecisionId {
  return parseId(value, field) as DecisionId;
}

/**
 * Our client order reference, e.g. 'OWS-000123': a persisted, monotonic, app-wide sequence
 * number (never reused, also across restarts). It is sent in IB's `order.orderRef`, which IB
 * echoes in openOrder and execDetails, so after a restart or an unknown outcome (socket reset
 * right after placeOrder, `nextValidId` rolled back) broker orders and executions are matched
 * to our orders by this reference rather than by IB's numeric order id.
 */
export type ClientOrderRef = Brand<string, 'ClientOrderRef'>;

export const CLIENT_ORDER_REF_PREFIX = 'OWS-';
const clientOrderRefDigits = 6;
const clientOrderRefPattern = /^OWS-(\d{6,16})$/;

/** Renders sequence number 123 as 'OWS-000123' (zero-padded to 6 digits, longer when needed). */
export function formatClientOrderRef(sequence: number): ClientOrderRef {
  if (!Number.isSafeInteger(sequence) || sequence <= 0) {
    invalid('sequence', 'must be a positive integer', sequence);
  }
  return `${CLIENT_ORDER_REF_PREFIX}${String(sequence).padStart(clientOrderRefDigits, '0')}` as ClientOrderRef;
}

/** Accepts only the canonical form that formatClientOrderRef produces. */
export function parseClientOrderRef(value: unknown, field = 'clientOrderRef'): ClientOrderRef {
  const match = typeof value === 'string' ? clientOrderRefPattern.exec(value) : null;
  const sequence = match === null ? Number.NaN : Number(match[1]);
  if (!Number.isSafeInteger(sequence) || sequence <= 0 || formatClientOrderRef(sequence) !== value) {
    invalid(field, "must be a client order reference like 'OWS-000123'", value);
  }
  return value as ClientOrderRef;
}

/** The sequence number inside a reference: 'OWS-000123' → 123. */
export function clientOrderRefSequence(reference: ClientOrderRef): number {
  return Number(parseClientOrderRef(reference).slice(CLIENT_ORDER_REF_PREFIX.length));
}
