// The paper account's own database (separate from the app's, like a real broker's account):
// the account row, every order with its full working state, executions, positions, requests
// still in flight (acknowledgement latency) and expiration settlements.
import type { Migration } from '../../../persistence/migrations/migration.ts';

export const migration: Migration = {
  version: 1,
  name: 'paper-account',
  up(connection) {
    connection.exec(`
      CREATE TABLE paper_account (
        id                       INTEGER PRIMARY KEY CHECK (id = 1),
        account_id               TEXT    NOT NULL,
        cash                     INTEGER NOT NULL,
        realized_today           INTEGER NOT NULL,
        realized_day             TEXT    NOT NULL,
        next_broker_order_id     INTEGER NOT NULL CHECK (next_broker_order_id >= 1),
        next_execution_sequence  INTEGER NOT NULL CHECK (next_execution_sequence >= 1),
        next_request_id          INTEGER NOT NULL CHECK (next_request_id >= 1),
        next_settlement_sequence INTEGER NOT NULL CHECK (next_settlement_sequence >= 1),
        random_state             INTEGER NOT NULL CHECK (random_state BETWEEN 0 AND 4294967295),
        created_at               INTEGER NOT NULL,
        updated_at               INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE paper_orders (
        broker_order_id  INTEGER PRIMARY KEY,
        client_order_ref TEXT    NOT NULL UNIQUE,
        state            TEXT    NOT NULL,
        data             TEXT    NOT NULL CHECK (json_valid(data)),
        updated_at       INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE paper_executions (
        execution_id     TEXT    PRIMARY KEY,
        sequence         INTEGER NOT NULL UNIQUE,
        broker_order_id  INTEGER NOT NULL REFERENCES paper_orders (broker_order_id),
        client_order_ref TEXT    NOT NULL,
        contract         TEXT    NOT NULL CHECK (json_valid(contract)),
        leg_index        INTEGER CHECK (leg_index IS NULL OR leg_index >= 0),
        action           TEXT    NOT NULL CHECK (action IN ('BUY', 'SELL')),
        quantity         INTEGER NOT NULL CHECK (quantity > 0),
        price            INTEGER NOT NULL CHECK (price >= 0),
        commission       INTEGER NOT NULL CHECK (commission >= 0),
        time             INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX paper_executions_by_time ON paper_executions (time, sequence);

      CREATE TABLE paper_positions (
        contract_key TEXT    PRIMARY KEY,
        contract     TEXT    NOT NULL CHECK (json_valid(contract)),
        quantity     INTEGER NOT NULL,
        cost_basis   INTEGER NOT NULL,
        realized_pnl INTEGER NOT NULL,
        commissions  INTEGER NOT NULL CHECK (commissions >= 0)
      ) STRICT;

      CREATE TABLE paper_requests (
        id     INTEGER PRIMARY KEY,
        kind   TEXT    NOT NULL CHECK (kind IN ('place', 'modify', 'cancel', 'cancel-all')),
        due_at INTEGER NOT NULL,
        data   TEXT    NOT NULL CHECK (json_valid(data))
      ) STRICT;

      CREATE TABLE paper_settlements (
        sequence     INTEGER PRIMARY KEY,
        time         INTEGER NOT NULL,
        contract_key TEXT    NOT NULL,
        data         TEXT    NOT NULL CHECK (json_valid(data))
      ) STRICT;
      CREATE INDEX paper_settlements_by_time ON paper_settlements (time);
    `);
  },
};
