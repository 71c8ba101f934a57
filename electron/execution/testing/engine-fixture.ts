// The execution engine on the real PaperBroker: a PaperFixture (TestClock, in-memory market,
// broker on a temporary SQLite file) and an OmsHarness (TradingStore on its own temporary file)
// sharing the clock. Positions come from the OMS's own book unless a test says otherwise.
import { PaperFixture } from '../../broker/paper/testing/paper-fixture.ts';
import type { Disposable } from '../../core/lifecycle.ts';
import type { PreTradeGate } from '../../risk/pre-trade-gate.ts';
import { ExecutionEngine } from '../execution-engine.ts';
import { StorePositionsProvider, type PositionsProvider } from '../positions-provider.ts';
import { AllowAllGate } from './gate-fakes.ts';
import { flush, OmsHarness } from './oms-harness.ts';

export class EngineFixture implements Disposable {
  readonly paper: PaperFixture;
  readonly harness: OmsHarness;
  readonly gate: PreTradeGate;
  readonly engine: ExecutionEngine;

  constructor(options: { readonly gate?: PreTradeGate; readonly dryRun?: boolean; readonly positions?: PositionsProvider } = {}) {
    this.paper = new PaperFixture();
    this.gate = options.gate ?? new AllowAllGate();
    this.harness = new OmsHarness({ broker: this.paper.broker, clock: this.paper.clock, gate: this.gate });
    const positions: PositionsProvider = options.positions ?? { positions: () => new StorePositionsProvider(this.harness.store).positions() };
    this.engine = new ExecutionEngine({ oms: this.harness.oms, positions, quotes: this.paper.market, dryRun: options.dryRun });
  }

  get oms() {
    return this.harness.oms;
  }

  /** Lets the broker answer everything sent so far (its latency is at most 50 ms). */
  async settle(): Promise<void> {
    await flush();
    this.paper.settle();
    await flush();
  }

  /** Advances the clock in `stepMs` steps, letting promises run in between (walk timers, broker answers). */
  async elapse(totalMs: number, stepMs = 50): Promise<void> {
    for (let elapsed = 0; elapsed < totalMs; elapsed += stepMs) {
      this.paper.clock.advance(Math.min(stepMs, totalMs - elapsed));
      await flush();
    }
  }

  /** Open positions in the OMS's book, by contract key. */
  async bookPositions(): Promise<Record<string, number>> {
    const lines = await new StorePositionsProvider(this.harness.store).positions();
    return Object.fromEntries(lines.map((line) => [line.contract.kind === 'option' ? `${line.contract.strike}${line.contract.right === 'call' ? 'C' : 'P'} ${line.contract.expiry}` : line.contract.symbol, line.quantity]));
  }

  async brokerPositions(): Promise<Record<string, number>> {
    const lines = await this.paper.broker.positions();
    return Object.fromEntries(lines.map((line) => [line.contract.kind === 'option' ? `${line.contract.strike}${line.contract.right === 'call' ? 'C' : 'P'} ${line.contract.expiry}` : line.contract.symbol, line.quantity]));
  }

  dispose(): void {
    this.engine.dispose();
    this.harness.dispose();
    this.paper.dispose();
  }
}
