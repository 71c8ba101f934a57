import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TestClock } from '../../core/test-clock.ts';
import { openDatabase, type AppDatabase } from '../database.ts';
import { createTemporaryDirectory, type TemporaryDirectory } from '../testing/temporary-directory.ts';
import { entryHash } from './journal-hash.ts';
import { Journal } from './journal.ts';

const length = 5_000;
let temporary: TemporaryDirectory;
let database: AppDatabase;
let journal: Journal;

beforeEach(() => {
  temporary = createTemporaryDirectory('journal-verify-test-');
  database = openDatabase(temporary.file('journal.sqlite'));
  const clock = new TestClock(Date.UTC(2025, 0, 6));
  journal = new Journal(database, clock);
  for (let batch = 0; batch < 10; batch++) {
    journal.appendMany(Array.from({ length: length / 10 }, (_, index) => ({ type: `event.${index % 7}`, payload: { batch, index, note: 'x'.repeat(index % 50) } })));
    clock.advance(1_000);
  }
});

afterEach(() => {
  database.close();
  temporary.dispose();
});

/** Changes the journal behind the API, as a person with the file and the sqlite3 shell could. */
function tamper(sql: string, ...parameters: unknown[]): void {
  const connection = database.connection;
  for (const trigger of ['journal_no_update', 'journal_no_delete', 'journal_no_overwrite', 'journal_head_forward_only']) {
    connection.exec(`DROP TRIGGER IF EXISTS ${trigger}`);
  }
  connection.prepare(sql).run(...parameters);
}

function rowAt(sequence: number): { timestamp: number; type: string; payload: string; prev_hash: string; hash: string } {
  return database.connection.prepare('SELECT timestamp, type, payload, prev_hash, hash FROM journal WHERE sequence = ?').get(sequence) as never;
}

describe('Journal.verify', () => {
  it('when the chain of 5,000 entries is untouched, then it verifies with the entry count and head', () => {
    expect(journal.verify()).toEqual({ ok: true, entries: length, head: journal.head() });
  });

  it('when the journal is empty, then it verifies with zero entries', () => {
    const emptyDatabase = openDatabase(temporary.file('empty.sqlite'));
    expect(new Journal(emptyDatabase, new TestClock(0)).verify()).toMatchObject({ ok: true, entries: 0 });
    emptyDatabase.close();
  });

  it.each([
    ['payload', `UPDATE journal SET payload = '{"batch":0,"index":0,"note":"edited"}' WHERE sequence = 2500`],
    ['type', `UPDATE journal SET type = 'event.forged' WHERE sequence = 2500`],
    ['timestamp', `UPDATE journal SET timestamp = timestamp + 1 WHERE sequence = 2500`],
  ])('when the %s of a row is changed, then verify reports a hash mismatch at that sequence', (_column, sql) => {
    tamper(sql);
    expect(journal.verify()).toMatchObject({ ok: false, problem: { sequence: 2_500, kind: 'hash-mismatch' } });
  });

  it('when a row in the middle is deleted, then verify reports a gap at the missing sequence', () => {
    tamper('DELETE FROM journal WHERE sequence = 2500');
    expect(journal.verify()).toMatchObject({ ok: false, problem: { sequence: 2_500, kind: 'gap', message: expect.stringContaining('sequence 2500 is missing') } });
  });

  it('when two rows swap places, then verify fails at the first of them', () => {
    tamper('UPDATE journal SET sequence = 1000000 WHERE sequence = 2500');
    tamper('UPDATE journal SET sequence = 2500 WHERE sequence = 2501');
    tamper('UPDATE journal SET sequence = 2501 WHERE sequence = 1000000');
    expect(journal.verify()).toMatchObject({ ok: false, problem: { sequence: 2_500, kind: 'chain-broken' } });
  });

  it('when a row is replaced with a self-consistent forged hash, then verify reports the broken chain at the next row', () => {
    const original = rowAt(2_500);
    const payload = '{"forged":true}';
    tamper('UPDATE journal SET payload = ?, hash = ? WHERE sequence = 2500', payload, entryHash(original.prev_hash, 2_500, original.timestamp, original.type, payload));
    expect(journal.verify()).toMatchObject({ ok: false, problem: { sequence: 2_501, kind: 'chain-broken' } });
  });

  it('when rows are cut from the tail, then verify reports truncation at the first missing sequence', () => {
    tamper('DELETE FROM journal WHERE sequence > 4997');
    expect(journal.verify()).toMatchObject({ ok: false, problem: { sequence: 4_998, kind: 'truncated', message: expect.stringContaining('4998…5000') } });
  });

  it('when the last row is replaced with a forged hash, then verify reports that the head does not vouch for it', () => {
    const original = rowAt(length);
    const payload = '{"forged":true}';
    tamper('UPDATE journal SET payload = ?, hash = ? WHERE sequence = ?', payload, entryHash(original.prev_hash, length, original.timestamp, original.type, payload), length);
    expect(journal.verify()).toMatchObject({ ok: false, problem: { sequence: length, kind: 'head-mismatch' } });
  });

  it('when a row is added without moving the head, then verify reports rows past the head', () => {
    const last = rowAt(length);
    const hash = entryHash(last.hash, length + 1, last.timestamp, 'sneaky', '{}');
    database.connection.prepare('INSERT INTO journal VALUES (?, ?, ?, ?, ?, ?)').run(length + 1, last.timestamp, 'sneaky', '{}', last.hash, hash);
    expect(journal.verify()).toMatchObject({ ok: false, problem: { sequence: length + 1, kind: 'head-mismatch' } });
  });

  it('when a hash column holds something that is not a hash, then verify reports a malformed row', () => {
    tamper("UPDATE journal SET hash = 'Z' || substr(hash, 2) WHERE sequence = 10");
    expect(journal.verify()).toMatchObject({ ok: false, problem: { sequence: 10, kind: 'malformed' } });
  });
});
