// A documented, simplified Reg-T margin model (see README.md, "Margin and buying power"):
// - long options are paid in full: they need no margin and lend nothing;
// - shares, long or short, need `sharePercent` (50 %) of their market value;
// - short options covered by long options of the same underlying, expiry, multiplier and right
//   (verticals; iron condors are a put and a call vertical) hold the group's maximum loss at
//   expiry, premiums aside (the premium is already in cash): evaluated at 0 and every strike,
//   so an iron condor holds its wider wing, not both;
// - uncovered short options are naked: (premium + max(20 % × underlying − out-of-the-money
//   amount, 10 % × strike for puts / 10 % × underlying for calls)) × multiplier × contracts.
// Shorts are paired with the cheapest-to-hold longs (calls: the lowest strikes, puts: the highest)
// in strike order, which minimises the covered requirement. Calendars, diagonals and covered
// calls are not recognised: their short legs count as naked (conservative).
// Every amount is integer micro-dollars (Money).
import { contractKey, type Contract, type OptionContract } from '../../../shared/domain/contract.ts';
import { add, divideByInteger, fromMicros, MoneyOverflowError, multiplyByInteger, sum, ZERO_MONEY, type Money } from '../../../shared/domain/money.ts';
import type { PaperMarginRates } from './paper-config.ts';

export interface MarginPosition {
  readonly contract: Contract;
  /** Signed: positive long, negative short. */
  readonly quantity: number;
}

export interface MarginPrices {
  /** Per-share mark of a contract in micro-dollars (a whole number). */
  mark(contract: Contract): number;
  /** The underlying's price in micro-dollars, or undefined when unknown. */
  underlying(symbol: string): number | undefined;
}

interface Lot {
  readonly contract: OptionContract;
  readonly strike: number;
  quantity: number;
}

interface Pair {
  readonly short: Lot;
  readonly long: Lot;
  readonly quantity: number;
}

function percentOf(micros: number, percent: number): number {
  return divideByInteger(fromMicros(micros * percent), 100);
}

function strikeMicros(contract: OptionContract): number {
  return Math.round(contract.strike * 1_000_000);
}

function intrinsic(contract: OptionContract, strike: number, underlying: number): number {
  return Math.max(0, contract.right === 'call' ? underlying - strike : strike - underlying);
}

/** Σ signed market value of share positions: what shares add to equity with loan value. */
export function shareEquity(positions: Iterable<MarginPosition>, prices: MarginPrices): Money {
  let total = ZERO_MONEY;
  for (const position of positions) {
    if (position.contract.kind === 'option' || position.quantity === 0) continue;
    total = add(total, multiplyByInteger(fromMicros(prices.mark(position.contract)), position.quantity));
  }
  return total;
}

/** The margin the positions hold in total (the model above). */
export function marginRequirement(positions: Iterable<MarginPosition>, prices: MarginPrices, rates: PaperMarginRates): Money {
  const parts: Money[] = [];
  const optionGroups = new Map<string, MarginPosition[]>();
  for (const position of positions) {
    if (position.quantity === 0) continue;
    const contract = position.contract;
    if (contract.kind !== 'option') {
      const value = multiplyByInteger(fromMicros(prices.mark(contract)), Math.abs(position.quantity));
      parts.push(divideByInteger(multiplyByInteger(value, rates.sharePercent), 100));
      continue;
    }
    const key = `${contract.underlyingSymbol}|${contract.expiry}|${contract.multiplier}`;
    optionGroups.set(key, [...(optionGroups.get(key) ?? []), position]);
  }
  for (const group of optionGroups.values()) parts.push(optionGroupRequirement(group, prices, rates));
  return sum(parts);
}

/** One underlying, expiry and multiplier: covered pairs hold their joint maximum loss, the rest is naked. */
function optionGroupRequirement(group: readonly MarginPosition[], prices: MarginPrices, rates: PaperMarginRates): Money {
  const pairs: Pair[] = [];
  const naked: Lot[] = [];
  for (const right of ['call', 'put'] as const) {
    const lots = group.filter((position) => (position.contract as OptionContract).right === right);
    const shorts = lotsOf(lots.filter((position) => position.quantity < 0));
    const longs = lotsOf(lots.filter((position) => position.quantity > 0));
    const paired = pairShortsWithLongs(shorts, longs, right);
    pairs.push(...paired.pairs);
    naked.push(...paired.naked);
  }
  return add(coveredRequirement(pairs), sum(naked.map((lot) => nakedRequirement(lot, prices, rates))));
}

function lotsOf(positions: readonly MarginPosition[]): Lot[] {
  return positions.map((position) => {
    const contract = position.contract as OptionContract;
    return { contract, strike: strikeMicros(contract), quantity: Math.abs(position.quantity) };
  });
}

/** Strike-ordered matching: calls ascending (lowest longs first), puts descending (highest longs first). */
function pairShortsWithLongs(shorts: Lot[], longs: Lot[], right: 'call' | 'put'): { pairs: Pair[]; naked: Lot[] } {
  const order = right === 'call' ? (a: Lot, b: Lot) => a.strike - b.strike : (a: Lot, b: Lot) => b.strike - a.strike;
  const shortQueue = shorts.map((lot) => ({ ...lot })).sort(order);
  const longQueue = longs.map((lot) => ({ ...lot })).sort(order);
  const pairs: Pair[] = [];
  let longIndex = 0;
  for (const short of shortQueue) {
    while (short.quantity > 0 && longIndex < longQueue.length) {
      const long = longQueue[longIndex] as Lot;
      const quantity = Math.min(short.quantity, long.quantity);
      pairs.push({ short, long, quantity });
      short.quantity -= quantity;
      long.quantity -= quantity;
      if (long.quantity === 0) longIndex++;
    }
  }
  return { pairs, naked: shortQueue.filter((lot) => lot.quantity > 0) };
}

/** The worst payoff at expiry of all covered pairs together, over 0 and every strike (where the minimum lies). */
function coveredRequirement(pairs: readonly Pair[]): Money {
  if (pairs.length === 0) return ZERO_MONEY;
  const points = new Set<number>([0]);
  for (const pair of pairs) points.add(pair.short.strike).add(pair.long.strike);
  let worst = 0;
  for (const underlying of points) {
    let payoff = 0;
    for (const pair of pairs) {
      const perShare = intrinsic(pair.long.contract, pair.long.strike, underlying) - intrinsic(pair.short.contract, pair.short.strike, underlying);
      payoff += perShare * pair.quantity * pair.long.contract.multiplier;
    }
    worst = Math.min(worst, payoff);
  }
  if (!Number.isSafeInteger(worst)) throw new MoneyOverflowError('covered margin', worst);
  return fromMicros(-worst);
}

function nakedRequirement(lot: Lot, prices: MarginPrices, rates: PaperMarginRates): Money {
  const contract = lot.contract;
  // Unknown underlying: the strike stands in for it (never zero margin on a naked short).
  const underlying = prices.underlying(contract.underlyingSymbol) ?? lot.strike;
  const outOfTheMoney = Math.max(0, contract.right === 'call' ? lot.strike - underlying : underlying - lot.strike);
  const byUnderlying = percentOf(underlying, rates.nakedUnderlyingPercent) - outOfTheMoney;
  const minimum = percentOf(contract.right === 'put' ? lot.strike : underlying, rates.nakedMinimumPercent);
  const perShare = prices.mark(contract) + Math.max(byUnderlying, minimum);
  return multiplyByInteger(fromMicros(perShare), lot.quantity * contract.multiplier);
}

/** Positions keyed by contract, after adding `deltas` (for a pre-trade what-if). */
export function positionsAfter(positions: Iterable<MarginPosition>, deltas: Iterable<MarginPosition>): MarginPosition[] {
  const byKey = new Map<string, MarginPosition>();
  for (const position of positions) byKey.set(contractKey(position.contract), position);
  for (const delta of deltas) {
    const key = contractKey(delta.contract);
    const current = byKey.get(key);
    byKey.set(key, { contract: current?.contract ?? delta.contract, quantity: (current?.quantity ?? 0) + delta.quantity });
  }
  return [...byKey.values()];
}
