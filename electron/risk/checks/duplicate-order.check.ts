// Duplicate orders: the same instrument, side and quantity as an order allowed less than
// duplicateWindowMs ago. A modification is never a duplicate of its own order (same client
// order ref), but a second new order with the same ref is.
import { deny, type CheckResult } from './denial.ts';

export interface RecentIntent {
  /** duplicateKey of the intent. */
  readonly key: string;
  readonly clientOrderRef: string;
  readonly time: number;
}

export interface DuplicateCandidate {
  readonly key: string;
  readonly clientOrderRef: string;
  readonly kind: 'new' | 'modify';
}

export function duplicateKey(instrumentKey: string, action: string, quantity: number): string {
  return `${action} ${quantity} ${instrumentKey}`;
}

export function checkDuplicate(candidate: DuplicateCandidate, recent: readonly RecentIntent[], now: number, duplicateWindowMs: number): CheckResult {
  const earlier = recent.find(
    (entry) =>
      entry.key === candidate.key &&
      now - entry.time < duplicateWindowMs &&
      (entry.clientOrderRef !== candidate.clientOrderRef || candidate.kind === 'new'),
  );
  if (earlier === undefined) return undefined;
  return deny('DUPLICATE_ORDER', `${candidate.key} repeats ${earlier.clientOrderRef} sent ${now - earlier.time} ms ago (window ${duplicateWindowMs} ms)`);
}
