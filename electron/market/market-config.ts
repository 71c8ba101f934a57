// The shape of the simulated market's configuration: the underlyings, the latent index factor
// that drives them and the VIX-like index, and the chain, quote and timing parameters.
// Defaults live in default-market-config.ts; README.md describes the model these numbers feed.

/** Minimum price increments of option quotes (see tick-rules.ts). */
export const TICK_RULES = ['penny', 'penny-pilot', 'nickel-dime'] as const;
export type TickRule = (typeof TICK_RULES)[number];

export const SIMULATED_UNDERLYING_KINDS = ['etf', 'stock'] as const;
export type SimulatedUnderlyingKind = (typeof SIMULATED_UNDERLYING_KINDS)[number];

/** Strikes within `within` (a fraction of spot: 0.1 = ±10 %) are listed every `increment` dollars. */
export type StrikeTier = { readonly within: number; readonly increment: number };

export type UnderlyingConfig = {
  readonly symbol: string;
  readonly kind: SimulatedUnderlyingKind;
  readonly sector: string;
  /** Price at the start time, dollars. */
  readonly price: number;
  /** Expected annual price return (excluding dividends), e.g. 0.07. */
  readonly drift: number;
  /** Long-run annualised volatility of returns, e.g. 0.15. */
  readonly volatility: number;
  /** Volatility of the idiosyncratic log-variance factor (per √year). */
  readonly volOfVol: number;
  /** Mean-reversion speed of the idiosyncratic log-variance factor (per year). */
  readonly meanReversion: number;
  /** Correlation of idiosyncratic variance shocks with idiosyncratic return shocks (negative: falls raise vol). */
  readonly leverage: number;
  /** Idiosyncratic jumps per year (earnings, news) on top of the index factor's jumps. */
  readonly jumpIntensity: number;
  /** Mean and standard deviation of an idiosyncratic jump's log size. */
  readonly jumpMean: number;
  readonly jumpStdDev: number;
  /** Continuous dividend yield, e.g. 0.012. */
  readonly dividendYield: number;
  /** Correlation of diffusive returns with the index factor; beta = correlation × volatility / index volatility. */
  readonly marketCorrelation: number;
  /** Put skew of the implied-volatility smile (see iv-surface.ts). */
  readonly skew: number;
  /** Curvature of the smile's wings. */
  readonly smile: number;
  /** Spread and size multiplier: 1 for SPY, higher is less liquid (wider spreads, fewer trades). */
  readonly liquidity: number;
  readonly tickRule: TickRule;
  /** Strike increments by distance from spot, nearest first; beyond the last tier `farStrikeIncrement`. */
  readonly strikeTiers: readonly StrikeTier[];
  readonly farStrikeIncrement: number;
  /** Quoted spread of the underlying in basis points of its price (at least one cent). */
  readonly spreadBps: number;
  /** Shares traded in a typical session. */
  readonly averageDailyVolume: number;
};

export type MarketFactorConfig = {
  /** Long-run annualised volatility of the index factor. */
  readonly volatility: number;
  /** Mean-reversion speed of the index log-variance (per year; 5 ≈ a 7-week half-life). */
  readonly meanReversion: number;
  /** Volatility of the index log-variance (per √year). */
  readonly volOfVol: number;
  /** Correlation of index returns with index variance shocks (the leverage effect). */
  readonly leverage: number;
  /** Index jumps per year, and the mean and standard deviation of their log size. */
  readonly jumpIntensity: number;
  readonly jumpMean: number;
  readonly jumpStdDev: number;
  /** A down-jump J adds `jumpVarianceKick × J²` to the index variance (the VIX spike). */
  readonly jumpVarianceKick: number;
};

export type MarketConfig = {
  readonly underlyings: readonly UnderlyingConfig[];
  readonly marketFactor: MarketFactorConfig;
  /** Symbol of the VIX-like index derived from the index factor. */
  readonly vixSymbol: string;
  /** Continuously compounded risk-free rate. */
  readonly riskFreeRate: number;
  /** Implied variance ÷ expected realised variance (the variance risk premium), for IVs and the VIX. */
  readonly variancePremium: number;
  /** Share of a day's variance realised in the overnight gap at the open. */
  readonly overnightVarianceShare: number;
  /** Simulated milliseconds between market steps during regular hours. */
  readonly stepMs: number;
  /** Simulated trades happen on this grid (a multiple of stepMs). */
  readonly tradeSlotMs: number;
  /** Every Friday expiry up to this many calendar days out is listed (weeklies). */
  readonly weeklyHorizonDays: number;
  /** Every third-Friday expiry up to this many calendar days out is listed (monthlies). */
  readonly monthlyHorizonDays: number;
  /** Listed strikes reach spot·exp(−putRange·σ√T) below and spot·exp(callRange·σ√T) above. */
  readonly putStrikeRange: number;
  readonly callStrikeRange: number;
};
