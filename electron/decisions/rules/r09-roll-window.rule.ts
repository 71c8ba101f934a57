// R09 roll window: at `rollWindowDays` days to expiry or fewer (default 21, inclusive) with the
// profit still below the target (pnl < takeProfitFraction × max profit, strict; an unknown max
// profit counts as below), roll every leg to the next monthly expiry at the same strikes for a net
// credit, else close (roll-or-close.ts). LIMIT_AT_MID: weeks remain, so no need to chase.
import { fired, notFired, percent, textsFor, type DecisionRule } from '../decision-rule.ts';
import { rollEstimateFor, rollOrClose } from './roll-or-close.ts';

const texts = textsFor((thresholds) => ({
  threshold: `days to expiry ≤ ${thresholds.rollWindowDays} and profit < ${percent(thresholds.takeProfitFraction)} of max profit (ROLL to the next monthly for a credit, else CLOSE)`,
  early: `more than ${thresholds.rollWindowDays} days to expiry`,
  atTarget: `profit at or above ${percent(thresholds.takeProfitFraction)} of max profit`,
}));

const rule = { id: 'R09', name: 'Roll window' } as const;

export const r09RollWindow: DecisionRule = {
  ...rule,
  evaluate(context, thresholds) {
    // Rolling short strikes out for a credit is the premium seller's defence; a debit spread's
    // short leg caps its profit and is no threat (a bull call above its short strike is at max profit).
    if (!context.isCredit) return notFired(rule, 'a debit position: this rule defends premium sellers only', { isCredit: false }, texts(thresholds).threshold);
    const text = texts(thresholds);
    const { daysToExpiry, maxProfit, pnl } = context;
    const estimate = rollEstimateFor(context, 'all');
    const inputs = { daysToExpiry, pnlFractionOfMaxProfit: context.pnlFractionOfMaxProfit ?? null, rollSide: 'all', rollExpiry: context.calendar.rollExpiry ?? null, estimatedRollCredit: estimate ?? null };
    if (daysToExpiry > thresholds.rollWindowDays) return notFired(rule, text.early, inputs, text.threshold);
    if (maxProfit !== undefined && pnl >= thresholds.takeProfitFraction * maxProfit) return notFired(rule, text.atTarget, inputs, text.threshold);
    const choice = rollOrClose(context, 'all', undefined);
    return fired(rule, choice.action, 'LIMIT_AT_MID', `${daysToExpiry} day(s) to expiry with the profit below the target: ${choice.explanation}`, inputs, text.threshold, { rollTarget: choice.rollTarget });
  },
};
