import { describe, expect, it } from 'vitest';
import { describeValue, DomainValidationError } from './errors.ts';
import { optional, requireNonEmptyString, requireOneOf, requireSymbol } from './validate.ts';

describe('DomainValidationError', () => {
  it('when thrown, then it is an Error carrying the field, the value and a message naming both', () => {
    const error = new DomainValidationError('quantity', 'quantity must be a positive integer, got 1.5', 1.5);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ name: 'DomainValidationError', field: 'quantity', value: 1.5 });
  });

  it('when describing bad values, then each kind is readable', () => {
    expect(describeValue('spy')).toBe('"spy"');
    expect(describeValue(Number.NaN)).toBe('NaN');
    expect(describeValue(undefined)).toBe('undefined');
    expect(describeValue(null)).toBe('null');
    expect(describeValue(10n)).toBe('10n');
    expect(describeValue({ a: 1 })).toBe('{"a":1}');
    expect(describeValue(() => 1)).toBe('function');
    expect(describeValue({ text: 'x'.repeat(200) })).toHaveLength(81);
    const circular: { self?: unknown } = {};
    circular.self = circular;
    expect(describeValue(circular)).toBe('[object Object]');
  });
});

describe('validators', () => {
  it('when a value is optional and absent, then the check is skipped', () => {
    expect(optional(undefined, 'note', requireNonEmptyString)).toBeUndefined();
    expect(() => optional('', 'note', requireNonEmptyString)).toThrow(expect.objectContaining({ field: 'note' }));
  });

  it('when a string is too long, then it fails naming the limit', () => {
    expect(() => requireNonEmptyString('abcd', 'code', 3)).toThrow(expect.objectContaining({ message: 'code must be at most 3 characters, got "abcd"' }));
  });

  it('when a value is not one of the allowed strings, then the allowed list is shown', () => {
    expect(requireOneOf('B', ['A', 'B'], 'letter')).toBe('B');
    expect(() => requireOneOf(1, ['A', 'B'], 'letter')).toThrow(expect.objectContaining({ message: 'letter must be one of A, B, got 1' }));
  });

  it.each(['SPY', 'BRK B', 'BRK.B', 'BF/B', 'SPXW', 'A1'])('when the symbol is %j, then it is accepted', (symbol) => {
    expect(requireSymbol(symbol, 'symbol')).toBe(symbol);
  });

  it.each(['BRK  B', 'spy', 'SP Y ', '-SPY', 'S\tP'])('when the symbol is %j, then it is refused', (symbol) => {
    expect(() => requireSymbol(symbol, 'symbol')).toThrow(expect.objectContaining({ field: 'symbol' }));
  });
});
