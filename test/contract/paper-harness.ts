// The paper broker's BrokerContractHarness: a TestClock inside a regular session, the in-memory
// market (quotes pinned by setQuote, each a tick) and a PaperBroker on a temporary SQLite file.
import type { BrokerContractFactory, BrokerContractHarness, HarnessQuote } from './broker-contract-harness.ts';
import type { OptionContract, Underlying } from '../../shared/domain/contract.ts';
import { PaperFixture } from '../../electron/broker/paper/testing/paper-fixture.ts';

/** The paper broker answers every request within its maximum latency (50 ms of clock time by default). */
const acknowledgementBoundMs = 50;

export const createPaperHarness: BrokerContractFactory = async (): Promise<BrokerContractHarness> => {
  const fixture = new PaperFixture({ connect: false });
  return {
    broker: fixture.broker,
    option: fixture.option,
    otherOption: fixture.otherOption,
    underlying: fixture.underlying,
    combo: fixture.combo,
    unknownOption: fixture.unknownOption,
    acknowledgementBoundMs,
    async elapse(ms: number) {
      fixture.elapse(ms);
      await new Promise<void>((resolve) => setImmediate(resolve));
    },
    quote(contract: OptionContract | Underlying): HarnessQuote {
      const quote = fixture.market.quote(contract);
      if (quote === undefined) throw new Error(`the paper market has no quote for ${contract.kind === 'option' ? contract.strike : contract.symbol}`);
      return { bid: quote.bid, ask: quote.ask, bidSize: quote.bidSize, askSize: quote.askSize };
    },
    async setQuote(contract: OptionContract | Underlying, quote: HarnessQuote) {
      fixture.market.setQuote(contract, quote);
    },
    async dispose() {
      fixture.dispose();
    },
  };
};
