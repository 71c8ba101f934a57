// The pre-trade check and the what-if: the order is assumed to fill completely at an estimated
// price (its limit, else its stop, else the touch with market slippage), and the account is
// recomputed with it. The order is refused when it would leave available funds (equity with
// loan value − margin) below zero; an order that lowers the requirement (closing) always
// passes. Working orders do not reserve buying power (each is checked on its own when placed
// or modified).
import type { BrokerOrderRequest, BrokerWhatIf } from '../broker.ts';
import type { Combo } from '../../../shared/domain/combo.ts';
import { contractMultiplier, type Contract } from '../../../shared/domain/contract.ts';
import { DomainValidationError } from '../../../shared/domain/errors.ts';
import { add, format, fromDollars, fromMicros, MoneyOverflowError, multiplyByInteger, negate, priceValue, subtract, toDollars, ZERO_MONEY, type Money } from '../../../shared/domain/money.ts';
import { actionSign } from '../../../shared/domain/order-types.ts';
import { marginPrices, markMicros, touchOf } from './account-figures.ts';
import { commissionDue, type CommissionUnit } from './commission-model.ts';
import { comboMarket } from './combo-pricing.ts';
import type { ExchangeServices } from './exchange-context.ts';
import { contraSide, slippedPrice } from './fill-model.ts';
import { marginRequirement, positionsAfter, shareEquity, type MarginPosition } from './margin-model.ts';
import { isTrailingType } from './paper-order.ts';
import { priceGridOf } from './price-grid.ts';
import { trailingStopFor, triggerReference } from './stop-trigger.ts';

export interface OrderImpact {
  readonly commission: Money;
  readonly requirementBefore: Money;
  readonly requirementAfter: Money;
  readonly equityWithLoanBefore: Money;
  readonly equityWithLoanAfter: Money;
  readonly availableBefore: Money;
  readonly availableAfter: Money;
}

interface TradeEstimate {
  readonly deltas: readonly MarginPosition[];
  /** Signed: negative when the order pays. */
  readonly cashFlow: Money;
  readonly commission: Money;
}

function singlePriceMicros(services: ExchangeServices, request: BrokerOrderRequest, contract: Contract): number {
  if (request.limitPrice !== undefined) return fromDollars(request.limitPrice);
  if (request.stopPrice !== undefined) return fromDollars(request.stopPrice);
  const quote = touchOf(services, contract);
  if (quote === undefined) return markMicros(services, contract);
  const grid = priceGridOf(contract, services.market);
  if (isTrailingType(request.type)) {
    const reference = triggerReference(contract, request.action, quote);
    const spec = { amountMicros: request.trailingAmount === undefined ? undefined : fromDollars(request.trailingAmount), percent: request.trailingPercent };
    if (reference !== undefined) return trailingStopFor(request.action, spec, reference, grid);
  }
  const contra = contraSide(request.action, quote);
  return contra.priceMicros > 0 ? slippedPrice(request.action, quote, grid, services.config.slippageBps) : markMicros(services, contract);
}

function comboNetMicros(services: ExchangeServices, request: BrokerOrderRequest, combo: Combo): number {
  if (request.limitPrice !== undefined) return fromDollars(request.limitPrice);
  const quotes = combo.legs.map((leg) => touchOf(services, leg.contract));
  const market = comboMarket({ combo, orderAction: request.action, quotes, consumed: [], marketSlippageBps: services.config.slippageBps });
  if (market !== undefined) return market.netMicros;
  return combo.legs.reduce((total, leg) => total + (leg.action === 'BUY' ? 1 : -1) * leg.ratio * markMicros(services, leg.contract), 0);
}

function estimateTrades(services: ExchangeServices, request: BrokerOrderRequest, quantity: number): TradeEstimate {
  const sign = actionSign(request.action);
  const schedule = services.config.commissions;
  const instrument = request.instrument;
  if (instrument.kind === 'combo') {
    const net = comboNetMicros(services, request, instrument);
    const multiplier = instrument.legs[0]?.contract.multiplier ?? 100;
    const deltas = instrument.legs.map((leg) => ({ contract: leg.contract, quantity: sign * actionSign(leg.action) * leg.ratio * quantity }));
    const contracts = instrument.legs.reduce((total, leg) => total + leg.ratio * quantity, 0);
    const value = multiplyByInteger(fromMicros(net), quantity * multiplier);
    return { deltas, cashFlow: sign > 0 ? negate(value) : value, commission: commissionDue(schedule, 'contract', contracts) };
  }
  const price = singlePriceMicros(services, request, instrument);
  const value = priceValue(toDollars(fromMicros(price)), quantity, contractMultiplier(instrument));
  const unit: CommissionUnit = instrument.kind === 'option' ? 'contract' : 'share';
  return { deltas: [{ contract: instrument, quantity: sign * quantity }], cashFlow: sign > 0 ? negate(value) : value, commission: commissionDue(schedule, unit, quantity) };
}

export function orderImpact(services: ExchangeServices, request: BrokerOrderRequest, quantity = request.quantity): OrderImpact {
  const estimate = estimateTrades(services, request, quantity);
  const positions: MarginPosition[] = services.ledger.openPositions();
  const after = positionsAfter(positions, estimate.deltas);
  const prices = marginPrices(services);
  const rates = services.config.margin;
  const cash = services.ledger.cash;
  const requirementBefore = marginRequirement(positions, prices, rates);
  const requirementAfter = marginRequirement(after, prices, rates);
  const equityWithLoanBefore = add(cash, shareEquity(positions, prices));
  const equityWithLoanAfter = add(subtract(add(cash, estimate.cashFlow), estimate.commission), shareEquity(after, prices));
  return {
    commission: estimate.commission,
    requirementBefore,
    requirementAfter,
    equityWithLoanBefore,
    equityWithLoanAfter,
    availableBefore: subtract(equityWithLoanBefore, requirementBefore),
    availableAfter: subtract(equityWithLoanAfter, requirementAfter),
  };
}

function isTooLarge(error: unknown): boolean {
  return error instanceof MoneyOverflowError || error instanceof DomainValidationError;
}

/** The reason to refuse the order for lack of buying power, or undefined. */
export function buyingPowerRejection(services: ExchangeServices, request: BrokerOrderRequest, quantity = request.quantity): string | undefined {
  let impact: OrderImpact;
  try {
    impact = orderImpact(services, request, quantity);
  } catch (error) {
    if (isTooLarge(error)) return `invalid quantity: ${quantity} is too large for the account to value`;
    throw error;
  }
  return impactRejection(impact);
}

function impactRejection(impact: OrderImpact): string | undefined {
  const needed = subtract(impact.availableBefore, impact.availableAfter);
  if (needed <= 0 || impact.availableAfter >= 0) return undefined;
  const available = impact.availableBefore > 0 ? impact.availableBefore : ZERO_MONEY;
  return `insufficient buying power: needs ${format(needed)}, available ${format(available)}`;
}

/** IB whatIf: margin and commission the order would cause, without placing it. */
export function whatIfPreview(services: ExchangeServices, request: BrokerOrderRequest, rejection: string | undefined, warning: string | undefined): BrokerWhatIf {
  const empty = { initialMarginChange: ZERO_MONEY, maintenanceMarginChange: ZERO_MONEY, initialMarginAfter: ZERO_MONEY, maintenanceMarginAfter: ZERO_MONEY, equityWithLoanAfter: ZERO_MONEY, commission: ZERO_MONEY };
  if (rejection !== undefined) return Object.freeze({ ...empty, rejectReason: rejection, warning });
  let impact: OrderImpact;
  try {
    impact = orderImpact(services, request);
  } catch (error) {
    if (isTooLarge(error)) return Object.freeze({ ...empty, rejectReason: `invalid quantity: ${request.quantity} is too large for the account to value`, warning });
    throw error;
  }
  const change = subtract(impact.requirementAfter, impact.requirementBefore);
  return Object.freeze({
    initialMarginChange: change,
    maintenanceMarginChange: change,
    initialMarginAfter: impact.requirementAfter,
    maintenanceMarginAfter: impact.requirementAfter,
    equityWithLoanAfter: impact.equityWithLoanAfter,
    commission: impact.commission,
    rejectReason: impactRejection(impact),
    warning,
  });
}
