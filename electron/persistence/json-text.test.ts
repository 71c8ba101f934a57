import { describe, expect, it } from 'vitest';
import { parseJsonText, toJsonText } from './json-text.ts';

describe('toJsonText', () => {
  it('when given plain JSON data, then it returns the same text as JSON.stringify', () => {
    const value = { a: [1, 'two', true, null, { b: -0.5 }], 'odd key': {} };
    expect(toJsonText(value, 'value')).toBe(JSON.stringify(value));
    expect(toJsonText(42, 'value')).toBe('42');
  });

  it('when a value would be lost or changed by JSON, then it is refused naming the path', () => {
    const cases: Array<[unknown, RegExp]> = [
      [undefined, /: payload is undefined/],
      [{ legs: [{ strike: Number.NaN }] }, /payload\.legs\[0\]\.strike is NaN/],
      [{ price: Number.POSITIVE_INFINITY }, /payload\.price is Infinity/],
      [{ size: 10n }, /payload\.size is a BigInt/],
      [{ callback: () => {} }, /payload\.callback is a function/],
      [{ note: undefined }, /payload\.note is undefined/],
      [[1, undefined], /payload\[1\] is undefined/],
      [{ 'a b': Symbol('x') }, /payload\["a b"\] is a symbol/],
      [{ byId: new Map() }, /payload\.byId is a Map/],
      [{ tags: new Set(['x']) }, /payload\.tags is a Set/],
    ];
    for (const [value, message] of cases) {
      expect(() => toJsonText(value, "journal payload of type 'x'", 'payload')).toThrow(message);
    }
  });

  it('when a value contains a cycle, then it is refused by the depth limit rather than a stack overflow', () => {
    const order: Record<string, unknown> = { id: 'A' };
    order.self = order;
    expect(() => toJsonText(order, 'value')).toThrow(/value\.self\.self.* is nested more than 64 levels deep \(does it refer back to itself\?\)/);
  });

  it('when the same object appears twice without a cycle, then it is accepted', () => {
    const leg = { strike: 100 };
    expect(toJsonText({ a: leg, b: leg }, 'value')).toBe('{"a":{"strike":100},"b":{"strike":100}}');
  });

  it('when a value has toJSON, then it is serialised through it', () => {
    expect(toJsonText({ at: new Date(0) }, 'value')).toBe('{"at":"1970-01-01T00:00:00.000Z"}');
    expect(() => toJsonText({ bad: { toJSON: () => Number.NaN } }, 'value')).toThrow(/value\.bad is NaN/);
  });

  it('when the subject is given as a function, then it is used only in the error message', () => {
    expect(() => toJsonText({ x: undefined }, () => 'lazy subject', 'payload')).toThrow('lazy subject is not JSON-serialisable: payload.x is undefined');
  });

  it('when refused, then the error is a validation AppError', () => {
    expect(() => toJsonText(Number.NaN, 'value')).toThrow(expect.objectContaining({ code: 'validation', category: 'terminal' }));
  });
});

describe('parseJsonText', () => {
  it('when the text is not JSON, then it fails as corrupt data naming where it came from', () => {
    expect(parseJsonText('[1,2]', 'x')).toEqual([1, 2]);
    expect(() => parseJsonText('{nope', 'settings row "a"')).toThrow(expect.objectContaining({ code: 'corrupt-data', message: expect.stringContaining('settings row "a" holds invalid JSON') }));
  });
});
