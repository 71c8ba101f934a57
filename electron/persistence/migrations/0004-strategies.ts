// Strategy executions (one row per strategy), their legs and their roll history.
// Money is INTEGER micro-dollars (*_micros); per-share prices are REAL dollars. A roll links the
// rolled-away strategy and its successor both ways (deferred foreign keys: the two rows are
// written in one transaction, in either order). strategy_rolls holds each strategy's copy of
// the roll history of its chain, oldest first (position 0, 1, …). Legs (except their entry
// price) and roll history never change once written (triggers).
import type { Migration } from './migration.ts';

const strategyStatuses = `'PENDING', 'OPEN', 'CLOSING', 'CLOSED', 'ROLLED', 'FAILED'`;

export const migration: Migration = {
  version: 4,
  name: 'strategies',
  up(connection) {
    connection.exec(`
      CREATE TABLE strategies (
        id                      TEXT    PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 128),
        type                    TEXT    NOT NULL CHECK (type IN ('IRON_CONDOR', 'BULL_PUT', 'BEAR_CALL', 'BULL_CALL', 'BEAR_PUT', 'SHORT_PUT', 'CUSTOM')),
        underlying_symbol       TEXT    NOT NULL CHECK (length(underlying_symbol) BETWEEN 1 AND 16),
        quantity                INTEGER NOT NULL CHECK (quantity > 0),
        status                  TEXT    NOT NULL CHECK (status IN (${strategyStatuses})),
        status_reason           TEXT    CHECK (length(status_reason) > 0),
        entry_net_price         REAL,
        entry_net_amount_micros INTEGER,
        exit_net_amount_micros  INTEGER,
        realized_pnl_micros     INTEGER NOT NULL,
        created_at              INTEGER NOT NULL CHECK (created_at >= 0),
        opened_at               INTEGER CHECK (opened_at >= created_at),
        closed_at               INTEGER CHECK (closed_at >= opened_at),
        rolled_from_id          TEXT    REFERENCES strategies (id) DEFERRABLE INITIALLY DEFERRED,
        rolled_to_id            TEXT    REFERENCES strategies (id) DEFERRABLE INITIALLY DEFERRED,
        updated_at              INTEGER NOT NULL CHECK (updated_at >= 0),
        CHECK ((opened_at IS NOT NULL) = (status IN ('OPEN', 'CLOSING', 'CLOSED', 'ROLLED'))),
        CHECK ((closed_at IS NOT NULL) = (status IN ('CLOSED', 'ROLLED'))),
        CHECK ((rolled_to_id IS NOT NULL) = (status = 'ROLLED'))
      ) STRICT;
      CREATE INDEX strategies_active ON strategies (created_at) WHERE status IN ('PENDING', 'OPEN', 'CLOSING');
      CREATE INDEX strategies_by_underlying ON strategies (underlying_symbol, created_at);
      CREATE INDEX strategies_by_rolled_from ON strategies (rolled_from_id) WHERE rolled_from_id IS NOT NULL;
      CREATE INDEX strategies_by_rolled_to ON strategies (rolled_to_id) WHERE rolled_to_id IS NOT NULL;

      CREATE TABLE strategy_legs (
        strategy_id  TEXT    NOT NULL REFERENCES strategies (id),
        leg_index    INTEGER NOT NULL CHECK (leg_index >= 0),
        contract_key TEXT    NOT NULL CHECK (length(contract_key) > 0),
        contract     TEXT    NOT NULL CHECK (json_valid(contract) AND json_type(contract) = 'object'),
        action       TEXT    NOT NULL CHECK (action IN ('BUY', 'SELL')),
        ratio        INTEGER NOT NULL CHECK (ratio > 0),
        role         TEXT    NOT NULL CHECK (role IN ('long_call', 'short_call', 'long_put', 'short_put')),
        entry_price  REAL    CHECK (entry_price >= 0),
        PRIMARY KEY (strategy_id, leg_index),
        UNIQUE (strategy_id, contract_key)
      ) STRICT;

      CREATE TABLE strategy_rolls (
        strategy_id         TEXT    NOT NULL REFERENCES strategies (id),
        position            INTEGER NOT NULL CHECK (position >= 0),
        from_strategy_id    TEXT    NOT NULL REFERENCES strategies (id) DEFERRABLE INITIALLY DEFERRED,
        rolled_at           INTEGER NOT NULL CHECK (rolled_at >= 0),
        realized_pnl_micros INTEGER NOT NULL,
        decision_id         TEXT    CHECK (length(decision_id) BETWEEN 1 AND 128),
        PRIMARY KEY (strategy_id, position)
      ) STRICT;
      CREATE INDEX strategy_rolls_by_from ON strategy_rolls (from_strategy_id);

      CREATE TRIGGER strategy_legs_fixed BEFORE UPDATE OF strategy_id, leg_index, contract_key, contract, action, ratio, role ON strategy_legs
      BEGIN SELECT RAISE(ABORT, 'strategy legs are fixed: only the entry price of a leg may change'); END;
      CREATE TRIGGER strategy_legs_no_delete BEFORE DELETE ON strategy_legs
      BEGIN SELECT RAISE(ABORT, 'strategy legs cannot be deleted'); END;
      CREATE TRIGGER strategy_rolls_no_update BEFORE UPDATE ON strategy_rolls
      BEGIN SELECT RAISE(ABORT, 'roll history is append-only: rows cannot be updated'); END;
      CREATE TRIGGER strategy_rolls_no_delete BEFORE DELETE ON strategy_rolls
      BEGIN SELECT RAISE(ABORT, 'roll history is append-only: rows cannot be deleted'); END;
    `);
  },
};
