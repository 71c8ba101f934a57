// `npm test`: typecheck each runtime, lint, run vitest, and end with one plain line
// `N passed, N failed[, N skipped]` taken from vitest's own totals. CI reads that line.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

type Step = { name: string; command: string; args: string[] };

const binDirectory = path.resolve(import.meta.dirname, '..', '..', 'node_modules', '.bin');
const bin = (name: string) => path.join(binDirectory, name);

const staticChecks: Step[] = [
  ...['shared', 'electron', 'renderer', 'test'].map((project) => ({
    name: `typecheck ${project}`,
    command: bin('tsc'),
    args: ['--noEmit', '-p', project],
  })),
  { name: 'lint', command: bin('eslint'), args: ['--max-warnings', '0', '.'] },
];

function run(step: Step): boolean {
  console.log(`\n▶ ${step.name}`);
  const result = spawnSync(step.command, step.args, { stdio: 'inherit' });
  if (result.error) console.error(`${step.name}: ${result.error.message}`);
  return result.status === 0;
}

type VitestJson = { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number };

const failedSteps = staticChecks.filter((step) => !run(step)).map((step) => step.name);

const reportDirectory = mkdtempSync(path.join(tmpdir(), 'vitest-report-'));
const reportFile = path.join(reportDirectory, 'results.json');
const vitestPassed = run({
  name: 'vitest',
  command: bin('vitest'),
  args: ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${reportFile}`, ...process.argv.slice(2)],
});
if (!vitestPassed) failedSteps.push('vitest');

let totals: VitestJson = { numPassedTests: 0, numFailedTests: 0, numPendingTests: 0, numTodoTests: 0 };
try {
  totals = JSON.parse(readFileSync(reportFile, 'utf8')) as VitestJson;
} catch (error) {
  console.error(`could not read vitest's results (${(error as Error).message})`);
  if (!failedSteps.includes('vitest')) failedSteps.push('vitest');
}
rmSync(reportDirectory, { recursive: true, force: true });

if (failedSteps.length > 0) console.log(`\nfailed steps: ${failedSteps.join(', ')}`);
const skipped = totals.numPendingTests + totals.numTodoTests;
// Failed static checks count as failures so the line never reads "0 failed" on a broken build.
const failed = totals.numFailedTests + failedSteps.filter((name) => name !== 'vitest').length;
console.log(`${totals.numPassedTests} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`);
process.exit(failedSteps.length > 0 ? 1 : 0);
