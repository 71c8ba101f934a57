// R12 hold: the last rule always fires HOLD, so every decision names the rule that decided.
import { fired, textsFor, type DecisionRule } from '../decision-rule.ts';

const texts = textsFor(() => ({ threshold: 'always (when no earlier rule fired)' }));
const noInputs = Object.freeze({});

const rule = { id: 'R12', name: 'Hold' } as const;

export const r12Hold: DecisionRule = {
  ...rule,
  evaluate(_context, thresholds) {
    return fired(rule, 'HOLD', undefined, 'no exit, roll or reduce condition', noInputs, texts(thresholds).threshold);
  },
};
