// Readable, deterministic ids for what the workflows create: a strategy is named after its
// underlying and the clock time ('stg-SPY-20261123T143002000Z'), a roll successor after the first
// strategy of its chain ('…-r1', '…-r2'), a decision after its strategy and time. A taken id gets
// '-2', '-3', … (the same instant twice, or a restart at the same simulated time).
import type { Strategy } from '../../shared/domain/strategy.ts';

/** 2026-11-23T14:30:02.000Z → 20261123T143002000Z (only id-safe characters). */
export function compactTime(epochMillis: number): string {
  return new Date(epochMillis).toISOString().replace(/[-:.]/g, '');
}

/** `base`, or the first of `base-2`, `base-3`, … that is not taken. */
export function uniqueId(base: string, taken: (id: string) => boolean): string {
  if (!taken(base)) return base;
  for (let suffix = 2; ; suffix++) {
    const candidate = `${base}-${suffix}`;
    if (!taken(candidate)) return candidate;
  }
}

export function strategyIdFor(symbol: string, now: number, taken: (id: string) => boolean): string {
  return uniqueId(`stg-${symbol}-${compactTime(now)}`, taken);
}

/** The successor of a roll: the chain's first strategy id with the roll's number. */
export function successorIdFor(strategy: Pick<Strategy, 'id' | 'rollHistory'>, taken: (id: string) => boolean): string {
  const root = strategy.rollHistory[0]?.fromStrategyId ?? strategy.id;
  return uniqueId(`${root}-r${strategy.rollHistory.length + 1}`, taken);
}

export function decisionIdFor(strategyId: string, now: number, taken: (id: string) => boolean): string {
  return uniqueId(`dec-${strategyId}-${compactTime(now)}`, taken);
}
