// Point-in-time copies of positions: what the OMS derived from fills ('oms') or what the broker
// reported ('broker'), so the reconciler and the UI can compare and look back. One header row
// per snapshot and one line per contract. Positions are signed (short = negative quantity);
// the cost basis has the sign of the quantity and is 0 when flat. Money is INTEGER micro-dollars.
import type { Migration } from './migration.ts';

export const migration: Migration = {
  version: 5,
  name: 'position-snapshots',
  up(connection) {
    connection.exec(`
      CREATE TABLE position_snapshots (
        id       INTEGER PRIMARY KEY,
        taken_at INTEGER NOT NULL CHECK (taken_at >= 0),
        source   TEXT    NOT NULL CHECK (source IN ('oms', 'broker')),
        note     TEXT    CHECK (length(note) > 0)
      ) STRICT;
      CREATE INDEX position_snapshots_by_source_time ON position_snapshots (source, taken_at);
      CREATE INDEX position_snapshots_by_time ON position_snapshots (taken_at);

      CREATE TABLE position_snapshot_lines (
        snapshot_id         INTEGER NOT NULL REFERENCES position_snapshots (id),
        contract_key        TEXT    NOT NULL CHECK (length(contract_key) > 0),
        contract            TEXT    NOT NULL CHECK (json_valid(contract) AND json_type(contract) = 'object'),
        quantity            INTEGER NOT NULL,
        cost_basis_micros   INTEGER NOT NULL,
        realized_pnl_micros INTEGER NOT NULL,
        commissions_micros  INTEGER NOT NULL CHECK (commissions_micros >= 0),
        PRIMARY KEY (snapshot_id, contract_key),
        CHECK ((quantity > 0 AND cost_basis_micros >= 0) OR (quantity < 0 AND cost_basis_micros <= 0) OR (quantity = 0 AND cost_basis_micros = 0))
      ) STRICT;
    `);
  },
};
