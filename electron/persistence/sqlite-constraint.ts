// Recognising SQLite constraint failures, so a write refused by the schema becomes a clear
// AppError instead of a bare SqliteError.
import { AppError } from '../core/errors.ts';

export type ConstraintKind = 'unique' | 'primary-key' | 'foreign-key' | 'check' | 'trigger';

const kindByCode: Readonly<Record<string, ConstraintKind>> = {
  SQLITE_CONSTRAINT_UNIQUE: 'unique',
  SQLITE_CONSTRAINT_PRIMARYKEY: 'primary-key',
  SQLITE_CONSTRAINT_FOREIGNKEY: 'foreign-key',
  SQLITE_CONSTRAINT_CHECK: 'check',
  SQLITE_CONSTRAINT_TRIGGER: 'trigger',
};

/** The kind of constraint `error` reports, or undefined when it is not a constraint failure. */
export function constraintKind(error: unknown): ConstraintKind | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? kindByCode[code] : undefined;
}

/**
 * Runs a write; a constraint failure becomes an AppError: 'conflict' for a duplicate key,
 * 'validation' for a missing referenced row or a failed CHECK/trigger, naming `what`.
 */
export function writeOrExplain<T>(what: string, write: () => T): T {
  try {
    return write();
  } catch (error) {
    const kind = constraintKind(error);
    if (kind === undefined) throw error;
    const message = error instanceof Error ? error.message : String(error);
    const code = kind === 'unique' || kind === 'primary-key' ? 'conflict' : 'validation';
    throw new AppError(code, `${what} was refused by the database (${kind}): ${message}`, { cause: error });
  }
}
