// `npm run simulate -- --days N --seed S [--symbols SPY,QQQ] [--json]`: the autopilot on the
// accelerated simulated market with the paper broker, then the report (see simulation/).
import { format, type Money } from '../../shared/domain/money.ts';
import { OptionError } from './headless-options.ts';
import { progressBar, reportText } from './simulation/report-text.ts';
import { parseSimulateOptions, SIMULATE_USAGE } from './simulation/simulate-options.ts';
import { buildReport } from './simulation/simulation-report.ts';
import { runSimulation } from './simulation/simulation-run.ts';

async function main(argv: readonly string[]): Promise<number> {
  const options = parseSimulateOptions(argv);
  if (options.help) {
    console.log(SIMULATE_USAGE);
    return 0;
  }
  const terminal = process.stderr.isTTY === true;
  const record = await runSimulation(
    { days: options.days, seed: options.seed, symbols: options.symbols, start: options.start, dataDirectory: options.dataDirectory },
    (progress) => {
      if (!terminal) return;
      const equity = progress.netLiquidation === undefined ? '' : ` | net liq ${format(progress.netLiquidation as Money)}`;
      process.stderr.write(`\r\x1b[2K${progressBar(progress.day, progress.days, `${progress.date} | round trips ${progress.closedStrategies}${equity}`)}`);
    },
  );
  if (terminal) process.stderr.write('\n');
  const report = buildReport(record);
  console.log(reportText(report));
  if (options.json) console.log(JSON.stringify(report));
  return report.invariantViolations.length === 0 ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof OptionError ? `${error.message}\n\n${SIMULATE_USAGE}` : `simulation failed: ${(error as Error).stack ?? String(error)}`);
    process.exit(error instanceof OptionError ? 2 : 1);
  },
);
