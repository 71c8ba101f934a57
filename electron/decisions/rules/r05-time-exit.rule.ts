// R05 time exit: at `timeExitDays` calendar days to expiry or fewer (default 3) the position is
// closed with a WALKING_LIMIT: gamma and assignment risk outgrow the theta left, and there is
// still time to work the order. Inclusive: exactly 3 days fires.
import { fired, notFired, textsFor, type DecisionRule } from '../decision-rule.ts';

const texts = textsFor((thresholds) => ({
  threshold: `days to expiry ≤ ${thresholds.timeExitDays}`,
  early: `more than ${thresholds.timeExitDays} days to expiry`,
}));

const rule = { id: 'R05', name: 'Time exit' } as const;

export const r05TimeExit: DecisionRule = {
  ...rule,
  evaluate(context, thresholds) {
    const text = texts(thresholds);
    const { daysToExpiry } = context;
    const inputs = { daysToExpiry };
    if (daysToExpiry > thresholds.timeExitDays) return notFired(rule, text.early, inputs, text.threshold);
    return fired(rule, 'CLOSE', 'WALKING_LIMIT', `${daysToExpiry} day(s) to expiry (exit at ${thresholds.timeExitDays}): close`, inputs, text.threshold);
  },
};
