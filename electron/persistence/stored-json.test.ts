import { describe, expect, it } from 'vitest';
import { toStoredJson, withoutUndefined } from './stored-json.ts';

describe('withoutUndefined', () => {
  it('when an object nests undefined properties, then they are left out at every depth and arrays keep their length', () => {
    expect(withoutUndefined({ a: 1, b: undefined, c: { d: undefined, e: [{ f: undefined, g: null }] } })).toEqual({ a: 1, c: { e: [{ g: null }] } });
    expect(Object.keys(withoutUndefined({ a: undefined }) as object)).toEqual([]);
    expect(withoutUndefined([1, undefined])).toEqual([1, undefined]);
  });
});

describe('toStoredJson', () => {
  it('when a domain object has absent optionals, then the JSON leaves them out', () => {
    expect(toStoredJson({ kind: 'stock', symbol: 'SPY', brokerContractId: undefined }, 'contract')).toBe('{"kind":"stock","symbol":"SPY"}');
  });

  it('when a value is NaN or an array holds undefined, then it is refused naming the path', () => {
    expect(() => toStoredJson({ legs: [{ strike: Number.NaN }] }, 'instrument', 'instrument')).toThrow(/instrument is not JSON-serialisable: instrument\.legs\[0\]\.strike is NaN/);
    expect(() => toStoredJson([undefined], 'list')).toThrow(/value\[0\] is undefined/);
  });
});
