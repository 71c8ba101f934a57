// The journal benchmark: what a durable event costs, and what the journal layer (validation,
// JSON, SHA-256 chain, head record, append-only trigger) costs next to raw better-sqlite3
// inserts of the same rows. Everything runs on real files in a temp dir with the app's pragmas
// (WAL, synchronous=FULL).
import Database from 'better-sqlite3';
import { SystemClock } from '../../../electron/core/clock.ts';
import { openDatabase } from '../../../electron/persistence/database.ts';
import { entryHash } from '../../../electron/persistence/journal/journal-hash.ts';
import { Journal } from '../../../electron/persistence/journal/journal.ts';
import type { JournalHead, NewJournalEntry } from '../../../electron/persistence/journal/journal.types.ts';
import { createTemporaryDirectory } from '../../../electron/persistence/testing/temporary-directory.ts';
import { percentile, type BenchRow, type BenchSection } from '../bench-section.ts';

const durableAppends = 2_000;
const batchSize = 1_000;
const rowsPerRound = 100_000;
const rounds = 5;

type RawRow = [sequence: number, timestamp: number, type: string, payload: string, prevHash: string, hash: string];

/** A realistic event: an iron condor order with four legs (~480 bytes of JSON). */
function orderEvent(index: number): NewJournalEntry {
  const legs = [0, 1, 2, 3].map((leg) => ({
    conId: 600_000_000 + index * 4 + leg,
    right: leg < 2 ? 'P' : 'C',
    strike: 480 + leg * 5 + (index % 10),
    expiry: '2025-02-21',
    action: leg === 0 || leg === 3 ? 'BUY' : 'SELL',
    ratio: 1,
  }));
  return {
    type: index % 5 === 0 ? 'order.submitted' : 'order.status',
    payload: { orderId: `ord-${index}`, clientOrderId: `c-${index}`, status: 'Submitted', symbol: 'SPY', quantity: 1 + (index % 3), limitPrice: 1.25 + (index % 7) * 0.05, legs },
  };
}

function millisecondsSince(startNs: bigint): number {
  return Number(process.hrtime.bigint() - startNs) / 1e6;
}

function measureDurableAppends(journal: Journal): number[] {
  for (let index = 0; index < 50; index++) journal.append('bench.warmup', orderEvent(index).payload);
  const samples: number[] = [];
  for (let index = 0; index < durableAppends; index++) {
    const event = orderEvent(index);
    const start = process.hrtime.bigint();
    journal.append(event.type, event.payload);
    samples.push(millisecondsSince(start));
  }
  return samples;
}

/** The rows the journal will write for `batches` after `head`, computed untimed for the raw side. */
function journalRows(batches: readonly NewJournalEntry[][], head: JournalHead, timestamp: number): RawRow[] {
  const rows: RawRow[] = [];
  let { sequence, hash } = head;
  for (const entry of batches.flat()) {
    const payload = JSON.stringify(entry.payload);
    const prevHash = hash;
    sequence += 1;
    hash = entryHash(prevHash, sequence, timestamp, entry.type, payload);
    rows.push([sequence, timestamp, entry.type, payload, prevHash, hash]);
  }
  return rows;
}

/** The raw side: the journal's own CREATE TABLE (no triggers, no head), the app's pragmas, one prepared INSERT. */
function openRawTable(file: string, tableSql: string): { insertBatch: (rows: readonly RawRow[], from: number) => void; close: () => void } {
  const raw = new Database(file);
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = FULL');
  raw.exec(tableSql);
  const insert = raw.prepare<RawRow>('INSERT INTO journal (sequence, timestamp, type, payload, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?)');
  const batch = raw.transaction((rows: readonly RawRow[], from: number) => {
    for (let index = from; index < from + batchSize; index++) insert.run(...(rows[index] as RawRow));
  });
  return { insertBatch: (rows, from) => batch.immediate(rows, from), close: () => raw.close() };
}

type Round = { batchedRowsPerSec: number; rawRowsPerSec: number };

/** One round: the same 100,000 rows through journal.appendMany and through raw inserts, in batches of 1,000. */
function measureRound(round: number, journal: Journal, insertBatch: (rows: readonly RawRow[], from: number) => void): Round {
  const batches = Array.from({ length: rowsPerRound / batchSize }, (_, batch) =>
    Array.from({ length: batchSize }, (_, index) => orderEvent(round * rowsPerRound + batch * batchSize + index)),
  );
  const rows = journalRows(batches, journal.head(), Date.now());
  const runJournal = (): number => {
    const start = process.hrtime.bigint();
    for (const batch of batches) journal.appendMany(batch);
    return rowsPerRound / (millisecondsSince(start) / 1e3);
  };
  const runRaw = (): number => {
    const start = process.hrtime.bigint();
    for (let from = 0; from < rows.length; from += batchSize) insertBatch(rows, from);
    return rowsPerRound / (millisecondsSince(start) / 1e3);
  };
  // Alternate which side goes first, so warm-up and drift do not favour one side.
  if (round % 2 === 0) {
    const batchedRowsPerSec = runJournal();
    return { batchedRowsPerSec, rawRowsPerSec: runRaw() };
  }
  const rawRowsPerSec = runRaw();
  return { batchedRowsPerSec: runJournal(), rawRowsPerSec };
}

function rowsOf(durable: readonly number[], measured: readonly Round[], ratio: number, verifyRowsPerSec: number, entries: number): BenchRow[] {
  const p99 = percentile(durable, 99);
  return [
    { metric: 'durable append p50 (own FULL-sync transaction)', value: percentile(durable, 50), unit: 'ms', note: `${durableAppends} appends` },
    { metric: 'durable append p99 (own FULL-sync transaction)', value: p99, unit: 'ms', target: '≤ 2 ms', meetsTarget: p99 <= 2 },
    { metric: 'journal appendMany (batches of 1,000)', value: percentile(measured.map((round) => round.batchedRowsPerSec), 50), unit: 'rows/s', note: `median of ${rounds} rounds of ${rowsPerRound}; the journal inserts 50 rows per statement` },
    { metric: 'raw INSERT, same rows and batches', value: percentile(measured.map((round) => round.rawRowsPerSec), 50), unit: 'rows/s', note: `median of ${rounds} rounds` },
    {
      metric: 'journal / raw throughput',
      value: ratio,
      unit: '×',
      target: '≥ 0.5',
      meetsTarget: ratio >= 0.5,
      note: `median of per-round ratios (${measured.map((round) => (round.batchedRowsPerSec / round.rawRowsPerSec).toFixed(2)).join(', ')})`,
    },
    { metric: 'verify() hash-chain walk', value: verifyRowsPerSec, unit: 'rows/s', note: `${entries} entries` },
  ];
}

export const journalSection: BenchSection = {
  name: 'journal',
  run() {
    const temporary = createTemporaryDirectory('bench-journal-');
    try {
      const clock = new SystemClock();
      const durableDatabase = openDatabase(temporary.file('durable.sqlite'));
      const durable = measureDurableAppends(new Journal(durableDatabase, clock));
      durableDatabase.close();

      const journalDatabase = openDatabase(temporary.file('batched.sqlite'));
      const journal = new Journal(journalDatabase, clock);
      const tableSql = journalDatabase.connection.prepare("SELECT sql FROM sqlite_master WHERE name = 'journal'").pluck().get() as string;
      const raw = openRawTable(temporary.file('raw.sqlite'), tableSql);
      const measured = Array.from({ length: rounds }, (_, round) => measureRound(round, journal, raw.insertBatch));
      raw.close();

      const verifyStart = process.hrtime.bigint();
      const verification = journal.verify();
      const verifyMs = millisecondsSince(verifyStart);
      journalDatabase.close();
      if (!verification.ok) throw new Error(`the benchmark journal failed verification: ${verification.problem.message}`);

      const ratio = percentile(measured.map((round) => round.batchedRowsPerSec / round.rawRowsPerSec), 50);
      const verifyRowsPerSec = verification.entries / (verifyMs / 1e3);
      return {
        json: {
          durableAppendP50Ms: percentile(durable, 50),
          durableAppendP99Ms: percentile(durable, 99),
          batchedRowsPerSec: percentile(measured.map((round) => round.batchedRowsPerSec), 50),
          rawRowsPerSec: percentile(measured.map((round) => round.rawRowsPerSec), 50),
          batchedToRawRatio: ratio,
          verifyRowsPerSec,
          durableAppends,
          batchSize,
          rowsPerRound,
          rounds,
        },
        rows: rowsOf(durable, measured, ratio, verifyRowsPerSec, verification.entries),
      };
    } finally {
      temporary.dispose();
    }
  },
};
