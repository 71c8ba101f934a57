// The invariant checks must be able to fail: a real short run holds them all; each deliberate
// corruption of its record is caught with a sentence naming what broke.
import { beforeAll, describe, expect, it } from 'vitest';
import { add, fromDollars } from '../../../shared/domain/money.ts';
import { checkInvariants } from './simulation-invariants.ts';
import { maxDrawdown } from './simulation-report.ts';
import { runSimulation, type SimulationRecord } from './simulation-run.ts';

let record: SimulationRecord;

beforeAll(async () => {
  record = await runSimulation({ days: 3, seed: 7, symbols: ['SPY', 'QQQ'], start: '2026-01-05' as never });
}, 60_000);

describe('simulation invariants', () => {
  it('when the run is untouched, then every invariant holds and it traded', () => {
    expect(record.fills.length).toBeGreaterThan(0);
    expect(checkInvariants(record)).toEqual([]);
  });

  it('when a fill is lost, then the missing execution, the position and the cash are all reported', () => {
    const violations = checkInvariants({ ...record, fills: record.fills.slice(1) });
    expect(violations.some((violation) => /is missing from our fills/.test(violation))).toBe(true);
    expect(violations.some((violation) => /from our fills, .* at the broker/.test(violation))).toBe(true);
    expect(violations.some((violation) => /cash moved by/.test(violation))).toBe(true);
  });

  it('when an order is duplicated, then its client order ref is reported as used twice', () => {
    const [first] = record.orders;
    expect(checkInvariants({ ...record, orders: [...record.orders, first!] })).toContainEqual(expect.stringMatching(/was used by 2 orders/));
  });

  it('when the broker shows an execution of an order that is not ours, then it is reported', () => {
    const foreign = { ...record.brokerExecutions[0]!, executionId: 'foreign-1' as never, clientOrderRef: 'OWS-999999' as never };
    expect(checkInvariants({ ...record, brokerExecutions: [...record.brokerExecutions, foreign] })).toContainEqual(expect.stringMatching(/belongs to no order of ours/));
  });

  it('when a strategy ended without a recorded decision, then the exit is reported as unexplained', () => {
    const strategy = { ...record.strategies[0]!, status: 'CLOSED' as const, closedAt: record.endTime };
    const violations = checkInvariants({ ...record, strategies: [strategy, ...record.strategies.slice(1)], decisionsByStrategy: new Map() });
    expect(violations).toContainEqual(expect.stringMatching(new RegExp(`strategy ${strategy.id} was CLOSED without a recorded decision`)));
  });

  it('when more positions were open than the limit allows, then the breach is reported', () => {
    expect(checkInvariants({ ...record, limits: { ...record.limits, maxOpenPositions: 1 } })).toContainEqual(expect.stringMatching(/positions were open .* above the limit of 1/));
  });

  it('when the account shows cash the fills do not explain, then the difference is reported', () => {
    const accountEnd = { ...record.accountEnd, cash: add(record.accountEnd.cash, fromDollars(0.01)) };
    expect(checkInvariants({ ...record, accountEnd })).toContainEqual(expect.stringMatching(/cash moved by .* but the fills account for/));
  });
});

describe('maxDrawdown', () => {
  it('when net liquidation rises, falls and recovers, then the drawdown is the largest fall from a previous peak', () => {
    const samples = [100, 120, 90, 130, 125, 80, 140].map((dollars, time) => ({ time, netLiquidation: fromDollars(dollars) }));
    expect(maxDrawdown(samples)).toBe(fromDollars(50));
    expect(maxDrawdown([{ time: 0, netLiquidation: fromDollars(10) }])).toBe(0);
  });
});
