// Opening strategies. evaluateEntrySignal(symbol, market?) says whether and what to enter, with
// every check explained (entry-signal.ts). executeEntry(symbol, type, params) builds the strategy
// (electron/strategies, validated against the chain and the buying power), stores it PENDING,
// and places ONE order carrying its id: a combo (limit at the mid, walking toward the natural
// price as configured) or, for a single leg, a limit at its natural price on the tick grid. The
// risk gate checks the order on submission; the tracker turns fills into OPEN (or FAILED). Bad
// parameters and every refusal come back as an EntryResult with reasons, never a throw.
import { DomainValidationError } from '../../shared/domain/errors.ts';
import type { StrategyId } from '../../shared/domain/ids.ts';
import { format } from '../../shared/domain/money.ts';
import { contractUnderlyingSymbol } from '../../shared/domain/contract.ts';
import { STRATEGY_TYPES, type StrategyType } from '../../shared/domain/strategy.ts';
import { requireSymbol } from '../../shared/domain/validate.ts';
import { AppError, isAppError } from '../core/errors.ts';
import type { ExecutionResult } from '../execution/execution-result.ts';
import { buildStrategy, createMarketDataChainPort, toEntryOrder, toPendingStrategy, type BuiltStrategy, type StrategyParamsByType } from '../strategies/index.ts';
import { evaluateEntryFacts } from './entry-signal.ts';
import type { EntryMarketFacts, EntryResult, EntrySignal, WorkflowProblem } from './entry-types.ts';
import { optionLimitOnGrid } from './exit-order-style.ts';
import { strategyLabel } from './strategy-label.ts';
import type { StrategyTracker } from './strategy-tracker.ts';
import type { EntryConfig } from './workflow-config.ts';
import type { WorkflowEventBus } from './workflow-events.ts';
import { strategyIdFor } from './workflow-ids.ts';
import { journalWorkflow } from './workflow-journal.ts';
import type { WorkflowPorts } from './workflow-ports.ts';
import { isOpen } from '../market/index.ts';

export interface EntryWorkflowOptions {
  readonly ports: WorkflowPorts;
  readonly config: EntryConfig;
  readonly tracker: StrategyTracker;
  readonly events: WorkflowEventBus;
  /** Active strategies allowed per underlying (autopilot.maxStrategiesPerUnderlying). */
  readonly maxPerUnderlying: number;
}

export interface EntryOptions {
  /** Everything as live except the broker call (the strategy then ends FAILED: nothing was sent). */
  readonly dryRun?: boolean;
}

const problemOf = (error: unknown): WorkflowProblem => {
  if (error instanceof DomainValidationError) return { code: 'validation', message: error.message, field: error.field };
  if (isAppError(error)) return { code: error.code, message: error.message, field: typeof error.details?.field === 'string' ? error.details.field : undefined };
  return { code: 'unknown', message: error instanceof Error ? error.message : String(error) };
};

export class EntryWorkflow {
  readonly #options: EntryWorkflowOptions;
  readonly #chain;

  constructor(options: EntryWorkflowOptions) {
    this.#options = options;
    this.#chain = createMarketDataChainPort(options.ports.marketData, options.ports.market.config);
  }

  /** Throws a validation AppError for a malformed or unknown symbol. `market` overrides the facts read from the market. */
  evaluateEntrySignal(symbol: string, market: Partial<EntryMarketFacts> = {}): EntrySignal {
    const { ports, config, tracker, maxPerUnderlying, events } = this.#options;
    const checked = this.#requireOptionable(symbol);
    const risk = ports.governor.state();
    const signal = evaluateEntryFacts({
      symbol: checked,
      ivRank: market.ivRank ?? ports.market.ivStatistics(checked).rank,
      vix: market.vix ?? ports.market.vix(),
      marketOpen: isOpen(ports.clock.now()),
      risk,
      maxPortfolioDelta: ports.governor.limits.maxPortfolioDelta,
      activeOnSymbol: tracker.activeOn(checked).length,
      maxPerUnderlying,
      unmanagedPositions: this.#unmanagedContracts(checked),
    }, config);
    events.publish('workflow.entry-signal', { symbol: checked, signal, time: ports.clock.now() });
    return signal;
  }

  async executeEntry(symbol: string, strategyType: StrategyType, params: object = {}, options: EntryOptions = {}): Promise<EntryResult> {
    const refusal = this.#precheck(symbol, strategyType, params);
    if (refusal !== undefined) return this.#report(refusal);
    const built = this.#build(symbol, strategyType, params);
    if ('status' in built) return this.#report(built);
    const { ports, tracker, config } = this.#options;
    const now = ports.clock.now();
    const id = strategyIdFor(built.underlyingSymbol, now, (candidate) => tracker.get(candidate) !== undefined);
    const strategy = tracker.create(toPendingStrategy(built, { id, createdAt: now }), { ivRankAtEntry: ports.market.ivStatistics(built.underlyingSymbol).rank });
    const reasons = [`built ${strategyLabel(strategy)}: ${describeBuilt(built)}`];
    const order = toEntryOrder(built, { strategyId: id, walk: config.walk });
    const execution = order.kind === 'combo'
      ? await ports.execution.placeComboOrder(order.input, options)
      : await ports.execution.placeOrder({ ...order.input, limitPrice: optionLimitOnGrid(order.input.limitPrice as number, order.input.action === 'BUY' ? 'up' : 'down') }, options);
    return this.#report(this.#outcome(strategy.id, built, execution, [...reasons, describeOrder(order.kind, config.walk !== undefined)]));
  }

  #outcome(id: StrategyId, built: BuiltStrategy, execution: ExecutionResult, reasons: string[]): EntryResult {
    const { tracker } = this.#options;
    const base = { symbol: built.underlyingSymbol, strategyType: built.type, strategyId: id, orderIds: execution.orderIds };
    if (execution.success && execution.action !== 'DRY_RUN') {
      return { ...base, status: 'placed', reasons: [...reasons, `order ${execution.orderIds.join(', ')} handed to the broker: the strategy is PENDING until it fills`], error: undefined };
    }
    const why = execution.action === 'DRY_RUN' ? 'dry run: nothing was sent to the broker' : `not placed: ${execution.error ?? 'unknown reason'}`;
    const stored = execution.orderIds.length === 0 ? tracker.fail(id, `entry not placed: ${why}`) : tracker.refresh(id);
    const code = execution.action === 'DRY_RUN' ? 'dry-run' : execution.orderIds.length > 0 ? 'order-rejected' : 'not-sent';
    return { ...base, status: 'failed', reasons: [...reasons, why, `strategy ${id} is ${stored?.status ?? 'unknown'}`], error: { code, message: why } };
  }

  /** What can be refused before anything is stored: the request itself and the trading state. */
  #precheck(symbol: string, strategyType: StrategyType, params: object): EntryResult | undefined {
    const refuse = (problem: WorkflowProblem, type: StrategyType | undefined = undefined): EntryResult => ({ status: 'refused', symbol: String(symbol), strategyType: type, strategyId: undefined, orderIds: [], reasons: [problem.message], error: problem });
    let checked: string;
    try {
      checked = this.#requireOptionable(symbol);
    } catch (error) {
      return refuse(problemOf(error));
    }
    if (!(STRATEGY_TYPES as readonly string[]).includes(strategyType)) return refuse({ code: 'validation', field: 'strategyType', message: `strategyType must be one of ${STRATEGY_TYPES.join(', ')}, got ${JSON.stringify(strategyType)}` });
    if (typeof params !== 'object' || params === null || Array.isArray(params)) return refuse({ code: 'validation', field: 'params', message: `params must be an object of builder parameters, got ${JSON.stringify(params)}` }, strategyType);
    const risk = this.#options.ports.governor.state();
    if (risk.tradingState !== 'ACTIVE' || !risk.reconciled) {
      const state = risk.tradingState !== 'ACTIVE' ? `trading is ${risk.tradingState}${risk.haltReason === undefined ? '' : ` (${risk.haltReason})`}` : 'the broker state is not reconciled';
      return refuse({ code: 'trading-halted', message: `${state}: no new strategies` }, strategyType);
    }
    const active = this.#options.tracker.activeOn(checked).length;
    if (active >= this.#options.maxPerUnderlying) return refuse({ code: 'conflict', message: `${active} active strategies on ${checked} already (max ${this.#options.maxPerUnderlying})` }, strategyType);
    return undefined;
  }

  #build(symbol: string, strategyType: StrategyType, params: object): BuiltStrategy | EntryResult {
    const { ports, config } = this.#options;
    try {
      const account = ports.accounts.latest;
      if (account === undefined) throw new AppError('not-connected', 'no account summary yet: the buying power is unknown');
      const merged = { ...(config.params[strategyType] ?? {}), ...params, symbol } as StrategyParamsByType[typeof strategyType];
      return buildStrategy(strategyType, merged, { chain: this.#chain, buyingPower: () => account.buyingPower });
    } catch (error) {
      const problem = problemOf(error);
      return { status: 'refused', symbol, strategyType, strategyId: undefined, orderIds: [], reasons: [`${strategyType} on ${symbol} cannot be built: ${problem.message}`], error: problem };
    }
  }

  #requireOptionable(symbol: string): string {
    const checked = requireSymbol(symbol, 'symbol');
    try {
      this.#options.ports.marketData.expirations(checked);
    } catch (error) {
      throw new AppError('validation', `symbol ${checked} has no listed options (${error instanceof Error ? error.message : String(error)})`, { details: { field: 'symbol' } });
    }
    return checked;
  }

  /** Contracts of the underlying held outside the active strategies (e.g. bought by hand). */
  #unmanagedContracts(symbol: string): number {
    const managed = new Set<string>(this.#options.tracker.activeOn(symbol).map((strategy) => strategy.id));
    return this.#options.ports.positionBook
      .lines()
      .filter((line) => contractUnderlyingSymbol(line.contract) === symbol && (line.strategyId === undefined || !managed.has(line.strategyId)))
      .reduce((total, line) => total + Math.abs(line.quantity), 0);
  }

  #report(result: EntryResult): EntryResult {
    const { ports, events } = this.#options;
    const time = ports.clock.now();
    const frozen = Object.freeze({ ...result, orderIds: Object.freeze([...result.orderIds]), reasons: Object.freeze([...result.reasons]) });
    events.publish('workflow.entry', { symbol: result.symbol, result: frozen, time });
    journalWorkflow(ports, 'workflow.entry', { time, ...frozen });
    return frozen;
  }
}

function describeBuilt(built: BuiltStrategy): string {
  const net = built.netPrice < 0 ? `credit ${(-built.netPrice).toFixed(2)}` : `debit ${built.netPrice.toFixed(2)}`;
  const profit = built.analytics.maxProfit.unlimited ? 'unlimited' : format(built.analytics.maxProfit.amount);
  const loss = built.analytics.maxLoss.unlimited ? 'unlimited' : format(built.analytics.maxLoss.amount);
  return `${net} per share at the mids, max profit ${profit}, max loss ${loss}, underlying ${built.underlyingPrice}`;
}

function describeOrder(kind: 'combo' | 'single', walking: boolean): string {
  if (kind === 'single') return 'one leg: a limit at its natural price on the tick grid';
  return walking ? 'one combo order: limit at the mid, walking toward the natural price' : 'one combo order: limit at the mid';
}
