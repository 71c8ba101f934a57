// Decisions of the rule engine with their full rule traces (migrations/0006-decisions.ts).
// Read back through createDecision, so a trace that does not name the deciding rule as fired,
// or any other corrupt row, fails fast.
import { createDecision, type Decision, type DecisionAction, type DecisionInput, type RuleTraceEntry, type Urgency } from '../../shared/domain/decision.ts';
import type { DecisionId, StrategyId } from '../../shared/domain/ids.ts';
import { AppError } from '../core/errors.ts';
import type { AppDatabase } from './database.ts';
import { writeOrExplain } from './sqlite-constraint.ts';
import { toStoredJson } from './stored-json.ts';
import { StoredRow, validated } from './stored-row.ts';

const columns = 'id, strategy_id, action, urgency, rule_id, reason, trace, created_at, reduce_quantity, roll_target';
type Row = Record<string, unknown>;

export class DecisionRepository {
  readonly #database: AppDatabase;
  readonly #insert;
  readonly #selectById;
  readonly #selectByStrategy;
  readonly #selectSince;

  constructor(database: AppDatabase) {
    this.#database = database;
    this.#insert = database.prepare<[Row]>(`INSERT INTO decisions (${columns}) VALUES (${columns.split(', ').map((name) => `@${name}`).join(', ')})`);
    this.#selectById = database.prepare<[string], Row>(`SELECT ${columns} FROM decisions WHERE id = ?`);
    this.#selectByStrategy = database.prepare<[string, number, number], Row>(
      `SELECT ${columns} FROM decisions WHERE strategy_id = ? AND created_at >= ? ORDER BY created_at DESC, rowid DESC LIMIT ?`,
    );
    this.#selectSince = database.prepare<[number, number], Row>(`SELECT ${columns} FROM decisions WHERE created_at >= ? ORDER BY created_at DESC, rowid DESC LIMIT ?`);
  }

  /** Stores a decision; refuses a stored id ('conflict'), an invalid decision or an unknown strategy ('validation'). */
  insert(decision: Decision): Decision {
    const checked = validated(`decision '${String(decision?.id)}'`, () => createDecision(decision));
    return this.#database.transaction(() => {
      if (this.#selectById.get(checked.id) !== undefined) throw new AppError('conflict', `decision id '${checked.id}' is already stored`);
      writeOrExplain(`decision '${checked.id}' about strategy '${checked.strategyId}'`, () => this.#insert.run(toRow(checked)));
      return checked;
    });
  }

  get(id: DecisionId): Decision | undefined {
    const row = this.#selectById.get(id);
    return row === undefined ? undefined : toDecision(row);
  }

  /** The strategy's decisions made at or after `since`, newest first, at most `limit`. */
  listByStrategy(strategyId: StrategyId, options: { since?: number; limit?: number } = {}): Decision[] {
    return this.#selectByStrategy.all(strategyId, options.since ?? 0, options.limit ?? -1).map(toDecision);
  }

  /** The strategy's most recent decision. */
  latestForStrategy(strategyId: StrategyId): Decision | undefined {
    return this.listByStrategy(strategyId, { limit: 1 })[0];
  }

  /** Every decision made at or after `since`, newest first, at most `limit`. */
  listSince(since: number, limit = -1): Decision[] {
    return this.#selectSince.all(since, limit).map(toDecision);
  }
}

function toRow(decision: Decision): Row {
  return {
    id: decision.id,
    strategy_id: decision.strategyId,
    action: decision.action,
    urgency: decision.urgency ?? null,
    rule_id: decision.ruleId ?? null,
    reason: decision.reason,
    trace: toStoredJson(decision.trace, `decision '${decision.id}' trace`, 'trace'),
    created_at: decision.createdAt,
    reduce_quantity: decision.reduceQuantity ?? null,
    roll_target: decision.rollTarget === undefined ? null : toStoredJson(decision.rollTarget, `decision '${decision.id}' roll target`, 'rollTarget'),
  };
}

function toDecision(row: Row): Decision {
  const id = new StoredRow(row, 'decisions row').text('id');
  const reader = new StoredRow(row, `decisions row '${id}'`);
  const input: DecisionInput = {
    id,
    strategyId: reader.text('strategy_id'),
    action: reader.text('action') as DecisionAction,
    urgency: reader.optionalText('urgency') as Urgency | undefined,
    ruleId: reader.optionalText('rule_id'),
    reason: reader.text('reason'),
    trace: reader.jsonArray('trace') as unknown as RuleTraceEntry[],
    createdAt: reader.integer('created_at'),
    reduceQuantity: reader.optionalInteger('reduce_quantity'),
    rollTarget: reader.optionalJsonObject('roll_target') as DecisionInput['rollTarget'],
  };
  return reader.restore('decision', () => createDecision(input));
}
