// Strategy figures from fills, exact in Money (integer micro-dollars): what was paid or received,
// how many whole strategy units the fills traded, the legs' average prices and the realized P&L.
// Pure functions; the tracker decides which fills belong to a strategy.
import { contractKey } from '../../shared/domain/contract.ts';
import { averageFillPrice, fillValue, totalCommission, type Fill } from '../../shared/domain/fill.ts';
import { divideByInteger, multiplyByInteger, negate, subtract, sum, toDollars, type Money } from '../../shared/domain/money.ts';
import { actionSign, oppositeAction, type OrderAction } from '../../shared/domain/order-types.ts';
import type { StrategyLeg } from '../../shared/domain/strategy.ts';

type LegShape = Pick<StrategyLeg, 'contract' | 'action' | 'ratio'>;

/** Σ BUY values − Σ SELL values, multipliers included: paid (+) or received (−). */
export function netDebit(fills: readonly Fill[]): Money {
  return sum(fills.map((fill) => (actionSign(fill.action) === 1 ? fillValue(fill) : negate(fillValue(fill)))));
}

export function commissions(fills: readonly Fill[]): Money {
  return totalCommission(fills);
}

/** The fills in the contracts of `legs`. */
export function fillsOnLegs(fills: readonly Fill[], legs: readonly LegShape[]): Fill[] {
  const keys = new Set(legs.map((leg) => contractKey(leg.contract)));
  return fills.filter((fill) => keys.has(contractKey(fill.contract)));
}

/** The side a leg trades when the strategy is opened ('open') or closed ('close'). */
function sideOf(leg: LegShape, direction: 'open' | 'close'): OrderAction {
  return direction === 'open' ? leg.action : oppositeAction(leg.action);
}

/** Contracts the fills traded on each leg, on the leg's side for `direction`. */
export function legQuantities(legs: readonly LegShape[], fills: readonly Fill[], direction: 'open' | 'close'): number[] {
  return legs.map((leg) => {
    const key = contractKey(leg.contract);
    const side = sideOf(leg, direction);
    return fills.filter((fill) => contractKey(fill.contract) === key && fill.action === side).reduce((total, fill) => total + fill.quantity, 0);
  });
}

/** Whole strategy units traded on every leg: the minimum over legs of ⌊contracts / ratio⌋. */
export function filledUnits(legs: readonly LegShape[], fills: readonly Fill[], direction: 'open' | 'close'): number {
  const quantities = legQuantities(legs, fills, direction);
  return legs.length === 0 ? 0 : Math.min(...legs.map((leg, index) => Math.floor((quantities[index] ?? 0) / leg.ratio)));
}

/** Every leg traded exactly ratio × units (no leg ahead of the others). */
export function isBalanced(legs: readonly LegShape[], fills: readonly Fill[], direction: 'open' | 'close', units: number): boolean {
  const quantities = legQuantities(legs, fills, direction);
  return legs.every((leg, index) => quantities[index] === leg.ratio * units);
}

/** Per leg: the average price of its fills on the opening side, undefined when none. */
export function openingPrices(legs: readonly LegShape[], fills: readonly Fill[]): (number | undefined)[] {
  return legs.map((leg) => {
    const key = contractKey(leg.contract);
    const legFills = fills.filter((fill) => contractKey(fill.contract) === key && fill.action === leg.action);
    return legFills.length === 0 ? undefined : averageFillPrice(legFills);
  });
}

/** An amount over `units` units as a per-share price per unit (debit positive). */
export function perUnitPrice(amount: Money, units: number, multiplier: number): number {
  return toDollars(divideByInteger(amount, units * multiplier));
}

/** `part` of `whole` units of `amount`, rounded half to even at the micro-dollar. */
export function proportionalPart(amount: Money, part: number, whole: number): Money {
  return divideByInteger(multiplyByInteger(amount, part), whole);
}

/**
 * Realized P&L net of commissions of every fill attributed to a strategy, with `openEntryAmount`
 * the entry amount of the units still open (0 when flat): what is still open has realized nothing
 * but its commissions. Exact: the P&L of a closed strategy is −Σ signed fill values − Σ commissions.
 */
export function realizedPnl(attributed: readonly Fill[], openEntryAmount: Money): Money {
  return subtract(subtract(openEntryAmount, netDebit(attributed)), commissions(attributed));
}
