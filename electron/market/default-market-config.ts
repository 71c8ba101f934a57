// The default simulated market: five underlyings (SPY, QQQ, IWM, AAPL, TSLA) at plausible
// late-2026 levels, the index factor, and createMarketConfig, which overrides them and validates.
import type { MarketConfig, MarketFactorConfig, StrikeTier, UnderlyingConfig } from './market-config.ts';
import { validateMarketConfig } from './market-config-validation.ts';

const etfTiers: readonly StrikeTier[] = [{ within: 0.1, increment: 1 }];
const stockTiers: readonly StrikeTier[] = [
  { within: 0.1, increment: 2.5 },
  { within: 0.3, increment: 5 },
];

/** The five default underlyings; prices are plausible late-2026 levels. */
export const DEFAULT_UNDERLYINGS: readonly UnderlyingConfig[] = [
  { symbol: 'SPY', kind: 'etf', sector: 'US large caps (S&P 500)', price: 680, drift: 0.07, volatility: 0.15, volOfVol: 0.3, meanReversion: 6, leverage: -0.3, jumpIntensity: 0, jumpMean: 0, jumpStdDev: 0, dividendYield: 0.012, marketCorrelation: 0.98, skew: 0.3, smile: 0.08, liquidity: 1, tickRule: 'penny', strikeTiers: etfTiers, farStrikeIncrement: 5, spreadBps: 0.15, averageDailyVolume: 70_000_000 },
  { symbol: 'QQQ', kind: 'etf', sector: 'US technology (Nasdaq-100)', price: 610, drift: 0.09, volatility: 0.2, volOfVol: 0.4, meanReversion: 6, leverage: -0.3, jumpIntensity: 1, jumpMean: 0, jumpStdDev: 0.015, dividendYield: 0.006, marketCorrelation: 0.92, skew: 0.26, smile: 0.08, liquidity: 1.2, tickRule: 'penny', strikeTiers: etfTiers, farStrikeIncrement: 5, spreadBps: 0.2, averageDailyVolume: 45_000_000 },
  { symbol: 'IWM', kind: 'etf', sector: 'US small caps (Russell 2000)', price: 245, drift: 0.06, volatility: 0.21, volOfVol: 0.4, meanReversion: 6, leverage: -0.3, jumpIntensity: 1, jumpMean: 0, jumpStdDev: 0.015, dividendYield: 0.012, marketCorrelation: 0.85, skew: 0.22, smile: 0.08, liquidity: 1.8, tickRule: 'penny', strikeTiers: etfTiers, farStrikeIncrement: 5, spreadBps: 0.4, averageDailyVolume: 30_000_000 },
  { symbol: 'AAPL', kind: 'stock', sector: 'Information technology', price: 270, drift: 0.1, volatility: 0.26, volOfVol: 0.8, meanReversion: 6, leverage: -0.4, jumpIntensity: 4, jumpMean: 0, jumpStdDev: 0.04, dividendYield: 0.004, marketCorrelation: 0.7, skew: 0.15, smile: 0.1, liquidity: 1.5, tickRule: 'penny-pilot', strikeTiers: stockTiers, farStrikeIncrement: 10, spreadBps: 0.4, averageDailyVolume: 50_000_000 },
  { symbol: 'TSLA', kind: 'stock', sector: 'Consumer discretionary', price: 420, drift: 0.12, volatility: 0.55, volOfVol: 1, meanReversion: 6, leverage: -0.4, jumpIntensity: 6, jumpMean: 0, jumpStdDev: 0.07, dividendYield: 0, marketCorrelation: 0.5, skew: 0.08, smile: 0.12, liquidity: 2.5, tickRule: 'penny-pilot', strikeTiers: stockTiers, farStrikeIncrement: 10, spreadBps: 0.6, averageDailyVolume: 90_000_000 },
];

/** What a symbol that is not a default starts from (a large-cap stock); `price` has no default. */
export const GENERIC_STOCK: Omit<UnderlyingConfig, 'symbol' | 'price'> = {
  kind: 'stock', sector: 'Unclassified', drift: 0.08, volatility: 0.3, volOfVol: 0.8, meanReversion: 6, leverage: -0.4, jumpIntensity: 4, jumpMean: 0, jumpStdDev: 0.05, dividendYield: 0.005, marketCorrelation: 0.6, skew: 0.15, smile: 0.1, liquidity: 2, tickRule: 'penny-pilot', strikeTiers: stockTiers, farStrikeIncrement: 10, spreadBps: 0.5, averageDailyVolume: 20_000_000,
};

export const DEFAULT_MARKET_FACTOR: MarketFactorConfig = {
  volatility: 0.15,
  meanReversion: 5,
  volOfVol: 1.8,
  leverage: -0.7,
  jumpIntensity: 1.5,
  jumpMean: -0.025,
  jumpStdDev: 0.025,
  jumpVarianceKick: 20,
};

export const DEFAULT_MARKET_CONFIG: MarketConfig = {
  underlyings: DEFAULT_UNDERLYINGS,
  marketFactor: DEFAULT_MARKET_FACTOR,
  vixSymbol: 'VIX',
  riskFreeRate: 0.04,
  variancePremium: 1.2,
  overnightVarianceShare: 0.2,
  stepMs: 1000,
  tradeSlotMs: 60_000,
  weeklyHorizonDays: 56,
  monthlyHorizonDays: 130,
  putStrikeRange: 2.8,
  callStrikeRange: 2.4,
};

/** An underlying to simulate: a default symbol may give only what it changes; any other needs a price. */
export type UnderlyingInput = Partial<UnderlyingConfig> & { readonly symbol: string };

export type MarketConfigInput = Partial<Omit<MarketConfig, 'underlyings' | 'marketFactor'>> & {
  /** Replaces the default list when given. */
  readonly underlyings?: readonly UnderlyingInput[];
  readonly marketFactor?: Partial<MarketFactorConfig>;
};

function completeUnderlying(input: unknown): unknown {
  if (typeof input !== 'object' || input === null) return input;
  const symbol = (input as { symbol?: unknown }).symbol;
  const base = DEFAULT_UNDERLYINGS.find((underlying) => underlying.symbol === symbol) ?? GENERIC_STOCK;
  return { ...base, ...input };
}

/** The defaults overridden by `input`, validated; throws a DomainValidationError naming the bad field. */
export function createMarketConfig(input: MarketConfigInput = {}): MarketConfig {
  const { underlyings, marketFactor, ...rest } = input;
  const merged = {
    ...DEFAULT_MARKET_CONFIG,
    ...rest,
    underlyings: underlyings === undefined ? DEFAULT_UNDERLYINGS : Array.isArray(underlyings) ? underlyings.map(completeUnderlying) : underlyings,
    marketFactor: { ...DEFAULT_MARKET_FACTOR, ...marketFactor },
  };
  return validateMarketConfig(merged);
}
