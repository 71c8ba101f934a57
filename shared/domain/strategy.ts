// A strategy: a set of option legs opened, managed and closed together (one "trade").
// A roll closes a strategy (status ROLLED, rolledToId) and opens its successor (rolledFromId),
// which carries the roll history of the whole chain so cumulative P&L is in one place.
import { contractKey, restoreOptionContract, type OptionContract } from './contract.ts';
import { invalid } from './errors.ts';
import { parseDecisionId, parseStrategyId, type DecisionId, type StrategyId } from './ids.ts';
import { parseMoney, ZERO_MONEY, type Money } from './money.ts';
import { ORDER_ACTIONS, type OrderAction } from './order-types.ts';
import { legRole, requireStrategyShape } from './strategy-shape.ts';
import { optional, requireArray, requireEpochMillis, requireFiniteNumber, requireNonEmptyString, requireNonNegativePrice, requireOneOf, requirePositiveInteger, requireSymbol } from './validate.ts';

export const STRATEGY_TYPES = ['IRON_CONDOR', 'BULL_PUT', 'BEAR_CALL', 'BULL_CALL', 'BEAR_PUT', 'SHORT_PUT', 'CUSTOM'] as const;
export type StrategyType = (typeof STRATEGY_TYPES)[number];

/** PENDING: entry orders working · OPEN · CLOSING: exit orders working · CLOSED · ROLLED: closed into a successor · FAILED: never opened. */
export const STRATEGY_STATUSES = ['PENDING', 'OPEN', 'CLOSING', 'CLOSED', 'ROLLED', 'FAILED'] as const;
export type StrategyStatus = (typeof STRATEGY_STATUSES)[number];

export const LEG_ROLES = ['long_call', 'short_call', 'long_put', 'short_put'] as const;
export type LegRole = (typeof LEG_ROLES)[number];

export interface StrategyLeg {
  readonly contract: OptionContract;
  readonly action: OrderAction;
  /** Contracts per strategy unit. */
  readonly ratio: number;
  /** Must agree with action and right (legRole). */
  readonly role: LegRole;
  /** Per-share entry fill price once known. */
  readonly entryPrice: number | undefined;
}

export interface RollRecord {
  readonly fromStrategyId: StrategyId;
  readonly rolledAt: number;
  /** Realized P&L of the strategy that was rolled away. */
  readonly realizedPnl: Money;
  readonly decisionId: DecisionId | undefined;
}

export interface Strategy {
  readonly id: StrategyId;
  readonly type: StrategyType;
  readonly underlyingSymbol: string;
  readonly legs: readonly StrategyLeg[];
  /** Strategy units (each leg trades ratio × quantity contracts). */
  readonly quantity: number;
  readonly status: StrategyStatus;
  /** Why it FAILED, or a note on the last status change. */
  readonly statusReason: string | undefined;
  /** Per-share net entry price per unit: debit positive, credit negative. */
  readonly entryNetPrice: number | undefined;
  /** Total paid (+) or received (−) at entry, all units and multipliers, commissions excluded. */
  readonly entryNetAmount: Money | undefined;
  /** Total paid (+) or received (−) to exit. */
  readonly exitNetAmount: Money | undefined;
  /** Realized P&L net of commissions so far. */
  readonly realizedPnl: Money;
  readonly createdAt: number;
  readonly openedAt: number | undefined;
  readonly closedAt: number | undefined;
  readonly rolledFromId: StrategyId | undefined;
  readonly rolledToId: StrategyId | undefined;
  /** Earlier strategies of this roll chain, oldest first. */
  readonly rollHistory: readonly RollRecord[];
}

type Optional<T, K extends keyof T> = Omit<T, K> & Partial<Pick<T, K>>;
export type StrategyLegInput = Optional<Omit<StrategyLeg, 'contract'>, 'entryPrice' | 'role'> & { readonly contract: OptionContract };
export type StrategyInput = Optional<
  Omit<Strategy, 'id' | 'legs' | 'rolledFromId' | 'rolledToId'>,
  'status' | 'statusReason' | 'entryNetPrice' | 'entryNetAmount' | 'exitNetAmount' | 'realizedPnl' | 'openedAt' | 'closedAt' | 'rollHistory'
> & {
  readonly id: string;
  readonly legs: readonly StrategyLegInput[];
  readonly rolledFromId?: string | undefined;
  readonly rolledToId?: string | undefined;
};

function createLeg(leg: StrategyLegInput, field: string, underlyingSymbol: string): StrategyLeg {
  const contract = restoreOptionContract(leg.contract, `${field}.contract`);
  if (contract.underlyingSymbol !== underlyingSymbol) invalid(`${field}.contract.underlyingSymbol`, `must be the strategy's ${underlyingSymbol}`, contract.underlyingSymbol);
  const action = requireOneOf(leg.action, ORDER_ACTIONS, `${field}.action`);
  const role = legRole(action, contract.right);
  if (leg.role !== undefined && leg.role !== role) invalid(`${field}.role`, `must be ${role} for a ${action} ${contract.right}`, leg.role);
  return Object.freeze({
    contract,
    action,
    ratio: requirePositiveInteger(leg.ratio, `${field}.ratio`),
    role,
    entryPrice: optional(leg.entryPrice, `${field}.entryPrice`, requireNonNegativePrice),
  });
}

function createLegs(input: StrategyInput, type: StrategyType, underlyingSymbol: string): readonly StrategyLeg[] {
  const raw = requireArray(input.legs, 'legs') as readonly StrategyLegInput[];
  if (raw.length === 0) invalid('legs', 'must have at least 1 leg', raw.length);
  const legs = raw.map((leg, index) => createLeg(leg, `legs[${index}]`, underlyingSymbol));
  const seen = new Map<string, number>();
  legs.forEach((leg, index) => {
    const earlier = seen.get(contractKey(leg.contract));
    if (earlier !== undefined) invalid(`legs[${index}].contract`, `repeats legs[${earlier}].contract (each contract may appear once)`, contractKey(leg.contract));
    seen.set(contractKey(leg.contract), index);
  });
  requireStrategyShape(type, legs);
  return Object.freeze(legs);
}

function createRollRecord(record: RollRecord, field: string): RollRecord {
  return Object.freeze({
    fromStrategyId: parseStrategyId(record.fromStrategyId, `${field}.fromStrategyId`),
    rolledAt: requireEpochMillis(record.rolledAt, `${field}.rolledAt`),
    realizedPnl: parseMoney(record.realizedPnl, `${field}.realizedPnl`),
    decisionId: optional(record.decisionId, `${field}.decisionId`, parseDecisionId),
  });
}

const statusesNeedingOpenedAt: ReadonlySet<StrategyStatus> = new Set(['OPEN', 'CLOSING', 'CLOSED', 'ROLLED']);
const statusesNeedingClosedAt: ReadonlySet<StrategyStatus> = new Set(['CLOSED', 'ROLLED']);

function requireConsistentTimes(strategy: Strategy): void {
  const { status, openedAt, closedAt, createdAt } = strategy;
  if (statusesNeedingOpenedAt.has(status) !== (openedAt !== undefined)) invalid('openedAt', `must be set exactly when the strategy has opened (status is ${status})`, openedAt);
  if (statusesNeedingClosedAt.has(status) !== (closedAt !== undefined)) invalid('closedAt', `must be set exactly when CLOSED or ROLLED (status is ${status})`, closedAt);
  if (openedAt !== undefined && openedAt < createdAt) invalid('openedAt', `must not be before createdAt (${createdAt})`, openedAt);
  if (closedAt !== undefined && openedAt !== undefined && closedAt < openedAt) invalid('closedAt', `must not be before openedAt (${openedAt})`, closedAt);
  if ((status === 'ROLLED') !== (strategy.rolledToId !== undefined)) invalid('rolledToId', `must be set exactly when ROLLED (status is ${status})`, strategy.rolledToId);
}

/** Validates a new or stored strategy (status defaults to PENDING). */
export function createStrategy(input: StrategyInput): Strategy {
  const type = requireOneOf(input.type, STRATEGY_TYPES, 'type');
  const underlyingSymbol = requireSymbol(input.underlyingSymbol, 'underlyingSymbol');
  const strategy: Strategy = Object.freeze({
    id: parseStrategyId(input.id, 'id'),
    type,
    underlyingSymbol,
    legs: createLegs(input, type, underlyingSymbol),
    quantity: requirePositiveInteger(input.quantity, 'quantity'),
    status: requireOneOf(input.status ?? 'PENDING', STRATEGY_STATUSES, 'status'),
    statusReason: optional(input.statusReason, 'statusReason', requireNonEmptyString),
    entryNetPrice: optional(input.entryNetPrice, 'entryNetPrice', requireFiniteNumber),
    entryNetAmount: optional(input.entryNetAmount, 'entryNetAmount', parseMoney),
    exitNetAmount: optional(input.exitNetAmount, 'exitNetAmount', parseMoney),
    realizedPnl: parseMoney(input.realizedPnl ?? ZERO_MONEY, 'realizedPnl'),
    createdAt: requireEpochMillis(input.createdAt, 'createdAt'),
    openedAt: optional(input.openedAt, 'openedAt', requireEpochMillis),
    closedAt: optional(input.closedAt, 'closedAt', requireEpochMillis),
    rolledFromId: optional(input.rolledFromId, 'rolledFromId', parseStrategyId),
    rolledToId: optional(input.rolledToId, 'rolledToId', parseStrategyId),
    rollHistory: Object.freeze(requireArray(input.rollHistory ?? [], 'rollHistory').map((record, index) => createRollRecord(record as RollRecord, `rollHistory[${index}]`))),
  });
  requireConsistentTimes(strategy);
  return strategy;
}

const strategyTransitions: Readonly<Record<StrategyStatus, readonly StrategyStatus[]>> = {
  PENDING: ['OPEN', 'FAILED'],
  OPEN: ['CLOSING', 'CLOSED', 'ROLLED'],
  CLOSING: ['OPEN', 'CLOSED', 'ROLLED'],
  CLOSED: [],
  ROLLED: [],
  FAILED: [],
};

export function isFinalStrategyStatus(status: StrategyStatus): boolean {
  return strategyTransitions[status].length === 0;
}

/**
 * Whether a strategy may move from `current` to `target`. Staying is a no-op. CLOSING → OPEN is
 * an exit that was cancelled or failed; OPEN → CLOSED covers expiry and assignment without orders.
 */
export function nextStrategyStatus(current: StrategyStatus, target: StrategyStatus): { readonly ok: true; readonly status: StrategyStatus; readonly changed: boolean } | { readonly ok: false; readonly error: string } {
  if (current === target) return { ok: true, status: current, changed: false };
  if (strategyTransitions[current]?.includes(target) === true) return { ok: true, status: target, changed: true };
  return { ok: false, error: `illegal strategy transition: ${current} → ${target}` };
}
