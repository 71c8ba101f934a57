// The capital a new strategy ties up, checked against the buying power before it is built.
// Default (defined risk): the maximum loss at expiry, which is what a broker holds for a
// vertical or an iron condor (the wider wing × multiplier − credit) and, for the cash-secured
// short put, strike × multiplier × quantity − premium (written out below). A strategy with
// unlimited loss has no default: inject a margin function (e.g. a broker's estimate).
import { money, type Money } from '../../shared/domain/index.ts';
import type { StrategyDraft } from './built-strategy.ts';

/** Money the strategy ties up, or undefined when the function cannot tell. */
export type MarginRequirement = (strategy: StrategyDraft) => Money | undefined;

export const definedRiskRequirement: MarginRequirement = (strategy) => {
  const [leg] = strategy.legs;
  if (strategy.type === 'SHORT_PUT' && leg !== undefined) {
    // Cash-secured: the cash to buy the shares at the strike, less the premium received (netAmount < 0).
    const cash = money.priceValue(leg.contract.strike, strategy.quantity * leg.ratio, leg.contract.multiplier);
    return money.add(cash, strategy.netAmount);
  }
  const { maxLoss } = strategy.analytics;
  if (maxLoss.unlimited) return undefined;
  return maxLoss.amount > 0 ? maxLoss.amount : money.fromMicros(0);
};
