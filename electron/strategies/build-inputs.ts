// Checks of the parameters every builder shares: the symbol, the quantity, the expiry (given or
// by target days to expiry), target deltas and widths. Each throws a DomainValidationError whose
// field names the parameter (`symbol`, `targetDays`, `wings.width`, …).
import { daysBetween, invalid, newYorkDate, parseIsoDate, type IsoDate } from '../../shared/domain/index.ts';
import { requireFiniteNumber, requirePositiveInteger, requireSymbol } from '../../shared/domain/validate.ts';
import { isAppError } from '../core/errors.ts';
import type { OptionChainPort } from './option-chain-port.ts';

export const DEFAULT_TARGET_DAYS = 45;
export const DEFAULT_QUANTITY = 1;

/** What every builder takes. */
export interface BaseParams {
  readonly symbol: string;
  /** Strategy units (default 1): each leg trades ratio × quantity contracts. */
  readonly quantity?: number;
  /** Intervals of the payoff chart (default 100, so 101 points). */
  readonly payoffSteps?: number;
}

/** One expiry: a listed `expiry`, or the listed expiry nearest `targetDays` (default 45). Not both. */
export interface ExpiryParams {
  readonly expiry?: string;
  readonly targetDays?: number;
}

export function requireParamsObject(params: unknown): void {
  if (typeof params !== 'object' || params === null || Array.isArray(params)) invalid('params', 'must be an object of builder parameters', params);
}

/** The symbol's listed expirations; an unknown symbol or one without options fails naming `symbol`. */
export function requireListedSymbol(chain: OptionChainPort, value: unknown): { readonly symbol: string; readonly expirations: readonly IsoDate[] } {
  const symbol = requireSymbol(value, 'symbol');
  let expirations: readonly IsoDate[];
  try {
    expirations = chain.expirations(symbol);
  } catch (error) {
    if (isAppError(error) && error.code === 'invalid-contract') invalid('symbol', `must have a listed option chain (${error.message})`, symbol);
    throw error;
  }
  if (expirations.length === 0) invalid('symbol', 'must have listed expirations', symbol);
  return { symbol, expirations };
}

export function requireQuantity(value: unknown): number {
  return requirePositiveInteger(value ?? DEFAULT_QUANTITY, 'quantity');
}

/** The market's New York date: what days to expiry count from. */
export function marketToday(chain: OptionChainPort, symbol: string): IsoDate {
  return newYorkDate(chain.underlying(symbol).time);
}

export function requireListedExpiry(value: unknown, expirations: readonly IsoDate[], symbol: string, field: string): IsoDate {
  const expiry = parseIsoDate(value, field);
  if (!expirations.includes(expiry)) invalid(field, `must be a listed expiry of ${symbol} (${expirations.join(', ')})`, value);
  return expiry;
}

/** The listed expiry asked for, or the one nearest the target days to expiry (within the listed range). */
export function selectExpiry(chain: OptionChainPort, symbol: string, expirations: readonly IsoDate[], params: ExpiryParams): IsoDate {
  if (params.expiry !== undefined) {
    if (params.targetDays !== undefined) invalid('targetDays', 'must be left out when expiry is given', params.targetDays);
    return requireListedExpiry(params.expiry, expirations, symbol, 'expiry');
  }
  const targetDays = requireFiniteNumber(params.targetDays ?? DEFAULT_TARGET_DAYS, 'targetDays');
  const today = marketToday(chain, symbol);
  const listedDays = expirations.map((expiry) => daysBetween(today, expiry));
  const shortest = Math.min(...listedDays);
  const longest = Math.max(...listedDays);
  if (targetDays < shortest || targetDays > longest) invalid('targetDays', `must be within the listed range of ${symbol}, ${shortest} to ${longest} days`, targetDays);
  return chain.expiryNearestDays(symbol, targetDays);
}

/** A short leg's target |delta|: strictly between 0 and 0.5, i.e. out of the money. */
export function requireShortDelta(value: unknown, field: string): number {
  if (typeof value !== 'number' || !(value > 0 && value < 0.5)) invalid(field, 'must be a delta strictly between 0 and 0.5 (an out-of-the-money short leg)', value);
  return value;
}

/** A long leg's target |delta|: strictly between 0 and `below` (1 for a debit spread's bought leg, the short delta for a wing). */
export function requireLongDelta(value: unknown, field: string, below: number, what: string): number {
  if (typeof value !== 'number' || !(value > 0 && value < below)) invalid(field, `must be a delta strictly between 0 and ${below} (${what})`, value);
  return value;
}

export function requireWidth(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) invalid(field, 'must be a width in points greater than 0', value);
  return value;
}

/** Rejects a parameter that has no meaning next to another one that was given. */
export function requireAbsent(value: unknown, field: string, because: string): void {
  if (value !== undefined) invalid(field, `must be left out ${because}`, value);
}
