// Strategy executions with their legs and roll history (migrations/0004-strategies.ts). Status
// changes follow the domain's nextStrategyStatus; legs (except entry prices), the roll history
// and the identity never change once stored. Not journaled here: see trading-store.ts.
import type { StrategyId } from '../../shared/domain/ids.ts';
import { createStrategy, nextStrategyStatus, type Strategy } from '../../shared/domain/strategy.ts';
import type { Clock } from '../core/clock.ts';
import { AppError } from '../core/errors.ts';
import type { AppDatabase } from './database.ts';
import { writeOrExplain } from './sqlite-constraint.ts';
import { fixedParts, legColumns, legRow, rollColumns, rollRow, strategyColumns, strategyRow, toStrategy, type Row } from './strategy-rows.ts';
import { validated } from './stored-row.ts';

const placeholders = (columns: string) => columns.split(',').map((name) => `@${name.trim()}`).join(', ');

export class StrategyRepository {
  readonly #database: AppDatabase;
  readonly #clock: Clock;
  readonly #insert;
  readonly #insertLeg;
  readonly #insertRoll;
  readonly #update;
  readonly #updateLegPrice;
  readonly #selectById;
  readonly #selectLegs;
  readonly #selectRolls;
  readonly #selectActive;
  readonly #selectByUnderlying;
  readonly #selectAll;
  /**
   * Strategies read back and validated, by id: the monitoring cycle lists the active ones many
   * times per minute. Writes go through this repository only, so each write clears the cache; it
   * is neither read nor filled inside a transaction, which might still roll back.
   */
  readonly #cache = new Map<string, Strategy>();

  constructor(database: AppDatabase, clock: Clock) {
    this.#database = database;
    this.#clock = clock;
    this.#insert = database.prepare<[Row]>(`INSERT INTO strategies (${strategyColumns}) VALUES (${placeholders(strategyColumns)})`);
    this.#insertLeg = database.prepare<[Row]>(`INSERT INTO strategy_legs (${legColumns}) VALUES (${placeholders(legColumns)})`);
    this.#insertRoll = database.prepare<[Row]>(`INSERT INTO strategy_rolls (${rollColumns}) VALUES (${placeholders(rollColumns)})`);
    this.#update = database.prepare<[Row]>(
      `UPDATE strategies SET quantity = @quantity, status = @status, status_reason = @status_reason, entry_net_price = @entry_net_price,
       entry_net_amount_micros = @entry_net_amount_micros, exit_net_amount_micros = @exit_net_amount_micros, realized_pnl_micros = @realized_pnl_micros,
       opened_at = @opened_at, closed_at = @closed_at, rolled_to_id = @rolled_to_id, updated_at = @updated_at WHERE id = @id`,
    );
    this.#updateLegPrice = database.prepare<[number | null, string, number]>('UPDATE strategy_legs SET entry_price = ? WHERE strategy_id = ? AND leg_index = ?');
    this.#selectById = database.prepare<[string], Row>(`SELECT ${strategyColumns} FROM strategies WHERE id = ?`);
    this.#selectLegs = database.prepare<[string], Row>(`SELECT ${legColumns} FROM strategy_legs WHERE strategy_id = ? ORDER BY leg_index`);
    this.#selectRolls = database.prepare<[string], Row>(`SELECT ${rollColumns} FROM strategy_rolls WHERE strategy_id = ? ORDER BY position`);
    this.#selectActive = database.prepare<[], Row>(`SELECT ${strategyColumns} FROM strategies WHERE status IN ('PENDING', 'OPEN', 'CLOSING') ORDER BY created_at, id`);
    this.#selectByUnderlying = database.prepare<[string], Row>(`SELECT ${strategyColumns} FROM strategies WHERE underlying_symbol = ? ORDER BY created_at, id`);
    this.#selectAll = database.prepare<[], Row>(`SELECT ${strategyColumns} FROM strategies ORDER BY created_at, id`);
  }

  /** Stores a new strategy with its legs and roll history; refuses a stored id ('conflict') or an invalid strategy ('validation'). */
  insert(strategy: Strategy): Strategy {
    const checked = validated(`strategy '${String(strategy?.id)}'`, () => createStrategy(strategy));
    this.#cache.clear();
    return this.#database.transaction(() => {
      if (this.#selectById.get(checked.id) !== undefined) throw new AppError('conflict', `strategy id '${checked.id}' is already stored`);
      const referenced = [checked.rolledFromId, checked.rolledToId, ...checked.rollHistory.map((record) => record.fromStrategyId)];
      this.#requireStored(checked.id, referenced);
      writeOrExplain(`strategy '${checked.id}'`, () => {
        this.#insert.run(strategyRow(checked, this.#clock.now()));
        checked.legs.forEach((leg, index) => this.#insertLeg.run(legRow(checked.id, leg, index)));
        checked.rollHistory.forEach((record, position) => this.#insertRoll.run(rollRow(checked.id, record, position)));
      });
      return checked;
    });
  }

  /**
   * Replaces the changing fields of a stored strategy (status, reason, quantity, money, times,
   * rolledToId, leg entry prices). Refuses ('conflict') an illegal status change (see
   * nextStrategyStatus) or a change to a fixed part; 'not-found' for an unknown id.
   */
  update(next: Strategy): { readonly before: Strategy; readonly after: Strategy } {
    const checked = validated(`strategy '${String(next?.id)}'`, () => createStrategy(next));
    this.#cache.clear();
    return this.#database.transaction(() => {
      const before = this.get(checked.id);
      if (before === undefined) throw new AppError('not-found', `strategy '${checked.id}' is not stored`);
      const transition = nextStrategyStatus(before.status, checked.status);
      if (!transition.ok) throw new AppError('conflict', `strategy '${checked.id}': ${transition.error}`);
      if (fixedParts(before) !== fixedParts(checked)) {
        throw new AppError('conflict', `strategy '${checked.id}': its type, underlying, legs, creation time and roll history cannot change once stored`);
      }
      this.#requireStored(checked.id, [checked.rolledToId]);
      writeOrExplain(`strategy '${checked.id}'`, () => {
        this.#update.run(strategyRow(checked, this.#clock.now()));
        checked.legs.forEach((leg, index) => {
          if (leg.entryPrice !== before.legs[index]?.entryPrice) this.#updateLegPrice.run(leg.entryPrice ?? null, checked.id, index);
        });
      });
      return { before, after: checked };
    });
  }

  get(id: StrategyId): Strategy | undefined {
    const row = this.#selectById.get(id);
    return row === undefined ? undefined : this.#toStrategy(row);
  }

  /** PENDING, OPEN and CLOSING strategies, oldest first. */
  listActive(): Strategy[] {
    return this.#selectActive.all().map((row) => this.#toStrategy(row));
  }

  listByUnderlying(symbol: string): Strategy[] {
    return this.#selectByUnderlying.all(symbol).map((row) => this.#toStrategy(row));
  }

  listAll(): Strategy[] {
    return this.#selectAll.all().map((row) => this.#toStrategy(row));
  }

  /** A strategy may only refer to strategies already stored (store a roll's successor before closing the rolled one). */
  #requireStored(id: StrategyId, referenced: ReadonlyArray<StrategyId | undefined>): void {
    for (const other of referenced) {
      if (other !== undefined && other !== id && this.#selectById.get(other) === undefined) {
        throw new AppError('validation', `strategy '${id}' refers to strategy '${other}', which is not stored`);
      }
    }
  }

  #toStrategy(row: Row): Strategy {
    const id = String(row.id);
    const cacheable = !this.#database.connection.inTransaction;
    const cached = cacheable ? this.#cache.get(id) : undefined;
    if (cached !== undefined) return cached;
    const strategy = toStrategy(row, this.#selectLegs.all(id), this.#selectRolls.all(id));
    if (cacheable) this.#cache.set(id, strategy);
    return strategy;
  }
}
