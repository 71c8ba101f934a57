// Row mapping of strategies, their legs and roll history (tables from migrations/0004-strategies.ts).
import { contractKey, type OptionContract } from '../../shared/domain/contract.ts';
import type { DecisionId, StrategyId } from '../../shared/domain/ids.ts';
import type { Money } from '../../shared/domain/money.ts';
import type { OrderAction } from '../../shared/domain/order-types.ts';
import { createStrategy, type LegRole, type RollRecord, type Strategy, type StrategyLeg, type StrategyStatus, type StrategyType } from '../../shared/domain/strategy.ts';
import { toStoredJson } from './stored-json.ts';
import { StoredRow } from './stored-row.ts';

export const strategyColumns = `id, type, underlying_symbol, quantity, status, status_reason, entry_net_price, entry_net_amount_micros,
  exit_net_amount_micros, realized_pnl_micros, created_at, opened_at, closed_at, rolled_from_id, rolled_to_id, updated_at`;
export const legColumns = 'strategy_id, leg_index, contract_key, contract, action, ratio, role, entry_price';
export const rollColumns = 'strategy_id, position, from_strategy_id, rolled_at, realized_pnl_micros, decision_id';

export type Row = Record<string, unknown>;

const nullable = <T>(value: T | undefined): T | null => (value === undefined ? null : value);

/** The strategies row of `strategy`, written at `updatedAt`. */
export function strategyRow(strategy: Strategy, updatedAt: number): Row {
  return {
    id: strategy.id,
    type: strategy.type,
    underlying_symbol: strategy.underlyingSymbol,
    quantity: strategy.quantity,
    status: strategy.status,
    status_reason: nullable(strategy.statusReason),
    entry_net_price: nullable(strategy.entryNetPrice),
    entry_net_amount_micros: nullable(strategy.entryNetAmount),
    exit_net_amount_micros: nullable(strategy.exitNetAmount),
    realized_pnl_micros: strategy.realizedPnl,
    created_at: strategy.createdAt,
    opened_at: nullable(strategy.openedAt),
    closed_at: nullable(strategy.closedAt),
    rolled_from_id: nullable(strategy.rolledFromId),
    rolled_to_id: nullable(strategy.rolledToId),
    updated_at: updatedAt,
  };
}

export function legRow(strategyId: StrategyId, leg: StrategyLeg, index: number): Row {
  return {
    strategy_id: strategyId,
    leg_index: index,
    contract_key: contractKey(leg.contract),
    contract: toStoredJson(leg.contract, `strategy '${strategyId}' leg ${index} contract`, 'contract'),
    action: leg.action,
    ratio: leg.ratio,
    role: leg.role,
    entry_price: nullable(leg.entryPrice),
  };
}

export function rollRow(strategyId: StrategyId, record: RollRecord, position: number): Row {
  return {
    strategy_id: strategyId,
    position,
    from_strategy_id: record.fromStrategyId,
    rolled_at: record.rolledAt,
    realized_pnl_micros: record.realizedPnl,
    decision_id: nullable(record.decisionId),
  };
}

/** Rebuilds a strategy from its row, leg rows and roll rows through createStrategy (corrupt-data on failure). */
export function toStrategy(row: Row, legRows: readonly Row[], rollRows: readonly Row[]): Strategy {
  const id = new StoredRow(row, 'strategies row').text('id');
  const reader = new StoredRow(row, `strategies row '${id}'`);
  const legs = legRows.map((legRow, index) => toLeg(legRow, `strategy_legs row '${id}' ${index}`, index));
  const rollHistory = rollRows.map((rollRow, index) => toRoll(rollRow, `strategy_rolls row '${id}' ${index}`, index));
  const input = {
    id,
    type: reader.text('type') as StrategyType,
    underlyingSymbol: reader.text('underlying_symbol'),
    legs,
    quantity: reader.integer('quantity'),
    status: reader.text('status') as StrategyStatus,
    statusReason: reader.optionalText('status_reason'),
    entryNetPrice: reader.optionalReal('entry_net_price'),
    entryNetAmount: reader.optionalMoney('entry_net_amount_micros'),
    exitNetAmount: reader.optionalMoney('exit_net_amount_micros'),
    realizedPnl: reader.money('realized_pnl_micros'),
    createdAt: reader.integer('created_at'),
    openedAt: reader.optionalInteger('opened_at'),
    closedAt: reader.optionalInteger('closed_at'),
    rolledFromId: reader.optionalText('rolled_from_id'),
    rolledToId: reader.optionalText('rolled_to_id'),
    rollHistory,
  };
  return reader.restore('strategy', () => createStrategy(input));
}

function toLeg(row: Row, where: string, expectedIndex: number): StrategyLeg {
  const reader = new StoredRow(row, where);
  if (reader.integer('leg_index') !== expectedIndex) throw reader.corrupt(`leg indexes should run 0, 1, 2, … but ${expectedIndex} is missing`);
  const contract = reader.jsonObject('contract') as unknown as OptionContract;
  const leg = {
    contract,
    action: reader.text('action') as OrderAction,
    ratio: reader.integer('ratio'),
    role: reader.text('role') as LegRole,
    entryPrice: reader.optionalReal('entry_price'),
  };
  if (reader.text('contract_key') !== reader.restore('leg contract', () => contractKey(contract))) throw reader.corrupt('column contract_key does not match the contract');
  return leg;
}

function toRoll(row: Row, where: string, expectedPosition: number): RollRecord {
  const reader = new StoredRow(row, where);
  if (reader.integer('position') !== expectedPosition) throw reader.corrupt(`roll positions should run 0, 1, 2, … but ${expectedPosition} is missing`);
  return {
    fromStrategyId: reader.text('from_strategy_id') as StrategyId,
    rolledAt: reader.integer('rolled_at'),
    realizedPnl: reader.money('realized_pnl_micros') as Money,
    decisionId: reader.optionalText('decision_id') as DecisionId | undefined,
  };
}

/** The parts of a strategy that never change once stored (everything but status, money, times, quantity and leg entry prices). */
export function fixedParts(strategy: Strategy): string {
  const { id, type, underlyingSymbol, createdAt, rolledFromId, rollHistory } = strategy;
  const legs = strategy.legs.map(({ contract, action, ratio, role }) => ({ contract, action, ratio, role }));
  return toStoredJson({ id, type, underlyingSymbol, createdAt, rolledFromId, rollHistory, legs }, `strategy '${id}'`);
}
