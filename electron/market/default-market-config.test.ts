import { describe, expect, it } from 'vitest';
import { DomainValidationError } from '../../shared/domain/index.ts';
import { createMarketConfig, DEFAULT_MARKET_CONFIG, GENERIC_STOCK } from './default-market-config.ts';

function fieldOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    if (error instanceof DomainValidationError) return error.field;
    throw error;
  }
  return undefined;
}

describe('createMarketConfig', () => {
  it('when given nothing, then it returns the defaults with SPY, QQQ, IWM, AAPL and TSLA', () => {
    const config = createMarketConfig();
    expect(config.underlyings.map((underlying) => underlying.symbol)).toEqual(['SPY', 'QQQ', 'IWM', 'AAPL', 'TSLA']);
    expect(config).toEqual(DEFAULT_MARKET_CONFIG);
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('when a default symbol is given with one field, then the other fields keep that symbol’s defaults', () => {
    const config = createMarketConfig({ underlyings: [{ symbol: 'SPY', price: 500 }] });
    expect(config.underlyings[0]).toMatchObject({ symbol: 'SPY', price: 500, volatility: 0.15, tickRule: 'penny' });
  });

  it('when a new symbol is given with a price, then it starts from the generic stock', () => {
    const config = createMarketConfig({ underlyings: [{ symbol: 'NVDA', price: 180, volatility: 0.5 }] });
    expect(config.underlyings[0]).toMatchObject({ ...GENERIC_STOCK, symbol: 'NVDA', price: 180, volatility: 0.5 });
  });

  it('when a new symbol has no price, then it fails naming underlyings[0].price', () => {
    expect(fieldOf(() => createMarketConfig({ underlyings: [{ symbol: 'NVDA' }] }))).toBe('underlyings[0].price');
  });

  it('when the market factor is partly overridden, then the rest keeps its defaults', () => {
    expect(createMarketConfig({ marketFactor: { volatility: 0.2 } }).marketFactor).toMatchObject({ volatility: 0.2, leverage: -0.7 });
  });
});

describe('validation of a market config', () => {
  it('when a volatility is negative, then it fails naming the field and showing the value', () => {
    expect(() => createMarketConfig({ underlyings: [{ symbol: 'SPY', volatility: -0.1 }] })).toThrow(/underlyings\[0\]\.volatility must be between 0 \(exclusive\) and 3, got -0.1/);
  });

  it('when a symbol is empty or lower-case, then it fails naming the symbol field', () => {
    expect(fieldOf(() => createMarketConfig({ underlyings: [{ symbol: '' }] }))).toBe('underlyings[0].symbol');
    expect(fieldOf(() => createMarketConfig({ underlyings: [{ symbol: 'spy', price: 1 }] }))).toBe('underlyings[0].symbol');
  });

  it('when a symbol appears twice or equals the VIX symbol, then it fails naming the duplicate', () => {
    expect(() => createMarketConfig({ underlyings: [{ symbol: 'SPY' }, { symbol: 'QQQ' }, { symbol: 'SPY' }] })).toThrow(/underlyings\[2\]\.symbol must be unique/);
    expect(() => createMarketConfig({ underlyings: [{ symbol: 'VIX', price: 20 }] })).toThrow(/must differ from vixSymbol/);
  });

  it('when the list of underlyings is empty or not an array, then it fails naming underlyings', () => {
    expect(fieldOf(() => createMarketConfig({ underlyings: [] }))).toBe('underlyings');
    expect(fieldOf(() => createMarketConfig({ underlyings: 'SPY' as never }))).toBe('underlyings');
  });

  it('when model parameters are out of range, then each fails naming its field', () => {
    const cases: [object, string][] = [
      [{ underlyings: [{ symbol: 'SPY', marketCorrelation: 1.5 }] }, 'underlyings[0].marketCorrelation'],
      [{ underlyings: [{ symbol: 'SPY', jumpIntensity: -1 }] }, 'underlyings[0].jumpIntensity'],
      [{ underlyings: [{ symbol: 'SPY', skew: 0.9 }] }, 'underlyings[0].skew'],
      [{ underlyings: [{ symbol: 'SPY', tickRule: 'dime' }] }, 'underlyings[0].tickRule'],
      [{ underlyings: [{ symbol: 'SPY', kind: 'future' }] }, 'underlyings[0].kind'],
      [{ underlyings: [{ symbol: 'SPY', strikeTiers: [] }] }, 'underlyings[0].strikeTiers'],
      [{ underlyings: [{ symbol: 'SPY', strikeTiers: [{ within: 0.1, increment: 0.001 }] }] }, 'underlyings[0].strikeTiers[0].increment'],
      [{ underlyings: [{ symbol: 'SPY', strikeTiers: [{ within: 0.3, increment: 1 }, { within: 0.1, increment: 5 }] }] }, 'underlyings[0].strikeTiers[1].within'],
      [{ marketFactor: { volOfVol: Number.NaN } }, 'marketFactor.volOfVol'],
      [{ riskFreeRate: 0.5 }, 'riskFreeRate'],
      [{ stepMs: 0 }, 'stepMs'],
      [{ stepMs: 7000 }, 'tradeSlotMs'],
      [{ weeklyHorizonDays: 1.5 }, 'weeklyHorizonDays'],
    ];
    for (const [input, field] of cases) expect(fieldOf(() => createMarketConfig(input as never))).toBe(field);
  });
});
