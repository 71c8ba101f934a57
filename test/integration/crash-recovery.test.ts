// The crash test of issue 4 item 6: a child process runs the whole engine (app database, paper
// account file, market, OMS, reconciler) through entry → fill → exit in a loop on an accelerated
// clock; it is SIGKILLed at points drawn from a seeded PRNG and restarted on the same data folder.
// The paper account outlives every child, as a real broker outlives the app. After each restart
// and its start reconciliation the child reports both sides (crash-facts.ts) and the parent
// judges them (crash-invariants.ts): nothing sent twice, no fill lost, positions equal, every
// order final or live as the broker has it, both databases intact, the journal verified.
//
// CRASH_TEST_RUNS sets the number of kills (default 25, for `npm test`); CRASH_TEST_SEED the
// plan's seed; CRASH_TEST_VERBOSE=1 prints where each kill landed and keeps the data folder.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/persistence/database.ts';
import { Journal } from '../../electron/persistence/journal/journal.ts';
import { SystemClock } from '../../electron/core/clock.ts';
import { currentOrNextSession } from '../../electron/market/index.ts';
import { APP_DATABASE_FILE, PAPER_ACCOUNT_FILE } from '../../electron/app/workstation-engine.ts';
import { runChild, type ChildRun } from './crash/crash-child-process.ts';
import { crashInvariantViolations } from './crash/crash-invariants.ts';
import { planKills } from './crash/kill-plan.ts';

const runs = wholeNumber(process.env.CRASH_TEST_RUNS, 25, 'CRASH_TEST_RUNS');
const seed = wholeNumber(process.env.CRASH_TEST_SEED, 20_261_102, 'CRASH_TEST_SEED');
const verbose = process.env.CRASH_TEST_VERBOSE === '1';

/** Monday 2 March 2026, 09:30 New York: the market's fixed origin (its path is the same in every child). */
const marketStart = Date.UTC(2026, 2, 2, 14, 30);
/** Clock ms per real ms in the children (the paper broker's 0.2–1.5 s latency is then 10–75 ms real). */
const speed = 20;
const settleMs = 5 * 60_000;

function wholeNumber(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isSafeInteger(parsed) || parsed < 0) throw new Error(`${name} must be a whole number ≥ 0, got '${value}'`);
  return parsed;
}

/**
 * The next child's clock starts after every instant the last one could have reached (its wall
 * time at its speed), so time never runs backwards over the stored records; near the close it
 * moves to the next session, so any number of runs trades in regular hours.
 */
function nextClockStart(previous: number, wallMs: number): number {
  const after = previous + Math.ceil(wallMs * speed) + 1_000;
  const session = currentOrNextSession(after);
  if (after >= session.open + settleMs && after < session.close - 15 * 60_000) return after;
  const next = after < session.open ? session : currentOrNextSession(session.close);
  return next.open + settleMs;
}

/** What a start reconciliation repaired, in short ("adoptedFills 2, markedOrders 1"). */
function repairs(run: ChildRun): string {
  const counts = Object.entries(run.facts?.recovery ?? {}).filter(([, count]) => count > 0);
  return counts.length === 0 ? '' : ` [repaired: ${counts.map(([name, count]) => `${name} ${count}`).join(', ')}]`;
}

/** The last lifecycle step a killed child reported: where the kill landed. */
function landing(run: ChildRun): string {
  const last = run.lines.at(-1);
  return last === undefined ? 'before starting' : (last.phase ?? last.type);
}

function integrityOf(file: string): string {
  const connection = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return (connection.pragma('integrity_check') as Array<{ integrity_check: string }>).map((row) => row.integrity_check).join('; ');
  } finally {
    connection.close();
  }
}

describe('crash recovery (SIGKILL during entry → fill → exit, restart, reconcile)', () => {
  it(`when the engine is killed at ${runs} seeded points and restarted, then after every restart nothing was sent twice, no fill was lost, positions match the broker, every order is final or live as the broker has it, and both databases and the journal are intact`, async () => {
    const directory = mkdtempSync(path.join(tmpdir(), 'crash-test-'));
    const violations: string[] = [];
    const landings: string[] = [];
    const failures: string[] = [];
    let fillsSeen = 0;
    let clockStart = marketStart + settleMs;
    const child = (extra: { kill?: ReturnType<typeof planKills>[number]; rounds?: number }) =>
      runChild({ dataDirectory: directory, seed, clockStart, marketStart, speed, hardTimeoutMs: 30_000, ...extra });
    const judge = (label: string, run: ChildRun) => {
      if (run.failure !== undefined) failures.push(`${label}: ${run.failure}\n${run.stderr}`);
      if (run.facts === undefined) return;
      fillsSeen = run.facts.fills.length;
      violations.push(...crashInvariantViolations(run.facts).map((problem) => `after restart ${label}: ${problem}`));
    };

    for (const [index, kill] of planKills(seed, runs).entries()) {
      const run = await child({ kill });
      judge(`${index}`, run);
      landings.push(`${repairs(run)}\n${index}: killed at ${kill.anchor}+${kill.delayMs}ms → ${landing(run)}`);
      clockStart = nextClockStart(clockStart, run.wallMs);
    }
    // A last child trades two round trips and stops cleanly; one more start checks what it left.
    const finalRun = await child({ rounds: 2 });
    judge('final', finalRun);
    landings.push(repairs(finalRun));
    clockStart = nextClockStart(clockStart, finalRun.wallMs);
    const lastCheck = await child({ rounds: 0 });
    judge('after the clean stop', lastCheck);
    if (verbose) console.log(`crash test (seed ${seed}, data in ${directory}):${landings.join('')}`);

    expect({ failures, violations }, `the data folder is kept in ${directory}`).toEqual({ failures: [], violations: [] });
    expect(lastCheck.facts?.bookPositions).toEqual({});
    expect(lastCheck.facts?.brokerPositions).toEqual({});
    expect(fillsSeen).toBeGreaterThan(0);
    expect(integrityOf(path.join(directory, APP_DATABASE_FILE))).toBe('ok');
    expect(integrityOf(path.join(directory, PAPER_ACCOUNT_FILE))).toBe('ok');
    const database = openDatabase(path.join(directory, APP_DATABASE_FILE), { readonly: true });
    const verification = new Journal(database, new SystemClock()).verify();
    database.close();
    expect(verification.ok).toBe(true);
    if (!verbose) rmSync(directory, { recursive: true, force: true });
  }, 60_000 + runs * 5_000);
});
