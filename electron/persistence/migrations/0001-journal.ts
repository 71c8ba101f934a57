// The append-only event journal (see ../journal/journal.ts) and its head record.
// Triggers make the journal append-only for every connection: UPDATE and DELETE are refused,
// and so is an INSERT at or below the head's sequence (INSERT OR REPLACE would otherwise delete
// the old row without firing the DELETE trigger, and a deleted row could be written back). The
// head is moved once per append transaction, after the inserts, so a batch passes this check.
// (Comparing with the one-row head is cheaper than looking the sequence up in the journal.)
// The head may only move forward.
import type { Migration } from './migration.ts';

export const genesisHash = '0'.repeat(64);

export const migration: Migration = {
  version: 1,
  name: 'journal',
  up(connection) {
    connection.exec(`
      CREATE TABLE journal (
        sequence  INTEGER PRIMARY KEY CHECK (sequence >= 1),
        timestamp INTEGER NOT NULL,
        type      TEXT    NOT NULL CHECK (length(type) BETWEEN 1 AND 200),
        payload   TEXT    NOT NULL,
        prev_hash TEXT    NOT NULL CHECK (length(prev_hash) = 64),
        hash      TEXT    NOT NULL CHECK (length(hash) = 64)
      ) STRICT;

      CREATE TABLE journal_head (
        id       INTEGER PRIMARY KEY CHECK (id = 1),
        sequence INTEGER NOT NULL CHECK (sequence >= 0),
        hash     TEXT    NOT NULL CHECK (length(hash) = 64)
      ) STRICT;
      INSERT INTO journal_head (id, sequence, hash) VALUES (1, 0, '${genesisHash}');

      CREATE TRIGGER journal_no_update BEFORE UPDATE ON journal
      BEGIN SELECT RAISE(ABORT, 'journal is append-only: rows cannot be updated'); END;

      CREATE TRIGGER journal_no_delete BEFORE DELETE ON journal
      BEGIN SELECT RAISE(ABORT, 'journal is append-only: rows cannot be deleted'); END;

      CREATE TRIGGER journal_no_overwrite BEFORE INSERT ON journal
      WHEN NEW.sequence <= (SELECT sequence FROM journal_head WHERE id = 1)
      BEGIN SELECT RAISE(ABORT, 'journal is append-only: a sequence at or below the head cannot be written'); END;

      CREATE TRIGGER journal_head_no_delete BEFORE DELETE ON journal_head
      BEGIN SELECT RAISE(ABORT, 'journal head cannot be deleted'); END;

      CREATE TRIGGER journal_head_no_insert BEFORE INSERT ON journal_head
      WHEN EXISTS (SELECT 1 FROM journal_head)
      BEGIN SELECT RAISE(ABORT, 'journal head already exists'); END;

      CREATE TRIGGER journal_head_forward_only BEFORE UPDATE ON journal_head
      WHEN NEW.sequence < OLD.sequence OR NEW.id <> OLD.id
      BEGIN SELECT RAISE(ABORT, 'journal head can only move forward'); END;
    `);
  },
};
