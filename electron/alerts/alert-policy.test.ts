import { describe, expect, it } from 'vitest';
import { DEFAULT_ALERT_POLICY, resolveAlertPolicy } from './alert-policy.ts';

describe('resolveAlertPolicy', () => {
  it('when nothing is given, then the defaults are 5 min dedup, 1 min critical dedup and 10 alerts per source per minute', () => {
    expect(resolveAlertPolicy()).toEqual({ dedupWindowMs: 300_000, criticalDedupWindowMs: 60_000, throttleMaxPerSource: 10, throttleWindowMs: 60_000 });
    expect(resolveAlertPolicy({ dedupWindowMs: undefined })).toEqual(DEFAULT_ALERT_POLICY);
  });

  it('when a value is not a whole number in range, then the error names it', () => {
    expect(() => resolveAlertPolicy({ dedupWindowMs: -1 })).toThrow(expect.objectContaining({ code: 'validation', message: expect.stringContaining('dedupWindowMs') }));
    expect(() => resolveAlertPolicy({ throttleMaxPerSource: 0 })).toThrow(/throttleMaxPerSource must be an integer ≥ 1/);
    expect(() => resolveAlertPolicy({ criticalDedupWindowMs: 1.5 })).toThrow(/criticalDedupWindowMs/);
  });
});
