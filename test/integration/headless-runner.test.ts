// The headless runner as a user runs it: a child process of `node electron/app/headless.ts`.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/persistence/database.ts';
import { Journal } from '../../electron/persistence/journal/journal.ts';
import { SystemClock } from '../../electron/core/clock.ts';

const runner = path.resolve(import.meta.dirname, '../../electron/app/headless.ts');

function runToEnd(args: string[]) {
  const result = spawnSync(process.execPath, [runner, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, lastLine: result.stdout.trimEnd().split('\n').at(-1) ?? '' };
}

describe('headless runner', () => {
  let directory: string;
  beforeEach(() => {
    directory = mkdtempSync(path.join(tmpdir(), 'headless-test-'));
  });
  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  it('when run twice with the same seed and options, then the JSON summaries are identical byte for byte', () => {
    const args = ['--seed', '11', '--speed', 'max', '--duration', '2d', '--json'];
    const first = runToEnd(args);
    const second = runToEnd(args);
    expect(first.status).toBe(0);
    expect(second.status).toBe(0);
    expect(first.lastLine).toBe(second.lastLine);
    const summary = JSON.parse(first.lastLine) as Record<string, unknown>;
    expect(summary).toMatchObject({ seed: 11, speed: 'max', start: '2026-01-05T14:30:00.000Z', end: '2026-01-07T14:30:00.000Z' });
    expect(Object.keys(summary)).toEqual(expect.arrayContaining(['prices', 'vix', 'quotesGenerated', 'orders', 'fills', 'account']));
    expect(first.stderr).toMatch(/journal verified/);
  });

  it('when the seed differs, then the market path differs', () => {
    const prices = (seed: string) => (JSON.parse(runToEnd(['--seed', seed, '--speed', 'max', '--duration', '1d', '--json']).lastLine) as { prices: unknown }).prices;
    expect(prices('1')).not.toEqual(prices('2'));
  });

  it('when interrupted with Ctrl+C, then it stops cleanly, the journal verifies, and a restart continues the same journal', async () => {
    const args = ['--seed', '4', '--speed', '60', '--start', '2026-03-02', '--data-dir', directory];
    for (let run = 1; run <= 2; run++) {
      const child = spawn(process.execPath, [runner, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      // Wait for the first status line: the engine is running.
      await new Promise<void>((resolve) => child.stdout.on('data', () => resolve()));
      child.kill('SIGINT');
      const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
      expect(code, stderr).toBe(0);
      expect(stdout).toMatch(/SPY \d+\.\d{2}/);
      expect(stderr).toMatch(/stopped: interrupted \(Ctrl\+C\); journal verified/);
    }
    const database = openDatabase(path.join(directory, 'workstation.sqlite'));
    const journal = new Journal(database, new SystemClock());
    expect(journal.verify().ok).toBe(true);
    const types = journal.read().map((entry) => entry.type);
    expect(types.filter((type) => type.startsWith('engine.'))).toEqual(['engine.started', 'engine.stopped', 'engine.started', 'engine.stopped']);
    expect(types.filter((type) => type === 'reconciliation.finished')).toHaveLength(2);
    database.close();
  });

  it('when an option is invalid, then it exits with status 2 and names the option without starting', () => {
    const result = runToEnd(['--speed', 'warp']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/--speed must be a positive number or 'max', got 'warp'/);
    expect(result.stderr).toMatch(/Usage: npm start/);
  });
});
