// Decisions of the rule engine with the full trace of every rule evaluated (JSON array), so the
// UI can show why (and why not) it acted. Indexed by strategy and time, the two ways they are read.
import type { Migration } from './migration.ts';

export const migration: Migration = {
  version: 6,
  name: 'decisions',
  up(connection) {
    connection.exec(`
      CREATE TABLE decisions (
        id              TEXT    PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 128),
        strategy_id     TEXT    NOT NULL REFERENCES strategies (id),
        action          TEXT    NOT NULL CHECK (action IN ('CLOSE', 'ROLL', 'REDUCE', 'HOLD')),
        urgency         TEXT    CHECK (urgency IN ('LIMIT_AT_MID', 'WALKING_LIMIT', 'MARKETABLE')),
        rule_id         TEXT    CHECK (length(rule_id) BETWEEN 1 AND 100),
        reason          TEXT    NOT NULL CHECK (length(reason) > 0),
        trace           TEXT    NOT NULL CHECK (json_valid(trace) AND json_type(trace) = 'array'),
        created_at      INTEGER NOT NULL CHECK (created_at >= 0),
        reduce_quantity INTEGER CHECK (reduce_quantity > 0),
        roll_target     TEXT    CHECK (json_valid(roll_target) AND json_type(roll_target) = 'object'),
        CHECK ((urgency IS NULL) = (action = 'HOLD')),
        CHECK ((reduce_quantity IS NOT NULL) = (action = 'REDUCE')),
        CHECK ((roll_target IS NOT NULL) = (action = 'ROLL'))
      ) STRICT;
      CREATE INDEX decisions_by_strategy_time ON decisions (strategy_id, created_at);
      CREATE INDEX decisions_by_time ON decisions (created_at);
    `);
  },
};
