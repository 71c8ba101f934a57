// The decision engine (see README.md): 12 rules in priority order over an immutable snapshot.
export { createDecisionContext, isDecisionContext } from './decision-context.ts';
export type { DecisionContext, DecisionContextInput, DecisionLeg, DecisionLegMarket, RollEstimate, RollEstimateInput } from './decision-context.ts';
export { createDecisionThresholds, defaultDecisionThresholds } from './decision-thresholds.ts';
export type { DecisionThresholds } from './decision-thresholds.ts';
export { createPortfolioSnapshot, isPortfolioSnapshot, portfolioIncludes } from './portfolio-snapshot.ts';
export type { PortfolioPositionInput, PortfolioSnapshot, PortfolioSnapshotInput, UnderlyingConcentration } from './portfolio-snapshot.ts';
export { strategyExposure } from './strategy-exposure.ts';
export type { ExposureLeg, StrategyExposure } from './strategy-exposure.ts';
export { RULE_IDS, fired, notFired } from './decision-rule.ts';
export type { DecisionRule, FiredDetails, RollSide, RuleEvaluation, RuleId, RuleIdentity, RuleInputs, RuleRollTarget } from './decision-rule.ts';
export { DecisionEngine } from './decision-engine.ts';
export type { DecisionEngineOptions } from './decision-engine.ts';
export { decidingEntry, rollSideOf } from './decision-details.ts';
export { DECISION_RULES } from './rules/index.ts';
