// The last steps every builder shares: price the chosen legs at their mids, check the domain
// shape, compute net price, analytics and payoff chart, refuse a debit for a credit structure
// (and the reverse), then check the margin requirement against the buying power.
import { actionSign, comboNetPrice, invalid, legRole, money, positionGreeks, requireStrategyShape, sumGreeks, type OrderAction, type StrategyType } from '../../shared/domain/index.ts';
import { requirePositiveInteger } from '../../shared/domain/validate.ts';
import { AppError } from '../core/errors.ts';
import { CREDIT_STRATEGY_TYPES, DEBIT_STRATEGY_TYPES, type BuiltLeg, type BuiltStrategy, type StrategyDraft } from './built-strategy.ts';
import { expiryProfile } from './expiry-profile.ts';
import type { ChainQuote, PricingParameters, UnderlyingSnapshot } from './option-chain-port.ts';
import { DEFAULT_PAYOFF_STEPS, payoffChart } from './payoff-chart.ts';
import { definedRiskRequirement } from './margin-requirement.ts';
import type { StrategyBuilderPorts } from './strategy-builder-ports.ts';
import { payoffLegsOf, profileLegsOf } from './strategy-legs.ts';

const MAXIMUM_PAYOFF_STEPS = 10_000;

export interface LegChoice {
  readonly quote: ChainQuote;
  readonly action: OrderAction;
  readonly ratio: number;
}

export interface StrategySpec {
  readonly type: StrategyType;
  readonly symbol: string;
  readonly quantity: number;
  readonly underlying: UnderlyingSnapshot;
  readonly legs: readonly LegChoice[];
  readonly payoffSteps: unknown;
}

function toBuiltLeg(choice: LegChoice): BuiltLeg {
  const { quote, action, ratio } = choice;
  return Object.freeze({
    contract: quote.contract,
    action,
    ratio,
    role: legRole(action, quote.contract.right),
    entryPrice: money.toDollars(money.fromDollars(quote.mid, 'mid')),
    bid: quote.bid,
    ask: quote.ask,
    impliedVolatility: quote.impliedVolatility,
    greeks: quote.greeks,
    yearsToExpiry: quote.yearsToExpiry,
  });
}

function netAmountOf(legs: readonly BuiltLeg[], quantity: number): ReturnType<typeof money.sum> {
  return money.sum(legs.map((leg) => money.priceValue(leg.entryPrice, actionSign(leg.action) * leg.ratio * quantity, leg.contract.multiplier)));
}

function requireSide(type: StrategyType, netPrice: number): void {
  if (CREDIT_STRATEGY_TYPES.includes(type) && !(netPrice < 0)) invalid('netPrice', `must be a credit (below 0: debit positive, credit negative) for ${type} at the legs' mids`, netPrice);
  if (DEBIT_STRATEGY_TYPES.includes(type) && !(netPrice > 0)) invalid('netPrice', `must be a debit (above 0: debit positive, credit negative) for ${type} at the legs' mids`, netPrice);
}

function draftOf(spec: StrategySpec, pricing: PricingParameters): StrategyDraft {
  const legs = Object.freeze(spec.legs.map(toBuiltLeg));
  requireStrategyShape(spec.type, legs);
  const steps = requirePositiveInteger(spec.payoffSteps ?? DEFAULT_PAYOFF_STEPS, 'payoffSteps');
  if (steps > MAXIMUM_PAYOFF_STEPS) invalid('payoffSteps', `must be at most ${MAXIMUM_PAYOFF_STEPS}`, steps);
  const netPrice = comboNetPrice(legs.map((leg) => ({ action: leg.action, ratio: leg.ratio, price: leg.entryPrice })));
  requireSide(spec.type, netPrice);
  const profile = expiryProfile(profileLegsOf(legs, spec.quantity));
  const chart = payoffChart({ spot: spec.underlying.price, legs: payoffLegsOf(legs, spec.quantity), pricing, steps });
  const greeks = sumGreeks(legs.map((leg) => positionGreeks(leg.greeks, actionSign(leg.action) * leg.ratio * spec.quantity, leg.contract.multiplier)));
  const expiries = [...new Set(legs.map((leg) => leg.contract.expiry))].sort();
  return {
    type: spec.type,
    underlyingSymbol: spec.symbol,
    expiry: expiries.length === 1 ? expiries[0] : undefined,
    expiries: Object.freeze(expiries),
    legs,
    quantity: spec.quantity,
    netPrice,
    netAmount: netAmountOf(legs, spec.quantity),
    underlyingPrice: spec.underlying.price,
    builtAt: spec.underlying.time,
    analytics: Object.freeze({ ...profile, payoff: chart, greeks }),
  };
}

export function assembleStrategy(spec: StrategySpec, ports: StrategyBuilderPorts): BuiltStrategy {
  const draft = draftOf(spec, ports.chain.pricing(spec.symbol));
  const requirement = (ports.marginRequirement ?? definedRiskRequirement)(draft);
  if (requirement === undefined) {
    invalid('legs', 'have no defined risk: the default margin requirement covers defined-risk strategies only, inject a marginRequirement function', draft.legs.length);
  }
  const buyingPower = ports.buyingPower();
  if (requirement > buyingPower) {
    throw new AppError(
      'insufficient-buying-power',
      `quantity ${draft.quantity} of ${draft.type} on ${draft.underlyingSymbol} needs ${money.format(requirement)} of buying power, ${money.format(buyingPower)} is available`,
      { details: { field: 'quantity', quantity: draft.quantity, required: requirement, available: buyingPower } },
    );
  }
  return Object.freeze({ ...draft, marginRequirement: requirement, buyingPower });
}
