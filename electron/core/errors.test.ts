import { describe, expect, it } from 'vitest';
import { DomainValidationError } from '../../shared/domain/errors.ts';
import {
  AppError,
  assertInvariant,
  deserializeError,
  errorCategoryByCode,
  isInvariantViolation,
  isRetryable,
  serializeError,
  toAppError,
} from './errors.ts';

function systemError(code: string): Error {
  return Object.assign(new Error(`${code} happened`), { code });
}

describe('error taxonomy', () => {
  it('when an AppError is built from a code, then its category comes from the one table', () => {
    expect(new AppError('rate-limited', 'pacing violation').category).toBe('retryable');
    expect(new AppError('order-rejected', 'rejected by broker').category).toBe('terminal');
    expect(new AppError('corrupt-data', 'bad row').category).toBe('invariant');
  });

  it('when network or timeout errors are classified, then they are retryable', () => {
    for (const code of ['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN']) {
      expect(isRetryable(systemError(code))).toBe(true);
    }
    expect(toAppError(systemError('ETIMEDOUT')).code).toBe('timeout');
    expect(isRetryable(Object.assign(new Error('timed out'), { name: 'TimeoutError' }))).toBe(true);
    expect(isRetryable(new AppError('broker-unavailable', 'gateway restarting'))).toBe(true);
  });

  it('when terminal or invariant errors are classified, then they are not retryable', () => {
    expect(isRetryable(new AppError('insufficient-margin', 'no margin'))).toBe(false);
    expect(isRetryable(new AppError('validation', 'bad quantity'))).toBe(false);
    expect(isRetryable(new AppError('invariant', 'broken'))).toBe(false);
    expect(isInvariantViolation(new AppError('database-corrupt', 'malformed'))).toBe(true);
  });

  it('when an unknown error or a non-error value is classified, then it is terminal "unknown", never retryable', () => {
    const plain = toAppError(new TypeError('x is undefined'));
    expect(plain).toMatchObject({ code: 'unknown', category: 'terminal', message: 'x is undefined' });
    expect(plain.cause).toBeInstanceOf(TypeError);
    expect(toAppError('just a string')).toMatchObject({ code: 'unknown', message: 'just a string' });
    expect(toAppError({ weird: 1 }).message).toContain('{"weird":1}');
    expect(isRetryable(systemError('ENOENT'))).toBe(false);
  });

  it('when a domain validation error is classified, then it becomes a terminal validation error naming the field', () => {
    const error = toAppError(new DomainValidationError('legs[1].ratio', 'legs[1].ratio must be positive, got 0', 0));
    expect(error).toMatchObject({ code: 'validation', category: 'terminal', details: { field: 'legs[1].ratio' } });
    expect(error.message).toBe('legs[1].ratio must be positive, got 0');
  });

  it('when an AppError is classified, then it is returned unchanged', () => {
    const error = new AppError('conflict', 'duplicate client order id');
    expect(toAppError(error)).toBe(error);
  });

  it('when serialised and deserialised, then code, message and category survive and JSON matches the IPC shape', () => {
    const error = new AppError('invalid-contract', 'no security definition', { details: { conId: 1 } });
    expect(serializeError(error)).toEqual({ code: 'invalid-contract', message: 'no security definition', category: 'terminal' });
    expect(JSON.parse(JSON.stringify(error))).toEqual(serializeError(error));
    const back = deserializeError(serializeError(error));
    expect(back).toMatchObject({ code: 'invalid-contract', category: 'terminal', message: 'no security definition' });
  });

  it('when a serialised error carries a code this build does not know, then it becomes unknown (not retryable)', () => {
    expect(deserializeError({ code: 'made-up', message: 'from the future' })).toMatchObject({ code: 'unknown', category: 'terminal' });
  });

  it('when an invariant assertion fails, then it throws an invariant AppError with details', () => {
    expect(() => assertInvariant(false, 'position went negative', { position: -1 })).toThrow(
      expect.objectContaining({ code: 'invariant', details: { position: -1 } }),
    );
    expect(() => assertInvariant(true, 'fine')).not.toThrow();
  });

  it('when the code table is read, then every code has one of the three categories', () => {
    for (const category of Object.values(errorCategoryByCode)) expect(['retryable', 'terminal', 'invariant']).toContain(category);
  });
});
