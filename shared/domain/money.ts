// Money as whole micro-dollars (1e-6 USD) in a JS number that must stay a safe integer
// (|x| ≤ 2^53 − 1, i.e. about ±$9.0 billion). Integer arithmetic on safe integers is exact, so
// sums of millions of fills do not drift the way floating-point dollars do. Every operation
// checks its result and throws MoneyOverflowError instead of silently losing precision.
// Per-share prices stay plain numbers in dollars; convert them with fromDollars/priceValue.
import type { Brand } from './brand.ts';
import { invalid } from './errors.ts';

export type Money = Brand<number, 'Money'>;

export const MICROS_PER_DOLLAR = 1_000_000;
export const ZERO_MONEY = 0 as Money;

/** A Money result left the safe-integer range, where it could no longer be exact. */
export class MoneyOverflowError extends RangeError {
  constructor(operation: string, result: number | bigint) {
    super(`money overflow in ${operation}: ${String(result)} micro-dollars is outside the safe-integer range`);
    this.name = 'MoneyOverflowError';
  }
}

function checked(result: number, operation: string): Money {
  if (!Number.isSafeInteger(result)) throw new MoneyOverflowError(operation, result);
  return (result === 0 ? 0 : result) as Money; // never -0
}

function requireSafeInteger(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) invalid(field, 'must be a safe integer', value);
  return value;
}

/**
 * Dollars → Money, rounding half to even at the micro-dollar. The value rounded is the decimal
 * JS prints for `dollars` (1.15 means 1.15, not the binary 1.149999…), so results are exact.
 */
export function fromDollars(dollars: number, field = 'amount'): Money {
  if (typeof dollars !== 'number' || !Number.isFinite(dollars)) invalid(field, 'must be a finite number of dollars', dollars);
  const scaled = dollars * MICROS_PER_DOLLAR;
  const nearest = Math.round(scaled);
  // Fast path: below 1e12 micros the float error is < 2e-4 micro, so when the value is not
  // close to a half micro, the nearest integer is the correctly rounded result.
  if (Math.abs(scaled) < 1e12 && Math.abs(scaled - nearest) < 0.49) return checked(nearest, 'fromDollars');
  return roundDecimalToMicros(String(dollars), field);
}

const decimalPattern = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/;

function roundDecimalToMicros(text: string, field: string): Money {
  const match = decimalPattern.exec(text);
  if (match === null) invalid(field, 'must be a finite number of dollars', text);
  const [, sign = '', whole = '0', fraction = '', exponent = '0'] = match;
  const shift = Number(exponent) - fraction.length + 6; // micros = digits × 10^shift
  const digits = BigInt(whole + fraction);
  let micros: bigint;
  if (shift >= 0) {
    micros = digits * 10n ** BigInt(shift);
  } else {
    const divisor = 10n ** BigInt(-shift);
    micros = digits / divisor;
    const twiceRemainder = (digits % divisor) * 2n;
    if (twiceRemainder > divisor || (twiceRemainder === divisor && micros % 2n === 1n)) micros += 1n;
  }
  if (sign === '-') micros = -micros;
  if (micros > BigInt(Number.MAX_SAFE_INTEGER) || micros < BigInt(Number.MIN_SAFE_INTEGER)) {
    invalid(field, 'must be within the money range of ±$9,007,199,254.740991', Number(text));
  }
  return checked(Number(micros), 'fromDollars');
}

/** Whole micro-dollars → Money (e.g. reading an INTEGER column). */
export function fromMicros(micros: number, field = 'micros'): Money {
  return checked(requireSafeInteger(micros, field), 'fromMicros');
}

/** Validates a stored or received value that should already be Money. */
export function parseMoney(value: unknown, field = 'amount'): Money {
  return checked(requireSafeInteger(value, field), 'parseMoney');
}

export function parseNonNegativeMoney(value: unknown, field = 'amount'): Money {
  const amount = parseMoney(value, field);
  if (amount < 0) invalid(field, 'must be at least 0', value);
  return amount;
}

export function toMicros(amount: Money): number {
  return amount;
}

/** For display and ratios only: the float can carry binary rounding. */
export function toDollars(amount: Money): number {
  return amount / MICROS_PER_DOLLAR;
}

export function add(a: Money, b: Money): Money {
  return checked(a + b, 'add');
}

export function subtract(a: Money, b: Money): Money {
  return checked(a - b, 'subtract');
}

export function negate(amount: Money): Money {
  return checked(-amount, 'negate');
}

export function abs(amount: Money): Money {
  return checked(Math.abs(amount), 'abs');
}

/** Exact while the product stays safe: float multiplication of integers is exact below 2^53. */
export function multiplyByInteger(amount: Money, factor: number): Money {
  return checked(amount * requireSafeInteger(factor, 'factor'), 'multiplyByInteger');
}

/** amount / divisor rounded half to even at the micro-dollar (exact integer remainder arithmetic). */
export function divideByInteger(amount: Money, divisor: number): Money {
  if (requireSafeInteger(divisor, 'divisor') === 0) invalid('divisor', 'must not be 0', divisor);
  const remainder = amount % divisor;
  let quotient = (amount - remainder) / divisor;
  const twiceRemainder = Math.abs(remainder) * 2;
  const absoluteDivisor = Math.abs(divisor);
  if (twiceRemainder > absoluteDivisor || (twiceRemainder === absoluteDivisor && quotient % 2 !== 0)) {
    quotient += Math.sign(amount) * Math.sign(divisor);
  }
  return checked(quotient, 'divideByInteger');
}

export function sum(amounts: Iterable<Money>): Money {
  let total = 0;
  for (const amount of amounts) total = checked(total + amount, 'sum');
  return total as Money;
}

/** -1, 0 or 1. */
export function compare(a: Money, b: Money): -1 | 0 | 1 {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function isZero(amount: Money): boolean {
  return amount === 0;
}

/** Value of `quantity` units at a per-share `price` with a contract `multiplier`: exact integers. */
export function priceValue(price: number, quantity: number, multiplier = 1, field = 'price'): Money {
  const perShare = fromDollars(price, field);
  return multiplyByInteger(multiplyByInteger(perShare, quantity), multiplier);
}

/** '-$1,234.56': rounded half to even to `decimals` (0–6) places, thousands separated. */
export function format(amount: Money, decimals = 2): string {
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 6) invalid('decimals', 'must be an integer from 0 to 6', decimals);
  const scale = 10 ** decimals;
  const units = divideByInteger(abs(amount), MICROS_PER_DOLLAR / scale) as number;
  const whole = String(Math.floor(units / scale)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const fraction = decimals === 0 ? '' : `.${String(units % scale).padStart(decimals, '0')}`;
  const sign = amount < 0 && units !== 0 ? '-' : '';
  return `${sign}$${whole}${fraction}`;
}
