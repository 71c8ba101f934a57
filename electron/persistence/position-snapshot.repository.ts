// Point-in-time copies of positions (migrations/0005-position-snapshots.ts): what the OMS derived
// from fills or what the broker reported, for reconciliation and history. Lines are read back
// through restorePosition, which also recomputes averageCost.
import { contractKey, type Contract } from '../../shared/domain/contract.ts';
import { DomainValidationError, invalid } from '../../shared/domain/errors.ts';
import { restorePosition, type Position } from '../../shared/domain/position.ts';
import { optional, requireArray, requireEpochMillis, requireNonEmptyString, requireOneOf } from '../../shared/domain/validate.ts';
import type { AppDatabase } from './database.ts';
import { toStoredJson } from './stored-json.ts';
import { StoredRow, validated } from './stored-row.ts';

export const POSITION_SNAPSHOT_SOURCES = ['oms', 'broker'] as const;
export type PositionSnapshotSource = (typeof POSITION_SNAPSHOT_SOURCES)[number];

export interface PositionSnapshot {
  readonly id: number;
  readonly takenAt: number;
  readonly source: PositionSnapshotSource;
  readonly note: string | undefined;
  /** One per contract, ordered by contract key. */
  readonly positions: readonly Position[];
}

export type NewPositionSnapshot = Omit<PositionSnapshot, 'id' | 'note'> & { readonly note?: string | undefined };

type Row = Record<string, unknown>;

export class PositionSnapshotRepository {
  readonly #database: AppDatabase;
  readonly #insert;
  readonly #insertLine;
  readonly #selectById;
  readonly #selectLatest;
  readonly #selectRange;
  readonly #selectLines;

  constructor(database: AppDatabase) {
    this.#database = database;
    this.#insert = database.prepare<[number, string, string | null]>('INSERT INTO position_snapshots (taken_at, source, note) VALUES (?, ?, ?)');
    this.#insertLine = database.prepare<[Row]>(
      `INSERT INTO position_snapshot_lines (snapshot_id, contract_key, contract, quantity, cost_basis_micros, realized_pnl_micros, commissions_micros)
       VALUES (@snapshot_id, @contract_key, @contract, @quantity, @cost_basis_micros, @realized_pnl_micros, @commissions_micros)`,
    );
    this.#selectById = database.prepare<[number], Row>('SELECT id, taken_at, source, note FROM position_snapshots WHERE id = ?');
    this.#selectLatest = database.prepare<[string], Row>('SELECT id, taken_at, source, note FROM position_snapshots WHERE source = ? ORDER BY taken_at DESC, id DESC LIMIT 1');
    this.#selectRange = database.prepare<[string, number, number, number], Row>(
      'SELECT id, taken_at, source, note FROM position_snapshots WHERE source = ? AND taken_at >= ? AND taken_at <= ? ORDER BY taken_at, id LIMIT ?',
    );
    this.#selectLines = database.prepare<[number], Row>(
      'SELECT contract_key, contract, quantity, cost_basis_micros, realized_pnl_micros, commissions_micros FROM position_snapshot_lines WHERE snapshot_id = ? ORDER BY contract_key',
    );
  }

  /** Stores a snapshot (one position per contract; flat ones allowed) and returns it with its id. */
  insert(input: NewPositionSnapshot): PositionSnapshot {
    const snapshot = validated('position snapshot', () => createSnapshot({ ...input, id: 0 }));
    return this.#database.transaction(() => {
      const id = Number(this.#insert.run(snapshot.takenAt, snapshot.source, snapshot.note ?? null).lastInsertRowid);
      for (const position of snapshot.positions) this.#insertLine.run(lineRow(id, position));
      return Object.freeze({ ...snapshot, id });
    });
  }

  get(id: number): PositionSnapshot | undefined {
    const row = this.#selectById.get(id);
    return row === undefined ? undefined : this.#toSnapshot(row);
  }

  /** The most recent snapshot from `source`. */
  latest(source: PositionSnapshotSource): PositionSnapshot | undefined {
    const row = this.#selectLatest.get(source);
    return row === undefined ? undefined : this.#toSnapshot(row);
  }

  /** Snapshots from `source` taken between `from` and `to` (inclusive), oldest first, at most `limit`. */
  list(source: PositionSnapshotSource, options: { from?: number; to?: number; limit?: number } = {}): PositionSnapshot[] {
    const rows = this.#selectRange.all(source, options.from ?? 0, options.to ?? Number.MAX_SAFE_INTEGER, options.limit ?? -1);
    return rows.map((row) => this.#toSnapshot(row));
  }

  #toSnapshot(row: Row): PositionSnapshot {
    const id = new StoredRow(row, 'position_snapshots row').integer('id');
    const reader = new StoredRow(row, `position_snapshots row ${id}`);
    const positions = this.#selectLines.all(id).map((line) => toPosition(line, `position_snapshot_lines row ${id} '${String(line.contract_key)}'`));
    const input = { id, takenAt: reader.integer('taken_at'), source: reader.text('source') as PositionSnapshotSource, note: reader.optionalText('note'), positions };
    return reader.restore('position snapshot', () => createSnapshot(input));
  }
}

function createSnapshot(input: NewPositionSnapshot & { readonly id: number }): PositionSnapshot {
  const positions = requireArray(input.positions, 'positions').map((position, index) => {
    try {
      return restorePosition(position as Position);
    } catch (error) {
      if (!(error instanceof DomainValidationError)) throw error;
      throw new DomainValidationError(`positions[${index}].${error.field}`, `positions[${index}].${error.message}`, error.value);
    }
  });
  const keys = positions.map((position) => contractKey(position.contract));
  const repeated = keys.find((key, index) => keys.indexOf(key) !== index);
  if (repeated !== undefined) invalid('positions', 'must hold each contract once', repeated);
  const sorted = positions.map((position, index) => ({ position, key: keys[index] as string })).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return Object.freeze({
    id: input.id,
    takenAt: requireEpochMillis(input.takenAt, 'takenAt'),
    source: requireOneOf(input.source, POSITION_SNAPSHOT_SOURCES, 'source'),
    note: optional(input.note, 'note', requireNonEmptyString),
    positions: Object.freeze(sorted.map((entry) => entry.position)),
  });
}

function lineRow(snapshotId: number, position: Position): Row {
  return {
    snapshot_id: snapshotId,
    contract_key: contractKey(position.contract),
    contract: toStoredJson(position.contract, 'position contract', 'contract'),
    quantity: position.quantity,
    cost_basis_micros: position.costBasis,
    realized_pnl_micros: position.realizedPnl,
    commissions_micros: position.commissions,
  };
}

function toPosition(row: Row, where: string): Position {
  const reader = new StoredRow(row, where);
  const input = {
    contract: reader.jsonObject('contract') as unknown as Contract,
    quantity: reader.integer('quantity'),
    costBasis: reader.money('cost_basis_micros'),
    realizedPnl: reader.money('realized_pnl_micros'),
    commissions: reader.money('commissions_micros'),
  };
  const position = reader.restore('position', () => restorePosition(input));
  if (contractKey(position.contract) !== reader.text('contract_key')) throw reader.corrupt('column contract_key does not match the contract');
  return position;
}
