// What an order can be for: an underlying, one option, or a combo of options. The discriminant
// `kind` is 'stock' | 'etf' | 'index' (an underlying), 'option' or 'combo'.
import { comboKey, comboUnderlyingSymbol, requireComboNotExpired, restoreCombo, type Combo } from './combo.ts';
import { contractKey, createUnderlying, requireNotExpired, restoreOptionContract, type OptionContract, type Underlying } from './contract.ts';
import { newYorkDate } from './calendar.ts';
import { invalid } from './errors.ts';

export type Instrument = Underlying | OptionContract | Combo;
export type InstrumentKind = Instrument['kind'];

export const INSTRUMENT_KINDS = ['stock', 'etf', 'index', 'option', 'combo'] as const satisfies readonly InstrumentKind[];

export function isCombo(instrument: Instrument): instrument is Combo {
  return instrument.kind === 'combo';
}

export function isUnderlying(instrument: Instrument): instrument is Underlying {
  return instrument.kind === 'stock' || instrument.kind === 'etf' || instrument.kind === 'index';
}

/** Stable key of any instrument: contractKey for a contract, comboKey for a combo. */
export function instrumentKey(instrument: Instrument): string {
  return instrument.kind === 'combo' ? comboKey(instrument) : contractKey(instrument);
}

export function instrumentUnderlyingSymbol(instrument: Instrument): string {
  if (instrument.kind === 'combo') return comboUnderlyingSymbol(instrument);
  return instrument.kind === 'option' ? instrument.underlyingSymbol : instrument.symbol;
}

/** Re-validates an instrument's shape (no time check). */
export function restoreInstrument(instrument: Instrument, field = 'instrument'): Instrument {
  switch (instrument.kind) {
    case 'combo':
      return restoreCombo(instrument, field);
    case 'option':
      return restoreOptionContract(instrument, field);
    case 'stock':
    case 'etf':
    case 'index':
      return createUnderlying(instrument, field);
    default:
      return invalid(`${field}.kind`, `must be one of ${INSTRUMENT_KINDS.join(', ')}`, (instrument as { kind: unknown }).kind);
  }
}

/** Throws when any option in the instrument expired before today in New York. */
export function requireInstrumentNotExpired(instrument: Instrument, now: number, field = 'instrument'): void {
  if (instrument.kind === 'option') requireNotExpired(instrument, newYorkDate(now), `${field}.expiry`);
  if (instrument.kind === 'combo') requireComboNotExpired(instrument, now, field);
}
