// The simulated options market and the market-data service (see README.md).
export { SimulatedMarket } from './simulated-market.ts';
export type { MarketEvents, MarketSessionEvent, MarketStepEvent, SimulatedMarketOptions } from './simulated-market.ts';
export { MarketEngine } from './market-engine.ts';
export type { MarketEngineOptions, MarketStep, MarketStepKind } from './market-engine.ts';
export { MarketDataService } from './market-data-service.ts';
export type { MarketDataServiceOptions, OptionChainView, Quote, SubscriptionStatus, SubscriptionTarget } from './market-data-service.ts';
export type { ChainRow, QuoteSource } from './quote-source.ts';
export type { OptionQuote, UnderlyingQuote } from './quote-types.ts';
export type { IvStatistics } from './underlying-market.ts';
export { createMarketConfig, DEFAULT_MARKET_CONFIG, DEFAULT_MARKET_FACTOR, DEFAULT_UNDERLYINGS, GENERIC_STOCK } from './default-market-config.ts';
export type { MarketConfigInput, UnderlyingInput } from './default-market-config.ts';
export { SIMULATED_UNDERLYING_KINDS, TICK_RULES } from './market-config.ts';
export type { MarketConfig, MarketFactorConfig, StrikeTier, TickRule, UnderlyingConfig } from './market-config.ts';
export { validateMarketConfig } from './market-config-validation.ts';
export { IvHistory, ivPercentile, ivRank, IV_WINDOW_DAYS } from './iv-history.ts';
export type { IvHistoryEntry } from './iv-history.ts';
export { RandomStream, hashString, hashUnit, hashWord, mix32, seedWord } from './random.ts';
export type { Seed } from './random.ts';
export { easterSunday, holidayName, isEarlyClose, nyseEarlyCloses, nyseHolidays } from './nyse-holidays.ts';
export type { MarketHoliday } from './nyse-holidays.ts';
export {
  currentOrNextSession,
  isOpen,
  isTradingDay,
  nextOpen,
  nextTradingDay,
  previousTradingDay,
  sessionClose,
  sessionDate,
  sessionOpen,
  tradingDaysBetween,
  tradingSession,
} from './trading-calendar.ts';
export type { TradingSession } from './trading-calendar.ts';
export { newYorkWallTime } from '../../shared/domain/new-york-time.ts';
export { ceilToTick, floorToTick, tickSize } from './tick-rules.ts';
export { listExpirations, isThirdFriday } from './expirations.ts';
export { listStrikes, strikeIncrementAt } from './strikes.ts';
export { smileFactor, surfaceVolatility } from './iv-surface.ts';
export { vixLevel, VIX_HORIZON_YEARS } from './volatility-model.ts';
