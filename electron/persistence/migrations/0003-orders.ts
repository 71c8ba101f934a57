// Orders, their status history and their fills, plus the client order reference counter.
//
// - orders: one row per order; the queryable fields are columns, the instrument is JSON (a
//   combo's legs). Prices are REAL dollars per share (as in the domain), never money totals.
// - order_events: every applied or refused status change, append-only (triggers).
// - fills: one row per broker execution id (PRIMARY KEY: a repeated execution cannot be stored
//   twice). record_number keeps the order fills were recorded in (positions depend on it; a
//   rowid could be renumbered by VACUUM). Only the commission may change after insert (IB
//   reports it later); every other column is immutable and rows cannot be deleted.
// - client_order_ref_sequence: the last issued client order reference number; it only moves
//   forward, so a reference is never issued twice, also across restarts.
//
// The enum lists are written out (not taken from the domain) so this migration never changes
// once released; 0003-orders.test.ts checks they still match the domain.
import type { Migration } from './migration.ts';

const orderStatuses = `'CREATED', 'PENDING_SUBMIT', 'PRE_SUBMITTED', 'SUBMITTED', 'PARTIALLY_FILLED', 'PENDING_CANCEL', 'FILLED', 'CANCELLED', 'REJECTED', 'INACTIVE'`;
const workingStatuses = `'PENDING_SUBMIT', 'PRE_SUBMITTED', 'SUBMITTED', 'PARTIALLY_FILLED', 'PENDING_CANCEL'`;
const orderEvents = `'SUBMIT_SENT', 'ACKNOWLEDGED', 'HELD', 'PARTIAL_FILL', 'FILL', 'CANCEL_REQUESTED', 'CANCEL_CONFIRMED', 'CANCEL_REJECTED', 'REJECTED', 'INACTIVE', 'EXPIRED'`;

export const migration: Migration = {
  version: 3,
  name: 'orders',
  up(connection) {
    connection.exec(`
      CREATE TABLE orders (
        id                 TEXT    PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 128),
        client_order_ref   TEXT    NOT NULL UNIQUE CHECK (client_order_ref GLOB 'OWS-[0-9][0-9][0-9][0-9][0-9][0-9]*'),
        broker_order_id    INTEGER CHECK (broker_order_id >= 0),
        instrument_kind    TEXT    NOT NULL CHECK (instrument_kind IN ('stock', 'etf', 'option', 'combo')),
        instrument_key     TEXT    NOT NULL CHECK (length(instrument_key) > 0),
        underlying_symbol  TEXT    NOT NULL CHECK (length(underlying_symbol) > 0),
        instrument         TEXT    NOT NULL CHECK (json_valid(instrument) AND json_type(instrument) = 'object'),
        action             TEXT    NOT NULL CHECK (action IN ('BUY', 'SELL')),
        quantity           INTEGER NOT NULL CHECK (quantity > 0),
        order_type         TEXT    NOT NULL CHECK (order_type IN ('MKT', 'LMT', 'STP', 'STP_LMT', 'TRAIL', 'TRAIL_LIMIT')),
        tif                TEXT    NOT NULL CHECK (tif IN ('DAY', 'GTC', 'IOC', 'OPG')),
        limit_price        REAL,
        stop_price         REAL    CHECK (stop_price >= 0),
        trailing_amount    REAL    CHECK (trailing_amount > 0),
        trailing_percent   REAL    CHECK (trailing_percent > 0 AND trailing_percent < 100),
        limit_offset       REAL    CHECK (limit_offset >= 0),
        status             TEXT    NOT NULL CHECK (status IN (${orderStatuses})),
        filled_quantity    INTEGER NOT NULL CHECK (filled_quantity BETWEEN 0 AND quantity),
        average_fill_price REAL,
        parent_id          TEXT    REFERENCES orders (id) DEFERRABLE INITIALLY DEFERRED CHECK (parent_id <> id),
        oca_group          TEXT    CHECK (length(oca_group) BETWEEN 1 AND 100),
        strategy_id        TEXT    CHECK (length(strategy_id) BETWEEN 1 AND 128),
        created_at         INTEGER NOT NULL CHECK (created_at >= 0),
        updated_at         INTEGER NOT NULL CHECK (updated_at >= created_at),
        filled_at          INTEGER CHECK (filled_at >= 0),
        status_message     TEXT    CHECK (length(status_message) > 0),
        CHECK ((status = 'FILLED') = (filled_quantity = quantity)),
        CHECK ((average_fill_price IS NULL) = (filled_quantity = 0)),
        CHECK ((filled_at IS NOT NULL) = (status = 'FILLED'))
      ) STRICT;
      CREATE INDEX orders_by_broker_order_id ON orders (broker_order_id) WHERE broker_order_id IS NOT NULL;
      CREATE INDEX orders_working ON orders (created_at) WHERE status IN (${workingStatuses});
      CREATE INDEX orders_by_strategy ON orders (strategy_id, created_at) WHERE strategy_id IS NOT NULL;
      CREATE INDEX orders_by_parent ON orders (parent_id) WHERE parent_id IS NOT NULL;

      CREATE TABLE fills (
        execution_id      TEXT    PRIMARY KEY CHECK (length(execution_id) BETWEEN 1 AND 128),
        record_number     INTEGER NOT NULL UNIQUE CHECK (record_number >= 1),
        order_id          TEXT    NOT NULL REFERENCES orders (id),
        client_order_ref  TEXT    NOT NULL CHECK (length(client_order_ref) > 0),
        leg_index         INTEGER CHECK (leg_index >= 0),
        contract_key      TEXT    NOT NULL CHECK (length(contract_key) > 0),
        contract          TEXT    NOT NULL CHECK (json_valid(contract) AND json_type(contract) = 'object'),
        action            TEXT    NOT NULL CHECK (action IN ('BUY', 'SELL')),
        quantity          INTEGER NOT NULL CHECK (quantity > 0),
        price             REAL    NOT NULL CHECK (price >= 0),
        commission_micros INTEGER NOT NULL CHECK (commission_micros >= 0),
        time              INTEGER NOT NULL CHECK (time >= 0),
        recorded_at       INTEGER NOT NULL CHECK (recorded_at >= 0)
      ) STRICT;
      CREATE INDEX fills_by_order ON fills (order_id, record_number);
      CREATE INDEX fills_by_contract ON fills (contract_key, record_number);
      CREATE TRIGGER fills_immutable BEFORE UPDATE OF execution_id, record_number, order_id, client_order_ref, leg_index,
        contract_key, contract, action, quantity, price, time, recorded_at ON fills
      BEGIN SELECT RAISE(ABORT, 'fills are immutable: only the commission of a fill may change'); END;
      CREATE TRIGGER fills_no_delete BEFORE DELETE ON fills
      BEGIN SELECT RAISE(ABORT, 'fills cannot be deleted'); END;

      CREATE TABLE order_events (
        id                     INTEGER PRIMARY KEY,
        order_id               TEXT    NOT NULL REFERENCES orders (id),
        time                   INTEGER NOT NULL CHECK (time >= 0),
        event                  TEXT    NOT NULL CHECK (event IN ('CREATED', ${orderEvents})),
        outcome                TEXT    NOT NULL CHECK (outcome IN ('created', 'applied', 'refused')),
        from_status            TEXT    CHECK (from_status IN (${orderStatuses})),
        to_status              TEXT    CHECK (to_status IN (${orderStatuses})),
        cancel_filled_quantity INTEGER CHECK (cancel_filled_quantity >= 0),
        execution_id           TEXT    REFERENCES fills (execution_id),
        message                TEXT    CHECK (length(message) > 0),
        error                  TEXT    CHECK (length(error) > 0),
        journal_sequence       INTEGER CHECK (journal_sequence >= 1),
        CHECK ((event = 'CREATED') = (outcome = 'created')),
        CHECK ((from_status IS NULL) = (outcome = 'created')),
        CHECK ((to_status IS NULL) = (outcome = 'refused')),
        CHECK ((error IS NOT NULL) = (outcome = 'refused')),
        CHECK ((cancel_filled_quantity IS NOT NULL) = (event = 'CANCEL_REJECTED'))
      ) STRICT;
      CREATE INDEX order_events_by_order ON order_events (order_id, id);
      CREATE INDEX order_events_refused ON order_events (time) WHERE outcome = 'refused';
      CREATE TRIGGER order_events_no_update BEFORE UPDATE ON order_events
      BEGIN SELECT RAISE(ABORT, 'order events are append-only: rows cannot be updated'); END;
      CREATE TRIGGER order_events_no_delete BEFORE DELETE ON order_events
      BEGIN SELECT RAISE(ABORT, 'order events are append-only: rows cannot be deleted'); END;

      CREATE TABLE client_order_ref_sequence (
        id         INTEGER PRIMARY KEY CHECK (id = 1),
        last_value INTEGER NOT NULL CHECK (last_value >= 0)
      ) STRICT;
      INSERT INTO client_order_ref_sequence (id, last_value) VALUES (1, 0);
      CREATE TRIGGER client_order_ref_sequence_forward_only BEFORE UPDATE ON client_order_ref_sequence
      WHEN NEW.last_value < OLD.last_value OR NEW.id <> OLD.id
      BEGIN SELECT RAISE(ABORT, 'the client order reference sequence can only move forward'); END;
      CREATE TRIGGER client_order_ref_sequence_no_delete BEFORE DELETE ON client_order_ref_sequence
      BEGIN SELECT RAISE(ABORT, 'the client order reference sequence cannot be deleted'); END;
    `);
  },
};
