// What every check returns: a denial with its code and a sentence, or undefined to allow.
import type { RiskDenial, RiskDenialCode } from '../../../shared/domain/risk.ts';

export type CheckResult = RiskDenial | undefined;

export function deny(code: RiskDenialCode, reason: string): RiskDenial {
  return Object.freeze({ code, reason });
}

/** 0.8 → '80.00%'. */
export function percent(fraction: number): string {
  return `${(fraction * 100).toFixed(2)}%`;
}

/** A float compared with a limit: a limit met exactly is within it, whatever the binary rounding of the sum. */
export const COMPARISON_TOLERANCE = 1e-9;
