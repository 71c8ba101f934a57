// OptionChainPort on top of the MarketDataService. The service knows quotes but not the rates
// its source prices with, so those come from the market's config (engine.market.config).
import { restoreOptionContract, type IsoDate, type OptionRight } from '../../shared/domain/index.ts';
import type { MarketConfig, MarketDataService } from '../market/index.ts';
import type { ChainQuote, OptionChainPort, PricingParameters, UnderlyingSnapshot } from './option-chain-port.ts';

export type ChainMarketData = Pick<MarketDataService, 'expirations' | 'strikes' | 'snapshot' | 'nearestStrikeByDelta' | 'expiryNearestDays'>;

/** The part of the market config that prices options: the risk-free rate and each underlying's dividend yield. */
export type ChainPricingConfig = Pick<MarketConfig, 'riskFreeRate'> & {
  readonly underlyings: readonly { readonly symbol: string; readonly dividendYield: number }[];
};

export function createMarketDataChainPort(marketData: ChainMarketData, config: ChainPricingConfig): OptionChainPort {
  return {
    expirations: (symbol: string): readonly IsoDate[] => marketData.expirations(symbol),
    strikes: (symbol: string, expiry: IsoDate): readonly number[] => marketData.strikes(symbol, expiry),
    quote: (symbol: string, expiry: IsoDate, strike: number, right: OptionRight): ChainQuote =>
      marketData.snapshot(restoreOptionContract({ underlyingSymbol: symbol, expiry, strike, right })),
    underlying: (symbol: string): UnderlyingSnapshot => {
      const quote = marketData.snapshot(symbol);
      return { price: quote.mid, time: quote.time };
    },
    nearestStrikeByDelta: (symbol: string, expiry: IsoDate, right: OptionRight, targetDelta: number): ChainQuote =>
      marketData.nearestStrikeByDelta(symbol, expiry, right, targetDelta),
    expiryNearestDays: (symbol: string, targetDays: number): IsoDate => marketData.expiryNearestDays(symbol, targetDays),
    pricing: (symbol: string): PricingParameters => ({
      rate: config.riskFreeRate,
      // A symbol missing from the config has no known dividend: price it with none.
      dividendYield: config.underlyings.find((underlying) => underlying.symbol === symbol)?.dividendYield ?? 0,
    }),
  };
}
