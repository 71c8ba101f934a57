import { describe, expect, it } from 'vitest';
import { AppError } from '../core/errors.ts';
import { BrokerRequestError, isSafeToRetry } from './broker-request-error.ts';

describe('isSafeToRetry', () => {
  it('when a retryable request certainly did not leave, then it is safe to retry', () => {
    expect(isSafeToRetry(new BrokerRequestError('not-connected', 'broker is disconnected', 'not-sent'))).toBe(true);
  });

  it('when a retryable request may have reached the broker, then it is not safe to retry', () => {
    expect(isSafeToRetry(new BrokerRequestError('network', 'socket reset after write', 'unknown'))).toBe(false);
  });

  it('when the broker refused the request for good, then it is not safe to retry', () => {
    expect(isSafeToRetry(new BrokerRequestError('order-rejected', 'price outside collar', 'not-sent'))).toBe(false);
  });

  it('when the error is not a broker request error, then it is not safe to retry', () => {
    expect(isSafeToRetry(new AppError('network', 'ECONNRESET'))).toBe(false);
    expect(isSafeToRetry(new Error('boom'))).toBe(false);
  });
});
