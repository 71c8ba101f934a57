// RiskInputs.quote over the market-data service: the current snapshot of an option (mid, time,
// Greeks, underlying price) or of an underlying (its mid is its own underlying price). A
// contract the market does not know gives undefined, which the checks treat as no data.
import type { Contract } from '../../shared/domain/contract.ts';
import type { MarketDataService } from '../market/market-data-service.ts';
import type { RiskQuote } from './risk-inputs.ts';

export function marketDataQuotes(service: Pick<MarketDataService, 'snapshot'>): (contract: Contract) => RiskQuote | undefined {
  return (contract) => {
    try {
      if (contract.kind === 'option') {
        const quote = service.snapshot(contract);
        return { mid: quote.mid, bid: quote.bid, ask: quote.ask, time: quote.time, greeks: quote.greeks, underlyingPrice: quote.underlyingPrice };
      }
      const quote = service.snapshot(contract.symbol);
      return { mid: quote.mid, bid: quote.bid, ask: quote.ask, time: quote.time, greeks: undefined, underlyingPrice: quote.mid };
    } catch {
      return undefined;
    }
  };
}
