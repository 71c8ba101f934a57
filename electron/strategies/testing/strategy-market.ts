// The real simulated market and market-data service on a test clock, during regular hours, for
// builder tests: Monday 2026-11-23 14:30 UTC (09:30 New York, the open), seeded.
import { money, type Money } from '../../../shared/domain/index.ts';
import { TestClock } from '../../core/test-clock.ts';
import { MarketDataService, SimulatedMarket } from '../../market/index.ts';
import { createMarketDataChainPort } from '../market-data-chain-port.ts';
import type { OptionChainPort } from '../option-chain-port.ts';
import type { StrategyBuilderPorts } from '../strategy-builder-ports.ts';

export const MARKET_OPEN = Date.parse('2026-11-23T14:30:00Z');
export const MARKET_SEED = 42;

export interface StrategyMarket {
  readonly clock: TestClock;
  readonly market: SimulatedMarket;
  readonly marketData: MarketDataService;
  readonly chain: OptionChainPort;
  /** Ports with `buyingPower` dollars available (default $1,000,000) and the default margin rule. */
  ports(buyingPower?: number): StrategyBuilderPorts;
  dispose(): Promise<void>;
}

export async function openStrategyMarket(start = MARKET_OPEN, seed = MARKET_SEED): Promise<StrategyMarket> {
  const clock = new TestClock(start);
  const market = new SimulatedMarket({ seed, clock, config: { stepMs: 1000 } });
  const marketData = new MarketDataService({ source: market, clock });
  await market.start();
  const chain = createMarketDataChainPort(marketData, market.config);
  return {
    clock,
    market,
    marketData,
    chain,
    ports: (buyingPower = 1_000_000): StrategyBuilderPorts => {
      const available: Money = money.fromDollars(buyingPower);
      return { chain, buyingPower: () => available };
    },
    dispose: async () => {
      marketData.dispose();
      await market.stop();
      market.dispose();
    },
  };
}
