// How a rule that wants to ROLL (R06, R07, R09) decides between rolling and closing. Every ROLL is
// meant for a net credit, so:
// - no roll expiry in the snapshot (no later monthly listed) → CLOSE;
// - the snapshot's estimate for the roll is known and not a credit (≤ 0 per share) → CLOSE;
// - otherwise → ROLL with the target. When the estimate is unknown the credit is not proven: the
//   exit workflow must send the roll with requireCredit (ExecutionEngine.rollPosition refuses a
//   debit before sending anything) and fall back to CLOSE, at the same urgency, when refused.
import type { OptionRight } from '../../../shared/domain/contract.ts';
import type { DecisionContext } from '../decision-context.ts';
import { round, type RollSide, type RuleRollTarget } from '../decision-rule.ts';

export interface RollChoice {
  readonly action: 'ROLL' | 'CLOSE';
  readonly rollTarget: RuleRollTarget | undefined;
  /** Completes the rule's reason: what it does and why. */
  readonly explanation: string;
}

/** The snapshot's per-share net credit estimate for rolling `side` (undefined: not priced). */
export function rollEstimateFor(context: DecisionContext, side: RollSide): number | undefined {
  const estimate = context.rollEstimate;
  return side === 'all' ? estimate.sameStrikes : side === 'put' ? estimate.put : estimate.call;
}

/** The signed target delta of a rolled side's short strike: puts negative, calls positive. */
export function signedTargetDelta(right: OptionRight, targetDelta: number): number {
  return right === 'put' ? -targetDelta : targetDelta;
}

function describe(side: RollSide, expiry: string, targetDelta: number | undefined): string {
  const legs = side === 'all' ? 'every leg' : `the ${side} side`;
  const strikes = targetDelta === undefined ? 'at the same strikes' : `with the short strike at ${targetDelta} delta`;
  return `roll ${legs} to ${expiry} ${strikes} for a net credit`;
}

/** ROLL `side` to the snapshot's roll expiry (targetDelta undefined: same strikes), or CLOSE. */
export function rollOrClose(context: DecisionContext, side: RollSide, targetDelta: number | undefined): RollChoice {
  const expiry = context.calendar.rollExpiry;
  if (expiry === undefined) return { action: 'CLOSE', rollTarget: undefined, explanation: 'no later monthly expiry to roll to: close instead' };
  const estimate = rollEstimateFor(context, side);
  if (estimate !== undefined && estimate <= 0) {
    return { action: 'CLOSE', rollTarget: undefined, explanation: `rolling ${side === 'all' ? 'every leg' : `the ${side} side`} to ${expiry} is estimated at ${round(estimate)} per share, not a credit: close instead` };
  }
  const description = describe(side, expiry, targetDelta);
  const credit = estimate === undefined ? 'credit not estimated: roll only for a credit, else close' : `estimated credit ${round(estimate)} per share`;
  return { action: 'ROLL', rollTarget: { side, expiry, targetDelta, description }, explanation: `${description} (${credit})` };
}
