// The kill switch: ONE code path for every trigger (API, global shortcut, tray, UI button, a
// rule, the daily loss breaker): trigger({ source, reason, flatten }).
//
// Sequencing of one trigger:
// 1. governor.halt(reason, { latched: true }) FIRST and synchronously: the gate is closed (no new
//    order, automation off) before anything else happens, even if every later step fails.
// 2. The broker's cancel-all, sent synchronously within trigger() (cancel-step.ts): our working
//    orders are marked PENDING_CANCEL in one transaction, then ONE global cancel.
// 3. The trigger is journaled, a critical alert raised and 'kill-switch.triggered' published.
// 4. Optionally the flatten, once the cancels are confirmed or a bounded wait has passed
//    (flatten-step.ts explains why), through the flatten engine (governor.flattenGate).
// 5. Each step's outcome is journaled and published; the promise resolves with the result.
//
// Disconnected: the halt is local and immediate; the cancel-all (and the flatten) are owed and
// go out when the broker reports 'connected' (or the watchdog 'reconnected'); the flatten also
// waits for reconciliation after a disconnect. What is owed is journaled and restored after a
// restart. Idempotent: while a run or its flatten orders are in progress a trigger is recorded
// only (halt + journal + alert); a flatten is a flag, never a count, so it is sent once.
// Latched: only rearm(by) releases it, refused while anything could still be working.
import { isConnected } from '../../shared/domain/connection.ts';
import type { OrderId } from '../../shared/domain/ids.ts';
import { DisposableStore, type Disposable } from '../core/lifecycle.ts';
import { silentLogger, type Logger } from '../core/logger.ts';
import { errorText } from '../execution/broker-call.ts';
import { startCancelAll } from './kill-switch/cancel-step.ts';
import { flattenPositions, waitForCancels, type CancelReference } from './kill-switch/flatten-step.ts';
import { KillSwitchRecorder, type KillSwitchMemory } from './kill-switch/kill-switch-recorder.ts';
import { normalizeRequest, resolveTiming } from './kill-switch/kill-switch-request.ts';
import type { CancelAllOutcome, FlattenOutcome, KillSwitchOptions, KillSwitchRequest, KillSwitchResult, KillSwitchRunOutcome, KillSwitchStatus, KillSwitchTiming, RearmResult } from './kill-switch/kill-switch-types.ts';
import { rearmRefusal } from './kill-switch/rearm-check.ts';
import type { RiskStateChangedEvent } from './risk-events.ts';

interface ActiveRun {
  /** Set once the run took (or declined) the flatten: later flatten requests can no longer join it. */
  flattenDecided: boolean;
  promise?: Promise<KillSwitchRunOutcome>;
}

interface RunLog {
  readonly orderIds: OrderId[];
  readonly errors: string[];
}

export class KillSwitch implements Disposable {
  readonly #options: KillSwitchOptions;
  readonly #timing: KillSwitchTiming;
  readonly #recorder: KillSwitchRecorder;
  readonly #logger: Logger;
  readonly #lifetime = new DisposableStore();
  #owed: { cancelAll: boolean; flatten: boolean };
  #flattenOrderIds: readonly OrderId[];
  #run: ActiveRun | undefined;
  #lastRun: KillSwitchRunOutcome | undefined;
  #lastCancel: CancelReference | undefined;
  /** A disconnect was seen since the last 'reconciled': an owed flatten waits for reconciliation. */
  #reconcileNeeded = false;
  #disposed = false;

  constructor(options: KillSwitchOptions) {
    this.#options = options;
    this.#timing = resolveTiming(options.timing);
    this.#logger = (options.logger ?? silentLogger).child({ component: 'kill-switch' });
    this.#recorder = new KillSwitchRecorder(options, options.newAlertId, options.logger);
    const restored = this.#recorder.restore();
    this.#owed = { ...restored.owed };
    this.#flattenOrderIds = restored.flattenOrderIds;
    this.#lifetime.add(options.broker.subscribe((event) => {
      if (event.type !== 'connection') return;
      if (event.status.state === 'connected') this.#release('the broker connected');
      else this.#reconcileNeeded = true;
    }));
    if (options.watchdog !== undefined) this.#lifetime.add(options.watchdog.subscribe((event) => event.type === 'reconnected' && this.#release('the watchdog reports the link back')));
    if (options.governorEvents !== undefined) this.#lifetime.add(options.governorEvents.subscribe('risk.state-changed', (event) => this.#onRiskChange(event)));
    if (this.#owed.cancelAll || this.#owed.flatten) this.#release('pending work restored from the journal');
  }

  /** Fires the kill switch. Halts synchronously before anything else; the promise reports each step. Never rejects. */
  trigger(request: KillSwitchRequest): Promise<KillSwitchResult> {
    const { request: trigger, problems } = normalizeRequest(request);
    const errors: string[] = [...problems];
    const halted = this.#halt(trigger, errors);
    const joined = this.#inProgress();
    if (joined === undefined) this.#owed = { cancelAll: true, flatten: this.#owed.flatten || trigger.flatten };
    else if (trigger.flatten && joined.run?.flattenDecided === false) this.#owed.flatten = true; // the run in progress takes it
    const run = joined === undefined && !this.#disposed ? this.#launch() : undefined; // sends the cancel-all now
    errors.push(...this.#recorder.triggered({ request: trigger, halted, recordedOnly: run === undefined, problems, memory: this.#memory() }));
    return this.#result(halted, run === undefined, errors, run ?? joined?.run?.promise);
  }

  /** Releases the latch (governor.rearm) unless something could still be working. Journaled either way. */
  async rearm(by: string): Promise<RearmResult> {
    const who = typeof by === 'string' ? by.trim() : '';
    let refusal: string | undefined;
    try {
      refusal = who === '' ? 'rearm needs who asks for it' : await rearmRefusal({ ...this.#options, running: this.#run !== undefined, owed: this.#owed });
    } catch (error) {
      refusal = `rearm refused: the checks could not be made (${errorText(error)})`;
    }
    if (refusal !== undefined) return this.#refuseRearm(who || '(nobody)', refusal);
    let released;
    try {
      released = this.#options.governor.rearm(who);
    } catch (error) {
      return this.#refuseRearm(who, `the governor could not rearm: ${errorText(error)}`);
    }
    if (!released.ok) return this.#refuseRearm(who, released.reason);
    this.#flattenOrderIds = [];
    this.#recorder.rearm(who, 'rearmed', undefined);
    return { ok: true, state: released.state };
  }

  status(): KillSwitchStatus {
    return { running: this.#run !== undefined, owed: { ...this.#owed }, flattenOrderIds: this.#flattenOrderIds, lastRun: this.#lastRun };
  }

  /** Stops listening and waiting. The governor stays as it is (a halt is never undone by a dispose). */
  dispose(): void {
    this.#disposed = true;
    this.#lifetime.dispose();
  }

  #halt(trigger: KillSwitchRequest, errors: string[]): boolean {
    const { governor } = this.#options;
    try {
      return governor.halt(`kill switch (${trigger.source}): ${trigger.reason}`, { latched: true, trigger: trigger.source }).state.tradingState === 'HALTED';
    } catch (error) {
      errors.push(`halt: ${errorText(error)}`);
      try {
        return governor.state().tradingState === 'HALTED';
      } catch {
        return false;
      }
    }
  }

  /** The run a trigger joins instead of starting one: a run executing, or flatten orders still working. */
  #inProgress(): { run: ActiveRun | undefined } | undefined {
    if (this.#run !== undefined) return { run: this.#run };
    if (this.#flattenOrderIds.length === 0) return undefined;
    try {
      const working = new Set(this.#options.oms.workingOrders().map((order) => order.id));
      return this.#flattenOrderIds.some((id) => working.has(id)) ? { run: undefined } : undefined;
    } catch (error) {
      this.#logger.error('kill switch could not read the working orders; cancelling anyway', { error: errorText(error) });
      return undefined;
    }
  }

  async #result(halted: boolean, recordedOnly: boolean, errors: string[], run: Promise<KillSwitchRunOutcome> | undefined): Promise<KillSwitchResult> {
    // Without a run to join, the flatten orders of an earlier run are still working.
    const outcome = run === undefined ? (this.#lastRun ?? { cancelAll: 'sent', flatten: 'sent', orderIds: this.#flattenOrderIds, errors: [] }) : await run;
    return Object.freeze({ halted, recordedOnly, cancelAll: outcome.cancelAll, flatten: outcome.flatten, orderIds: outcome.orderIds, errors: Object.freeze([...errors, ...outcome.errors]) });
  }

  /** Starts a run of the owed steps; its cancel-all leaves before this returns. */
  #launch(): Promise<KillSwitchRunOutcome> {
    const run: ActiveRun = { flattenDecided: false };
    this.#run = run; // before the first step runs, so a trigger made meanwhile joins it
    const promise = this.#execute(run);
    run.promise = promise;
    return promise;
  }

  async #execute(run: ActiveRun): Promise<KillSwitchRunOutcome> {
    const log: RunLog = { orderIds: [], errors: [] };
    try {
      const cancelAll = await this.#cancelStep(log);
      const flatten = await this.#flattenStep(run, cancelAll, log);
      const outcome: KillSwitchRunOutcome = Object.freeze({ cancelAll, flatten, orderIds: Object.freeze([...log.orderIds]), errors: Object.freeze([...log.errors]) });
      this.#lastRun = outcome;
      log.errors.push(...this.#recorder.publish('kill-switch.completed', { time: this.#options.clock.now(), outcome }));
      return outcome;
    } catch (error) {
      // Unreachable by design (every step catches); still, a run must never reject.
      return { cancelAll: 'failed', flatten: 'failed', orderIds: log.orderIds, errors: [...log.errors, `kill switch run failed: ${errorText(error)}`] };
    } finally {
      if (this.#run === run) this.#run = undefined; // synchronously with the outcome: no trigger can join a finished run
    }
  }

  async #cancelStep(log: RunLog): Promise<CancelAllOutcome> {
    if (!this.#owed.cancelAll) return 'sent'; // sent by an earlier run
    const step = await startCancelAll({ ...this.#options, brokerCallTimeoutMs: this.#timing.brokerCallTimeoutMs });
    if (step.outcome === 'sent') {
      this.#owed.cancelAll = false;
      this.#lastCancel = { sentAt: step.sentAt, watchedOrders: step.watchedOrders };
    }
    log.orderIds.push(...step.orderIds);
    if (step.error !== undefined) log.errors.push(`cancel-all ${step.outcome}: ${step.error}`);
    log.errors.push(...this.#recorder.step({ step: 'cancel-all', outcome: step.outcome, orderIds: step.orderIds, error: step.error, memory: this.#memory() }));
    return step.outcome;
  }

  async #flattenStep(run: ActiveRun, cancelAll: CancelAllOutcome, log: RunLog): Promise<FlattenOutcome> {
    run.flattenDecided = true;
    if (!this.#owed.flatten) return 'not-requested'; // nothing awaited from here on: the run ends in this same turn
    if (cancelAll === 'pending-reconnect' || !this.#connected()) return this.#flattenRecord('pending-reconnect', [], 'the broker is not connected', log);
    if (this.#reconcileNeeded || !this.#reconciled()) return this.#flattenRecord('pending-reconciliation', [], 'waiting for the broker state to be reconciled (unknown is not flat)', log);
    const reference = cancelAll === 'sent' && this.#lastCancel !== undefined ? this.#lastCancel : { sentAt: this.#options.clock.now(), watchedOrders: true };
    const ports = { ...this.#options, timing: this.#timing, stopped: () => this.#disposed };
    let waited;
    try {
      waited = await waitForCancels(ports, reference);
    } catch (error) {
      waited = 'timed-out' as const;
      log.errors.push(`flatten: the wait for the cancels failed (${errorText(error)})`);
    }
    if (waited === 'disconnected') return this.#flattenRecord('pending-reconnect', [], 'the broker disconnected before the cancels were confirmed', log);
    if (waited === 'stopped') return this.#flattenRecord('failed', [], 'the kill switch was disposed', log);
    this.#owed.flatten = false;
    const flat = await flattenPositions(ports);
    this.#flattenOrderIds = [...this.#flattenOrderIds, ...flat.orderIds];
    if (!flat.sent && !this.#connected()) this.#owed.flatten = true; // lost the link mid-way: the rest goes on reconnect
    const outcome = flat.sent ? 'sent' : this.#owed.flatten ? 'pending-reconnect' : 'failed';
    return this.#flattenRecord(outcome, flat.orderIds, flat.errors.length === 0 ? undefined : flat.errors.join('; '), log);
  }

  #flattenRecord(outcome: FlattenOutcome, orderIds: readonly OrderId[], error: string | undefined, log: RunLog): FlattenOutcome {
    log.orderIds.push(...orderIds);
    if (error !== undefined) log.errors.push(`flatten ${outcome}: ${error}`);
    log.errors.push(...this.#recorder.step({ step: 'flatten', outcome, orderIds, error, memory: this.#memory() }));
    return outcome;
  }

  /** Owed work may go out now (connected, reconnected, reconciled, restored). Deferred a microtask so the OMS sees the event first. */
  #release(why: string): void {
    queueMicrotask(() => {
      if (this.#disposed || this.#run !== undefined || (!this.#owed.cancelAll && !this.#owed.flatten) || !this.#connected()) return;
      this.#logger.info(`kill switch: ${why}: sending the owed work`, { owed: { ...this.#owed } });
      void this.#launch();
    });
  }

  #onRiskChange(event: RiskStateChangedEvent): void {
    if (event.cause === 'reconciled') {
      this.#reconcileNeeded = false;
      if (this.#owed.flatten) this.#release('the broker state is reconciled');
    } else if (event.cause === 'daily-loss' && this.#options.dailyLoss?.trigger !== false) {
      // Deferred: the breaker trips inside a governor call (maybe inside an order's gate check).
      const flatten = this.#options.dailyLoss?.flatten ?? false;
      queueMicrotask(() => {
        if (!this.#disposed) void this.trigger({ source: 'daily-loss', reason: event.reason, flatten });
      });
    }
  }

  #refuseRearm(by: string, reason: string): RearmResult {
    this.#recorder.rearm(by, 'refused', reason);
    return { ok: false, reason };
  }

  #memory(): KillSwitchMemory {
    return { owed: { ...this.#owed }, flattenOrderIds: this.#flattenOrderIds };
  }

  #connected(): boolean {
    try {
      return isConnected(this.#options.broker.connectionStatus());
    } catch {
      return false;
    }
  }

  #reconciled(): boolean {
    try {
      return this.#options.governor.state().reconciled;
    } catch {
      return false;
    }
  }
}
