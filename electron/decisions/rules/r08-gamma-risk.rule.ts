// R08 gamma risk: at `gammaRiskDays` days to expiry or fewer (default 7, inclusive) with |position
// gamma| beyond `positionGammaLimit` (default 20 shares of delta per $1 move over all units,
// strict). REDUCE to the most units whose gamma stays within the limit,
// floor(limit / |gamma per unit|) (float noise below 1e-9 units ignored); when not even one unit
// fits, CLOSE. WALKING_LIMIT.
import { fired, notFired, round, textsFor, type DecisionRule } from '../decision-rule.ts';
import { reduceOrClose } from './reduce-or-close.ts';

const texts = textsFor((thresholds) => ({
  threshold: `days to expiry ≤ ${thresholds.gammaRiskDays} and |position gamma| > ${thresholds.positionGammaLimit} (REDUCE to fit, CLOSE if one unit is too much)`,
  early: `more than ${thresholds.gammaRiskDays} days to expiry`,
  within: `|position gamma| within ${thresholds.positionGammaLimit}`,
}));

const rule = { id: 'R08', name: 'Gamma risk' } as const;

export const r08GammaRisk: DecisionRule = {
  ...rule,
  evaluate(context, thresholds) {
    const text = texts(thresholds);
    const { daysToExpiry, quantity } = context;
    const gamma = Math.abs(context.greeks.gamma);
    const perUnit = gamma / quantity;
    const breached = gamma > thresholds.positionGammaLimit;
    const unitsToKeep = breached ? Math.min(quantity - 1, Math.floor(thresholds.positionGammaLimit / perUnit + 1e-9)) : quantity;
    const inputs = { daysToExpiry, positionGamma: context.greeks.gamma, gammaPerUnit: perUnit, quantity, unitsToClose: breached ? quantity - unitsToKeep : null };
    if (daysToExpiry > thresholds.gammaRiskDays) return notFired(rule, text.early, inputs, text.threshold);
    if (!breached) return notFired(rule, text.within, inputs, text.threshold);
    const choice = reduceOrClose(quantity, quantity - unitsToKeep);
    const action = choice.action === 'CLOSE' ? 'close: one unit alone is beyond it' : `reduce by ${choice.reduceQuantity} of ${quantity} units`;
    return fired(rule, choice.action, 'WALKING_LIMIT', `${daysToExpiry} day(s) to expiry and |gamma| ${round(gamma)} is beyond ${thresholds.positionGammaLimit}: ${action}`, inputs, text.threshold, { reduceQuantity: choice.reduceQuantity });
  },
};
