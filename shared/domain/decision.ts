// A decision of the rule engine about one strategy, with the full trace of every rule it
// evaluated, so the UI can show why (and why not) it acts.
import { parseIsoDate, type IsoDate } from './calendar.ts';
import { invalid } from './errors.ts';
import { parseDecisionId, parseStrategyId, type DecisionId, type StrategyId } from './ids.ts';
import {
  optional,
  requireArray,
  requireBoolean,
  requireEpochMillis,
  requireFiniteNumber,
  requireNonEmptyString,
  requireOneOf,
  requirePositiveInteger,
} from './validate.ts';

export const DECISION_ACTIONS = ['CLOSE', 'ROLL', 'REDUCE', 'HOLD'] as const;
export type DecisionAction = (typeof DECISION_ACTIONS)[number];

/** How hard to chase the fill: rest at the mid · walk the limit toward the far side · cross the spread. */
export const URGENCIES = ['LIMIT_AT_MID', 'WALKING_LIMIT', 'MARKETABLE'] as const;
export type Urgency = (typeof URGENCIES)[number];

/** A rule input: numbers must be finite; use null for "unknown" (e.g. no quote). */
export type TraceValue = number | string | boolean | null;

export interface RuleTraceEntry {
  readonly ruleId: string;
  readonly name: string;
  readonly fired: boolean;
  readonly inputs: Readonly<Record<string, TraceValue>>;
  /** The condition in words, e.g. 'loss ≥ 2 × credit received'. */
  readonly threshold: string;
  readonly reason: string;
}

/** Where a ROLL should go: a new expiry and/or a target short-strike delta. */
export interface RollTarget {
  readonly expiry: IsoDate | undefined;
  readonly targetDelta: number | undefined;
  readonly description: string;
}

export interface Decision {
  readonly id: DecisionId;
  readonly strategyId: StrategyId;
  readonly action: DecisionAction;
  /** Undefined for HOLD (nothing to execute). */
  readonly urgency: Urgency | undefined;
  /** The rule that decided; undefined only for a HOLD that no rule fired for. */
  readonly ruleId: string | undefined;
  readonly reason: string;
  readonly trace: readonly RuleTraceEntry[];
  readonly createdAt: number;
  /** REDUCE: strategy units to close. */
  readonly reduceQuantity: number | undefined;
  /** ROLL: where to roll to. */
  readonly rollTarget: RollTarget | undefined;
}

export interface DecisionInput {
  readonly id: string;
  readonly strategyId: string;
  readonly action: DecisionAction;
  readonly urgency?: Urgency | undefined;
  readonly ruleId?: string | undefined;
  readonly reason: string;
  readonly trace: readonly RuleTraceEntry[];
  readonly createdAt: number;
  readonly reduceQuantity?: number | undefined;
  readonly rollTarget?: { readonly expiry?: string | undefined; readonly targetDelta?: number | undefined; readonly description: string } | undefined;
}

function requireTraceValue(value: unknown, field: string): TraceValue {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  return requireFiniteNumber(value, field);
}

function createTraceEntry(entry: RuleTraceEntry, field: string): RuleTraceEntry {
  if (typeof entry.inputs !== 'object' || entry.inputs === null) invalid(`${field}.inputs`, 'must be an object', entry.inputs);
  const inputs = Object.fromEntries(
    Object.entries(entry.inputs).map(([name, value]) => [name, requireTraceValue(value, `${field}.inputs.${name}`)]),
  );
  return Object.freeze({
    ruleId: requireNonEmptyString(entry.ruleId, `${field}.ruleId`, 100),
    name: requireNonEmptyString(entry.name, `${field}.name`, 200),
    fired: requireBoolean(entry.fired, `${field}.fired`),
    inputs: Object.freeze(inputs),
    threshold: requireNonEmptyString(entry.threshold, `${field}.threshold`),
    reason: requireNonEmptyString(entry.reason, `${field}.reason`),
  });
}

function createRollTarget(target: NonNullable<DecisionInput['rollTarget']>): RollTarget {
  const expiry = optional(target.expiry, 'rollTarget.expiry', parseIsoDate);
  const targetDelta = optional(target.targetDelta, 'rollTarget.targetDelta', requireFiniteNumber);
  if (targetDelta !== undefined && Math.abs(targetDelta) > 1) invalid('rollTarget.targetDelta', 'must be between -1 and 1', targetDelta);
  return Object.freeze({ expiry, targetDelta, description: requireNonEmptyString(target.description, 'rollTarget.description') });
}

function requireActionDetails(input: DecisionInput, action: DecisionAction): void {
  if ((action === 'REDUCE') !== (input.reduceQuantity !== undefined)) {
    invalid('reduceQuantity', `must be set exactly for a REDUCE decision (action is ${action})`, input.reduceQuantity);
  }
  if ((action === 'ROLL') !== (input.rollTarget !== undefined)) {
    invalid('rollTarget', `must be set exactly for a ROLL decision (action is ${action})`, input.rollTarget);
  }
  if ((action === 'HOLD') !== (input.urgency === undefined)) {
    invalid('urgency', `must be set for CLOSE, ROLL and REDUCE and absent for HOLD (action is ${action})`, input.urgency);
  }
  if (action !== 'HOLD' && input.ruleId === undefined) invalid('ruleId', `is required for a ${action} decision`, input.ruleId);
}

/** Validates a new or stored decision; the deciding rule must appear in the trace as fired. */
export function createDecision(input: DecisionInput): Decision {
  const action = requireOneOf(input.action, DECISION_ACTIONS, 'action');
  requireActionDetails(input, action);
  const trace = requireArray(input.trace, 'trace').map((entry, index) => createTraceEntry(entry as RuleTraceEntry, `trace[${index}]`));
  const ruleId = optional(input.ruleId, 'ruleId', (value, field) => requireNonEmptyString(value, field, 100));
  if (ruleId !== undefined && !trace.some((entry) => entry.ruleId === ruleId && entry.fired)) {
    invalid('ruleId', 'must name a rule that fired in the trace', ruleId);
  }
  return Object.freeze({
    id: parseDecisionId(input.id, 'id'),
    strategyId: parseStrategyId(input.strategyId, 'strategyId'),
    action,
    urgency: optional(input.urgency, 'urgency', (value, field) => requireOneOf(value, URGENCIES, field)),
    ruleId,
    reason: requireNonEmptyString(input.reason, 'reason'),
    trace: Object.freeze(trace),
    createdAt: requireEpochMillis(input.createdAt, 'createdAt'),
    reduceQuantity: optional(input.reduceQuantity, 'reduceQuantity', requirePositiveInteger),
    rollTarget: input.rollTarget === undefined ? undefined : createRollTarget(input.rollTarget),
  });
}
