import { describe, expect, it } from 'vitest';
import { comboKey, comboNetPrice, comboUnderlyingSymbol, createCombo, restoreCombo, type ComboInput, type ComboLegInput } from './combo.ts';

const fieldError = (field: string, message: string) => expect.objectContaining({ field, message });
const now = Date.UTC(2026, 2, 10, 15); // 2026-03-10 in New York

function leg(strike: number, action: 'BUY' | 'SELL', overrides: Partial<ComboLegInput> = {}): ComboLegInput {
  return { contract: { underlyingSymbol: 'SPY', expiry: '2026-04-17', strike, right: 'put' }, ratio: 1, action, ...overrides };
}

const bullPut: ComboInput = { legs: [leg(440, 'BUY'), leg(450, 'SELL')] };

describe('createCombo', () => {
  it('when the legs are valid, then a frozen combo with validated contracts is returned', () => {
    const combo = createCombo(bullPut, now);
    expect(combo.kind).toBe('combo');
    expect(combo.legs.map((entry) => [entry.action, entry.ratio, entry.contract.strike, entry.contract.multiplier])).toEqual([
      ['BUY', 1, 440, 100],
      ['SELL', 1, 450, 100],
    ]);
    expect(Object.isFrozen(combo) && Object.isFrozen(combo.legs) && Object.isFrozen(combo.legs[0])).toBe(true);
  });

  it('when the same contract appears twice, then construction fails naming the repeated leg', () => {
    expect(() => createCombo({ legs: [leg(440, 'BUY'), leg(450, 'SELL'), leg(440, 'SELL')] }, now)).toThrow(
      fieldError('legs[2].contract', 'legs[2].contract repeats legs[0].contract (each contract may appear once), got "SPY 2026-04-17 440 P"'),
    );
  });

  it('when the same strike is used as a put and a call, then the legs are distinct', () => {
    const call = leg(450, 'BUY', { contract: { underlyingSymbol: 'SPY', expiry: '2026-04-17', strike: 450, right: 'call' } });
    expect(createCombo({ legs: [leg(450, 'SELL'), call] }, now).legs).toHaveLength(2);
  });

  it('when there are fewer than two legs, then construction fails naming legs', () => {
    expect(() => createCombo({ legs: [leg(440, 'BUY')] }, now)).toThrow(fieldError('legs', 'legs must have at least 2 legs, got 1'));
  });

  it.each([
    [0, 'legs[1].ratio must be a positive integer, got 0'],
    [1.5, 'legs[1].ratio must be a positive integer, got 1.5'],
    [-1, 'legs[1].ratio must be a positive integer, got -1'],
  ])('when a ratio is %s, then construction fails naming the leg ratio', (ratio, message) => {
    expect(() => createCombo({ legs: [leg(440, 'BUY'), leg(450, 'SELL', { ratio })] }, now)).toThrow(fieldError('legs[1].ratio', message));
  });

  it('when a leg action is not BUY or SELL, then construction fails naming it', () => {
    expect(() => createCombo({ legs: [leg(440, 'BUY'), leg(450, 'SHORT' as 'SELL')] }, now)).toThrow(
      fieldError('legs[1].action', 'legs[1].action must be one of BUY, SELL, got "SHORT"'),
    );
  });

  it('when legs are on different underlyings, then construction fails naming the leg', () => {
    const qqq = leg(400, 'BUY', { contract: { underlyingSymbol: 'QQQ', expiry: '2026-04-17', strike: 400, right: 'put' } });
    expect(() => createCombo({ legs: [leg(450, 'SELL'), qqq] }, now)).toThrow(
      fieldError('legs[1].contract.underlyingSymbol', 'legs[1].contract.underlyingSymbol must be SPY like legs[0], got "QQQ"'),
    );
  });

  it('when a leg expired yesterday, then createCombo fails but restoreCombo accepts the stored combo', () => {
    const expired = leg(440, 'BUY', { contract: { underlyingSymbol: 'SPY', expiry: '2026-03-09', strike: 440, right: 'put' } });
    const input = { legs: [leg(450, 'SELL'), expired] };
    expect(() => createCombo(input, now)).toThrow(
      fieldError('legs[1].contract.expiry', 'legs[1].contract.expiry must not be in the past (today in New York is 2026-03-10), got "2026-03-09"'),
    );
    expect(restoreCombo(input).legs).toHaveLength(2);
  });

  it('when a field prefix is given, then errors name the nested path', () => {
    expect(() => restoreCombo({ legs: [leg(440, 'BUY')] }, 'instrument')).toThrow(fieldError('instrument.legs', 'instrument.legs must have at least 2 legs, got 1'));
  });
});

describe('combo keys and prices', () => {
  it('when keying a combo, then every leg appears with side and ratio in order', () => {
    expect(comboKey(createCombo(bullPut, now))).toBe('COMBO[BUY 1 SPY 2026-04-17 440 P | SELL 1 SPY 2026-04-17 450 P]');
    expect(comboUnderlyingSymbol(createCombo(bullPut, now))).toBe('SPY');
  });

  it('when computing a net price, then BUY legs are debits, SELL legs credits, times the ratio', () => {
    expect(comboNetPrice([{ action: 'BUY', ratio: 1, price: 1.15 }, { action: 'SELL', ratio: 1, price: 2.35 }])).toBe(-1.2);
    expect(comboNetPrice([{ action: 'BUY', ratio: 2, price: 0.05 }, { action: 'SELL', ratio: 1, price: 0.1 }])).toBe(0);
    expect(comboNetPrice([{ action: 'BUY', ratio: 1, price: 0.3 }, { action: 'BUY', ratio: 1, price: 0.1 }, { action: 'SELL', ratio: 1, price: 0.2 }])).toBe(0.2);
  });

  it('when a leg price is negative, then the net price fails naming the leg', () => {
    expect(() => comboNetPrice([{ action: 'BUY', ratio: 1, price: -1 }])).toThrow(fieldError('legs[0].price', 'legs[0].price must be a finite price of at least 0, got -1'));
  });
});
