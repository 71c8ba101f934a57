// Price walking for combo orders, as pure arithmetic in cents: start at the mid (or a given
// limit) and step toward the natural price, never beyond it. Prices are in the order's terms
// (net per unit as bought: debit positive). Working in "cost" (what the price costs us: +price
// for a BUY, −price for a SELL), every step raises the cost; the cap is the natural price and,
// for a CREDIT order (cost < 0 at the start), also −minimumCredit: the walk is clamped so a
// credit never becomes a debit (minimumCredit 0 allows a zero-credit limit, never beyond).
import { actionSign, type OrderAction } from '../../shared/domain/order-types.ts';
import { fromCents, toCents } from './combo-pricing.ts';

export type WalkStep = { readonly kind: 'amount'; readonly amount: number } | { readonly kind: 'fraction'; readonly fraction: number };

export interface WalkOptions {
  /** A fixed amount per step (dollars), or a fraction of the start-to-natural distance. At least one cent. */
  readonly step: WalkStep;
  /** Time between steps, on the injected clock. */
  readonly intervalMs: number;
  /** Stop after this many modifies (default 50). */
  readonly maxSteps?: number;
  /** For a credit order: the smallest credit the walk may reach (default 0). */
  readonly minimumCredit?: number;
}

export interface WalkPlan {
  readonly action: OrderAction;
  readonly start: number;
  readonly stepCents: number;
  /** True when the start price is a credit for this order. */
  readonly credit: boolean;
  readonly minimumCreditCents: number;
}

export type WalkBound = 'natural' | 'credit-floor';

export function validateWalkOptions(options: WalkOptions): string | undefined {
  const { step, intervalMs, maxSteps, minimumCredit } = options;
  if (step?.kind === 'amount' && !(step.amount > 0 && Number.isFinite(step.amount))) return `walk.step.amount must be a positive number of dollars, got ${String(step.amount)}`;
  if (step?.kind === 'fraction' && !(step.fraction > 0 && step.fraction <= 1)) return `walk.step.fraction must be in (0, 1], got ${String(step.fraction)}`;
  if (step?.kind !== 'amount' && step?.kind !== 'fraction') return "walk.step must be { kind: 'amount', amount } or { kind: 'fraction', fraction }";
  if (!(intervalMs > 0 && Number.isFinite(intervalMs))) return `walk.intervalMs must be a positive number of milliseconds, got ${String(intervalMs)}`;
  if (maxSteps !== undefined && !(Number.isSafeInteger(maxSteps) && maxSteps > 0)) return `walk.maxSteps must be a positive integer, got ${String(maxSteps)}`;
  if (minimumCredit !== undefined && !(minimumCredit >= 0 && Number.isFinite(minimumCredit))) return `walk.minimumCredit must be a number ≥ 0, got ${String(minimumCredit)}`;
  return undefined;
}

const costOf = (action: OrderAction, cents: number) => actionSign(action) * cents;

export function planWalk(input: { readonly action: OrderAction; readonly start: number; readonly natural: number; readonly options: WalkOptions }): WalkPlan {
  const { action, options } = input;
  const startCents = toCents(input.start);
  const distance = Math.abs(toCents(input.natural) - startCents);
  const raw = options.step.kind === 'amount' ? toCents(options.step.amount) : Math.round(options.step.fraction * distance);
  return Object.freeze({
    action,
    start: fromCents(startCents),
    stepCents: Math.max(1, raw),
    credit: costOf(action, startCents) < 0,
    minimumCreditCents: toCents(options.minimumCredit ?? 0),
  });
}

/** The highest cost the walk may reach now: the natural price, clamped for a credit order. */
function capCost(plan: WalkPlan, natural: number): { cost: number; bound: WalkBound } {
  const naturalCost = costOf(plan.action, toCents(natural));
  if (plan.credit && naturalCost > -plan.minimumCreditCents) return { cost: -plan.minimumCreditCents, bound: 'credit-floor' };
  return { cost: naturalCost, bound: 'natural' };
}

/**
 * The next limit after `current`, given the natural price now; `bound` is set when the new
 * limit sits on the cap (walk done after it). Undefined when `current` is already at or past
 * the cap (nothing left to walk).
 */
export function nextWalkPrice(plan: WalkPlan, current: number, natural: number): { readonly price: number; readonly bound: WalkBound | undefined } | undefined {
  const cap = capCost(plan, natural);
  const currentCost = costOf(plan.action, toCents(current));
  if (currentCost >= cap.cost) return undefined;
  const nextCost = Math.min(currentCost + plan.stepCents, cap.cost);
  return { price: fromCents(costOf(plan.action, nextCost)), bound: nextCost === cap.cost ? cap.bound : undefined };
}

/** Why walking from `current` is over: the bound it sits on. */
export function boundAt(plan: WalkPlan, natural: number): WalkBound {
  return capCost(plan, natural).bound;
}
