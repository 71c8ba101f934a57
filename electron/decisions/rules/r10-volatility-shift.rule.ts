// R10 volatility shift: the underlying's IV rank moved `ivRankShiftPoints` or more (default 25,
// inclusive) against the position since entry: up for a premium seller (opened for a credit),
// down for a premium buyer (opened for a debit). Close with a WALKING_LIMIT. Unknown IV rank at
// entry: the rule cannot apply and does not fire.
import { fired, notFired, round, textsFor, type DecisionRule } from '../decision-rule.ts';

const texts = textsFor((thresholds) => ({
  threshold: `IV rank moved ≥ ${thresholds.ivRankShiftPoints} points against the position since entry (credit: up, debit: down)`,
  unknown: 'IV rank at entry unknown',
  within: `IV rank moved less than ${thresholds.ivRankShiftPoints} points against the position`,
}));

const rule = { id: 'R10', name: 'Volatility shift' } as const;

export const r10VolatilityShift: DecisionRule = {
  ...rule,
  evaluate(context, thresholds) {
    const text = texts(thresholds);
    const { ivRankAtEntry, ivRankNow, isCredit } = context;
    const against = ivRankAtEntry === undefined ? undefined : isCredit ? ivRankNow - ivRankAtEntry : ivRankAtEntry - ivRankNow;
    const inputs = { isCredit, ivRankAtEntry: ivRankAtEntry ?? null, ivRankNow, ivRankMoveAgainst: against ?? null };
    if (against === undefined) return notFired(rule, text.unknown, inputs, text.threshold);
    if (against < thresholds.ivRankShiftPoints) return notFired(rule, text.within, inputs, text.threshold);
    const direction = isCredit ? 'up' : 'down';
    return fired(rule, 'CLOSE', 'WALKING_LIMIT', `IV rank went ${direction} from ${round(ivRankAtEntry ?? 0, 1)} to ${round(ivRankNow, 1)}, ${round(against, 1)} points against the ${isCredit ? 'credit' : 'debit'} position: close`, inputs, text.threshold);
  },
};
