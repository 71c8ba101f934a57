// The execution engine: the trading operations (place, bracket, combo with price walking,
// close, roll, close-all, reduce, modify, cancel) on top of the OMS. Every operation returns an
// ExecutionResult and publishes it as 'execution.completed'; nothing throws at the caller.
// Results report the hand-over to the broker; fills arrive later as OMS events. Dry run (engine
// flag or per call): everything as live — gate, journal, events — except the broker call.
import { createCombo } from '../../shared/domain/combo.ts';
import { DomainValidationError } from '../../shared/domain/errors.ts';
import type { OrderId } from '../../shared/domain/ids.ts';
import type { Order } from '../../shared/domain/order.ts';
import { oppositeAction } from '../../shared/domain/order-types.ts';
import type { Disposable } from '../core/lifecycle.ts';
import { errorText } from './broker-call.ts';
import { ComboPriceWalker } from './combo-price-walker.ts';
import type { QuoteSource } from './combo-pricing.ts';
import type { BracketOrderInput, CallOptions, ClosePositionInput, ComboOrderInput, PlaceOrderInput, PricingInput, ReducePositionInput, RollPositionInput } from './engine-inputs.ts';
import { failed, succeeded, type ExecutionAction, type ExecutionResult } from './execution-result.ts';
import type { OrderManagementSystem } from './order-management-system.ts';
import { priceOrder, type PricedOrder, type PricingRequest } from './order-pricing.ts';
import type { OrderChanges, OrderPurpose, SubmitOrderInput, SubmitResult } from './oms-types.ts';
import { closeAllGroups, closingLegs, orderShapeFor, positionUnits, reducingLegs, resolveTarget, rollingLegs, type OrderShape } from './position-orders.ts';
import type { PositionsProvider } from './positions-provider.ts';

export interface ExecutionEngineOptions {
  readonly oms: OrderManagementSystem;
  readonly positions: PositionsProvider;
  readonly quotes: QuoteSource;
  /** Engine-wide dry run (default false); a call's own flag wins. */
  readonly dryRun?: boolean;
}

type SuccessAction = Exclude<ExecutionAction, 'FAILED' | 'PARTIAL' | 'DRY_RUN'>;

export function toExecutionResult(result: SubmitResult, action: SuccessAction): ExecutionResult {
  const orderIds = result.orders.map((order) => order.id);
  switch (result.outcome) {
    case 'sent':
      return succeeded(action, orderIds);
    case 'dry-run':
      return succeeded('DRY_RUN', orderIds);
    default:
      return failed(result.error, orderIds);
  }
}

export class ExecutionEngine implements Disposable {
  readonly #oms: OrderManagementSystem;
  readonly #positions: PositionsProvider;
  readonly #quotes: QuoteSource;
  readonly #dryRun: boolean;
  readonly #walkers = new Map<OrderId, ComboPriceWalker>();

  constructor(options: ExecutionEngineOptions) {
    this.#oms = options.oms;
    this.#positions = options.positions;
    this.#quotes = options.quotes;
    this.#dryRun = options.dryRun ?? false;
  }

  placeOrder(input: PlaceOrderInput, options: CallOptions = {}): Promise<ExecutionResult> {
    return this.#run('placeOrder', async () => toExecutionResult(await this.#oms.submit({ ...input, purpose: input.purpose ?? 'entry' }, this.#submitOptions(options)), 'PLACED'));
  }

  modifyOrder(orderId: OrderId, changes: OrderChanges): Promise<ExecutionResult> {
    return this.#run('modifyOrder', async () => {
      const result = await this.#oms.modify(orderId, changes);
      return result.outcome === 'sent' ? succeeded('PLACED', [orderId]) : failed('error' in result ? result.error : result.outcome, [orderId]);
    });
  }

  cancelOrder(orderId: OrderId): Promise<ExecutionResult> {
    return this.#run('cancelOrder', async () => {
      const result = await this.#oms.cancel(orderId);
      return 'error' in result ? failed(result.error, [orderId]) : succeeded('CLOSED', [orderId]);
    });
  }

  /** Parent + take-profit (limit) + stop-loss (stop or stop-limit), the children linked to the parent and one-cancels-all. */
  placeBracketOrder(input: BracketOrderInput, options: CallOptions = {}): Promise<ExecutionResult> {
    return this.#run('placeBracketOrder', async () => {
      const children = bracketChildren(input);
      if (typeof children === 'string') return failed(children);
      const result = await this.#oms.submitBracket({ parent: { ...input.entry, purpose: input.entry.purpose ?? 'entry' }, ...children }, this.#submitOptions(options));
      return toExecutionResult(result, 'PLACED');
    });
  }

  /** Several legs as one order with a net limit (default: the mid); with `walk`, the limit walks toward the natural price. */
  placeComboOrder(input: ComboOrderInput, options: CallOptions = {}): Promise<ExecutionResult> {
    return this.#run('placeComboOrder', async () => {
      let combo;
      try {
        combo = createCombo({ legs: input.legs }, this.#oms.clock.now());
      } catch (error) {
        if (error instanceof DomainValidationError) return failed(error.message);
        throw error;
      }
      const shape: OrderShape = { instrument: combo, action: input.action ?? 'BUY', quantity: input.quantity };
      return this.#submitShape(shape, { ...input, type: input.type ?? 'LMT' }, input.purpose ?? 'entry', 'PLACED', options);
    });
  }

  /** Opposite orders for every open leg of the target, as ONE order (a combo for several legs). Without a limit or walk: a market order. */
  closePosition(input: ClosePositionInput, options: CallOptions = {}): Promise<ExecutionResult> {
    return this.#run('closePosition', async () => {
      const lines = resolveTarget(input.target, await this.#positions.positions());
      if (typeof lines === 'string') return failed(lines);
      const shape = orderShapeFor(closingLegs(lines));
      return typeof shape === 'string' ? failed(shape) : this.#submitShape(shape, input, 'exit', 'CLOSED', options);
    });
  }

  /** Closes the old legs and opens the new ones as ONE combo; `requireCredit` refuses a debit before anything is sent. */
  rollPosition(input: RollPositionInput, options: CallOptions = {}): Promise<ExecutionResult> {
    return this.#run('rollPosition', async () => {
      const lines = resolveTarget(input.close, await this.#positions.positions());
      if (typeof lines === 'string') return failed(lines);
      const legs = rollingLegs(lines, input.open, input.quantity ?? positionUnits(lines));
      const shape = typeof legs === 'string' ? legs : orderShapeFor(legs);
      return typeof shape === 'string' ? failed(shape) : this.#submitShape(shape, { ...input, requireCredit: input.requireCredit }, 'exit', 'ROLLED', options);
    });
  }

  /** Closes `quantity` units of a (multi-leg) position, every leg in proportion, as one order; refuses more than is open. */
  reducePosition(input: ReducePositionInput, options: CallOptions = {}): Promise<ExecutionResult> {
    return this.#run('reducePosition', async () => {
      const lines = resolveTarget(input.target, await this.#positions.positions());
      if (typeof lines === 'string') return failed(lines);
      const legs = reducingLegs(lines, input.quantity);
      const shape = typeof legs === 'string' ? legs : orderShapeFor(legs);
      return typeof shape === 'string' ? failed(shape) : this.#submitShape(shape, input, 'exit', 'REDUCED', options);
    });
  }

  /** Closes every open position (of `symbol`'s underlying when given): one order per underlying's options, one per other contract. */
  closeAll(symbol?: string, options: CallOptions & PricingInput = {}): Promise<ExecutionResult> {
    return this.#run('closeAll', async () => {
      const groups = closeAllGroups(await this.#positions.positions(), symbol);
      const results: ExecutionResult[] = [];
      for (const group of groups) {
        const shape = orderShapeFor(closingLegs(group));
        results.push(typeof shape === 'string' ? failed(shape) : await this.#submitShape(shape, options, 'flatten', 'CLOSED', options));
      }
      return combineResults(results);
    });
  }

  /** Orders whose limit is being walked right now. */
  activeWalks(): OrderId[] {
    return [...this.#walkers.keys()];
  }

  /** Stops every walk (the orders keep working at their last limit). */
  dispose(): void {
    for (const walker of [...this.#walkers.values()]) walker.dispose();
    this.#walkers.clear();
  }

  async #submitShape(shape: OrderShape, request: PricingRequest, purpose: OrderPurpose, action: SuccessAction, options: CallOptions): Promise<ExecutionResult> {
    const priced = priceOrder(shape, request, this.#quotes);
    if (typeof priced === 'string') return failed(priced);
    const input: SubmitOrderInput = { ...priced.terms, purpose, strategyId: request.strategyId };
    const result = await this.#oms.submit(input, this.#submitOptions(options));
    if (result.outcome === 'sent' && priced.walk !== undefined) this.#startWalk(result.orders[0] as Order, priced.walk);
    return toExecutionResult(result, action);
  }

  #startWalk(order: Order, walk: NonNullable<PricedOrder['walk']>): void {
    const walker = new ComboPriceWalker({
      oms: this.#oms,
      quotes: this.#quotes,
      order,
      plan: walk.plan,
      natural: walk.natural,
      intervalMs: walk.options.intervalMs,
      maxSteps: walk.options.maxSteps,
      onStop: () => this.#walkers.delete(order.id),
    });
    this.#walkers.set(order.id, walker);
    walker.start();
  }

  #submitOptions(options: CallOptions): { dryRun: boolean } {
    return { dryRun: options.dryRun ?? this.#dryRun };
  }

  async #run(operation: string, work: () => Promise<ExecutionResult>): Promise<ExecutionResult> {
    let result: ExecutionResult;
    try {
      result = await work();
    } catch (error) {
      result = failed(`${operation} failed: ${errorText(error)}`);
    }
    this.#oms.bus.publish('execution.completed', { operation, result });
    return result;
  }
}

function bracketChildren(input: BracketOrderInput): Pick<Parameters<OrderManagementSystem['submitBracket']>[0], 'takeProfit' | 'stopLoss'> | string {
  const { entry } = input;
  if (entry.instrument.kind === 'combo') return 'a bracket takes a single contract: combos trade as MKT or LMT only, so they cannot carry a stop-loss child';
  const long = entry.action === 'BUY';
  if (long ? !(input.takeProfitPrice > input.stopLossPrice) : !(input.takeProfitPrice < input.stopLossPrice)) {
    return `takeProfitPrice (${input.takeProfitPrice}) must be ${long ? 'above' : 'below'} stopLossPrice (${input.stopLossPrice}) for a ${entry.action} entry`;
  }
  const child = { instrument: entry.instrument, action: oppositeAction(entry.action), quantity: entry.quantity, tif: input.childTif ?? (entry.tif === 'GTC' ? 'GTC' : 'DAY'), purpose: 'exit', strategyId: entry.strategyId } as const;
  const stopLoss = input.stopLossLimitPrice === undefined
    ? { ...child, type: 'STP' as const, stopPrice: input.stopLossPrice }
    : { ...child, type: 'STP_LMT' as const, stopPrice: input.stopLossPrice, limitPrice: input.stopLossLimitPrice };
  return { takeProfit: { ...child, type: 'LMT', limitPrice: input.takeProfitPrice }, stopLoss };
}

/** closeAll: CLOSED when every group was placed (DRY_RUN for a dry run), PARTIAL when some were, FAILED when none. */
function combineResults(results: readonly ExecutionResult[]): ExecutionResult {
  const orderIds = results.flatMap((result) => result.orderIds);
  const failures = results.filter((result) => !result.success);
  if (failures.length === 0) return succeeded(results.some((result) => result.action === 'DRY_RUN') ? 'DRY_RUN' : 'CLOSED', orderIds);
  const error = failures.map((result) => result.error).join('; ');
  if (failures.length === results.length) return failed(error, orderIds);
  return Object.freeze({ success: false, action: 'PARTIAL', orderIds: Object.freeze(orderIds), error });
}
