// The first check of every intent: is it a well-formed order at all? Runs on `unknown` because the
// gate must never throw, whatever it is handed (NaN quantities, a missing instrument, null): bad
// input becomes an INVALID_ORDER denial naming the field.
import { DomainValidationError } from '../../shared/domain/errors.ts';
import { parseClientOrderRef, parseStrategyId } from '../../shared/domain/ids.ts';
import { instrumentKey, requireInstrumentNotExpired, restoreInstrument, type Instrument } from '../../shared/domain/instrument.ts';
import { ORDER_ACTIONS, ORDER_TYPES, type OrderType } from '../../shared/domain/order-types.ts';
import type { RiskDenial } from '../../shared/domain/risk.ts';
import { invalid } from '../../shared/domain/errors.ts';
import { optional, requireBoolean, requireFiniteNumber, requireNonNegativePrice, requireOneOf, requirePositiveInteger } from '../../shared/domain/validate.ts';
import type { OrderIntent } from './pre-trade-gate.ts';
import type { IntentSummary } from './risk-events.ts';

export type IntentValidation = { readonly ok: true; readonly intent: OrderIntent } | { readonly ok: false; readonly denial: RiskDenial };

const INTENT_KINDS = ['new', 'modify'] as const;
const TYPES_WITH_LIMIT: readonly OrderType[] = ['LMT', 'STP_LMT'];
const TYPES_WITH_STOP: readonly OrderType[] = ['STP', 'STP_LMT'];

/** Checks `value` as an OrderIntent at `now` (an option that expired before today is invalid). Never throws. */
export function validateIntent(value: unknown, now: number): IntentValidation {
  try {
    return { ok: true, intent: parseIntent(value, now) };
  } catch (error) {
    const detail = error instanceof DomainValidationError ? error.message : `unreadable order (${describeError(error)})`;
    return { ok: false, denial: { code: 'INVALID_ORDER', reason: `invalid order: ${detail}` } };
  }
}

function parseIntent(value: unknown, now: number): OrderIntent {
  if (typeof value !== 'object' || value === null) invalid('intent', 'must be an order intent object', value);
  const input = value as Record<keyof OrderIntent, unknown>;
  if (typeof input.instrument !== 'object' || input.instrument === null) invalid('instrument', 'must be an instrument object', input.instrument);
  const instrument = restoreInstrument(input.instrument as Instrument, 'instrument');
  requireInstrumentNotExpired(instrument, now, 'instrument');
  const type = requireOneOf(input.type, ORDER_TYPES, 'type');
  const isCombo = instrument.kind === 'combo';
  // A combo's net price may be negative (a credit); a single contract's price may not.
  const price = isCombo ? requireFiniteNumber : requireNonNegativePrice;
  const limitPrice = optional(input.limitPrice, 'limitPrice', price);
  const stopPrice = optional(input.stopPrice, 'stopPrice', price);
  if (TYPES_WITH_LIMIT.includes(type) && limitPrice === undefined) invalid('limitPrice', `must be set for a ${type} order`, limitPrice);
  if (TYPES_WITH_STOP.includes(type) && stopPrice === undefined) invalid('stopPrice', `must be set for a ${type} order`, stopPrice);
  return {
    clientOrderRef: parseClientOrderRef(input.clientOrderRef),
    instrument,
    action: requireOneOf(input.action, ORDER_ACTIONS, 'action'),
    quantity: requirePositiveInteger(input.quantity, 'quantity'),
    type,
    limitPrice,
    stopPrice,
    strategyId: optional(input.strategyId, 'strategyId', parseStrategyId),
    kind: requireOneOf(input.kind, INTENT_KINDS, 'kind'),
    dryRun: requireBoolean(input.dryRun, 'dryRun'),
  };
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A printable summary of anything handed to the gate (valid or not), for events and the journal. */
export function summarizeIntent(value: unknown): IntentSummary {
  try {
    return summaryOf(value);
  } catch {
    return { clientOrderRef: '(unreadable)', instrument: '(invalid instrument)', action: '(unreadable)', quantity: Number.NaN, kind: '(unreadable)', dryRun: false, strategyId: undefined };
  }
}

function summaryOf(value: unknown): IntentSummary {
  const input = (typeof value === 'object' && value !== null ? value : {}) as Partial<Record<keyof OrderIntent, unknown>>;
  const text = (field: unknown) => (typeof field === 'string' ? field.slice(0, 128) : `(${typeof field})`);
  let instrument = '(invalid instrument)';
  try {
    instrument = instrumentKey(input.instrument as Instrument);
  } catch {
    // keep the placeholder: the instrument is malformed
  }
  return {
    clientOrderRef: text(input.clientOrderRef),
    instrument,
    action: text(input.action),
    quantity: typeof input.quantity === 'number' ? input.quantity : Number.NaN,
    kind: text(input.kind),
    dryRun: input.dryRun === true,
    strategyId: typeof input.strategyId === 'string' ? input.strategyId.slice(0, 128) : undefined,
  };
}
