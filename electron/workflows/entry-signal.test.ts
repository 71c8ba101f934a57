import { describe, expect, it } from 'vitest';
import { evaluateEntryFacts, type EntrySignalFacts } from './entry-signal.ts';
import { createWorkflowConfig } from './workflow-config.ts';

const config = createWorkflowConfig({ entry: { vixRange: { min: 12, max: 35 } } }).entry;

const facts = (overrides: Partial<EntrySignalFacts> = {}): EntrySignalFacts => ({
  symbol: 'SPY',
  ivRank: 62,
  vix: 18,
  marketOpen: true,
  risk: { tradingState: 'ACTIVE', reconciled: true, portfolioDelta: 0, haltReason: undefined },
  maxPortfolioDelta: 500,
  activeOnSymbol: 0,
  maxPerUnderlying: 1,
  unmanagedPositions: 0,
  ...overrides,
});

describe('evaluateEntryFacts', () => {
  it('when IV rank is above 50 and every check passes, then it enters selling premium with every check explained', () => {
    const signal = evaluateEntryFacts(facts(), config);
    expect(signal).toMatchObject({ enter: true, strategyType: 'IRON_CONDOR' });
    expect(signal.reasons).toContain('IV rank 62 > 50: sell premium (IRON_CONDOR)');
    expect(signal.reasons).toHaveLength(7);
  });

  it.each([
    [50.1, 'IRON_CONDOR'],
    [50, undefined],
    [25, undefined],
    [24.9, 'BULL_CALL'],
  ])('when IV rank is %s, then the structure is %s', (ivRank, type) => {
    const signal = evaluateEntryFacts(facts({ ivRank }), config);
    expect(signal.strategyType).toBe(type);
    expect(signal.enter).toBe(type !== undefined);
  });

  it('when the sell structure is configured, then a high IV rank asks for it', () => {
    const shortPuts = createWorkflowConfig({ entry: { sellPremiumType: 'SHORT_PUT' } }).entry;
    expect(evaluateEntryFacts(facts(), shortPuts).strategyType).toBe('SHORT_PUT');
  });

  it.each([
    [11.9, false],
    [12, true],
    [35, true],
    [35.1, false],
  ])('when the VIX is %s against the range 12–35, then entering is %s', (vix, enter) => {
    const signal = evaluateEntryFacts(facts({ vix }), config);
    expect(signal.enter).toBe(enter);
    if (!enter) expect(signal.reasons[0]).toMatch(/VIX .* is outside 12–35: entries blocked/);
  });

  it.each([
    [{ risk: { tradingState: 'HALTED', reconciled: true, portfolioDelta: 0, haltReason: 'kill switch' } }, /HALTED \(kill switch\): nothing new/],
    [{ risk: { tradingState: 'REDUCING', reconciled: true, portfolioDelta: 0, haltReason: 'margin' } }, /REDUCING \(margin\): exits only/],
    [{ risk: { tradingState: 'ACTIVE', reconciled: false, portfolioDelta: 0, haltReason: undefined } }, /not reconciled/],
    [{ risk: { tradingState: 'ACTIVE', reconciled: true, portfolioDelta: -400.5, haltReason: undefined } }, /portfolio \|delta\| 400.5 is beyond the entry capacity 400/],
    [{ activeOnSymbol: 1 }, /1 active strategies on SPY already \(max 1\)/],
    [{ unmanagedPositions: 3 }, /3 SPY contracts are held outside/],
    [{ marketOpen: false }, /session is closed/],
  ] as const)('when a check fails (%#), then no entry and the failed reason comes first', (overrides, reason) => {
    const signal = evaluateEntryFacts(facts(overrides as Partial<EntrySignalFacts>), config);
    expect(signal.enter).toBe(false);
    expect(signal.strategyType).toBe('IRON_CONDOR');
    expect(signal.reasons[0]).toMatch(reason);
  });

  it('when |portfolio delta| sits exactly at the capacity, then there is still room', () => {
    expect(evaluateEntryFacts(facts({ risk: { tradingState: 'ACTIVE', reconciled: true, portfolioDelta: 400, haltReason: undefined } }), config).enter).toBe(true);
  });
});
