// Options mathematics: Black-Scholes-Merton prices and Greeks, implied volatility and strategy
// payoffs. Pure TypeScript with no dependencies; see README.md for conventions and accuracy.
export type { OptionGreeks, OptionInput, OptionRight } from './option-input.ts';
export { priceOption, optionGreeks } from './black-scholes.ts';
export { impliedVolatility } from './implied-volatility.ts';
export type { ImpliedVolatilityInput, ImpliedVolatilityResult } from './implied-volatility.ts';
export { normalCdf, normalPdf } from './normal-distribution.ts';
export { payoffAtExpiry, payoffCurve, payoffToday } from './payoff.ts';
export type { PayoffLeg, PayoffMarket, PayoffOptionLeg, PayoffPoint, PayoffRange, PayoffUnderlyingLeg } from './payoff.ts';
