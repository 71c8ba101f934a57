import { describe, expect, it } from 'vitest';
import { intent, put440, worldStart } from './testing/risk-world.ts';
import { summarizeIntent, validateIntent } from './intent-validation.ts';

const denialOf = (value: unknown) => {
  const result = validateIntent(value, worldStart);
  if (result.ok) throw new Error('expected a denial');
  return result.denial;
};

describe('validateIntent', () => {
  it('when the intent is well formed, then it passes unchanged in substance', () => {
    const valid = intent({ quantity: 3 });
    expect(validateIntent(valid, worldStart)).toEqual({ ok: true, intent: valid });
  });

  it.each([
    ['a NaN quantity', 'quantity', { quantity: Number.NaN }],
    ['a zero quantity', 'quantity', { quantity: 0 }],
    ['a fractional quantity', 'quantity', { quantity: 1.5 }],
    ['an infinite limit price', 'limitPrice', { limitPrice: Number.POSITIVE_INFINITY }],
    ['a negative limit on a single option', 'limitPrice', { limitPrice: -1 }],
    ['a limit order without a limit', 'limitPrice', { limitPrice: undefined }],
    ['a stop order without a stop', 'stopPrice', { type: 'STP', limitPrice: undefined }],
    ['an unknown action', 'action', { action: 'HOLD' }],
    ['an unknown order type', 'type', { type: 'ICEBERG' }],
    ['an unknown kind', 'kind', { kind: 'cancel' }],
    ['a non-boolean dry-run flag', 'dryRun', { dryRun: 'yes' }],
    ['a malformed client order ref', 'clientOrderRef', { clientOrderRef: '123' }],
    ['a missing instrument', 'instrument', { instrument: undefined }],
    ['an instrument of unknown kind', 'instrument', { instrument: { kind: 'future', symbol: 'ES' } }],
    ['an option with a NaN strike', 'instrument.strike', { instrument: { ...put440, strike: Number.NaN } }],
    ['an expired option', 'instrument.expiry', { instrument: { ...put440, expiry: '2026-03-09' } }],
  ])('when the intent has %s, then it is denied INVALID_ORDER naming %s', (_label, field, change) => {
    const denial = denialOf({ ...intent(), ...change });
    expect(denial.code).toBe('INVALID_ORDER');
    expect(denial.reason).toContain(field);
  });

  it('when the value is not an intent at all, then it is denied INVALID_ORDER without throwing', () => {
    for (const value of [null, undefined, 42, 'order', [], Object.create(null)]) expect(denialOf(value).code).toBe('INVALID_ORDER');
    const hostile = new Proxy({}, { get: () => { throw new Error('boom'); } });
    expect(denialOf(hostile)).toMatchObject({ code: 'INVALID_ORDER', reason: expect.stringContaining('boom') });
  });
});

describe('summarizeIntent', () => {
  it('when the intent is valid, then the summary names the order', () => {
    const valid = intent({ quantity: 2 });
    expect(summarizeIntent(valid)).toEqual({ clientOrderRef: valid.clientOrderRef, instrument: 'SPY 2026-04-17 440 P', action: 'SELL', quantity: 2, kind: 'new', dryRun: false, strategyId: undefined });
  });

  it('when the value is malformed or hostile, then the summary still comes back', () => {
    expect(summarizeIntent(null)).toMatchObject({ instrument: '(invalid instrument)', quantity: Number.NaN });
    const hostile = new Proxy({}, { get: () => { throw new Error('boom'); } });
    expect(summarizeIntent(hostile).clientOrderRef).toBe('(unreadable)');
  });
});
