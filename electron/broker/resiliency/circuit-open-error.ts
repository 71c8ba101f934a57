// What a call gets while the circuit breaker is open: retryable ('broker-unavailable') and
// certainly not sent, so an order refused here can go to the dead-letter queue and be sent later.
import { BrokerRequestError } from '../broker-request-error.ts';

export class CircuitOpenError extends BrokerRequestError {
  /** When the breaker lets a trial call through (epoch ms), if known. */
  readonly retryAt: number | undefined;

  constructor(message: string, retryAt: number | undefined, details: Readonly<Record<string, unknown>> = {}) {
    super('broker-unavailable', message, 'not-sent', { details: { ...details, retryAt } });
    this.name = 'CircuitOpenError';
    this.retryAt = retryAt;
  }
}
