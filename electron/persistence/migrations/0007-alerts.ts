// Operator alerts. acknowledged_at is set once (the first acknowledgement wins); dedup_key
// groups alerts that report one condition, so the alert manager can look for a recent one
// before raising it again.
import type { Migration } from './migration.ts';

export const migration: Migration = {
  version: 7,
  name: 'alerts',
  up(connection) {
    connection.exec(`
      CREATE TABLE alerts (
        id              TEXT    PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 128),
        severity        TEXT    NOT NULL CHECK (severity IN ('info', 'warning', 'critical')),
        source          TEXT    NOT NULL CHECK (length(source) BETWEEN 1 AND 200),
        message         TEXT    NOT NULL CHECK (length(message) > 0),
        created_at      INTEGER NOT NULL CHECK (created_at >= 0),
        acknowledged_at INTEGER CHECK (acknowledged_at >= created_at),
        dedup_key       TEXT    CHECK (length(dedup_key) BETWEEN 1 AND 200)
      ) STRICT;
      CREATE INDEX alerts_unacknowledged ON alerts (created_at) WHERE acknowledged_at IS NULL;
      CREATE INDEX alerts_by_dedup_key ON alerts (dedup_key, created_at) WHERE dedup_key IS NOT NULL;
      CREATE INDEX alerts_by_time ON alerts (created_at);
      CREATE TRIGGER alerts_acknowledge_once BEFORE UPDATE ON alerts
      WHEN OLD.acknowledged_at IS NOT NULL OR NEW.id <> OLD.id OR NEW.severity <> OLD.severity OR NEW.source <> OLD.source
        OR NEW.message <> OLD.message OR NEW.created_at <> OLD.created_at OR NEW.dedup_key IS NOT OLD.dedup_key
      BEGIN SELECT RAISE(ABORT, 'an alert can only be acknowledged, once'); END;
    `);
  },
};
