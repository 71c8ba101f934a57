// What a broker implementation must provide to run the broker contract suite
// (broker-contract.ts). One factory per broker: the paper broker on the simulated market now, the
// IB broker against our TWS-protocol gateway later. The harness controls time and prices so the
// same assertions hold for every broker.
import type { Combo } from '../../shared/domain/combo.ts';
import type { OptionContract, Underlying } from '../../shared/domain/contract.ts';
import type { Broker } from '../../electron/broker/broker.ts';

export interface HarnessQuote {
  readonly bid: number;
  readonly ask: number;
  readonly bidSize: number;
  readonly askSize: number;
}

export interface BrokerContractHarness {
  readonly broker: Broker;
  /** A liquid option with a two-sided quote (bid > 0) and quoted sizes of at least 10. */
  readonly option: OptionContract;
  /** Another option on the same underlying and expiry (a different strike), for combos. */
  readonly otherOption: OptionContract;
  readonly underlying: Underlying;
  /** A two-leg combo of `option` and `otherOption` (a vertical spread, ratio 1:1). */
  readonly combo: Combo;
  /** An option the broker does not know (no such strike), to provoke a rejection. */
  readonly unknownOption: OptionContract;

  /** Lets `ms` of broker time pass (advances the test clock, or waits for real time), then lets events settle. */
  elapse(ms: number): Promise<void>;
  /** The current quote of a contract as the broker sees it. */
  quote(contract: OptionContract | Underlying): HarnessQuote;
  /**
   * Pins the quote of `contract` until changed again (prices per share), so resting orders,
   * stops and trailing stops meet a known market. The broker reacts as it would to a live tick.
   */
  setQuote(contract: OptionContract | Underlying, quote: HarnessQuote): Promise<void>;
  /** The most the broker promises between a request and its first status report. */
  readonly acknowledgementBoundMs: number;
  /** Tears everything down (closes stores, sockets, timers). */
  dispose(): Promise<void>;
}

export type BrokerContractFactory = () => Promise<BrokerContractHarness>;
