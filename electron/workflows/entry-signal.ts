// The entry decision for one underlying as a pure function of the facts, so every check is
// explained (passed or failed) and testable without a market. The structure follows the IV
// rank: above the sell threshold → sell premium (the configured credit structure), below the buy
// threshold → buy premium (a debit spread), in between → no entry. The risk governor's verdict
// here is its state (ACTIVE and reconciled); the real gate check happens when the order is sent.
import type { RiskState } from '../../shared/domain/risk.ts';
import type { StrategyType } from '../../shared/domain/strategy.ts';
import type { EntryMarketFacts, EntrySignal } from './entry-types.ts';
import { formatNumber } from './strategy-label.ts';
import type { EntryConfig } from './workflow-config.ts';

export interface EntrySignalFacts extends EntryMarketFacts {
  readonly symbol: string;
  readonly marketOpen: boolean;
  readonly risk: Pick<RiskState, 'tradingState' | 'reconciled' | 'portfolioDelta' | 'haltReason'>;
  readonly maxPortfolioDelta: number;
  /** PENDING, OPEN or CLOSING strategies on the underlying. */
  readonly activeOnSymbol: number;
  readonly maxPerUnderlying: number;
  /** Contracts of the underlying held outside the managed strategies. */
  readonly unmanagedPositions: number;
}

interface Check {
  readonly passed: boolean;
  readonly reason: string;
}

function structureFor(ivRank: number, config: EntryConfig): { readonly type: StrategyType | undefined; readonly check: Check } {
  const rank = formatNumber(ivRank, 1);
  if (ivRank > config.sellPremiumAboveIvRank) {
    return { type: config.sellPremiumType, check: { passed: true, reason: `IV rank ${rank} > ${config.sellPremiumAboveIvRank}: sell premium (${config.sellPremiumType})` } };
  }
  if (ivRank < config.buyPremiumBelowIvRank) {
    return { type: config.buyPremiumType, check: { passed: true, reason: `IV rank ${rank} < ${config.buyPremiumBelowIvRank}: buy premium (${config.buyPremiumType})` } };
  }
  return { type: undefined, check: { passed: false, reason: `IV rank ${rank} is between ${config.buyPremiumBelowIvRank} and ${config.sellPremiumAboveIvRank}: no edge in selling or buying premium` } };
}

function riskCheck(risk: EntrySignalFacts['risk']): Check {
  if (risk.tradingState === 'HALTED') return { passed: false, reason: `trading is HALTED (${risk.haltReason ?? 'no reason given'}): nothing new` };
  if (risk.tradingState === 'REDUCING') return { passed: false, reason: `trading is REDUCING (${risk.haltReason ?? 'no reason given'}): exits only` };
  if (!risk.reconciled) return { passed: false, reason: 'the broker state is not reconciled: automation stays off' };
  return { passed: true, reason: 'risk governor ACTIVE and reconciled (its gate checks the order itself)' };
}

function checksOf(facts: EntrySignalFacts, config: EntryConfig, structure: Check): Check[] {
  const { vixRange } = config;
  const vix = formatNumber(facts.vix, 1);
  const deltaCapacity = config.deltaCapacityFraction * facts.maxPortfolioDelta;
  const delta = formatNumber(Math.abs(facts.risk.portfolioDelta), 1);
  return [
    { passed: facts.marketOpen, reason: facts.marketOpen ? 'the regular session is open' : 'the regular session is closed' },
    riskCheck(facts.risk),
    facts.vix >= vixRange.min && facts.vix <= vixRange.max
      ? { passed: true, reason: `VIX ${vix} is within ${vixRange.min}–${vixRange.max}` }
      : { passed: false, reason: `VIX ${vix} is outside ${vixRange.min}–${vixRange.max}: entries blocked` },
    structure,
    Math.abs(facts.risk.portfolioDelta) <= deltaCapacity
      ? { passed: true, reason: `portfolio |delta| ${delta} leaves room (≤ ${formatNumber(deltaCapacity, 1)})` }
      : { passed: false, reason: `portfolio |delta| ${delta} is beyond the entry capacity ${formatNumber(deltaCapacity, 1)} (${config.deltaCapacityFraction} × ${facts.maxPortfolioDelta})` },
    facts.activeOnSymbol < facts.maxPerUnderlying
      ? { passed: true, reason: `${facts.activeOnSymbol} active strategies on ${facts.symbol} (max ${facts.maxPerUnderlying})` }
      : { passed: false, reason: `${facts.activeOnSymbol} active strategies on ${facts.symbol} already (max ${facts.maxPerUnderlying}): a conflicting position` },
    facts.unmanagedPositions === 0
      ? { passed: true, reason: `no ${facts.symbol} position outside the managed strategies` }
      : { passed: false, reason: `${facts.unmanagedPositions} ${facts.symbol} contracts are held outside the managed strategies: a conflicting position` },
  ];
}

export function evaluateEntryFacts(facts: EntrySignalFacts, config: EntryConfig): EntrySignal {
  const structure = structureFor(facts.ivRank, config);
  const checks = checksOf(facts, config, structure.check);
  const failed = checks.filter((check) => !check.passed);
  return Object.freeze({
    enter: failed.length === 0,
    strategyType: structure.type,
    reasons: Object.freeze([...failed, ...checks.filter((check) => check.passed)].map((check) => check.reason)),
    facts: Object.freeze({ ivRank: facts.ivRank, vix: facts.vix }),
  });
}
