// What the risk governor did: order denials (code and reason), trading-state changes and
// kill-switch halts (with what fired them), each with its reason. Append-only (triggers).
import type { Migration } from './migration.ts';

const tradingStates = `'ACTIVE', 'REDUCING', 'HALTED'`;
const denialCodes = [
  'TRADING_HALTED', 'REDUCING_ONLY', 'NOT_RECONCILED', 'DISCONNECTED', 'DAILY_LOSS_LIMIT', 'MAX_OPEN_POSITIONS', 'MAX_NEW_POSITIONS',
  'MARGIN_UTILISATION', 'CONCENTRATION', 'PORTFOLIO_DELTA', 'PORTFOLIO_VEGA', 'MAX_CONTRACTS_PER_ORDER', 'PRICE_COLLAR',
  'NO_REFERENCE_PRICE', 'STALE_DATA', 'DUPLICATE_ORDER', 'ORDER_RATE', 'INVALID_ORDER',
].map((code) => `'${code}'`).join(', ');

export const migration: Migration = {
  version: 8,
  name: 'risk-events',
  up(connection) {
    connection.exec(`
      CREATE TABLE risk_events (
        id             INTEGER PRIMARY KEY,
        kind           TEXT    NOT NULL CHECK (kind IN ('DENIAL', 'STATE_CHANGE', 'HALT')),
        time           INTEGER NOT NULL CHECK (time >= 0),
        reason         TEXT    NOT NULL CHECK (length(reason) > 0),
        trading_state  TEXT    NOT NULL CHECK (trading_state IN (${tradingStates})),
        previous_state TEXT    CHECK (previous_state IN (${tradingStates})),
        denial_code    TEXT    CHECK (denial_code IN (${denialCodes})),
        order_id       TEXT    REFERENCES orders (id),
        latched        INTEGER NOT NULL CHECK (latched IN (0, 1)),
        halt_trigger   TEXT    CHECK (length(halt_trigger) BETWEEN 1 AND 100),
        CHECK ((denial_code IS NOT NULL) = (kind = 'DENIAL')),
        CHECK ((previous_state IS NULL) = (kind = 'DENIAL')),
        CHECK (order_id IS NULL OR kind = 'DENIAL'),
        CHECK ((halt_trigger IS NOT NULL) = (kind = 'HALT')),
        CHECK (kind <> 'HALT' OR trading_state = 'HALTED')
      ) STRICT;
      CREATE INDEX risk_events_by_time ON risk_events (time);
      CREATE INDEX risk_events_by_kind_time ON risk_events (kind, time);
      CREATE INDEX risk_events_by_order ON risk_events (order_id) WHERE order_id IS NOT NULL;
      CREATE TRIGGER risk_events_no_update BEFORE UPDATE ON risk_events
      BEGIN SELECT RAISE(ABORT, 'risk events are append-only: rows cannot be updated'); END;
      CREATE TRIGGER risk_events_no_delete BEFORE DELETE ON risk_events
      BEGIN SELECT RAISE(ABORT, 'risk events are append-only: rows cannot be deleted'); END;
    `);
  },
};
