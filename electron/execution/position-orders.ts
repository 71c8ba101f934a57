// Turning open positions into ONE order, as pure functions: close (opposite side for every open
// leg), reduce (the same proportion of every leg), roll (close the old legs and open new ones).
// Several legs become one combo whose ratios are the legs' quantities over their greatest common
// divisor, bought in that many units (so the net price is per unit, debit positive); one leg
// becomes a single-contract order. Errors come back as sentences, nothing is thrown.
import { restoreCombo } from '../../shared/domain/combo.ts';
import { contractKey, contractUnderlyingSymbol, type Contract, type OptionContract } from '../../shared/domain/contract.ts';
import { DomainValidationError } from '../../shared/domain/errors.ts';
import type { Instrument } from '../../shared/domain/instrument.ts';
import { actionSign, type OrderAction } from '../../shared/domain/order-types.ts';
import type { StrategyLeg } from '../../shared/domain/strategy.ts';
import type { PositionLine } from './positions-provider.ts';

/** Which open positions an operation acts on: whole positions in these contracts, or a strategy's legs (capped at its size). */
export type PositionTarget =
  | { readonly contracts: readonly Contract[] }
  | { readonly strategy: { readonly legs: readonly Pick<StrategyLeg, 'contract' | 'action' | 'ratio'>[]; readonly quantity: number } };

export interface TradeLeg {
  readonly contract: Contract;
  readonly action: OrderAction;
  /** Contracts (or shares) to trade, > 0. */
  readonly quantity: number;
}

export interface OrderShape {
  readonly instrument: Instrument;
  readonly action: OrderAction;
  readonly quantity: number;
}

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

function openQuantity(positions: readonly PositionLine[], contract: Contract): number {
  const key = contractKey(contract);
  return positions.filter((line) => contractKey(line.contract) === key).reduce((total, line) => total + line.quantity, 0);
}

/** The targeted legs with their signed open quantity, or why they cannot be acted on. */
export function resolveTarget(target: PositionTarget, positions: readonly PositionLine[]): PositionLine[] | string {
  if ('contracts' in target) {
    if (target.contracts.length === 0) return 'no contracts given';
    const lines = target.contracts.map((contract) => ({ contract, quantity: openQuantity(positions, contract) }));
    const flat = lines.find((line) => line.quantity === 0);
    return flat === undefined ? lines : `there is no open position in ${contractKey(flat.contract)}`;
  }
  const lines: PositionLine[] = [];
  for (const leg of target.strategy.legs) {
    const wanted = actionSign(leg.action) * leg.ratio * target.strategy.quantity;
    const open = openQuantity(positions, leg.contract);
    if (open === 0 || Math.sign(open) !== Math.sign(wanted)) return `the strategy's ${leg.action} leg ${contractKey(leg.contract)} has no open position on that side (open: ${open})`;
    lines.push({ contract: leg.contract, quantity: Math.sign(wanted) * Math.min(Math.abs(wanted), Math.abs(open)) });
  }
  return lines.length === 0 ? 'the strategy has no legs' : lines;
}

/** The trades that flatten `lines`. */
export function closingLegs(lines: readonly PositionLine[]): TradeLeg[] {
  return lines.map((line) => ({ contract: line.contract, action: line.quantity > 0 ? 'SELL' : 'BUY', quantity: Math.abs(line.quantity) }));
}

/** Units of a multi-leg position: the gcd of its leg sizes (a single leg: its size). */
export function positionUnits(lines: readonly PositionLine[]): number {
  return lines.reduce((units, line) => gcd(units, Math.abs(line.quantity)), 0);
}

/** Closes `units` of the position's units on every leg in proportion; refuses more than is open. */
export function reducingLegs(lines: readonly PositionLine[], units: number): TradeLeg[] | string {
  const open = positionUnits(lines);
  if (!Number.isSafeInteger(units) || units <= 0) return `the quantity to reduce must be a positive whole number of units, got ${String(units)}`;
  if (units > open) return `cannot reduce by ${units}: the position is ${open} unit${open === 1 ? '' : 's'}`;
  return closingLegs(lines).map((leg) => ({ ...leg, quantity: (leg.quantity / open) * units }));
}

/** Closes `lines` and opens `newLegs` (per-unit ratios × units) in one list; a contract may not be both closed and opened. */
export function rollingLegs(lines: readonly PositionLine[], newLegs: readonly { readonly contract: OptionContract; readonly action: OrderAction; readonly ratio: number }[], units: number): TradeLeg[] | string {
  if (newLegs.length === 0) return 'a roll needs at least one new leg to open';
  if (!Number.isSafeInteger(units) || units <= 0) return `the roll quantity must be a positive whole number of units, got ${String(units)}`;
  const closing = new Set(lines.map((line) => contractKey(line.contract)));
  const clash = newLegs.find((leg) => closing.has(contractKey(leg.contract)));
  if (clash !== undefined) return `${contractKey(clash.contract)} is both closed and opened by the roll; roll to a different expiry or strike`;
  const bad = newLegs.find((leg) => !Number.isSafeInteger(leg.ratio) || leg.ratio <= 0);
  if (bad !== undefined) return `the new leg ${contractKey(bad.contract)} needs a positive whole ratio, got ${String(bad.ratio)}`;
  return [...closingLegs(lines), ...newLegs.map((leg) => ({ contract: leg.contract, action: leg.action, quantity: leg.ratio * units }))];
}

/** One order for `legs`: a single-contract order, or a combo (option legs on one underlying) bought in gcd units. */
export function orderShapeFor(legs: readonly TradeLeg[]): OrderShape | string {
  const [first] = legs;
  if (first === undefined) return 'there is nothing to trade';
  if (legs.length === 1) return { instrument: first.contract, action: first.action, quantity: first.quantity };
  const stock = legs.find((leg) => leg.contract.kind !== 'option');
  if (stock !== undefined) return `a combo takes option legs only; ${contractKey(stock.contract)} must be traded on its own`;
  const units = legs.reduce((total, leg) => gcd(total, leg.quantity), 0);
  try {
    const combo = restoreCombo({ legs: legs.map((leg) => ({ contract: leg.contract as OptionContract, ratio: leg.quantity / units, action: leg.action })) });
    return { instrument: combo, action: 'BUY', quantity: units };
  } catch (error) {
    if (error instanceof DomainValidationError) return `the legs cannot form one combo: ${error.message}`;
    throw error;
  }
}

/** Open positions grouped for closeAll: options by underlying (one combo each), every other contract alone. */
export function closeAllGroups(positions: readonly PositionLine[], symbol?: string): PositionLine[][] {
  const open = positions.filter((line) => line.quantity !== 0 && (symbol === undefined || contractUnderlyingSymbol(line.contract) === symbol));
  const groups = new Map<string, PositionLine[]>();
  for (const line of open) {
    const key = line.contract.kind === 'option' ? `options:${line.contract.underlyingSymbol}` : `single:${contractKey(line.contract)}`;
    groups.set(key, [...(groups.get(key) ?? []), line]);
  }
  return [...groups.values()];
}
