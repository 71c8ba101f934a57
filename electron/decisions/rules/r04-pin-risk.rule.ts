// R04 expiry pin risk: at `pinRiskDays` days to expiry or fewer (default 1) with a short strike
// expiring then within `pinRiskDistanceFraction` of the underlying price (default 1 %), close with
// a MARKETABLE order: assignment near the pin is a coin toss and the session is nearly over.
// Both bounds inclusive: 1 day fires, and a strike exactly 1 % away fires (|S − K| ≤ 0.01 × S).
import { fired, notFired, percent, round, textsFor, type DecisionRule } from '../decision-rule.ts';

const texts = textsFor((thresholds) => ({
  threshold: `days to expiry ≤ ${thresholds.pinRiskDays} and a short strike within ${percent(thresholds.pinRiskDistanceFraction)} of the underlying`,
  early: `more than ${thresholds.pinRiskDays} day(s) to expiry`,
  noShort: 'no short leg at the nearest expiry',
  far: `no short strike within ${percent(thresholds.pinRiskDistanceFraction)} of the underlying`,
}));

const rule = { id: 'R04', name: 'Expiry pin risk' } as const;

export const r04PinRisk: DecisionRule = {
  ...rule,
  evaluate(context, thresholds) {
    const text = texts(thresholds);
    const { underlyingPrice, daysToExpiry } = context;
    let nearestStrike: number | undefined;
    let nearestDistance = Number.POSITIVE_INFINITY;
    for (const leg of context.legs) {
      if (!leg.isShort || leg.contract.expiry !== context.expiry) continue;
      const distance = Math.abs(underlyingPrice - leg.contract.strike);
      if (distance < nearestDistance) {
        nearestDistance = distance;
        nearestStrike = leg.contract.strike;
      }
    }
    const inputs = { daysToExpiry, underlyingPrice, nearestShortStrike: nearestStrike ?? null, distanceFraction: nearestStrike === undefined ? null : nearestDistance / underlyingPrice };
    if (daysToExpiry > thresholds.pinRiskDays) return notFired(rule, text.early, inputs, text.threshold);
    if (nearestStrike === undefined) return notFired(rule, text.noShort, inputs, text.threshold);
    if (nearestDistance > thresholds.pinRiskDistanceFraction * underlyingPrice) return notFired(rule, text.far, inputs, text.threshold);
    return fired(rule, 'CLOSE', 'MARKETABLE', `${daysToExpiry} day(s) to expiry and the short ${nearestStrike} strike is ${percent(nearestDistance / underlyingPrice)} from the underlying at ${round(underlyingPrice)}: close before the pin`, inputs, text.threshold);
  },
};
