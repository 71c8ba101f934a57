import { describe, expect, it } from 'vitest';
import { createCombo } from './combo.ts';
import { createOptionContract, createUnderlying } from './contract.ts';
import { instrumentKey, instrumentUnderlyingSymbol, isCombo, isUnderlying, requireInstrumentNotExpired, restoreInstrument, type Instrument } from './instrument.ts';

const now = Date.UTC(2026, 2, 10, 15); // 2026-03-10 in New York
const option = createOptionContract({ underlyingSymbol: 'QQQ', expiry: '2026-03-20', strike: 400, right: 'put' }, now);
const combo = createCombo({ legs: [{ contract: option, ratio: 1, action: 'SELL' }, { contract: { ...option, strike: 390 }, ratio: 1, action: 'BUY' }] }, now);
const shares = createUnderlying({ kind: 'stock', symbol: 'QQQ' });

describe('instrument', () => {
  it('when keying instruments of each kind, then the key comes from contractKey or comboKey', () => {
    expect(instrumentKey(shares)).toBe('QQQ');
    expect(instrumentKey(option)).toBe('QQQ 2026-03-20 400 P');
    expect(instrumentKey(combo)).toBe('COMBO[SELL 1 QQQ 2026-03-20 400 P | BUY 1 QQQ 2026-03-20 390 P]');
  });

  it('when asking the underlying symbol or kind, then every kind answers', () => {
    expect([shares, option, combo].map(instrumentUnderlyingSymbol)).toEqual(['QQQ', 'QQQ', 'QQQ']);
    expect([shares, option, combo].map(isCombo)).toEqual([false, false, true]);
    expect([shares, option, combo].map(isUnderlying)).toEqual([true, false, false]);
  });

  it('when restoring instruments, then each kind is re-validated and equal', () => {
    expect(restoreInstrument(shares)).toEqual(shares);
    expect(restoreInstrument(option)).toEqual(option);
    expect(restoreInstrument(combo)).toEqual(combo);
  });

  it('when a stored instrument has an unknown kind, then restoring fails naming instrument.kind', () => {
    const corrupt = { kind: 'future', symbol: 'ES' } as unknown as Instrument;
    expect(() => restoreInstrument(corrupt)).toThrow(
      expect.objectContaining({ field: 'instrument.kind', message: 'instrument.kind must be one of stock, etf, index, option, combo, got "future"' }),
    );
  });

  it('when an option or a combo leg has expired, then requireInstrumentNotExpired fails naming the expiry', () => {
    const later = Date.UTC(2026, 2, 21, 15);
    expect(() => requireInstrumentNotExpired(option, later)).toThrow(expect.objectContaining({ field: 'instrument.expiry' }));
    expect(() => requireInstrumentNotExpired(combo, later)).toThrow(expect.objectContaining({ field: 'instrument.legs[0].contract.expiry' }));
    expect(() => requireInstrumentNotExpired(shares, later)).not.toThrow();
    expect(() => requireInstrumentNotExpired(option, now)).not.toThrow();
  });
});
