import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TestClock } from '../../core/test-clock.ts';
import { openDatabase, type AppDatabase } from '../database.ts';
import { createTemporaryDirectory, type TemporaryDirectory } from '../testing/temporary-directory.ts';
import { entryHash, genesisHash } from './journal-hash.ts';
import { Journal } from './journal.ts';

const start = Date.UTC(2025, 0, 6, 14, 30);
let temporary: TemporaryDirectory;
let database: AppDatabase;
let clock: TestClock;
let journal: Journal;

beforeEach(() => {
  temporary = createTemporaryDirectory('journal-test-');
  database = openDatabase(temporary.file('journal.sqlite'));
  clock = new TestClock(start);
  journal = new Journal(database, clock);
});

afterEach(() => {
  database.close();
  temporary.dispose();
});

function reopen(): void {
  database.close();
  database = openDatabase(temporary.file('journal.sqlite'));
  journal = new Journal(database, clock);
}

describe('Journal.append', () => {
  it('when the journal is empty, then the head is sequence 0 with the genesis hash', () => {
    expect(journal.head()).toEqual({ sequence: 0, hash: genesisHash });
  });

  it('when entries are appended, then sequences run from 1, each hash chains to the previous one and the head follows', () => {
    const first = journal.append('order.created', { orderId: 'A', quantity: 1 });
    clock.advance(5);
    const second = journal.append('order.submitted', { orderId: 'A' });
    expect(first).toMatchObject({ sequence: 1, timestamp: start, type: 'order.created', prevHash: genesisHash });
    expect(first.hash).toBe(entryHash(genesisHash, 1, start, 'order.created', '{"orderId":"A","quantity":1}'));
    expect(second).toMatchObject({ sequence: 2, timestamp: start + 5, prevHash: first.hash });
    expect(journal.head()).toEqual({ sequence: 2, hash: second.hash });
  });

  it('when the database is closed and reopened, then every entry, the head and the chain survive', () => {
    const entries = Array.from({ length: 10 }, (_, index) => journal.append('tick', { index }));
    reopen();
    expect(journal.read()).toEqual(entries);
    expect(journal.head()).toEqual({ sequence: 10, hash: entries[9]?.hash });
    expect(journal.verify()).toMatchObject({ ok: true, entries: 10 });
    expect(journal.append('tick', { index: 10 }).sequence).toBe(11);
  });

  it('when a payload is not JSON-serialisable, then it is refused before anything is written', () => {
    journal.append('ok', {});
    for (const payload of [undefined, { f: () => 1 }, { x: Number.NaN }, { x: Number.NEGATIVE_INFINITY }, { x: 1n }]) {
      expect(() => journal.append('bad', payload)).toThrow(/journal payload of type 'bad' is not JSON-serialisable: payload/);
    }
    expect(journal.head().sequence).toBe(1);
    expect(journal.read()).toHaveLength(1);
  });

  it('when a type is empty, too long or has a newline, then it is refused', () => {
    for (const type of ['', 'x'.repeat(201), 'a\nb', 42 as unknown as string]) {
      expect(() => journal.append(type, {})).toThrow(expect.objectContaining({ code: 'validation' }));
    }
    expect(journal.head().sequence).toBe(0);
  });

  it('when appended inside an outer transaction that fails, then the entry is rolled back with it', () => {
    journal.append('kept', {});
    expect(() =>
      database.transaction(() => {
        journal.append('order.saved', { orderId: 'B' });
        throw new Error('order could not be saved');
      }),
    ).toThrow('order could not be saved');
    expect(journal.head().sequence).toBe(1);
    expect(journal.append('next', {}).sequence).toBe(2);
    expect(journal.verify().ok).toBe(true);
  });
});

describe('Journal.appendMany', () => {
  it('when a batch is appended, then its entries get consecutive sequences, one timestamp and a continuous chain', () => {
    journal.append('before', {});
    clock.advance(100);
    const batch = journal.appendMany([
      { type: 'a', payload: 1 },
      { type: 'b', payload: [2] },
      { type: 'c', payload: { three: 3 } },
    ]);
    expect(batch.map((entry) => [entry.sequence, entry.timestamp, entry.type])).toEqual([
      [2, start + 100, 'a'],
      [3, start + 100, 'b'],
      [4, start + 100, 'c'],
    ]);
    expect(batch[1]?.prevHash).toBe(batch[0]?.hash);
    expect(journal.head()).toEqual({ sequence: 4, hash: batch[2]?.hash });
  });

  it('when a batch is not a multiple of the rows per insert statement, then every entry is still written in order', () => {
    const batch = journal.appendMany(Array.from({ length: 123 }, (_, index) => ({ type: 'tick', payload: { index } })));
    expect(journal.read()).toEqual(batch);
    expect(journal.verify()).toMatchObject({ ok: true, entries: 123 });
  });

  it('when one entry of a batch is invalid, then none of the batch is written', () => {
    expect(() =>
      journal.appendMany([
        { type: 'a', payload: 1 },
        { type: 'b', payload: { nested: { bad: undefined } } },
      ]),
    ).toThrow(/payload\.nested\.bad is undefined/);
    expect(journal.head().sequence).toBe(0);
  });

  it('when the batch is empty, then nothing happens', () => {
    expect(journal.appendMany([])).toEqual([]);
    expect(journal.head().sequence).toBe(0);
  });
});

describe('Journal.read, entries and replay', () => {
  beforeEach(() => {
    journal.appendMany(Array.from({ length: 2_500 }, (_, index) => ({ type: index % 3 === 0 ? 'fill' : 'quote', payload: { index } })));
  });

  it('when read without options, then every entry comes back in sequence order with parsed payloads', () => {
    const entries = journal.read();
    expect(entries).toHaveLength(2_500);
    expect(entries.every((entry, index) => entry.sequence === index + 1 && (entry.payload as { index: number }).index === index)).toBe(true);
  });

  it('when read from a sequence with a limit, then that window comes back across page boundaries', () => {
    const entries = journal.read({ fromSequence: 995, limit: 1_010 });
    expect(entries.map((entry) => entry.sequence)).toEqual(Array.from({ length: 1_010 }, (_, index) => 995 + index));
    expect(journal.read({ fromSequence: 2_499 }).map((entry) => entry.sequence)).toEqual([2_499, 2_500]);
    expect(journal.read({ fromSequence: 10, toSequence: 12 }).map((entry) => entry.sequence)).toEqual([10, 11, 12]);
    expect(journal.read({ limit: 0 })).toEqual([]);
  });

  it('when read by types, then only those types come back, in order', () => {
    const fills = journal.read({ types: ['fill'] });
    expect(fills).toHaveLength(834);
    expect(fills.every((entry) => entry.type === 'fill')).toBe(true);
    expect(fills.slice(0, 3).map((entry) => entry.sequence)).toEqual([1, 4, 7]);
    expect(journal.read({ types: [] })).toEqual([]);
    expect(journal.read({ types: ['fill', 'quote'], limit: 3 }).map((entry) => entry.type)).toEqual(['fill', 'quote', 'quote']);
  });

  it('when read options are invalid, then a validation error names the option', () => {
    expect(() => journal.read({ fromSequence: 0 })).toThrow(/fromSequence/);
    expect(() => journal.read({ limit: -2 })).toThrow(/limit/);
    expect(() => journal.read({ types: 'fill' as unknown as string[] })).toThrow(/types/);
  });

  it('when replayed, then the handler sees every entry in order and may append while replaying', () => {
    let total = 0;
    let previous = 0;
    const result = journal.replay((entry) => {
      expect(entry.sequence).toBe(previous + 1);
      previous = entry.sequence;
      total += (entry.payload as { index: number }).index;
      if (entry.sequence === 2_500) journal.append('replayed', { total });
    });
    expect(result.count).toBeGreaterThanOrEqual(2_500);
    expect(total).toBe((2_499 * 2_500) / 2);
    expect(journal.head().sequence).toBe(2_501);
  });

  it('when replayed from a sequence for some types, then only those entries are seen', () => {
    const seen: number[] = [];
    const result = journal.replay((entry) => seen.push(entry.sequence), { fromSequence: 2_490, types: ['fill'] });
    expect(seen).toEqual([2_491, 2_494, 2_497, 2_500]);
    expect(result).toEqual({ count: 4, lastSequence: 2_500 });
  });
});

describe('journal append-only rules', () => {
  it('when SQL tries to update or delete journal rows, then SQLite refuses and the journal still verifies', () => {
    journal.append('order.created', { orderId: 'A' });
    const connection = database.connection;
    expect(() => connection.exec('UPDATE journal SET payload = \'{"orderId":"B"}\' WHERE sequence = 1')).toThrow(/append-only/);
    expect(() => connection.exec('DELETE FROM journal WHERE sequence = 1')).toThrow(/append-only/);
    expect(() => connection.exec('UPDATE journal_head SET sequence = 0')).toThrow(/only move forward/);
    expect(journal.verify()).toMatchObject({ ok: true, entries: 1 });
  });
});
