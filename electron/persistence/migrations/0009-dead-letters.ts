// The dead-letter queue (electron/broker/resiliency/dead-letter-queue.ts): orders that could not
// be sent, kept until they are re-submitted or discarded, never deleted. One letter per client
// order ref. What a letter asked for never changes; a final letter (RESUBMITTED, DISCARDED)
// never changes at all. Which status may follow which is enforced in code; the table keeps the
// facts each status needs (a broker order id exactly when RESUBMITTED).
import type { Migration } from './migration.ts';

const statusList = `'PENDING', 'IN_FLIGHT', 'UNKNOWN', 'RESUBMITTED', 'DISCARDED'`;

export const migration: Migration = {
  version: 9,
  name: 'dead-letters',
  up(connection) {
    connection.exec(`
      CREATE TABLE dead_letters (
        id               INTEGER PRIMARY KEY,
        client_order_ref TEXT    NOT NULL UNIQUE CHECK (client_order_ref GLOB 'OWS-[0-9][0-9][0-9][0-9][0-9][0-9]*'),
        kind             TEXT    NOT NULL CHECK (kind IN ('order', 'bracket')),
        request          TEXT    NOT NULL CHECK (json_valid(request)),
        status           TEXT    NOT NULL CHECK (status IN (${statusList})),
        reason           TEXT    NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
        error_code       TEXT    NOT NULL CHECK (length(error_code) BETWEEN 1 AND 100),
        attempts         INTEGER NOT NULL CHECK (attempts >= 0),
        broker_order_id  INTEGER CHECK (broker_order_id >= 0),
        created_at       INTEGER NOT NULL CHECK (created_at >= 0),
        updated_at       INTEGER NOT NULL CHECK (updated_at >= created_at),
        CHECK ((broker_order_id IS NOT NULL) = (status = 'RESUBMITTED'))
      ) STRICT;
      CREATE INDEX dead_letters_by_status ON dead_letters (status, created_at);
      CREATE TRIGGER dead_letters_no_delete BEFORE DELETE ON dead_letters
      BEGIN SELECT RAISE(ABORT, 'dead letters are never deleted: discard them instead'); END;
      CREATE TRIGGER dead_letters_request_fixed BEFORE UPDATE OF client_order_ref, kind, request, created_at ON dead_letters
      WHEN NEW.client_order_ref IS NOT OLD.client_order_ref OR NEW.kind IS NOT OLD.kind OR NEW.request IS NOT OLD.request OR NEW.created_at IS NOT OLD.created_at
      BEGIN SELECT RAISE(ABORT, 'a dead letter keeps the request it was created with'); END;
      CREATE TRIGGER dead_letters_final BEFORE UPDATE ON dead_letters
      WHEN OLD.status IN ('RESUBMITTED', 'DISCARDED')
      BEGIN SELECT RAISE(ABORT, 'a resubmitted or discarded dead letter is final'); END;
    `);
  },
};
