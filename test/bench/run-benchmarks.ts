// `npm run bench`: runs every benchmark section and prints a readable table;
// `npm run bench -- --json` also prints, as its very last line, one JSON object with a key per section.
// Run `npm run bench -- --only options,journal` to run some sections.
import os from 'node:os';
import type { BenchRow, BenchSection } from './bench-section.ts';
import { sections } from './sections/index.ts';

const args = process.argv.slice(2);
const wantJson = args.includes('--json');
const onlyIndex = args.indexOf('--only');
const only = onlyIndex >= 0 ? new Set((args[onlyIndex + 1] ?? '').split(',')) : undefined;

function machineDescription(): string {
  const cpus = os.cpus();
  return `${cpus[0]?.model ?? 'unknown CPU'} × ${cpus.length}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.platform()} ${os.release()}, Node ${process.version}`;
}

function formatRow(row: BenchRow): string {
  const value = Math.abs(row.value) >= 1000 ? row.value.toFixed(0) : row.value.toPrecision(4);
  const verdict = row.meetsTarget === undefined ? '' : row.meetsTarget ? 'ok' : 'MISSED';
  return [row.metric.padEnd(48), `${value} ${row.unit}`.padEnd(20), (row.target ?? '').padEnd(14), verdict.padEnd(7), row.note ?? ''].join(' ');
}

const selected: BenchSection[] = sections.filter((section) => !only || only.has(section.name));
const results: Record<string, unknown> = {};
console.log(`machine: ${machineDescription()}`);
for (const section of selected) {
  const { json, rows } = await section.run();
  results[section.name] = json;
  console.log(`\n== ${section.name}`);
  console.log(['metric'.padEnd(48), 'value'.padEnd(20), 'target'.padEnd(14), 'verdict'.padEnd(7), 'note'].join(' '));
  for (const row of rows) console.log(formatRow(row));
}
if (wantJson) console.log(JSON.stringify(results));
