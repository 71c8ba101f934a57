// R03 take profit: profit ≥ `takeProfitFraction` × max profit (default 50 %) closes with a limit
// at the mid (LIMIT_AT_MID: no hurry, capture the edge). Inclusive. Compared in exact
// micro-dollars. Unknown (unlimited) max profit: the rule cannot apply and does not fire.
import { dollars, fired, formatDollars, notFired, percent, textsFor, type DecisionRule } from '../decision-rule.ts';

const texts = textsFor((thresholds) => ({
  threshold: `profit ≥ ${percent(thresholds.takeProfitFraction)} of max profit`,
  unknown: 'max profit unknown: no profit target',
  below: `profit below ${percent(thresholds.takeProfitFraction)} of max profit`,
}));

const rule = { id: 'R03', name: 'Take profit' } as const;

export const r03TakeProfit: DecisionRule = {
  ...rule,
  evaluate(context, thresholds) {
    const text = texts(thresholds);
    const { pnl, maxProfit } = context;
    const inputs = { pnlDollars: dollars(pnl), maxProfitDollars: maxProfit === undefined ? null : dollars(maxProfit), pnlFractionOfMaxProfit: context.pnlFractionOfMaxProfit ?? null };
    if (maxProfit === undefined) return notFired(rule, text.unknown, inputs, text.threshold);
    if (pnl < thresholds.takeProfitFraction * maxProfit) return notFired(rule, text.below, inputs, text.threshold);
    return fired(rule, 'CLOSE', 'LIMIT_AT_MID', `profit ${formatDollars(pnl)} is ${percent(pnl / maxProfit)} of max profit ${formatDollars(maxProfit)}: take it at the mid`, inputs, text.threshold);
  },
};
