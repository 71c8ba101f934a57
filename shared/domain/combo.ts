// A combo (IB "BAG"): several option legs on one underlying traded as one order. Prices of a
// combo are net prices per combo unit, debit positive (BUY legs add, SELL legs subtract), so a
// credit is negative, as IB quotes BAG limit prices.
import { newYorkDate } from './calendar.ts';
import {
  contractKey,
  createOptionContract,
  requireNotExpired,
  restoreOptionContract,
  type OptionContract,
  type OptionContractInput,
} from './contract.ts';
import { invalid } from './errors.ts';
import { actionSign, ORDER_ACTIONS, type OrderAction } from './order-types.ts';
import { priceValue, sum, toDollars } from './money.ts';
import { requireArray, requireNonNegativePrice, requireOneOf, requirePositiveInteger } from './validate.ts';

export interface ComboLeg {
  readonly contract: OptionContract;
  /** Contracts of this leg per combo unit (a positive integer). */
  readonly ratio: number;
  /** The side of this leg when the combo itself is bought. */
  readonly action: OrderAction;
}

export interface Combo {
  readonly kind: 'combo';
  readonly legs: readonly ComboLeg[];
}

export interface ComboLegInput {
  readonly contract: OptionContractInput;
  readonly ratio: number;
  readonly action: OrderAction;
}

export interface ComboInput {
  readonly kind?: 'combo';
  readonly legs: readonly ComboLegInput[];
}

export const MINIMUM_COMBO_LEGS = 2;

function buildCombo(input: ComboInput, fieldPrefix: string, makeContract: (contract: OptionContractInput, field: string) => OptionContract): Combo {
  const legsField = fieldPrefix === '' ? 'legs' : `${fieldPrefix}.legs`;
  const rawLegs = requireArray(input.legs, legsField) as readonly ComboLegInput[];
  if (rawLegs.length < MINIMUM_COMBO_LEGS) invalid(legsField, `must have at least ${MINIMUM_COMBO_LEGS} legs`, rawLegs.length);
  const legs = rawLegs.map((leg, index) =>
    Object.freeze({
      contract: makeContract(leg.contract, `${legsField}[${index}].contract`),
      ratio: requirePositiveInteger(leg.ratio, `${legsField}[${index}].ratio`),
      action: requireOneOf(leg.action, ORDER_ACTIONS, `${legsField}[${index}].action`),
    }),
  );
  requireDistinctLegsOnOneUnderlying(legs, legsField);
  return Object.freeze({ kind: 'combo', legs: Object.freeze(legs) });
}

function requireDistinctLegsOnOneUnderlying(legs: readonly ComboLeg[], legsField: string): void {
  const firstIndexByKey = new Map<string, number>();
  const underlying = legs[0]?.contract.underlyingSymbol;
  legs.forEach((leg, index) => {
    const key = contractKey(leg.contract);
    const earlier = firstIndexByKey.get(key);
    if (earlier !== undefined) {
      invalid(`${legsField}[${index}].contract`, `repeats ${legsField}[${earlier}].contract (each contract may appear once)`, key);
    }
    firstIndexByKey.set(key, index);
    if (leg.contract.underlyingSymbol !== underlying) {
      invalid(`${legsField}[${index}].contract.underlyingSymbol`, `must be ${underlying} like ${legsField}[0]`, leg.contract.underlyingSymbol);
    }
  });
}

/** A new combo to trade: every leg's expiry must not be before today in New York. */
export function createCombo(input: ComboInput, now: number, fieldPrefix = ''): Combo {
  newYorkDate(now); // validates `now` even before the legs are looked at
  return buildCombo(input, fieldPrefix, (contract, field) => createOptionContract(contract, now, field));
}

/** Validates a stored combo (shape only, no time check). */
export function restoreCombo(input: ComboInput, fieldPrefix = ''): Combo {
  return buildCombo(input, fieldPrefix, (contract, field) => restoreOptionContract(contract, field));
}

export function requireComboNotExpired(combo: Combo, now: number, fieldPrefix = ''): void {
  const today = newYorkDate(now);
  const legsField = fieldPrefix === '' ? 'legs' : `${fieldPrefix}.legs`;
  combo.legs.forEach((leg, index) => requireNotExpired(leg.contract, today, `${legsField}[${index}].contract.expiry`));
}

export function comboUnderlyingSymbol(combo: Combo): string {
  const first = combo.legs[0];
  if (first === undefined) invalid('legs', `must have at least ${MINIMUM_COMBO_LEGS} legs`, 0);
  return first.contract.underlyingSymbol;
}

/** Stable key: 'COMBO[BUY 1 SPY 2026-12-18 450 C | SELL 1 SPY 2026-12-18 460 C]' (legs in their order). */
export function comboKey(combo: Combo): string {
  const legs = combo.legs.map((leg) => `${leg.action} ${leg.ratio} ${contractKey(leg.contract)}`);
  return `COMBO[${legs.join(' | ')}]`;
}

/**
 * Net price per combo unit from per-share leg prices: Σ ±ratio × price with BUY legs positive
 * (debit) and SELL legs negative (credit). Summed in integer micro-dollars, then back to dollars.
 */
export function comboNetPrice(legs: readonly { readonly action: OrderAction; readonly ratio: number; readonly price: number }[]): number {
  const signedLegValues = legs.map((leg, index) => {
    const ratio = requirePositiveInteger(leg.ratio, `legs[${index}].ratio`);
    const price = requireNonNegativePrice(leg.price, `legs[${index}].price`);
    return priceValue(price, actionSign(requireOneOf(leg.action, ORDER_ACTIONS, `legs[${index}].action`)) * ratio);
  });
  return toDollars(sum(signedLegValues));
}
