// Key → JSON value settings (see ../settings.repository.ts).
import type { Migration } from './migration.ts';

export const migration: Migration = {
  version: 2,
  name: 'settings',
  up(connection) {
    connection.exec(`
      CREATE TABLE settings (
        key        TEXT    PRIMARY KEY CHECK (length(key) BETWEEN 1 AND 200),
        value      TEXT    NOT NULL CHECK (json_valid(value)),
        updated_at INTEGER NOT NULL
      ) STRICT;
    `);
  },
};
