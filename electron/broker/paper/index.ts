// The paper broker's public surface: the broker, its configuration, the market port it needs
// and the in-memory market and weekday calendar for tests, the harness and benchmarks.
export { PaperBroker, type PaperBrokerOptions } from './paper-broker.ts';
export { DEFAULT_PAPER_BROKER_CONFIG, resolvePaperBrokerConfig, type PaperBrokerConfig, type PaperBrokerConfigInput, type PaperCommissionSchedule, type PaperMarginRates } from './paper-config.ts';
export type { PaperMarketPort, PaperQuote, PaperTradingCalendar } from './paper-market-port.ts';
export type { PaperSettlement } from './paper-records.ts';
export type { SettlementOutcome } from './expiration-settlement.ts';
export { InMemoryPaperMarket, type InMemoryPaperMarketOptions, type InMemoryQuoteInput } from './in-memory-paper-market.ts';
export { WeekdayTradingCalendar, type WeekdayCalendarOptions } from './weekday-trading-calendar.ts';
