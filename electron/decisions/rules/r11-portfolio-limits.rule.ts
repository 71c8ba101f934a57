// R11 portfolio limits: |portfolio delta| beyond `maxPortfolioDelta`, |portfolio vega| beyond
// `maxPortfolioVega`, or this underlying's amount at risk beyond `maxConcentrationPerUnderlying`
// of net liquidation (all strict, defaults from the risk limits). Only the largest contributor to
// a breached limit fires (portfolio-snapshot.ts names it), so one cycle reduces one strategy per
// breach. It closes the whole units that bring that limit back inside, the most over the breached
// limits it leads: REDUCE when some units stay, CLOSE when every unit must go. WALKING_LIMIT.
import type { DecisionContext } from '../decision-context.ts';
import type { DecisionThresholds } from '../decision-thresholds.ts';
import { fired, notFired, percent, round, textsFor, type DecisionRule } from '../decision-rule.ts';
import { reduceOrClose, unitsNeeded } from './reduce-or-close.ts';

const texts = textsFor((thresholds) => ({
  threshold: `|portfolio delta| > ${thresholds.maxPortfolioDelta}, |portfolio vega| > ${thresholds.maxPortfolioVega} or an underlying > ${percent(thresholds.maxConcentrationPerUnderlying)} of net liquidation at risk (REDUCE the largest contributor)`,
  within: 'portfolio delta, vega and concentration within their limits',
  notLargest: 'a portfolio limit is breached, but this strategy is not its largest contributor',
}));

/** Units to close for one limit this strategy leads (0 when not breached or not led). */
function unitsFor(excess: number, leads: boolean, perUnit: number): number {
  return excess > 0 && leads && perUnit > 0 ? unitsNeeded(excess, perUnit) : 0;
}

interface LimitUnits {
  readonly delta: number;
  readonly vega: number;
  readonly concentration: number;
}

/** Units to close per breached limit this strategy leads; undefined when no limit is breached. */
function limitUnits(context: DecisionContext, thresholds: DecisionThresholds): LimitUnits | undefined {
  const { portfolio, strategyId, quantity, greeks } = context;
  const concentration = portfolio.underlyings[context.underlyingSymbol];
  const deltaExcess = Math.abs(portfolio.greeks.delta) - thresholds.maxPortfolioDelta;
  const vegaExcess = Math.abs(portfolio.greeks.vega) - thresholds.maxPortfolioVega;
  const overConcentrated = concentration !== undefined && concentration.fractionOfNetLiquidation > thresholds.maxConcentrationPerUnderlying;
  if (deltaExcess <= 0 && vegaExcess <= 0 && !overConcentrated) return undefined;
  const concentrationExcess = overConcentrated ? concentration.atRisk - thresholds.maxConcentrationPerUnderlying * (portfolio.netLiquidation / 1_000_000) : 0;
  return {
    delta: unitsFor(deltaExcess, portfolio.largestDeltaContributorId === strategyId, Math.abs(greeks.delta) / quantity),
    vega: unitsFor(vegaExcess, portfolio.largestVegaContributorId === strategyId, Math.abs(greeks.vega) / quantity),
    concentration: overConcentrated ? unitsFor(concentrationExcess, concentration.largestContributorId === strategyId, context.atRisk / quantity) : 0,
  };
}

function namesOf(units: LimitUnits): string {
  return [units.delta > 0 ? 'delta' : '', units.vega > 0 ? 'vega' : '', units.concentration > 0 ? 'concentration' : ''].filter(Boolean).join(', ');
}

const rule = { id: 'R11', name: 'Portfolio limits' } as const;

export const r11PortfolioLimits: DecisionRule = {
  ...rule,
  evaluate(context, thresholds) {
    const text = texts(thresholds);
    const { portfolio, strategyId, quantity } = context;
    const concentration = portfolio.underlyings[context.underlyingSymbol];
    const found = limitUnits(context, thresholds);
    const units = found === undefined ? 0 : Math.max(found.delta, found.vega, found.concentration);
    const inputs = {
      portfolioDelta: portfolio.greeks.delta,
      portfolioVega: portfolio.greeks.vega,
      underlyingFractionAtRisk: concentration?.fractionOfNetLiquidation ?? null,
      largestDeltaContributor: portfolio.largestDeltaContributorId === strategyId,
      largestVegaContributor: portfolio.largestVegaContributorId === strategyId,
      largestConcentrationContributor: concentration?.largestContributorId === strategyId,
      unitsToClose: units > 0 ? Math.min(units, quantity) : null,
    };
    if (found === undefined) return notFired(rule, text.within, inputs, text.threshold);
    if (units === 0) return notFired(rule, text.notLargest, inputs, text.threshold);
    const choice = reduceOrClose(quantity, units);
    const action = choice.action === 'CLOSE' ? 'close every unit' : `reduce by ${choice.reduceQuantity} of ${quantity} units`;
    return fired(rule, choice.action, 'WALKING_LIMIT', `largest contributor to the breached portfolio ${namesOf(found)} limit (delta ${round(portfolio.greeks.delta)}, vega ${round(portfolio.greeks.vega)}): ${action}`, inputs, text.threshold, { reduceQuantity: choice.reduceQuantity });
  },
};
