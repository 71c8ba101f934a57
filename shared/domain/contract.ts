// Single tradable contracts: an underlying (stock, ETF, index) and an option on it.
// `contractKey` is the one stable string used as a map key for a contract everywhere.
import { newYorkDate, parseIsoDate, type IsoDate } from './calendar.ts';
import { invalid } from './errors.ts';
import { optional, requireOneOf, requirePositiveInteger, requirePositiveNumber, requireSymbol } from './validate.ts';

export const UNDERLYING_KINDS = ['stock', 'etf', 'index'] as const;
export type UnderlyingKind = (typeof UNDERLYING_KINDS)[number];

export const OPTION_RIGHTS = ['call', 'put'] as const;
export type OptionRight = (typeof OPTION_RIGHTS)[number];

export const CURRENCIES = ['USD'] as const;
export type Currency = (typeof CURRENCIES)[number];

export const DEFAULT_OPTION_MULTIPLIER = 100;

export interface Underlying {
  readonly kind: UnderlyingKind;
  readonly symbol: string;
  readonly currency: Currency;
  /** The broker's contract id (IB conId) once known. */
  readonly brokerContractId: number | undefined;
}

export interface UnderlyingInput {
  readonly kind: UnderlyingKind;
  readonly symbol: string;
  readonly currency?: Currency;
  readonly brokerContractId?: number | undefined;
}

export interface OptionContract {
  readonly kind: 'option';
  readonly underlyingSymbol: string;
  /** Exchange-local (New York) expiry date. */
  readonly expiry: IsoDate;
  /** Dollars per share, > 0, at most 4 decimals. */
  readonly strike: number;
  readonly right: OptionRight;
  /** Shares per contract, normally 100 (differs for adjusted options). */
  readonly multiplier: number;
  readonly currency: Currency;
  readonly brokerContractId: number | undefined;
  /** IB trading class when it matters (SPX vs SPXW share expiry dates). */
  readonly tradingClass: string | undefined;
}

export interface OptionContractInput {
  readonly kind?: 'option';
  readonly underlyingSymbol: string;
  readonly expiry: string;
  readonly strike: number;
  readonly right: OptionRight;
  readonly multiplier?: number | undefined;
  readonly currency?: Currency;
  readonly brokerContractId?: number | undefined;
  readonly tradingClass?: string | undefined;
}

/** One tradable contract: what a fill, a position and a combo leg refer to. */
export type Contract = Underlying | OptionContract;

function prefixed(prefix: string, name: string): string {
  return prefix === '' ? name : `${prefix}.${name}`;
}

export function createUnderlying(input: UnderlyingInput, fieldPrefix = ''): Underlying {
  return Object.freeze({
    kind: requireOneOf(input.kind, UNDERLYING_KINDS, prefixed(fieldPrefix, 'kind')),
    symbol: requireSymbol(input.symbol, prefixed(fieldPrefix, 'symbol')),
    currency: requireOneOf(input.currency ?? 'USD', CURRENCIES, prefixed(fieldPrefix, 'currency')),
    brokerContractId: optional(input.brokerContractId, prefixed(fieldPrefix, 'brokerContractId'), requirePositiveInteger),
  });
}

/** Strikes are canonicalised to 4 decimals so 0.1 + 0.2 and 0.3 give one key. */
function requireStrike(value: unknown, field: string): number {
  const strike = requirePositiveNumber(value, field);
  const tenThousandths = strike * 10_000;
  if (Math.abs(tenThousandths - Math.round(tenThousandths)) > 1e-6) invalid(field, 'must have at most 4 decimals', value);
  return Math.round(tenThousandths) / 10_000;
}

/** Validates the shape of an option without any time check (for stored or broker-reported contracts). */
export function restoreOptionContract(input: OptionContractInput, fieldPrefix = ''): OptionContract {
  const field = (name: string): string => prefixed(fieldPrefix, name);
  if (input.kind !== undefined && input.kind !== 'option') invalid(field('kind'), "must be 'option'", input.kind);
  return Object.freeze({
    kind: 'option',
    underlyingSymbol: requireSymbol(input.underlyingSymbol, field('underlyingSymbol')),
    expiry: parseIsoDate(input.expiry, field('expiry')),
    strike: requireStrike(input.strike, field('strike')),
    right: requireOneOf(input.right, OPTION_RIGHTS, field('right')),
    multiplier: requirePositiveInteger(input.multiplier ?? DEFAULT_OPTION_MULTIPLIER, field('multiplier')),
    currency: requireOneOf(input.currency ?? 'USD', CURRENCIES, field('currency')),
    brokerContractId: optional(input.brokerContractId, field('brokerContractId'), requirePositiveInteger),
    tradingClass: optional(input.tradingClass, field('tradingClass'), requireSymbol),
  });
}

/** A new option to trade: as restoreOptionContract, and the expiry must not be before today in New York. */
export function createOptionContract(input: OptionContractInput, now: number, fieldPrefix = ''): OptionContract {
  const contract = restoreOptionContract(input, fieldPrefix);
  requireNotExpired(contract, newYorkDate(now), prefixed(fieldPrefix, 'expiry'));
  return contract;
}

/** Throws unless `today` ≤ expiry: an option can be traded on its expiry day, not after. */
export function requireNotExpired(contract: OptionContract, today: IsoDate, field = 'expiry'): void {
  if (contract.expiry < today) invalid(field, `must not be in the past (today in New York is ${today})`, contract.expiry);
}

/** Re-validates a stored contract of either kind. */
export function restoreContract(input: Contract, fieldPrefix = ''): Contract {
  return input.kind === 'option' ? restoreOptionContract(input, fieldPrefix) : createUnderlying(input, fieldPrefix);
}

export function isOptionContract(contract: Contract): contract is OptionContract {
  return contract.kind === 'option';
}

/** Shares per unit: the option multiplier, 1 for shares. */
export function contractMultiplier(contract: Contract): number {
  return contract.kind === 'option' ? contract.multiplier : 1;
}

export function contractUnderlyingSymbol(contract: Contract): string {
  return contract.kind === 'option' ? contract.underlyingSymbol : contract.symbol;
}

/**
 * The stable map key of a contract: 'SPY' for an underlying, 'SPY 2026-12-18 450 C' for an
 * option. A non-standard multiplier adds ' x10'; a trading class that differs from the symbol
 * adds it at the end ('SPX 2026-12-18 4500 C SPXW'). Never change this format: it is stored.
 */
export function contractKey(contract: Contract): string {
  if (contract.kind !== 'option') return contract.symbol;
  const right = contract.right === 'call' ? 'C' : 'P';
  let key = `${contract.underlyingSymbol} ${contract.expiry} ${String(contract.strike)} ${right}`;
  if (contract.multiplier !== DEFAULT_OPTION_MULTIPLIER) key += ` x${contract.multiplier}`;
  if (contract.tradingClass !== undefined && contract.tradingClass !== contract.underlyingSymbol) {
    key += ` ${contract.tradingClass}`;
  }
  return key;
}
