// Strategy builders (see README.md): iron condor, vertical spreads, cash-secured short put and
// custom legs, validated against the listed chain and the buying power, with analytics.
export { buildStrategy, buildStrategyRequest, StrategyBuilders } from './strategy-builders.ts';
export type { StrategyBuilder, StrategyParamsByType, StrategyRequest } from './strategy-builders.ts';
export { buildIronCondor, DEFAULT_IRON_CONDOR_SHORT_DELTA, DEFAULT_IRON_CONDOR_WING_WIDTH } from './iron-condor.builder.ts';
export type { IronCondorParams, IronCondorStrikes, WingParams } from './iron-condor.builder.ts';
export { buildVerticalSpread, DEFAULT_CREDIT_SHORT_DELTA, DEFAULT_DEBIT_LONG_DELTA, DEFAULT_SPREAD_WIDTH, VERTICAL_SPREAD_TYPES } from './vertical-spread.builder.ts';
export type { VerticalSpreadParams, VerticalSpreadType } from './vertical-spread.builder.ts';
export { buildShortPut, DEFAULT_SHORT_PUT_DELTA } from './short-put.builder.ts';
export type { ShortPutParams } from './short-put.builder.ts';
export { buildCustom, MAXIMUM_CUSTOM_LEGS } from './custom.builder.ts';
export type { CustomLegParams, CustomParams } from './custom.builder.ts';
export { DEFAULT_QUANTITY, DEFAULT_TARGET_DAYS } from './build-inputs.ts';
export type { BaseParams, ExpiryParams } from './build-inputs.ts';
export { CREDIT_STRATEGY_TYPES, DEBIT_STRATEGY_TYPES } from './built-strategy.ts';
export type { BuiltLeg, BuiltStrategy, StrategyAnalytics, StrategyDraft } from './built-strategy.ts';
export { expiryProfile } from './expiry-profile.ts';
export type { ExpiryProfile, Extreme, ProfileLeg } from './expiry-profile.ts';
export { DEFAULT_PAYOFF_STEPS, payoffChart, payoffRange } from './payoff-chart.ts';
export type { PayoffChart } from './payoff-chart.ts';
export { definedRiskRequirement } from './margin-requirement.ts';
export type { MarginRequirement } from './margin-requirement.ts';
export type { StrategyBuilderPorts } from './strategy-builder-ports.ts';
export type { ChainQuote, OptionChainPort, PricingParameters, UnderlyingSnapshot } from './option-chain-port.ts';
export { createMarketDataChainPort } from './market-data-chain-port.ts';
export type { ChainMarketData, ChainPricingConfig } from './market-data-chain-port.ts';
export { payoffLegsOf, payoffLegsOfStrategy } from './strategy-legs.ts';
export { toComboLegs, toEntryOrder, toPendingStrategy } from './strategy-conversion.ts';
export type { EntryOrder, PendingStrategyOptions } from './strategy-conversion.ts';
