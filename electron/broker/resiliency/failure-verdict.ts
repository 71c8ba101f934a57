// Which failures count toward opening the circuit breaker.
//
// - 'outage': the broker did not answer or said it cannot now — network, timeout,
//   broker-unavailable, rate-limited (pacing: backing off is what the broker asks for).
// - 'broker-answered': the broker answered, even if with a refusal — order-rejected,
//   insufficient-margin, invalid-contract, validation, not-found, conflict, … A terminal
//   rejection proves the broker is up; it resets the count, it never opens the breaker.
// - 'neutral': says nothing about the broker — not-connected (refused locally; reconnecting is
//   the watchdog's job), cancelled, database-busy, invariant failures, errors of unknown
//   origin, and the breaker's own CircuitOpenError (counting our refusals would keep it open).
import { toAppError, type ErrorCode } from '../../core/errors.ts';
import { CircuitOpenError } from './circuit-open-error.ts';

export type FailureVerdict = 'outage' | 'broker-answered' | 'neutral';

export const OUTAGE_CODES: readonly ErrorCode[] = ['network', 'timeout', 'broker-unavailable', 'rate-limited'];
export const NEUTRAL_CODES: readonly ErrorCode[] = ['not-connected', 'cancelled', 'database-busy', 'unknown'];

export function classifyBrokerFailure(error: unknown): FailureVerdict {
  if (error instanceof CircuitOpenError) return 'neutral';
  const appError = toAppError(error);
  if (OUTAGE_CODES.includes(appError.code)) return 'outage';
  if (NEUTRAL_CODES.includes(appError.code) || appError.category === 'invariant') return 'neutral';
  return 'broker-answered';
}
