// Small readers of the schema for migration tests: columns, indexes and triggers of a table.
import type { SqliteConnection } from '../migrations/migration.ts';

type ColumnInfo = { name: string; type: string; notnull: number; pk: number };

/** [name, type, notNull, primaryKeyPosition] per column, in table order. */
export function tableColumns(connection: SqliteConnection, table: string): Array<[string, string, boolean, number]> {
  const columns = connection.pragma(`table_info(${table})`) as ColumnInfo[];
  return columns.map((column) => [column.name, column.type, column.notnull === 1, column.pk]);
}

/** Names of the explicitly created indexes of `table`, sorted. */
export function indexNames(connection: SqliteConnection, table: string): string[] {
  return connection.prepare<[string], string>("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL ORDER BY name").pluck().all(table);
}

export function triggerNames(connection: SqliteConnection, table: string): string[] {
  return connection.prepare<[string], string>("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ? ORDER BY name").pluck().all(table);
}

export function tableNames(connection: SqliteConnection): string[] {
  return connection.prepare<[], string>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
}

/** The query plan's detail lines, to check that a query uses an index. */
export function queryPlan(connection: SqliteConnection, sql: string, ...parameters: unknown[]): string {
  const rows = connection.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...parameters) as Array<{ detail: string }>;
  return rows.map((row) => row.detail).join('\n');
}
