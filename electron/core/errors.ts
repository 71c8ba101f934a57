// The one error taxonomy of the engine (the ccxt habit, shared/DESIGN.md): every error has a
// `code` from one table and the code decides the `category`:
// - 'retryable': the same request may succeed later (network, timeout, pacing, broker away);
// - 'terminal': retrying the same request cannot help (rejected, invalid contract, validation);
// - 'invariant': our own state is broken or data is corrupt: fail fast, never retry.
// Errors cross IPC as `{ code, message, category }` because a thrown Error loses everything but
// its message on the way.
import { DomainValidationError } from '../../shared/domain/errors.ts';

export type ErrorCategory = 'retryable' | 'terminal' | 'invariant';

/** Each known code and its category. Add new codes here, so the table stays the one truth. */
export const errorCategoryByCode = {
  // retryable
  network: 'retryable',
  timeout: 'retryable',
  'rate-limited': 'retryable',
  'broker-unavailable': 'retryable',
  'not-connected': 'retryable',
  'database-busy': 'retryable',
  // terminal
  'order-rejected': 'terminal',
  'invalid-contract': 'terminal',
  'insufficient-margin': 'terminal',
  'insufficient-buying-power': 'terminal',
  'risk-denied': 'terminal',
  'trading-halted': 'terminal',
  validation: 'terminal',
  'not-found': 'terminal',
  conflict: 'terminal',
  cancelled: 'terminal',
  'database-unreadable': 'terminal',
  'schema-too-new': 'terminal',
  unknown: 'terminal',
  // invariant
  invariant: 'invariant',
  'illegal-state': 'invariant',
  'corrupt-data': 'invariant',
  'database-corrupt': 'invariant',
} as const satisfies Record<string, ErrorCategory>;

export type ErrorCode = keyof typeof errorCategoryByCode;

/** What crosses IPC and what a log record carries. */
export type SerializedError = { code: ErrorCode; message: string; category: ErrorCategory };

export type AppErrorOptions = {
  /** The underlying error (kept for logs; not serialised). */
  cause?: unknown;
  /** Small, JSON-friendly facts that explain the error (file, order id, …). */
  details?: Readonly<Record<string, unknown>>;
};

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly category: ErrorCategory;
  readonly details: Readonly<Record<string, unknown>> | undefined;

  constructor(code: ErrorCode, message: string, options: AppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.category = errorCategoryByCode[code];
    this.details = options.details;
  }

  toJSON(): SerializedError {
    return serializeError(this);
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/** True only for errors known to be retryable; unknown errors are not (retrying an order submit could double it). */
export function isRetryable(error: unknown): boolean {
  return toAppError(error).category === 'retryable';
}

export function isInvariantViolation(error: unknown): boolean {
  return toAppError(error).category === 'invariant';
}

/** Throws an 'invariant' AppError when `condition` is false. */
export function assertInvariant(condition: unknown, message: string, details?: Record<string, unknown>): asserts condition {
  if (!condition) throw new AppError('invariant', message, { details });
}

/** Node system error codes that mean "the network or peer is away for now". */
const retryableSystemCodes: Readonly<Record<string, ErrorCode>> = {
  ECONNRESET: 'network',
  ECONNREFUSED: 'network',
  ECONNABORTED: 'network',
  EPIPE: 'network',
  ENOTFOUND: 'network',
  EAI_AGAIN: 'network',
  ENETUNREACH: 'network',
  ENETDOWN: 'network',
  EHOSTUNREACH: 'network',
  ETIMEDOUT: 'timeout',
  ESOCKETTIMEDOUT: 'timeout',
  SQLITE_BUSY: 'database-busy',
};

/**
 * Classifies anything thrown. Conservative: only errors recognised as transient (Node network
 * codes, timeouts, SQLITE_BUSY) become retryable; a DomainValidationError becomes 'validation';
 * everything else becomes terminal 'unknown'.
 */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof DomainValidationError) {
    return new AppError('validation', error.message, { cause: error, details: { field: error.field } });
  }
  if (error instanceof Error) {
    const systemCode = (error as { code?: unknown }).code;
    const mapped = typeof systemCode === 'string' ? retryableSystemCodes[systemCode] : undefined;
    if (mapped) return new AppError(mapped, error.message, { cause: error });
    if (error.name === 'TimeoutError') return new AppError('timeout', error.message, { cause: error });
    if (error.name === 'AbortError') return new AppError('cancelled', error.message, { cause: error });
    return new AppError('unknown', error.message || error.name, { cause: error });
  }
  return new AppError('unknown', describeThrown(error), { cause: error });
}

export function serializeError(error: unknown): SerializedError {
  const appError = toAppError(error);
  return { code: appError.code, message: appError.message, category: appError.category };
}

/** Rebuilds an AppError on the receiving side; an unknown code becomes 'unknown' (never trusted as retryable). */
export function deserializeError(serialized: { code: string; message: string }): AppError {
  const code = isErrorCode(serialized.code) ? serialized.code : 'unknown';
  return new AppError(code, String(serialized.message));
}

export function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(errorCategoryByCode, code);
}

function describeThrown(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return `non-error value thrown: ${JSON.stringify(value) ?? String(value)}`;
  } catch {
    return `non-error value thrown: ${String(value)}`;
  }
}
