// R06 short strike breached: the underlying is beyond a short strike (below a short put, above a
// short call; strictly: exactly at the strike is not breached). The tested side (the right of the
// most deeply breached short leg) is rolled out to the snapshot's roll expiry with its short
// strike at ∓rollTargetDelta, for a net credit, else closed (roll-or-close.ts). WALKING_LIMIT.
import { fired, notFired, round, textsFor, type DecisionRule } from '../decision-rule.ts';
import { rollEstimateFor, rollOrClose, signedTargetDelta } from './roll-or-close.ts';

const texts = textsFor(() => ({
  threshold: 'underlying below a short put strike or above a short call strike (ROLL the tested side for a credit, else CLOSE)',
  inside: 'the underlying is inside every short strike',
}));

const rule = { id: 'R06', name: 'Short strike breached' } as const;

export const r06ShortStrikeBreached: DecisionRule = {
  ...rule,
  evaluate(context, thresholds) {
    // Rolling short strikes out for a credit is the premium seller's defence; a debit spread's
    // short leg caps its profit and is no threat (a bull call above its short strike is at max profit).
    if (!context.isCredit) return notFired(rule, 'a debit position: this rule defends premium sellers only', { isCredit: false }, texts(thresholds).threshold);
    const text = texts(thresholds);
    const price = context.underlyingPrice;
    let breachedStrike: number | undefined;
    let breachedRight: 'put' | 'call' | undefined;
    let deepest = 0;
    for (const leg of context.legs) {
      if (!leg.isShort) continue;
      const { strike, right } = leg.contract;
      const depth = right === 'put' ? strike - price : price - strike;
      if (depth > deepest) {
        deepest = depth;
        breachedStrike = strike;
        breachedRight = right;
      }
    }
    const estimate = breachedRight === undefined ? undefined : rollEstimateFor(context, breachedRight);
    const inputs = { underlyingPrice: price, breachedStrike: breachedStrike ?? null, testedSide: breachedRight ?? null, rollSide: breachedRight ?? null, rollExpiry: context.calendar.rollExpiry ?? null, estimatedRollCredit: estimate ?? null };
    if (breachedRight === undefined) return notFired(rule, text.inside, inputs, text.threshold);
    const choice = rollOrClose(context, breachedRight, signedTargetDelta(breachedRight, thresholds.rollTargetDelta));
    const reason = `the underlying at ${round(price)} is beyond the short ${breachedRight} strike ${breachedStrike}: ${choice.explanation}`;
    return fired(rule, choice.action, 'WALKING_LIMIT', reason, inputs, text.threshold, { rollTarget: choice.rollTarget });
  },
};
