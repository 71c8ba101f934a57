// Small value checks shared by the domain constructors. Each returns the value narrowed to its
// type or throws a DomainValidationError that names the field and shows the bad value.
import { invalid } from './errors.ts';

export function requireFiniteNumber(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) invalid(field, 'must be a finite number', value);
  return value;
}

export function requirePositiveNumber(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    invalid(field, 'must be a finite number greater than 0', value);
  }
  return value;
}

/** A per-share price in dollars: finite and not negative. */
export function requireNonNegativePrice(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    invalid(field, 'must be a finite price of at least 0', value);
  }
  return value;
}

export function requirePositiveInteger(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) {
    invalid(field, 'must be a positive integer', value);
  }
  return value;
}

export function requireNonNegativeInteger(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    invalid(field, 'must be a non-negative integer', value);
  }
  return value;
}

/** A timestamp: whole epoch milliseconds, not negative. */
export function requireEpochMillis(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    invalid(field, 'must be epoch milliseconds (a non-negative integer)', value);
  }
  return value;
}

export function requireNonEmptyString(value: unknown, field: string, maximumLength = 2000): string {
  if (typeof value !== 'string' || value.trim().length === 0) invalid(field, 'must be a non-empty string', value);
  if (value.length > maximumLength) invalid(field, `must be at most ${maximumLength} characters`, value);
  return value;
}

export function requireBoolean(value: unknown, field: string): boolean {
  if (typeof value !== 'boolean') invalid(field, 'must be true or false', value);
  return value;
}

export function requireOneOf<T extends string>(value: unknown, allowed: readonly T[], field: string): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    invalid(field, `must be one of ${allowed.join(', ')}`, value);
  }
  return value as T;
}

export function requireArray(value: unknown, field: string): readonly unknown[] {
  if (!Array.isArray(value)) invalid(field, 'must be an array', value);
  return value;
}

/** Applies `check` unless the value is undefined (an optional field). */
export function optional<T>(value: unknown, field: string, check: (value: unknown, field: string) => T): T | undefined {
  return value === undefined ? undefined : check(value, field);
}

/** Upper-case ticker: starts with a letter; letters, digits, '.', '/', '-' and inner single spaces (IB writes 'BRK B'). */
const symbolPattern = /^[A-Z][A-Z0-9./-]*(?: [A-Z0-9./-]+)*$/;

export function requireSymbol(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.length > 16 || !symbolPattern.test(value)) {
    invalid(field, "must be a non-empty upper-case symbol (A-Z, 0-9, '.', '/', '-', inner spaces; at most 16)", value);
  }
  return value;
}
