// Grouping the per-leg fills of one combo order. IB reports one execution per leg (the leg's
// own contract, its own execution id, the combo's order id); the combo's progress and its net
// price are derived from them here.
import type { Combo } from './combo.ts';
import { contractKey } from './contract.ts';
import { invalid } from './errors.ts';
import { fillValue, totalCommission, type Fill } from './fill.ts';
import { divideByInteger, negate, priceValue, sum, toDollars, type Money } from './money.ts';
import { actionSign, oppositeAction, type OrderAction } from './order-types.ts';

export interface ComboFillSummary {
  /** Contracts filled per leg, indexed like combo.legs. */
  readonly legQuantities: readonly number[];
  /** Whole combo units filled on every leg: the minimum over legs of ⌊filled / ratio⌋. */
  readonly completeUnits: number;
  /** Every leg filled exactly ratio × completeUnits (no leg ahead of the others). */
  readonly balanced: boolean;
  /** Σ BUY values − Σ SELL values, multiplier included: positive = paid (debit), negative = received (credit). */
  readonly netDebit: Money;
  /** Per-share net price per combo unit, debit positive; set only when balanced and something filled. */
  readonly netPricePerUnit: number | undefined;
  readonly commission: Money;
}

function requireFillMatchesLeg(fill: Fill, index: number, combo: Combo, orderAction: OrderAction, orderId: string): number {
  const field = `fills[${index}]`;
  if (fill.orderId !== orderId) invalid(`${field}.orderId`, `must be ${orderId} like fills[0]`, fill.orderId);
  const legIndex = fill.legIndex;
  const leg = legIndex === undefined ? undefined : combo.legs[legIndex];
  if (leg === undefined || legIndex === undefined) invalid(`${field}.legIndex`, `must be a leg index from 0 to ${combo.legs.length - 1}`, legIndex);
  if (contractKey(fill.contract) !== contractKey(leg.contract)) {
    invalid(`${field}.contract`, `must be leg ${legIndex}'s contract ${contractKey(leg.contract)}`, contractKey(fill.contract));
  }
  const expectedAction = orderAction === 'BUY' ? leg.action : oppositeAction(leg.action);
  if (fill.action !== expectedAction) invalid(`${field}.action`, `must be ${expectedAction} for leg ${legIndex} of a ${orderAction} combo order`, fill.action);
  return legIndex;
}

/** Sums the leg fills of one combo order bought or sold with `orderAction`. Throws on a fill that does not belong. */
export function summarizeComboFills(combo: Combo, orderAction: OrderAction, fills: readonly Fill[]): ComboFillSummary {
  const legQuantities = combo.legs.map(() => 0);
  const seenIds = new Set<string>();
  const orderId = fills[0]?.orderId ?? '';
  fills.forEach((fill, index) => {
    if (seenIds.has(fill.id)) invalid(`fills[${index}].id`, 'must be unique (the same execution was passed twice)', fill.id);
    seenIds.add(fill.id);
    const legIndex = requireFillMatchesLeg(fill, index, combo, orderAction, orderId);
    legQuantities[legIndex] = (legQuantities[legIndex] ?? 0) + fill.quantity;
  });
  const completeUnits = Math.min(...combo.legs.map((leg, index) => Math.floor((legQuantities[index] ?? 0) / leg.ratio)));
  const balanced = combo.legs.every((leg, index) => legQuantities[index] === leg.ratio * completeUnits);
  const signedValue = (fill: Fill, value: Money): Money => (actionSign(fill.action) === 1 ? value : negate(value));
  const netDebit = sum(fills.map((fill) => signedValue(fill, fillValue(fill))));
  const perShareNet = sum(fills.map((fill) => signedValue(fill, priceValue(fill.price, fill.quantity))));
  return Object.freeze({
    legQuantities: Object.freeze(legQuantities),
    completeUnits,
    balanced,
    netDebit,
    netPricePerUnit: balanced && completeUnits > 0 ? toDollars(divideByInteger(perShareNet, completeUnits)) : undefined,
    commission: totalCommission(fills),
  });
}
