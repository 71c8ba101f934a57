import { describe, expect, it } from 'vitest';
import { invalid } from '../../shared/domain/errors.ts';
import { AppError } from '../core/errors.ts';
import { StoredRow, validated } from './stored-row.ts';
import { constraintKind, writeOrExplain } from './sqlite-constraint.ts';

const row = (values: Record<string, unknown>) => new StoredRow(values, "orders row 'ord-1'");

describe('StoredRow', () => {
  it('when nullable columns hold NULL, then they read as undefined; values read as their types', () => {
    const reader = row({ a: null, b: 'x', c: 3, d: 1.25, e: -5, f: 1, g: '{"k":1}', h: '[1]' });
    expect([reader.optionalText('a'), reader.optionalInteger('a'), reader.optionalReal('a'), reader.optionalMoney('a'), reader.optionalJsonObject('a')]).toEqual([
      undefined, undefined, undefined, undefined, undefined,
    ]);
    expect([reader.optionalText('b'), reader.optionalInteger('c'), reader.real('d'), reader.money('e'), reader.boolean('f'), reader.jsonObject('g'), reader.jsonArray('h')]).toEqual([
      'x', 3, 1.25, -5, true, { k: 1 }, [1],
    ]);
  });

  it('when a column has the wrong type, then reading fails with corrupt-data naming the row and column', () => {
    const reader = row({ price: 'cheap', flag: 2, json: '[1]', list: '{}', missing: undefined });
    expect(() => reader.real('price')).toThrow(expect.objectContaining({ code: 'corrupt-data', message: "orders row 'ord-1': column price should be a finite number but is string" }));
    expect(() => reader.boolean('flag')).toThrow(/column flag should be 0 or 1/);
    expect(() => reader.jsonObject('json')).toThrow(/column json should hold a JSON object/);
    expect(() => reader.jsonArray('list')).toThrow(/column list should hold a JSON array/);
    expect(() => reader.optionalText('missing')).toThrow(/column missing should be text/);
  });

  it('when a restore function throws, then the error becomes corrupt-data naming the row', () => {
    expect(() => row({}).restore('order', () => invalid('quantity', 'must be a positive integer', 0))).toThrow(
      expect.objectContaining({ code: 'corrupt-data', message: "orders row 'ord-1': does not hold a valid order: quantity must be a positive integer, got 0" }),
    );
    expect(() => row({}).restore('order', () => (null as unknown as { kind: string }).kind)).toThrow(/does not hold a valid order: Cannot read/);
  });
});

describe('validated', () => {
  it('when the domain refuses input, then a validation AppError names what and the field', () => {
    expect(() => validated("order 'ord-1'", () => invalid('quantity', 'must be a positive integer', 0))).toThrow(
      expect.objectContaining({ code: 'validation', message: "order 'ord-1' is invalid: quantity must be a positive integer, got 0", details: { field: 'quantity' } }),
    );
    expect(validated('x', () => 5)).toBe(5);
  });
});

describe('writeOrExplain', () => {
  it('when a write hits a unique constraint, then it becomes a conflict; other errors pass through', () => {
    const unique = Object.assign(new Error('UNIQUE constraint failed: orders.id'), { code: 'SQLITE_CONSTRAINT_PRIMARYKEY' });
    expect(constraintKind(unique)).toBe('primary-key');
    expect(() => writeOrExplain('order ord-1', () => { throw unique; })).toThrow(expect.objectContaining({ code: 'conflict' }));
    const foreign = Object.assign(new Error('FOREIGN KEY constraint failed'), { code: 'SQLITE_CONSTRAINT_FOREIGNKEY' });
    expect(() => writeOrExplain('fill exec-1', () => { throw foreign; })).toThrow(expect.objectContaining({ code: 'validation', message: expect.stringContaining('fill exec-1 was refused by the database (foreign-key)') }));
    expect(() => writeOrExplain('x', () => { throw new AppError('timeout', 'slow'); })).toThrow(/slow/);
  });
});
