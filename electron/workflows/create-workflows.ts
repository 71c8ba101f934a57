// The one factory the composition root calls: the strategy tracker and the entry, monitoring and
// exit workflows on the engine's services, plus the autopilot over them, sharing one typed bus.
//
//   const workflows = createWorkflows({ clock, logger, store: engine.store, database: engine.database,
//     market: engine.market, marketData: engine.marketData, ...engine.services }, config);
//   await engine.start();
//   workflows.start();            // the tracker settles what happened while it was away
//   await workflows.autopilot.start();
//   …
//   await workflows.autopilot.stop(); workflows.dispose();
import { EventBus } from '../core/event-bus.ts';
import { SettingsRepository } from '../persistence/settings.repository.ts';
import { Autopilot } from './autopilot.ts';
import { EntryWorkflow } from './entry-workflow.ts';
import { ExitWorkflow } from './exit-workflow.ts';
import { PositionMonitoringWorkflow } from './monitoring-workflow.ts';
import { RollPlanner } from './roll-planner.ts';
import { StrategyNotebook } from './strategy-notes.ts';
import { StrategyTracker } from './strategy-tracker.ts';
import { createWorkflowConfig, type WorkflowConfig, type WorkflowConfigInput } from './workflow-config.ts';
import type { WorkflowEvents } from './workflow-events.ts';
import type { WorkflowPorts } from './workflow-ports.ts';

export interface Workflows {
  readonly config: WorkflowConfig;
  readonly events: EventBus<WorkflowEvents>;
  readonly tracker: StrategyTracker;
  readonly entry: EntryWorkflow;
  readonly monitoring: PositionMonitoringWorkflow;
  readonly exit: ExitWorkflow;
  readonly autopilot: Autopilot;
  /** Starts the tracker (after the engine started: it settles what happened while nobody listened). */
  start(): void;
  /** Stops the autopilot and the monitoring timer and every subscription. */
  dispose(): void;
}

export function createWorkflows(ports: WorkflowPorts, input: WorkflowConfigInput = {}): Workflows {
  const config = createWorkflowConfig(input);
  const events = new EventBus<WorkflowEvents>({ logger: ports.logger });
  const notebook = new StrategyNotebook(new SettingsRepository(ports.database, ports.clock));
  const ivRankOf = (symbol: string): number | undefined => {
    try {
      return ports.market.ivStatistics(symbol).rank;
    } catch {
      return undefined;
    }
  };
  const tracker = new StrategyTracker({ store: ports.store, oms: ports.oms, executionBus: ports.executionBus, notebook, events, ivRankOf, clock: ports.clock, logger: ports.logger.child({ component: 'strategy-tracker' }) });
  const planner = new RollPlanner(ports);
  const entry = new EntryWorkflow({ ports, config: config.entry, tracker, events, maxPerUnderlying: config.autopilot.maxStrategiesPerUnderlying });
  const monitoring = new PositionMonitoringWorkflow({ ports, config: config.monitoring, tracker, planner, events });
  const exit = new ExitWorkflow({ ports, config: config.exit, tracker, planner, events });
  const autopilot = new Autopilot({ ports, config: config.autopilot, tracker, entry, monitoring, exit, events });
  return {
    config,
    events,
    tracker,
    entry,
    monitoring,
    exit,
    autopilot,
    start: () => tracker.start(),
    dispose: () => {
      autopilot.dispose();
      monitoring.dispose();
      tracker.dispose();
      events.dispose();
    },
  };
}
