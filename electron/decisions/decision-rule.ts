// The rule interface: one rule reads the snapshot and says whether it fires, what it would do,
// why, from which inputs, against which threshold. The engine turns evaluations into the trace.
//
// A rule "fires" when its condition holds; a firing rule always names an action. HOLD is an
// action too: R01 fires HOLD while trading is halted without a flatten request (nothing new may
// be sent), and R12 fires HOLD when nothing else did. The first firing rule decides.
import type { IsoDate } from '../../shared/domain/calendar.ts';
import type { DecisionAction, RuleTraceEntry, TraceValue, Urgency } from '../../shared/domain/decision.ts';
import type { DecisionContext } from './decision-context.ts';
import type { DecisionThresholds } from './decision-thresholds.ts';

export const RULE_IDS = ['R01', 'R02', 'R03', 'R04', 'R05', 'R06', 'R07', 'R08', 'R09', 'R10', 'R11', 'R12'] as const;
export type RuleId = (typeof RULE_IDS)[number];

/** Which legs a ROLL moves: the tested put or call side, or every leg. */
export type RollSide = 'put' | 'call' | 'all';

export interface RuleRollTarget {
  readonly side: RollSide;
  readonly expiry: IsoDate;
  /** Signed delta of the new short strike (put negative); undefined: keep the strikes. */
  readonly targetDelta: number | undefined;
  readonly description: string;
}

export type RuleInputs = Readonly<Record<string, TraceValue>>;

/** A rule's id and name, as the trace shows them. */
export interface RuleIdentity {
  readonly id: RuleId;
  readonly name: string;
}

/**
 * What a rule says about one snapshot: the trace entry (ruleId, name, fired, inputs — finite
 * numbers or null for unknown —, threshold: the condition in words with the configured numbers,
 * reason) and, when fired, the decision it would make.
 */
export interface RuleEvaluation extends RuleTraceEntry {
  /** Set exactly when fired. */
  readonly action?: DecisionAction | undefined;
  /** Set exactly when fired with CLOSE, ROLL or REDUCE. */
  readonly urgency?: Urgency | undefined;
  /** REDUCE: strategy units to close. */
  readonly reduceQuantity?: number | undefined;
  /** ROLL: where to. */
  readonly rollTarget?: RuleRollTarget | undefined;
}

export interface DecisionRule extends RuleIdentity {
  evaluate(context: DecisionContext, thresholds: DecisionThresholds): RuleEvaluation;
}

/**
 * An evaluation that did not fire: a frozen trace entry and nothing else, so the engine puts it in
 * the trace as it is (most rules do not fire; one object fewer per rule and position).
 */
export function notFired(rule: RuleIdentity, reason: string, inputs: RuleInputs, threshold: string): RuleEvaluation {
  return Object.freeze({ ruleId: rule.id, name: rule.name, fired: false, inputs: Object.freeze(inputs), threshold, reason });
}

export interface FiredDetails {
  readonly reduceQuantity?: number | undefined;
  readonly rollTarget?: RuleRollTarget | undefined;
}

/** An evaluation that fired with `action` (urgency undefined for HOLD). */
export function fired(rule: RuleIdentity, action: DecisionAction, urgency: Urgency | undefined, reason: string, inputs: RuleInputs, threshold: string, details?: FiredDetails): RuleEvaluation {
  return { ruleId: rule.id, name: rule.name, fired: true, inputs, threshold, reason, action, urgency, reduceQuantity: details?.reduceQuantity, rollTarget: details?.rollTarget };
}

/**
 * Texts that depend only on the thresholds (the condition in words, fixed reasons), computed once
 * per thresholds object: the engine evaluates thousands of positions with the same thresholds.
 */
export function textsFor<T>(build: (thresholds: DecisionThresholds) => T): (thresholds: DecisionThresholds) => T {
  let lastThresholds: DecisionThresholds | undefined;
  let lastTexts: T | undefined;
  return (thresholds) => {
    if (thresholds !== lastThresholds || lastTexts === undefined) {
      lastTexts = build(thresholds);
      lastThresholds = thresholds;
    }
    return lastTexts;
  };
}

/** Money in micro-dollars → dollars for a trace input. */
export function dollars(micros: number): number {
  return micros / 1_000_000;
}

const scales = [1, 10, 100, 1_000, 10_000];

/**
 * `value` rounded to at most `decimals` (0–4) places, trailing zeros dropped: 0.3049 → '0.3'.
 * Formats through whole numbers, several times faster than String() or toFixed() on a fraction,
 * which matters for the reasons of thousands of positions per cycle.
 */
export function round(value: number, decimals = 2): string {
  const scale = scales[decimals] ?? 100;
  const scaled = Math.round(Math.abs(value) * scale);
  if (!Number.isSafeInteger(scaled)) return String(value);
  const whole = Math.floor(scaled / scale);
  let fraction = scaled - whole * scale;
  let places = decimals;
  while (places > 0 && fraction % 10 === 0) {
    fraction /= 10;
    places -= 1;
  }
  const sign = value < 0 && scaled !== 0 ? '-' : '';
  return places === 0 ? `${sign}${whole}` : `${sign}${whole}.${String(fraction).padStart(places, '0')}`;
}

/** Dollars with cents for a reason text: -1234.5 → '-$1234.50'. */
export function formatDollars(micros: number): string {
  const cents = Math.round(Math.abs(micros) / 10_000);
  const fraction = cents % 100;
  return `${micros < 0 && cents !== 0 ? '-' : ''}$${(cents - fraction) / 100}.${fraction < 10 ? '0' : ''}${fraction}`;
}

/** A fraction as a percentage for a reason text: 0.5 → '50%'. */
export function percent(fraction: number): string {
  return `${round(fraction * 100, 1)}%`;
}
