// R07 delta breach: a short leg's per-share |delta| ≥ `shortLegDeltaLimit` (default 0.30,
// inclusive), or the position's |delta| per strategy unit beyond `positionDeltaPerUnitLimit`
// (default 30 shares-equivalent per unit, strict). The tested side is the right of the short leg
// with the largest |delta|; for a position-delta breach it is the call side when the delta is
// short (the market rose) and the put side when long, or every leg when the strategy has no short
// leg on that side. ROLL out to the roll expiry at ∓rollTargetDelta for a credit, else CLOSE.
// WALKING_LIMIT. Credit positions only (a debit spread's short leg is no threat).
import type { OptionRight } from '../../../shared/domain/contract.ts';
import type { DecisionContext } from '../decision-context.ts';
import { fired, notFired, round, textsFor, type DecisionRule, type RollSide } from '../decision-rule.ts';
import { rollEstimateFor, rollOrClose, signedTargetDelta } from './roll-or-close.ts';

const texts = textsFor((thresholds) => ({
  threshold: `a short leg's |delta| ≥ ${thresholds.shortLegDeltaLimit} or |position delta| > ${thresholds.positionDeltaPerUnitLimit} per unit`,
  within: 'short-leg and position deltas within their limits',
}));

function hasShortLeg(context: DecisionContext, right: OptionRight): boolean {
  return context.legs.some((leg) => leg.isShort && leg.contract.right === right);
}

const rule = { id: 'R07', name: 'Delta breach' } as const;

export const r07DeltaBreach: DecisionRule = {
  ...rule,
  evaluate(context, thresholds) {
    // Rolling short strikes out for a credit is the premium seller's defence; a debit spread's
    // short leg caps its profit and is no threat (a bull call above its short strike is at max profit).
    if (!context.isCredit) return notFired(rule, 'a debit position: this rule defends premium sellers only', { isCredit: false }, texts(thresholds).threshold);
    const text = texts(thresholds);
    let largest = -1;
    let largestRight: OptionRight | undefined;
    for (const leg of context.legs) {
      const absolute = Math.abs(leg.greeks.delta);
      if (leg.isShort && absolute > largest) {
        largest = absolute;
        largestRight = leg.contract.right;
      }
    }
    const positionDelta = context.greeks.delta;
    const perUnit = positionDelta / context.quantity;
    const legBreached = largestRight !== undefined && largest >= thresholds.shortLegDeltaLimit;
    const positionBreached = Math.abs(perUnit) > thresholds.positionDeltaPerUnitLimit;
    let side: RollSide | undefined;
    if (legBreached) side = largestRight;
    else if (positionBreached) side = positionDelta < 0 ? 'call' : 'put';
    if (side !== undefined && side !== 'all' && !hasShortLeg(context, side)) side = 'all';
    const estimate = side === undefined ? undefined : rollEstimateFor(context, side);
    const inputs = { maxShortLegAbsDelta: largestRight === undefined ? null : largest, positionDelta, positionDeltaPerUnit: perUnit, rollSide: side ?? null, rollExpiry: context.calendar.rollExpiry ?? null, estimatedRollCredit: estimate ?? null };
    if (side === undefined) return notFired(rule, text.within, inputs, text.threshold);
    const choice = rollOrClose(context, side, side === 'all' ? undefined : signedTargetDelta(side, thresholds.rollTargetDelta));
    const breach = legBreached ? `a short ${largestRight} is at ${round(largest)} delta (limit ${thresholds.shortLegDeltaLimit})` : `position delta is ${round(perUnit)} per unit (limit ${thresholds.positionDeltaPerUnitLimit})`;
    return fired(rule, choice.action, 'WALKING_LIMIT', `${breach}: ${choice.explanation}`, inputs, text.threshold, { rollTarget: choice.rollTarget });
  },
};
