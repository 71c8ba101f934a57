// What an action throws, for asserting error classes and fields in tests.
import { DomainValidationError } from '../../../shared/domain/index.ts';
import { AppError } from '../../core/errors.ts';

export function thrownBy(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected the action to throw');
}

/** The DomainValidationError an action throws (anything else fails). */
export function validationErrorOf(action: () => unknown): DomainValidationError {
  const error = thrownBy(action);
  if (error instanceof DomainValidationError) return error;
  throw new Error(`expected a DomainValidationError, got ${String(error)}`);
}

/** The AppError an action throws (anything else fails). */
export function appErrorOf(action: () => unknown): AppError {
  const error = thrownBy(action);
  if (error instanceof AppError) return error;
  throw new Error(`expected an AppError, got ${String(error)}`);
}
