// Walks the whole journal in sequence order and checks the hash chain and the head record.
//
// What this detects: any change to a row's sequence, timestamp, type, payload or hashes; a row
// deleted from the middle; rows swapped or renumbered; rows cut from the tail (the head record,
// written in the same transaction as every append, still vouches for them); rows added behind
// the journal's back without moving the head.
// What it cannot detect: someone with write access who rewrites the chain from some row onwards
// and moves the head to match (SHA-256 has no secret), or who replaces the whole file. Catching
// that needs the head hash kept somewhere else (exported, sent to a server) or a keyed MAC.
import type { SqliteConnection } from '../database.ts';
import { entryHash, genesisHash, isHexHash } from './journal-hash.ts';
import type { JournalHead, JournalProblem, JournalVerification } from './journal.types.ts';

type RawRow = [sequence: unknown, timestamp: unknown, type: unknown, payload: unknown, prevHash: unknown, hash: unknown];

export function verifyJournal(connection: SqliteConnection): JournalVerification {
  // One read transaction: the rows and the head come from the same snapshot.
  return connection.transaction(() => verifySnapshot(connection)).deferred();
}

function verifySnapshot(connection: SqliteConnection): JournalVerification {
  const rows = connection.prepare('SELECT sequence, timestamp, type, payload, prev_hash, hash FROM journal ORDER BY sequence').raw(true);
  let lastSequence = 0;
  let lastHash = genesisHash;
  for (const row of rows.iterate() as IterableIterator<RawRow>) {
    const problem = checkRow(row, lastSequence, lastHash);
    if (problem) return { ok: false, problem };
    lastSequence = row[0] as number;
    lastHash = row[5] as string;
  }
  const head = connection.prepare('SELECT sequence, hash FROM journal_head WHERE id = 1').get() as { sequence: unknown; hash: unknown } | undefined;
  const problem = checkHead(head, lastSequence, lastHash);
  if (problem) return { ok: false, problem };
  return { ok: true, entries: lastSequence, head: { sequence: lastSequence, hash: lastHash } };
}

function checkRow(row: RawRow, previousSequence: number, previousHash: string): JournalProblem | undefined {
  const [sequence, timestamp, type, payload, prevHash, hash] = row;
  const expected = previousSequence + 1;
  if (!Number.isSafeInteger(sequence)) return { sequence: expected, kind: 'malformed', message: `the row after sequence ${previousSequence} has a non-integer sequence` };
  const at = sequence as number;
  if (at !== expected) {
    return { sequence: expected, kind: 'gap', message: `sequence ${expected} is missing: the row after ${previousSequence} is ${at}` };
  }
  if (!Number.isSafeInteger(timestamp) || typeof type !== 'string' || typeof payload !== 'string' || !isHexHash(prevHash) || !isHexHash(hash)) {
    return { sequence: at, kind: 'malformed', message: `row ${at} has a column of the wrong type or a hash that is not 64 hex digits` };
  }
  if (prevHash !== previousHash) {
    return { sequence: at, kind: 'chain-broken', message: `row ${at}'s prevHash does not match row ${previousSequence}'s hash: a row was replaced or rows were reordered` };
  }
  if (entryHash(prevHash, at, timestamp as number, type, payload) !== hash) {
    return { sequence: at, kind: 'hash-mismatch', message: `row ${at}'s content does not match its hash: its timestamp, type or payload was changed` };
  }
  return undefined;
}

function checkHead(head: { sequence: unknown; hash: unknown } | undefined, lastSequence: number, lastHash: string): JournalProblem | undefined {
  if (head === undefined || !Number.isSafeInteger(head.sequence) || !isHexHash(head.hash)) {
    return { sequence: lastSequence, kind: 'malformed', message: 'the journal head record is missing or malformed' };
  }
  const vouched = head as JournalHead;
  if (vouched.sequence > lastSequence) {
    return {
      sequence: lastSequence + 1,
      kind: 'truncated',
      message: `the journal ends at sequence ${lastSequence} but its head vouches for ${vouched.sequence}: entries ${lastSequence + 1}…${vouched.sequence} were removed`,
    };
  }
  if (vouched.sequence < lastSequence) {
    return {
      sequence: vouched.sequence + 1,
      kind: 'head-mismatch',
      message: `rows ${vouched.sequence + 1}…${lastSequence} exist past the head (sequence ${vouched.sequence}): written outside the journal`,
    };
  }
  if (vouched.hash !== lastHash) {
    return { sequence: lastSequence, kind: 'head-mismatch', message: `row ${lastSequence} is not the entry the head vouches for (hash differs): it was replaced` };
  }
  return undefined;
}
