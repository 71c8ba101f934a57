// The 12 rules in their fixed priority order: the first that fires decides.
import type { DecisionRule } from '../decision-rule.ts';
import { r01Halted } from './r01-halted.rule.ts';
import { r02StopLoss } from './r02-stop-loss.rule.ts';
import { r03TakeProfit } from './r03-take-profit.rule.ts';
import { r04PinRisk } from './r04-pin-risk.rule.ts';
import { r05TimeExit } from './r05-time-exit.rule.ts';
import { r06ShortStrikeBreached } from './r06-short-strike-breached.rule.ts';
import { r07DeltaBreach } from './r07-delta-breach.rule.ts';
import { r08GammaRisk } from './r08-gamma-risk.rule.ts';
import { r09RollWindow } from './r09-roll-window.rule.ts';
import { r10VolatilityShift } from './r10-volatility-shift.rule.ts';
import { r11PortfolioLimits } from './r11-portfolio-limits.rule.ts';
import { r12Hold } from './r12-hold.rule.ts';

export const DECISION_RULES: readonly DecisionRule[] = Object.freeze([
  r01Halted,
  r02StopLoss,
  r03TakeProfit,
  r04PinRisk,
  r05TimeExit,
  r06ShortStrikeBreached,
  r07DeltaBreach,
  r08GammaRisk,
  r09RollWindow,
  r10VolatilityShift,
  r11PortfolioLimits,
  r12Hold,
]);

export {
  r01Halted,
  r02StopLoss,
  r03TakeProfit,
  r04PinRisk,
  r05TimeExit,
  r06ShortStrikeBreached,
  r07DeltaBreach,
  r08GammaRisk,
  r09RollWindow,
  r10VolatilityShift,
  r11PortfolioLimits,
  r12Hold,
};
