// The headless runner: `npm start` (until the desktop shell exists) and `npm run headless`.
// Runs the engine on the simulated market with the paper broker, prints a live status line, and
// stops cleanly on Ctrl+C or after --duration of simulated time (journal appended and verified,
// databases closed). See HEADLESS_USAGE for the options.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTextAlertSink } from '../alerts/index.ts';
import { AcceleratedClock } from '../core/accelerated-clock.ts';
import { SystemClock, type Clock } from '../core/clock.ts';
import { createLogger } from '../core/logger.ts';
import { currentOrNextSession } from '../market/index.ts';
import { newYorkWallTime } from '../../shared/domain/new-york-time.ts';
import { FileLogSink } from './file-log-sink.ts';
import { listenForKeys } from './headless-keys.ts';
import { HEADLESS_USAGE, OptionError, parseHeadlessOptions, type HeadlessOptions } from './headless-options.ts';
import { statusLine, summary } from './headless-report.ts';
import { WorkstationEngine } from './workstation-engine.ts';

const STATUS_INTERVAL_MS = 1_000;

type Run = { engine: WorkstationEngine; clock: Clock & { dispose?(): void }; startTime: number; dataDirectory: string; temporary: boolean };

function prepare(options: HeadlessOptions): Run {
  const temporary = options.dataDirectory === undefined;
  const dataDirectory = options.dataDirectory ?? mkdtempSync(path.join(tmpdir(), 'workstation-headless-'));
  const clock: Clock & { dispose?(): void } =
    options.start === undefined
      ? new SystemClock()
      : new AcceleratedClock({ startTime: currentOrNextSession(newYorkWallTime(options.start, 0)).open, speed: options.speed });
  const startTime = clock.now();
  const logger = createLogger({ clock, sink: new FileLogSink(path.join(dataDirectory, 'engine.log')) });
  // Alerts print on their own line on standard error, never mixed into the JSON summary.
  const alertSinks = [createTextAlertSink((line) => process.stderr.write(`\n${line}`))];
  // A throw-away folder needs no power-cut durability; kept data always gets it.
  const durability = temporary ? 'normal' : 'full';
  const engine = new WorkstationEngine({ dataDirectory, clock, seed: options.seed, startTime, logger, alertSinks, durability });
  return { engine, clock, startTime, dataDirectory, temporary };
}

async function toggleAutopilot(engine: WorkstationEngine): Promise<string> {
  const autopilot = engine.workflows.autopilot;
  if (autopilot.state === 'running') {
    await autopilot.stop();
    return 'AUTOPILOT: stopped';
  }
  if (autopilot.state === 'created' || autopilot.state === 'stopped') {
    await autopilot.start();
    return 'AUTOPILOT: started';
  }
  return `AUTOPILOT: busy (${autopilot.state})`;
}

async function main(argv: readonly string[]): Promise<number> {
  const options = parseHeadlessOptions(argv);
  if (options.help) {
    console.log(HEADLESS_USAGE);
    return 0;
  }
  const run = prepare(options);
  const { engine, clock } = run;
  // With --json, standard output carries only the summary; the status line goes to standard error.
  const statusStream = options.json ? process.stderr : process.stdout;
  const rewrite = statusStream.isTTY === true;
  const printStatus = () => {
    const line = statusLine(engine.status());
    statusStream.write(rewrite ? `\r\x1b[2K${line}` : `${line}\n`);
  };

  let keys: { dispose(): void } | undefined;
  const stopped = new Promise<string>((resolve) => {
    // Simulated time freezes at once, so a --duration run ends at exactly start + duration.
    const stop = (reason: string) => {
      if (clock instanceof AcceleratedClock) clock.pause();
      resolve(reason);
    };
    process.once('SIGINT', () => stop('interrupted (Ctrl+C)'));
    process.once('SIGTERM', () => stop('terminated'));
    keys = listenForKeys((command) => {
      if (command === 'stop') return stop('interrupted (Ctrl+C)');
      if (command === 'autopilot') {
        void toggleAutopilot(engine).then((message) => statusStream.write(`\n${message}\n`));
        return;
      }
      if (command === 'rearm') {
        void engine.services.killSwitch.rearm('operator at the headless runner').then((result) => {
          statusStream.write(`\nRE-ARM: ${result.ok ? `trading ${result.state.tradingState}` : `refused: ${result.reason}`}\n`);
        });
        return;
      }
      const flatten = command === 'kill-and-flatten';
      void engine.services.killSwitch.trigger({ source: 'shortcut', reason: `${flatten ? 'K' : 'k'} pressed in the headless runner`, flatten }).then((result) => {
        statusStream.write(`\nKILL SWITCH: halted=${result.halted} cancel-all=${result.cancelAll} flatten=${result.flatten}${result.errors.length > 0 ? ` errors: ${result.errors.join('; ')}` : ''}\n`);
      });
    });
    if (options.durationMs !== undefined) clock.setTimeout(() => stop(`ran ${argv[argv.indexOf('--duration') + 1]} of simulated time`), options.durationMs);
  });

  const wallStart = performance.now();
  await engine.start();
  if (options.autopilot) await engine.workflows.autopilot.start();
  const statusTimer = setInterval(printStatus, STATUS_INTERVAL_MS);
  const reason = await stopped;
  clearInterval(statusTimer);
  keys?.dispose();
  printStatus();
  if (rewrite) statusStream.write('\n');

  await engine.services.accounts.refresh();
  const status = engine.status();
  const executions = (await engine.broker.executions(0)).length;
  const ordersPlaced = engine.store.orders.listAll().length;
  const marketSteps = engine.market.stepIndex;
  const quotesGenerated = engine.quotesGenerated;
  await engine.stop();
  const verification = engine.journal.verify();
  engine.dispose();
  clock.dispose?.();
  if (run.temporary) rmSync(run.dataDirectory, { recursive: true, force: true });

  const seconds = ((performance.now() - wallStart) / 1000).toFixed(1);
  const journalNote = verification.ok ? `journal verified (${verification.entries} entries)` : `JOURNAL PROBLEM: ${verification.problem.message}`;
  console.error(`stopped: ${reason}; ${journalNote}; ${seconds} s of wall time${run.temporary ? '' : `; data in ${run.dataDirectory}`}`);
  if (options.json) console.log(JSON.stringify(summary({ seed: options.seed, speed: options.speed, startTime: run.startTime, status, marketSteps, quotesGenerated, executions, ordersPlaced })));
  return verification.ok ? 0 : 1;
}

// A run whose every timer and promise has drained without finishing would otherwise exit 0 silently.
let finished = false;
process.on('beforeExit', () => {
  if (finished) return;
  console.error('headless runner stalled: nothing was left to run, yet the run had not finished');
  process.exit(1);
});

main(process.argv.slice(2)).then(
  (code) => {
    finished = true;
    process.exit(code);
  },
  (error: unknown) => {
    console.error(error instanceof OptionError ? `${error.message}\n\n${HEADLESS_USAGE}` : `headless runner failed: ${(error as Error).stack ?? String(error)}`);
    process.exit(error instanceof OptionError ? 2 : 1);
  },
);
