// The crash child's trading loop, shaped like a workflow that must survive a restart: every step
// is decided from the persisted book, never from memory. A working order (ours, maybe from
// before the crash) is waited for; open positions are closed at market; otherwise a new entry is
// placed (see EntryKind): a marketable limit on one SPY call, a two-leg call vertical at its
// natural price (two executions per fill, so a kill can fall between the legs), or a limit
// resting at the bid and cancelled soon after. Quantities and strikes vary so the orders differ.
// Denials (the governor) are legal: the loop waits and tries again.
import type { Contract, OptionContract } from '../../../shared/domain/contract.ts';
import type { OrderId } from '../../../shared/domain/ids.ts';
import { isFinalStatus } from '../../../shared/domain/order-status.ts';
import type { WorkstationEngine } from '../../../electron/app/workstation-engine.ts';
import type { AcceleratedClock } from '../../../electron/core/accelerated-clock.ts';
import type { ExecutionResult } from '../../../electron/execution/execution-result.ts';

/** The paper broker's option grid ($0.01 below $3, $0.05 from $3; the simulated market quotes SPY in cents), rounded up: still marketable for a buy. */
function onPaperGridUp(price: number): number {
  const tick = price < 3 ? 0.01 : 0.05;
  return Math.round(Math.ceil(price / tick - 1e-9) * tick * 100) / 100;
}

function onPaperGridDown(price: number): number {
  const tick = price < 3 ? 0.01 : 0.05;
  return Math.round(Math.floor(price / tick + 1e-9) * tick * 100) / 100;
}

export type PhaseReport = (phase: string, details: Record<string, unknown>) => void;

/**
 * 'marketable': a limit at the ask (sizes beyond the displayed size fill over several ticks);
 * 'vertical': a combo at its natural price; 'resting': a limit at the bid, which fills at the
 * touch with some chance per tick, so its cancel often races a fill (F15).
 */
type EntryKind = 'marketable' | 'vertical' | 'resting';
const ENTRY_KINDS: readonly EntryKind[] = ['marketable', 'vertical', 'marketable', 'vertical', 'resting'];
/** Several sizes, some beyond the displayed size, so fills come in parts and exits sweep. */
const QUANTITIES = [1, 6, 2, 12, 3, 8, 20];
/** An order still working after this much clock time is cancelled (marketable orders fill well before). */
const SETTLE_TIMEOUT_MS = 60_000;
const RESTING_TIMEOUT_MS = 1_500;
const POLL_MS = 50;
const RETRY_AFTER_DENIAL_MS = 1_000;

export class CrashTrader {
  readonly #engine: WorkstationEngine;
  readonly #clock: AcceleratedClock;
  readonly #report: PhaseReport;

  constructor(engine: WorkstationEngine, clock: AcceleratedClock, report: PhaseReport) {
    this.#engine = engine;
    this.#clock = clock;
    this.#report = report;
  }

  /** Trades until `rounds` exits have filled (Infinity: until killed). */
  async trade(rounds: number): Promise<void> {
    let completed = 0;
    let entries = this.#engine.store.orders.listAll().length;
    while (completed < rounds) {
      const working = this.#engine.services.oms.workingOrders()[0];
      if (working !== undefined) {
        await this.#settle(working.id, 'working');
        continue;
      }
      const open = this.#engine.services.positionBook.lines();
      if (open.length > 0) {
        if (await this.#exit(open.map((line) => line.contract))) completed++;
        continue;
      }
      await this.#entry(entries++);
    }
  }

  async #entry(count: number): Promise<void> {
    const kind = ENTRY_KINDS[count % ENTRY_KINDS.length] as EntryKind;
    const quantity = QUANTITIES[count % QUANTITIES.length] as number;
    this.#report('entry-submit', { kind, quantity });
    const result = kind === 'vertical' ? await this.#placeVertical(count, quantity) : await this.#placeSingle(count, quantity, kind);
    await this.#followUp('entry', result, kind === 'resting' ? RESTING_TIMEOUT_MS : SETTLE_TIMEOUT_MS);
  }

  async #exit(contracts: readonly Contract[]): Promise<boolean> {
    this.#report('exit-submit', { legs: contracts.length });
    const result = await this.#engine.services.execution.closePosition({ target: { contracts } });
    return (await this.#followUp('exit', result)) === 'FILLED';
  }

  /** Reports the call's result and waits for the order to end; a failed call waits a little before the loop decides again. */
  async #followUp(step: 'entry' | 'exit', result: ExecutionResult, timeoutMs = SETTLE_TIMEOUT_MS): Promise<string | undefined> {
    const orderId = result.orderIds[0] as OrderId | undefined;
    this.#report(`${step}-sent`, { success: result.success, order: orderId, error: result.error });
    if (!result.success || orderId === undefined) {
      await this.#sleep(RETRY_AFTER_DENIAL_MS);
      return undefined;
    }
    return this.#settle(orderId, step, timeoutMs);
  }

  async #settle(orderId: OrderId, step: string, timeoutMs = SETTLE_TIMEOUT_MS): Promise<string> {
    const { oms, execution } = this.#engine.services;
    const deadline = this.#clock.now() + timeoutMs;
    let cancelled = false;
    for (;;) {
      const order = oms.getOrder(orderId);
      if (order === undefined) throw new Error(`order ${orderId} vanished from the book`);
      if (isFinalStatus(order.status)) {
        this.#report(`${step}-done`, { order: orderId, status: order.status, filled: order.filledQuantity });
        return order.status;
      }
      if (!cancelled && this.#clock.now() >= deadline) {
        cancelled = true;
        this.#report(`${step}-cancel`, { order: orderId, status: order.status });
        await execution.cancelOrder(orderId);
      }
      await this.#sleep(POLL_MS);
    }
  }

  #placeSingle(count: number, quantity: number, kind: 'marketable' | 'resting'): Promise<ExecutionResult> {
    const [call] = this.#calls(count, 0);
    const quote = this.#engine.marketData.snapshot(call);
    const limitPrice = kind === 'marketable' ? onPaperGridUp(quote.ask) : onPaperGridDown(quote.bid);
    return this.#engine.services.execution.placeOrder({ instrument: call, action: 'BUY', quantity, type: 'LMT', limitPrice, tif: 'DAY' });
  }

  #placeVertical(count: number, quantity: number): Promise<ExecutionResult> {
    const [long, short] = this.#calls(count, 2);
    const natural = this.#engine.marketData.snapshot(long).ask - this.#engine.marketData.snapshot(short).bid;
    const limitPrice = Math.ceil(natural * 100 - 1e-9) / 100;
    const legs = [
      { contract: long, ratio: 1, action: 'BUY' as const },
      { contract: short, ratio: 1, action: 'SELL' as const },
    ];
    return this.#engine.services.execution.placeComboOrder({ legs, quantity, limitPrice, tif: 'DAY' });
  }

  /** A call near the money (shifted by the entry count, so orders differ) and the one `width` strikes above it. */
  #calls(count: number, width: number): [OptionContract, OptionContract] {
    const { market, marketData } = this.#engine;
    const expiry = market.expirations('SPY')[2];
    if (expiry === undefined) throw new Error('the simulated market lists fewer than 3 SPY expirations');
    const strikes = market.strikes('SPY', expiry);
    const spot = marketData.snapshot('SPY').mid;
    const atm = strikes.reduce((best, strike, index) => (Math.abs(strike - spot) < Math.abs((strikes[best] ?? 0) - spot) ? index : best), 0);
    const index = Math.min(atm + (count % 4), strikes.length - 1 - width);
    const strike = (offset: number) => strikes[index + offset] as number;
    return [market.option('SPY', expiry, strike(0), 'call'), market.option('SPY', expiry, strike(width), 'call')];
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.#clock.setTimeout(resolve, ms));
  }
}
