// The decision engine: the 12 rules in fixed priority order over one snapshot. The first rule that
// fires decides the action; EVERY rule is still evaluated and traced (inputs, threshold, fired),
// so the trace always shows the whole picture. A rule that fires after the decider keeps
// fired: true and its reason says "(not deciding: R0x decided)". R12 always fires, so every
// decision names its rule. Deterministic, no I/O, no clock: the time is the snapshot's.
//
// Speed: one cycle over 1,000 positions must take ≤ 2 ms. The decision is assembled here, frozen,
// in the exact shape createDecision returns, without re-validating each trace entry (that costs
// ~6 µs a decision): the contexts are validated at creation, the rules only put finite numbers or
// null in their inputs, and the deciding evaluation is checked below. The store re-validates
// with createDecision when a decision is recorded; `validateWithDomain: true` does it here too.
import { createDecision, type Decision, type RuleTraceEntry } from '../../shared/domain/decision.ts';
import { parseDecisionId, type DecisionId } from '../../shared/domain/ids.ts';
import { isDecisionContext, type DecisionContext } from './decision-context.ts';
import type { DecisionRule, RuleEvaluation } from './decision-rule.ts';
import { createDecisionThresholds, type DecisionThresholds } from './decision-thresholds.ts';
import { DECISION_RULES } from './rules/index.ts';

export interface DecisionEngineOptions {
  /** Overrides of the default thresholds (validated once, here). */
  readonly thresholds?: Partial<DecisionThresholds>;
  /** Default: the 12 rules in priority order. A list without an always-firing rule may decide a rule-less HOLD. */
  readonly rules?: readonly DecisionRule[];
  /** Default 'decision-<now>-<n>' with n counting this engine's decisions from 1. */
  readonly decisionId?: (context: DecisionContext, sequence: number) => string;
  /** Also pass every decision through createDecision (slower; default false). */
  readonly validateWithDomain?: boolean;
}

function requireRules(rules: readonly DecisionRule[]): readonly DecisionRule[] {
  if (!Array.isArray(rules) || rules.length === 0) throw new TypeError('rules must be a non-empty list of decision rules');
  const ids = new Set<string>();
  for (const rule of rules) {
    if (typeof rule?.evaluate !== 'function' || typeof rule.id !== 'string' || typeof rule.name !== 'string') throw new TypeError('every rule needs an id, a name and evaluate()');
    if (ids.has(rule.id)) throw new TypeError(`rule id ${rule.id} appears twice`);
    ids.add(rule.id);
  }
  return Object.freeze([...rules]);
}

/** Throws when the deciding evaluation is not a consistent decision (a bug in that rule). */
function requireDecidable(rule: DecisionRule, evaluation: RuleEvaluation, quantity: number): void {
  const { action, urgency, reduceQuantity, rollTarget } = evaluation;
  const problem =
    action === undefined ? 'fired without an action'
    : (action === 'HOLD') !== (urgency === undefined) ? `gave ${action} with urgency ${String(urgency)}`
    : (action === 'REDUCE') !== (reduceQuantity !== undefined) ? `gave ${action} with reduceQuantity ${String(reduceQuantity)}`
    : reduceQuantity !== undefined && !(Number.isSafeInteger(reduceQuantity) && reduceQuantity > 0 && reduceQuantity < quantity) ? `wants to reduce ${reduceQuantity} of ${quantity} units`
    : (action === 'ROLL') !== (rollTarget !== undefined) ? `gave ${action} with${rollTarget === undefined ? 'out' : ''} a roll target`
    : undefined;
  if (problem !== undefined) throw new Error(`decision rule ${rule.id} (${rule.name}) ${problem}`);
}

export class DecisionEngine {
  readonly thresholds: DecisionThresholds;
  readonly rules: readonly DecisionRule[];
  readonly #decisionId: ((context: DecisionContext, sequence: number) => string) | undefined;
  readonly #validate: boolean;
  /** Per rule index: the reason suffix of later rules that fired after it decided. */
  readonly #notDeciding: readonly string[];
  #sequence = 0;
  /** 'decision-<now>-' for the last `now` seen: a cycle shares one instant, and 13-digit numbers are slow to print. */
  #idPrefix = { now: -1, text: '' };

  constructor(options: DecisionEngineOptions = {}) {
    this.thresholds = createDecisionThresholds(options.thresholds);
    this.rules = requireRules(options.rules ?? DECISION_RULES);
    this.#decisionId = options.decisionId;
    this.#validate = options.validateWithDomain === true;
    this.#notDeciding = this.rules.map((rule) => ` (not deciding: ${rule.id} decided)`);
  }

  /** Decides for one strategy; the trace has one entry per rule, in priority order. */
  evaluate(context: DecisionContext): Decision {
    if (!isDecisionContext(context)) throw new TypeError('evaluate needs a context from createDecisionContext');
    const { rules, thresholds } = this;
    const trace: RuleTraceEntry[] = new Array<RuleTraceEntry>(rules.length);
    let deciderIndex = -1;
    let decider: RuleEvaluation | undefined;
    for (let index = 0; index < rules.length; index++) {
      const rule = rules[index] as DecisionRule;
      const evaluation = rule.evaluate(context, thresholds);
      if (!evaluation.fired && evaluation.ruleId === rule.id && Object.isFrozen(evaluation)) {
        trace[index] = evaluation; // notFired() made it a frozen trace entry already
        continue;
      }
      let reason = evaluation.reason;
      if (evaluation.fired) {
        if (decider === undefined) {
          decider = evaluation;
          deciderIndex = index;
        } else {
          reason += this.#notDeciding[deciderIndex] as string;
        }
      }
      trace[index] = Object.freeze({ ruleId: rule.id, name: rule.name, fired: evaluation.fired, inputs: Object.freeze(evaluation.inputs), threshold: evaluation.threshold, reason });
    }
    Object.freeze(trace);
    const decision = this.#assemble(context, trace, decider === undefined ? undefined : (rules[deciderIndex] as DecisionRule), decider);
    return this.#validate ? createDecision(decision) : decision;
  }

  /** One monitoring cycle: a decision per context, in order. */
  evaluateAll(contexts: readonly DecisionContext[]): Decision[] {
    const decisions = new Array<Decision>(contexts.length);
    for (let index = 0; index < contexts.length; index++) decisions[index] = this.evaluate(contexts[index] as DecisionContext);
    return decisions;
  }

  #nextId(context: DecisionContext): DecisionId {
    this.#sequence += 1;
    if (this.#decisionId === undefined) {
      const { now } = context.calendar;
      if (this.#idPrefix.now !== now) this.#idPrefix = { now, text: `decision-${now}-` };
      return `${this.#idPrefix.text}${this.#sequence}` as DecisionId;
    }
    return parseDecisionId(this.#decisionId(context, this.#sequence), 'decisionId');
  }

  #assemble(context: DecisionContext, trace: readonly RuleTraceEntry[], rule: DecisionRule | undefined, evaluation: RuleEvaluation | undefined): Decision {
    const id = this.#nextId(context);
    if (rule === undefined || evaluation === undefined) {
      return Object.freeze({ id, strategyId: context.strategyId, action: 'HOLD', urgency: undefined, ruleId: undefined, reason: 'no rule fired: hold', trace, createdAt: context.calendar.now, reduceQuantity: undefined, rollTarget: undefined });
    }
    requireDecidable(rule, evaluation, context.quantity);
    const target = evaluation.rollTarget;
    return Object.freeze({
      id,
      strategyId: context.strategyId,
      action: evaluation.action ?? 'HOLD',
      urgency: evaluation.urgency,
      ruleId: rule.id,
      reason: `${rule.name}: ${evaluation.reason}`,
      trace,
      createdAt: context.calendar.now,
      reduceQuantity: evaluation.reduceQuantity,
      rollTarget: target === undefined ? undefined : Object.freeze({ expiry: target.expiry, targetDelta: target.targetDelta, description: target.description }),
    });
  }
}
