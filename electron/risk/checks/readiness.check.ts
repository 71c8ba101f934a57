// Preconditions of any order: the broker state is reconciled (unknown is not flat), the broker
// is connected, and the account figures the limits need are known and recent.
import type { AccountSummary } from '../../../shared/domain/account.ts';
import { deny, type CheckResult } from './denial.ts';

export function checkReconciled(reconciled: boolean, reason: string | undefined): CheckResult {
  if (reconciled) return undefined;
  return deny('NOT_RECONCILED', `broker state is not reconciled${reason === undefined ? '' : `: ${reason}`}; automation stays off until reconciliation succeeds`);
}

export function checkConnected(connected: boolean): CheckResult {
  return connected ? undefined : deny('DISCONNECTED', 'the broker is not connected');
}

/** The account summary must exist and be at most `maxAgeMs` old (its updatedAt against `now`). */
export function checkAccount(account: AccountSummary | undefined, now: number, maxAgeMs: number): CheckResult {
  if (account === undefined) return deny('STALE_DATA', 'no account summary yet: margin, concentration and daily loss cannot be checked');
  const age = now - account.updatedAt;
  if (!(age <= maxAgeMs)) return deny('STALE_DATA', `the account summary is ${age} ms old (limit ${maxAgeMs} ms)`);
  return undefined;
}
