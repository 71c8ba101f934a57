// Quotes for pricing exit orders, the same way the execution engine reads them (bid and ask from
// the market-data service; undefined for a contract the market does not know).
import type { Contract } from '../../shared/domain/contract.ts';
import type { QuoteSource } from '../execution/combo-pricing.ts';
import type { WorkflowPorts } from './workflow-ports.ts';

export function quoteSourceOf(marketData: WorkflowPorts['marketData']): QuoteSource {
  return {
    quote(contract: Contract) {
      try {
        const quote = contract.kind === 'option' ? marketData.snapshot(contract) : marketData.snapshot(contract.symbol);
        return { bid: quote.bid, ask: quote.ask };
      } catch {
        return undefined;
      }
    },
  };
}
