// One broker call with a deadline on the injected clock, classified by what matters for money:
// 'ok', 'not-sent' (a BrokerRequestError saying the request certainly never left: safe to
// dead-letter) or 'unknown' (anything else, a timeout included: it may have reached the broker,
// so it is never resent; the reconciler resolves it by client order ref). A call that answers
// after its deadline is still heard: `onLateAnswer` gets the real outcome.
import { BrokerRequestError } from '../broker/broker-request-error.ts';
import type { Clock } from '../core/clock.ts';

export type BrokerCallOutcome<T> =
  | { readonly kind: 'ok'; readonly value: T }
  | { readonly kind: 'not-sent'; readonly code: string; readonly error: string }
  | { readonly kind: 'unknown'; readonly error: string };

export const DEFAULT_BROKER_CALL_TIMEOUT_MS = 30_000;
const maximumMessageLength = 500;

/** An error's message, short enough for a status message or a journal entry. */
export function errorText(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const trimmed = text.trim() === '' ? 'no message' : text.trim();
  return trimmed.length > maximumMessageLength ? `${trimmed.slice(0, maximumMessageLength)}…` : trimmed;
}

function classify<T>(error: unknown): BrokerCallOutcome<T> {
  if (error instanceof BrokerRequestError && error.sendOutcome === 'not-sent') return { kind: 'not-sent', code: error.code, error: errorText(error) };
  return { kind: 'unknown', error: errorText(error) };
}

export function callBroker<T>(
  clock: Clock,
  timeoutMs: number,
  call: () => Promise<T>,
  onLateAnswer: (outcome: BrokerCallOutcome<T>) => void = () => {},
): Promise<BrokerCallOutcome<T>> {
  return new Promise((resolve) => {
    let settled = false;
    const timer = clock.setTimeout(() => {
      if (settled) return;
      settled = true;
      resolve({ kind: 'unknown', error: `the broker did not answer within ${timeoutMs} ms` });
    }, timeoutMs);
    const finish = (outcome: BrokerCallOutcome<T>) => {
      if (settled) return onLateAnswer(outcome);
      settled = true;
      timer.dispose();
      resolve(outcome);
    };
    let pending: Promise<T>;
    try {
      pending = call();
    } catch (error) {
      finish(classify(error));
      return;
    }
    pending.then((value) => finish({ kind: 'ok', value }), (error: unknown) => finish(classify(error)));
  });
}
