// The app-wide, monotonic client order reference ('OWS-000123', see shared/domain/ids.ts).
// The counter lives in SQLite (table client_order_ref_sequence, migrations/0003-orders.ts),
// can only move forward (trigger) and is moved past every stored order's reference
// (OrderRepository.insert), so a reference is never issued twice, also after a restart.
import { formatClientOrderRef, type ClientOrderRef } from '../../shared/domain/ids.ts';
import { AppError } from '../core/errors.ts';
import type { AppDatabase } from './database.ts';

export class ClientOrderRefSequence {
  readonly #database: AppDatabase;
  readonly #advance;
  readonly #selectLast;
  readonly #referenceUsed;

  constructor(database: AppDatabase) {
    this.#database = database;
    this.#advance = database.prepare<[], number>('UPDATE client_order_ref_sequence SET last_value = last_value + 1 WHERE id = 1 RETURNING last_value').pluck();
    this.#selectLast = database.prepare<[], number>('SELECT last_value FROM client_order_ref_sequence WHERE id = 1').pluck();
    this.#referenceUsed = database.prepare<[string], number>('SELECT 1 FROM orders WHERE client_order_ref = ?').pluck();
  }

  /**
   * The next unused reference. Called on its own, the new counter value is committed (and
   * fsynced) before this returns, so a crash right after cannot hand the same reference out
   * again. Called inside an outer transaction, it commits (or rolls back) with that transaction.
   */
  nextClientOrderRef(): ClientOrderRef {
    return this.#database.transaction(() => {
      // A reference stored behind the counter's back (raw SQL, an import) is skipped, not reused.
      for (;;) {
        const value = this.#advance.get();
        if (typeof value !== 'number') throw new AppError('corrupt-data', 'the client order reference sequence row is missing');
        const reference = formatClientOrderRef(value);
        if (this.#referenceUsed.get(reference) === undefined) return reference;
      }
    });
  }

  /** The number of the last reference issued or stored (0 before the first). */
  lastIssued(): number {
    const value = this.#selectLast.get();
    if (typeof value !== 'number') throw new AppError('corrupt-data', 'the client order reference sequence row is missing');
    return value;
  }
}
