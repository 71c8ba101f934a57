// The parent's side of one crash-test run: spawn crash-engine-child.ts on the shared data folder,
// read its JSON lines, SIGKILL it at the planned point (or let it finish its rounds), and return
// what it said. A child that ends on its own when it should have been killed, or that never
// reaches the anchor of its kill, is reported in `failure` (the test fails on it).
import { spawn } from 'node:child_process';
import path from 'node:path';
import type { CrashFacts } from './crash-facts.ts';
import type { KillPoint } from './kill-plan.ts';

const childScript = path.join(import.meta.dirname, 'crash-engine-child.ts');

export interface ChildOptions {
  readonly dataDirectory: string;
  readonly seed: number;
  readonly clockStart: number;
  readonly marketStart: number;
  readonly speed: number;
  /** Kill here; undefined: the child must trade `rounds` round trips and stop cleanly. */
  readonly kill?: KillPoint;
  readonly rounds?: number;
  /** Real ms before a child that does not finish (or reach its kill anchor) is killed and failed. */
  readonly hardTimeoutMs: number;
}

export interface ChildLine {
  readonly type: string;
  readonly phase?: string;
  readonly time?: number;
  readonly facts?: CrashFacts;
  readonly [key: string]: unknown;
}

export interface ChildRun {
  readonly lines: readonly ChildLine[];
  /** The facts reported right after the start reconciliation, if the child got that far. */
  readonly facts: CrashFacts | undefined;
  readonly killed: boolean;
  readonly exitCode: number | null;
  readonly stderr: string;
  /** Real milliseconds from spawn to exit. */
  readonly wallMs: number;
  readonly failure: string | undefined;
}

export function runChild(options: ChildOptions): Promise<ChildRun> {
  const args = [childScript, '--data-dir', options.dataDirectory, '--seed', String(options.seed), '--clock-start', String(options.clockStart)];
  args.push('--market-start', String(options.marketStart), '--speed', String(options.speed));
  if (options.rounds !== undefined) args.push('--rounds', String(options.rounds));
  const started = performance.now();
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: ChildLine[] = [];
  let stderr = '';
  let pending = '';
  let killed = false;
  let failure: string | undefined;
  let killTimer: NodeJS.Timeout | undefined;
  const kill = (why?: string) => {
    if (killed || child.exitCode !== null) return;
    killed = true;
    failure ??= why;
    child.kill('SIGKILL');
  };
  const hardTimeout = setTimeout(() => kill(`no ${options.kill === undefined ? 'clean stop' : `'${options.kill.anchor}' line`} within ${options.hardTimeoutMs} ms`), options.hardTimeoutMs);
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout.on('data', (chunk: Buffer) => {
    pending += chunk.toString();
    const complete = pending.split('\n');
    pending = complete.pop() ?? '';
    for (const text of complete) {
      const line = JSON.parse(text) as ChildLine;
      lines.push(line);
      if (options.kill !== undefined && line.type === options.kill.anchor) killTimer = setTimeout(() => kill(), options.kill.delayMs);
    }
  });
  return new Promise((resolve) => {
    // 'close', not 'exit': the last lines may still be in the pipe when the process has exited.
    child.on('close', (exitCode) => {
      clearTimeout(hardTimeout);
      clearTimeout(killTimer);
      if (!killed && options.kill !== undefined) failure ??= `the child ended on its own (exit code ${String(exitCode)}) before its kill`;
      if (!killed && options.kill === undefined && exitCode !== 0) failure ??= `the child failed (exit code ${String(exitCode)})`;
      const facts = lines.find((line) => line.type === 'check')?.facts;
      resolve({ lines, facts, killed, exitCode, stderr, wallMs: performance.now() - started, failure });
    });
  });
}
