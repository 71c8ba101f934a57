// Why a broker call failed, and — what matters for money — whether the request may have reached
// the broker. Resiliency retries only 'not-sent' failures of retryable codes; an 'unknown'
// outcome is resolved by looking the order up by its client order ref, never by resending it.
import { AppError, type AppErrorOptions, type ErrorCode } from '../core/errors.ts';

export type SendOutcome = 'not-sent' | 'unknown';

export class BrokerRequestError extends AppError {
  readonly sendOutcome: SendOutcome;

  constructor(code: ErrorCode, message: string, sendOutcome: SendOutcome, options: AppErrorOptions = {}) {
    super(code, message, options);
    this.name = 'BrokerRequestError';
    this.sendOutcome = sendOutcome;
  }
}

/** True when retrying cannot send the request twice: it certainly never left and the cause is transient. */
export function isSafeToRetry(error: unknown): boolean {
  return error instanceof BrokerRequestError && error.sendOutcome === 'not-sent' && error.category === 'retryable';
}
