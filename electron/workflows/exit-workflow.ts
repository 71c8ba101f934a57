// Executes exit decisions through the execution engine: CLOSE (one order for the strategy's legs),
// ROLL (close the old legs and open the new ones as one combo, credit only; refused as a debit,
// impossible to build, or denied → CLOSE at the same urgency, as R06/R09 require), REDUCE
// (closes that many units; the tracker shrinks the strategy when it fills), HOLD (nothing). The
// orders carry the strategy's id: the tracker turns them into CLOSING, then CLOSED / ROLLED /
// OPEN. Never throws: every outcome is an ExitResult with its reasons.
import { createDecision, type Decision, type Urgency } from '../../shared/domain/decision.ts';
import { DomainValidationError } from '../../shared/domain/errors.ts';
import type { OrderId, StrategyId } from '../../shared/domain/ids.ts';
import { isFinalStatus } from '../../shared/domain/order-status.ts';
import { oppositeAction } from '../../shared/domain/order-types.ts';
import type { Strategy } from '../../shared/domain/strategy.ts';
import { rollSideOf } from '../decisions/index.ts';
import type { QuoteSource } from '../execution/combo-pricing.ts';
import type { ExecutionResult } from '../execution/execution-result.ts';
import type { TradeLeg } from '../execution/position-orders.ts';
import { exitPricing, rollPricing } from './exit-order-style.ts';
import type { ExitResult } from './exit-types.ts';
import { quoteSourceOf } from './market-quotes.ts';
import type { RollPlanner } from './roll-planner.ts';
import { strategyLabel } from './strategy-label.ts';
import type { StrategyTracker } from './strategy-tracker.ts';
import type { ExitConfig } from './workflow-config.ts';
import type { WorkflowEventBus } from './workflow-events.ts';
import { journalWorkflow } from './workflow-journal.ts';
import type { WorkflowPorts } from './workflow-ports.ts';

export interface ExitWorkflowOptions {
  readonly ports: Pick<WorkflowPorts, 'clock' | 'logger' | 'store' | 'marketData' | 'execution'>;
  readonly config: ExitConfig;
  readonly tracker: StrategyTracker;
  readonly planner: RollPlanner;
  readonly events: WorkflowEventBus;
}

export interface CloseAllResult {
  readonly results: readonly { readonly strategyId: StrategyId; readonly result: ExitResult }[];
  /** Working entry orders of PENDING strategies whose cancel was requested. */
  readonly cancelledEntries: readonly OrderId[];
}

type Sent = { readonly execution: ExecutionResult; readonly reasons: readonly string[] };

const refused = (decision: Pick<Decision, 'action' | 'urgency'>, code: string, message: string, field?: string): ExitResult =>
  Object.freeze({ status: 'refused', requested: decision.action, action: decision.action, urgency: decision.urgency, fallback: false, orderIds: [], reasons: [message], error: { code, message, field } });

export class ExitWorkflow {
  readonly #options: ExitWorkflowOptions;
  readonly #quotes: QuoteSource;

  constructor(options: ExitWorkflowOptions) {
    this.#options = options;
    this.#quotes = quoteSourceOf(options.ports.marketData);
  }

  async executeExitDecision(id: string, decision: Decision): Promise<ExitResult> {
    const checked = this.#check(id, decision);
    if ('status' in checked) return this.#report(id, checked);
    const { strategy, valid } = checked;
    if (valid.action === 'HOLD') return this.#report(id, { status: 'held', requested: 'HOLD', action: 'HOLD', urgency: undefined, fallback: false, orderIds: [], reasons: [`HOLD (${valid.ruleId ?? 'no rule'}): ${valid.reason}`], error: undefined });
    const urgency = this.#escalated(strategy, valid.urgency as Urgency);
    this.#options.tracker.noteExitDecision(strategy.id, valid.id);
    const why = [`${valid.action} ${strategyLabel(strategy)} (${valid.ruleId ?? 'no rule'}): ${valid.reason}`, ...urgency.notes];
    return this.#report(id, await this.#execute(strategy, valid, urgency.urgency, why));
  }

  /** Closes an OPEN strategy without a decision (the operator, close-all). */
  async executeClose(id: string, urgency: Urgency, reason: string): Promise<ExitResult> {
    const strategy = this.#options.tracker.get(id);
    const request = { action: 'CLOSE' as const, urgency };
    if (strategy === undefined) return this.#report(id, refused(request, 'not-found', `strategy '${id}' is not stored`));
    if (strategy.status !== 'OPEN') return this.#report(id, refused(request, 'conflict', `strategy ${id} is ${strategy.status}: only an OPEN strategy can be closed`));
    this.#options.tracker.noteExitDecision(strategy.id, undefined);
    return this.#report(id, this.#result('CLOSE', 'CLOSE', urgency, false, await this.#close(strategy, urgency), [reason]));
  }

  /** Closes every OPEN strategy (of `symbol`) at the configured urgency and cancels working entries; CLOSING ones keep their exit. */
  async executeCloseAll(symbol?: string): Promise<CloseAllResult> {
    const { tracker, config, ports } = this.#options;
    const results: { strategyId: StrategyId; result: ExitResult }[] = [];
    const cancelledEntries: OrderId[] = [];
    for (const strategy of tracker.active().filter((candidate) => symbol === undefined || candidate.underlyingSymbol === symbol)) {
      if (strategy.status === 'PENDING') {
        for (const order of ports.store.orders.listByStrategy(strategy.id).filter((candidate) => !isFinalStatus(candidate.status))) {
          if ((await ports.execution.cancelOrder(order.id)).success) cancelledEntries.push(order.id);
        }
      } else if (strategy.status === 'CLOSING') {
        results.push({ strategyId: strategy.id, result: refused({ action: 'CLOSE', urgency: config.closeAllUrgency }, 'conflict', `strategy ${strategy.id} has an exit working: left to it`) });
      } else {
        results.push({ strategyId: strategy.id, result: await this.executeClose(strategy.id, config.closeAllUrgency, `close all${symbol === undefined ? '' : ` ${symbol}`}`) });
      }
    }
    return Object.freeze({ results: Object.freeze(results), cancelledEntries: Object.freeze(cancelledEntries) });
  }

  /** Cancels exits working longer than exit.exitTimeoutMs, so the next cycle decides again with fresh prices. */
  async cancelStaleExits(): Promise<OrderId[]> {
    const { tracker, config, ports, events } = this.#options;
    if (config.exitTimeoutMs === 0) return [];
    const now = ports.clock.now();
    const cancelled: OrderId[] = [];
    for (const strategy of tracker.active().filter((candidate) => candidate.status === 'CLOSING')) {
      const order = tracker.workingExit(strategy.id);
      if (order === undefined || order.status === 'PENDING_CANCEL' || now - order.createdAt < config.exitTimeoutMs) continue;
      if ((await ports.execution.cancelOrder(order.id)).success) cancelled.push(order.id);
      events.publish('workflow.exit-timed-out', { strategyId: strategy.id, orderId: order.id, ageMs: now - order.createdAt });
    }
    return cancelled;
  }

  #check(id: string, decision: Decision): { strategy: Strategy; valid: Decision } | ExitResult {
    const request = { action: decision?.action ?? 'HOLD', urgency: decision?.urgency };
    let valid: Decision;
    try {
      valid = createDecision(decision);
    } catch (error) {
      if (error instanceof DomainValidationError) return refused(request, 'validation', `the decision is invalid: ${error.message}`, `decision.${error.field}`);
      throw error;
    }
    if (valid.strategyId !== id) return refused(valid, 'validation', `the decision is about strategy ${valid.strategyId}, not ${id}`, 'decision.strategyId');
    const strategy = this.#options.tracker.get(id);
    if (strategy === undefined) return refused(valid, 'not-found', `strategy '${id}' is not stored`);
    if (valid.action !== 'HOLD' && strategy.status !== 'OPEN') return refused(valid, 'conflict', `strategy ${id} is ${strategy.status}: ${strategy.status === 'CLOSING' ? 'an exit is already working' : 'only an OPEN strategy can exit'}`);
    return { strategy, valid };
  }

  /** LIMIT_AT_MID becomes a walking limit after exit.escalateAfterUnfilled exits in a row ended unfilled. */
  #escalated(strategy: Strategy, urgency: Urgency): { urgency: Urgency; notes: string[] } {
    const { escalateAfterUnfilled } = this.#options.config;
    if (urgency !== 'LIMIT_AT_MID' || escalateAfterUnfilled === 0) return { urgency, notes: [] };
    const unfilled = this.#options.tracker.unfilledExitsInARow(strategy.id);
    if (unfilled < escalateAfterUnfilled) return { urgency, notes: [] };
    return { urgency: 'WALKING_LIMIT', notes: [`escalated from a limit at the mid to a walking limit: the last ${unfilled} exit(s) ended unfilled`] };
  }

  async #execute(strategy: Strategy, decision: Decision, urgency: Urgency, why: readonly string[]): Promise<ExitResult> {
    if (decision.action === 'REDUCE') {
      const units = decision.reduceQuantity ?? 0;
      if (units >= strategy.quantity) return this.#result('REDUCE', 'CLOSE', urgency, false, await this.#close(strategy, urgency), [...why, `reducing ${units} of ${strategy.quantity} units closes it`]);
      return this.#result('REDUCE', 'REDUCE', urgency, false, await this.#reduce(strategy, units, urgency), why);
    }
    if (decision.action === 'ROLL') {
      const rolled = await this.#roll(strategy, decision, urgency);
      if (rolled.execution.success) return this.#result('ROLL', 'ROLL', urgency, false, rolled, why);
      const fallback = [...why, ...rolled.reasons, `roll refused (${rolled.execution.error ?? 'no reason'}): closing instead at the same urgency`];
      return this.#result('ROLL', 'CLOSE', urgency, true, await this.#close(strategy, urgency), fallback);
    }
    return this.#result('CLOSE', 'CLOSE', urgency, false, await this.#close(strategy, urgency), why);
  }

  async #close(strategy: Strategy, urgency: Urgency): Promise<Sent> {
    const target = { strategy: { legs: strategy.legs, quantity: strategy.quantity } };
    const pricing = exitPricing(closingLegs(strategy, strategy.quantity), urgency, this.#options.config, this.#quotes);
    if (typeof pricing === 'string') return notSent(pricing);
    const execution = await this.#options.ports.execution.closePosition({ target, ...pricing, strategyId: strategy.id });
    return { execution, reasons: [`close ${urgency}: ${describePricing(pricing)}`] };
  }

  async #reduce(strategy: Strategy, units: number, urgency: Urgency): Promise<Sent> {
    const target = { strategy: { legs: strategy.legs, quantity: strategy.quantity } };
    const pricing = exitPricing(closingLegs(strategy, units), urgency, this.#options.config, this.#quotes);
    if (typeof pricing === 'string') return notSent(pricing);
    const execution = await this.#options.ports.execution.reducePosition({ target, quantity: units, ...pricing, strategyId: strategy.id });
    return { execution, reasons: [`reduce by ${units} of ${strategy.quantity} units, ${urgency}: ${describePricing(pricing)}`] };
  }

  async #roll(strategy: Strategy, decision: Decision, urgency: Urgency): Promise<Sent> {
    const side = rollSideOf(decision) ?? 'all';
    const expiry = decision.rollTarget?.expiry ?? this.#options.planner.rollExpiryFor(strategy);
    if (expiry === undefined) return notSent('no later monthly expiry is listed to roll to');
    const planned = this.#options.planner.plan(strategy, side, expiry, decision.rollTarget?.targetDelta);
    if (!planned.ok) return notSent(planned.reason);
    const { plan } = planned;
    const opening = plan.legs.map((leg) => ({ contract: leg.contract, action: leg.action, quantity: leg.ratio * strategy.quantity }));
    const pricing = rollPricing([...closingLegs(strategy, strategy.quantity), ...opening], urgency, this.#options.config, this.#quotes);
    if (typeof pricing === 'string') return notSent(pricing);
    const target = { strategy: { legs: strategy.legs, quantity: strategy.quantity } };
    const execution = await this.#options.ports.execution.rollPosition({ close: target, open: plan.legs, quantity: strategy.quantity, ...pricing, strategyId: strategy.id });
    const estimate = `estimated ${plan.estimate >= 0 ? 'credit' : 'debit'} ${Math.abs(plan.estimate).toFixed(2)} per share at the mids`;
    return { execution, reasons: [`roll ${side === 'all' ? 'every leg' : `the ${side} side`} to ${strategyLabel({ ...strategy, legs: plan.legs })} (${estimate}), ${urgency}: ${describePricing(pricing)}`] };
  }

  #result(requested: Decision['action'], action: Decision['action'], urgency: Urgency, fallback: boolean, sent: Sent, why: readonly string[]): ExitResult {
    const { execution } = sent;
    const placed = execution.success;
    const reasons = [...why, ...sent.reasons, placed ? `order ${execution.orderIds.join(', ')} handed to the broker` : `not placed: ${execution.error ?? 'unknown reason'}`];
    const error = placed ? undefined : { code: execution.orderIds.length > 0 ? 'order-rejected' : 'not-sent', message: execution.error ?? 'not placed' };
    return Object.freeze({ status: placed ? 'placed' : 'failed', requested, action, urgency, fallback, orderIds: execution.orderIds, reasons: Object.freeze(reasons), error });
  }

  #report(id: string, result: ExitResult): ExitResult {
    const { ports, events } = this.#options;
    const time = ports.clock.now();
    const strategyId = id as StrategyId;
    events.publish('workflow.exit', { strategyId, result, time });
    if (result.status !== 'held') journalWorkflow(ports, 'workflow.exit', { strategyId, time, status: result.status, requested: result.requested, action: result.action, urgency: result.urgency, fallback: result.fallback, orderIds: result.orderIds, reasons: result.reasons });
    return result;
  }
}

/** The trades that close `units` units of the strategy (each leg on its closing side). */
function closingLegs(strategy: Strategy, units: number): TradeLeg[] {
  return strategy.legs.map((leg) => ({ contract: leg.contract, action: oppositeAction(leg.action), quantity: leg.ratio * units }));
}

function notSent(reason: string): Sent {
  return { execution: Object.freeze({ success: false, action: 'FAILED', orderIds: [], error: reason }), reasons: [] };
}

function describePricing(pricing: { readonly limitPrice?: number; readonly walk?: unknown; readonly requireCredit?: boolean }): string {
  const credit = pricing.requireCredit === true ? ', credit only' : '';
  if (pricing.walk !== undefined) return `limit walking from the mid toward the natural price${credit}`;
  if (pricing.limitPrice !== undefined) return `limit ${pricing.limitPrice}${credit}`;
  return pricing.requireCredit === true ? `limit at the mid${credit}` : 'market order';
}
