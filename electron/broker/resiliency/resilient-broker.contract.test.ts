// The broker contract suite (test/contract) run against a ResilientBroker wrapping the paper
// broker, on the paper broker's own clock: the wrapper must not change what a broker promises.
import { describeBrokerContract } from '../../../test/contract/broker-contract.ts';
import type { BrokerContractHarness } from '../../../test/contract/broker-contract-harness.ts';
import type { OptionContract, Underlying } from '../../../shared/domain/contract.ts';
import { PaperFixture } from '../paper/testing/paper-fixture.ts';
import { ResilientBroker } from './resilient-broker.ts';

describeBrokerContract('resilient paper', async (): Promise<BrokerContractHarness> => {
  const fixture = new PaperFixture({ connect: false });
  const broker = new ResilientBroker(fixture.broker, { clock: fixture.clock });
  return {
    broker,
    option: fixture.option,
    otherOption: fixture.otherOption,
    underlying: fixture.underlying,
    combo: fixture.combo,
    unknownOption: fixture.unknownOption,
    acknowledgementBoundMs: 50,
    async elapse(ms: number) {
      fixture.elapse(ms);
      await new Promise<void>((resolve) => setImmediate(resolve));
    },
    quote(contract: OptionContract | Underlying) {
      const quote = fixture.market.quote(contract);
      if (quote === undefined) throw new Error('the paper market has no quote for this contract');
      return { bid: quote.bid, ask: quote.ask, bidSize: quote.bidSize, askSize: quote.askSize };
    },
    async setQuote(contract: OptionContract | Underlying, quote) {
      fixture.market.setQuote(contract, quote);
    },
    async dispose() {
      broker.dispose();
      fixture.dispose();
    },
  };
});
