// The connection watchdog: a heartbeat every `heartbeatIntervalMs`; "down" when no proof of
// life (any broker event, an answered heartbeat, or a refusal the broker sent back to one) came
// within `heartbeatTimeoutMs` — which
// catches a half-open socket that still reports connected (F10) — or when the broker reports
// a disconnect. When down it forces a disconnect (if the broker still claims to be connected)
// and reconnects with backoff. When the link comes back it emits 'reconnected': the hook for
// the reconciler; trading stays disabled until reconciliation succeeds (the lead wires that).
//
// Choices:
// - Proof of life only updates a number; one deadline timer checks it, so a busy event stream
//   costs nothing extra.
// - One heartbeat at a time: a tick that finds the last one unanswered counts a failure
//   ('degraded') instead of piling more requests onto a dead socket.
// - The watchdog owns reconnecting after 'disconnected'. It does not reconnect from 'failed'
//   (the adapter gave up for a reason, e.g. client id in use: no reconnect storm, F12) nor
//   while the adapter reports 'reconnecting'/'connecting' itself.
// - Started while disconnected, it reconnects too. Stop it before an intended disconnect.
import type { Broker, BrokerEvent } from '../broker.ts';
import type { Clock, Timer } from '../../core/clock.ts';
import { AppError, toAppError } from '../../core/errors.ts';
import { Component, type Disposable } from '../../core/lifecycle.ts';
import { silentLogger, type Logger } from '../../core/logger.ts';
import { createBackoff, type Backoff, type BackoffOptions } from './backoff.ts';
import { withTimeout } from './clock-delay.ts';
import { assessHealth, type ConnectionHealth, type HealthState } from './connection-health.ts';
import { classifyBrokerFailure } from './failure-verdict.ts';
import { heartbeat } from './heartbeat.ts';
import { ListenerSet } from './listener-set.ts';
import { reconnect } from './reconnector.ts';

const notStarted = 'not started';

export type WatchdogEvent =
  | { readonly type: 'health'; readonly health: ConnectionHealth; readonly previous: HealthState }
  | { readonly type: 'reconnect-attempt'; readonly attempt: number; readonly at: number }
  | { readonly type: 'reconnect-failed'; readonly attempt: number; readonly error: string; readonly nextAttemptInMs: number | undefined; readonly at: number }
  | { readonly type: 'reconnect-gave-up'; readonly attempts: number; readonly error: string; readonly at: number }
  /** The link was down and is back: reconcile before trading resumes. */
  | { readonly type: 'reconnected'; readonly at: number; readonly downSince: number; readonly downReason: string; readonly attempts: number };

export interface ConnectionWatchdogOptions {
  readonly broker: Broker;
  readonly clock: Clock;
  /** Default 10,000 ms. */
  readonly heartbeatIntervalMs?: number;
  /**
   * Down after this long without proof of life. Default 2.5 intervals (25,000 ms): two heartbeats
   * missed, and half an interval for the second to answer (F10 asks for detection within about
   * two intervals; exactly two would declare down at the moment the second heartbeat leaves).
   */
  readonly heartbeatTimeoutMs?: number;
  /** Force a disconnect and reconnect when down (default true). */
  readonly reconnect?: boolean;
  readonly backoff?: BackoffOptions;
  /** Default: never give up (an outage can last hours, F3; each failure is an event to alert on). */
  readonly maxReconnectAttempts?: number;
  /** Default 30,000 ms. */
  readonly connectTimeoutMs?: number;
  /** The heartbeat call; default: the broker's ping(), else accountSummary(). */
  readonly heartbeat?: () => Promise<void>;
  readonly logger?: Logger;
}

export class ConnectionWatchdog extends Component {
  readonly heartbeatIntervalMs: number;
  readonly heartbeatTimeoutMs: number;
  readonly #broker: Broker;
  readonly #clock: Clock;
  readonly #reconnect: boolean;
  readonly #backoff: Backoff;
  readonly #maxAttempts: number;
  readonly #connectTimeoutMs: number;
  readonly #heartbeat: () => Promise<void>;
  readonly #logger: Logger;
  readonly #listeners: ListenerSet<WatchdogEvent>;
  #health: ConnectionHealth;
  #lastProofAt: number | undefined;
  #silentForMs: number | undefined;
  #failures = 0;
  #lastFailure: string | undefined;
  #pendingHeartbeat: number | undefined;
  #heartbeatSequence = 0;
  #deadline: Timer | undefined;
  #reconnecting: AbortController | undefined;
  /** Set when the reconnect loop gave up: no new loop until the link is back (or a restart). */
  #gaveUp = false;
  #downSince = 0;
  #downReason = '';

  constructor(options: ConnectionWatchdogOptions) {
    super('connection-watchdog');
    this.heartbeatIntervalMs = positive('heartbeatIntervalMs', options.heartbeatIntervalMs ?? 10_000);
    this.heartbeatTimeoutMs = positive('heartbeatTimeoutMs', options.heartbeatTimeoutMs ?? 2.5 * this.heartbeatIntervalMs);
    this.#connectTimeoutMs = positive('connectTimeoutMs', options.connectTimeoutMs ?? 30_000);
    this.#maxAttempts = options.maxReconnectAttempts ?? Number.POSITIVE_INFINITY;
    if (!(this.#maxAttempts >= 1)) throw new AppError('validation', `watchdog maxReconnectAttempts must be ≥ 1, got ${String(this.#maxAttempts)}`);
    this.#broker = options.broker;
    this.#clock = options.clock;
    this.#reconnect = options.reconnect ?? true;
    this.#backoff = createBackoff(options.backoff);
    this.#heartbeat = options.heartbeat ?? (() => heartbeat(options.broker));
    this.#logger = (options.logger ?? silentLogger).child({ component: 'connection-watchdog' });
    this.#listeners = new ListenerSet('connection watchdog', this.#logger);
    const now = options.clock.now();
    this.#health = { state: 'down', since: now, reason: notStarted, lastHeartbeatAt: undefined, lastProofOfLifeAt: undefined, consecutiveFailures: 0, reconnectAttempts: 0 };
  }

  /** The current health (for the UI and the risk governor). */
  health(): ConnectionHealth {
    return this.#health;
  }

  subscribe(listener: (event: WatchdogEvent) => void): Disposable {
    return this.#listeners.add(listener);
  }

  protected override onStart(): void {
    this.#gaveUp = false;
    if (this.#broker.connectionStatus().state === 'connected') this.#lastProofAt = this.#clock.now();
    this.session.add(this.#broker.subscribe((event) => this.#onBrokerEvent(event)));
    this.session.add(this.#clock.setInterval(() => this.#tick(), this.heartbeatIntervalMs));
    this.session.addTeardown(() => {
      this.#deadline?.dispose();
      this.#reconnecting?.abort(new Error('the watchdog stopped'));
      this.#reconnecting = undefined;
      this.#pendingHeartbeat = undefined;
    });
    this.#armDeadline();
    this.#update();
  }

  protected override onDispose(): void {
    this.#listeners.clear();
  }

  #onBrokerEvent(event: BrokerEvent): void {
    if (event.type === 'connection') {
      // A report of losing the link is no proof of life; a new connection starts with a clean slate.
      if (event.status.state !== 'connected') return this.#update();
      this.#pendingHeartbeat = undefined;
      this.#failures = 0;
      this.#lastFailure = undefined;
    }
    this.#proofOfLife();
  }

  #proofOfLife(): void {
    this.#markAlive();
    this.#update();
  }

  #markAlive(): void {
    this.#lastProofAt = this.#clock.now();
    this.#silentForMs = undefined;
    this.#armDeadline();
  }

  #tick(): void {
    if (this.#broker.connectionStatus().state !== 'connected') return;
    if (this.#pendingHeartbeat !== undefined) return this.#heartbeatFailed('the last heartbeat is still unanswered');
    const sequence = ++this.#heartbeatSequence;
    this.#pendingHeartbeat = sequence;
    this.#heartbeat().then(
      () => this.#heartbeatAnswered(sequence),
      (error: unknown) => {
        if (this.#pendingHeartbeat !== sequence || this.state !== 'running') return;
        this.#pendingHeartbeat = undefined;
        // A refusal the broker sent back still proves the link carries answers.
        if (classifyBrokerFailure(error) === 'broker-answered') this.#markAlive();
        this.#heartbeatFailed(toAppError(error).message);
      },
    );
  }

  #heartbeatAnswered(sequence: number): void {
    if (this.state !== 'running') return;
    if (this.#pendingHeartbeat === sequence) this.#pendingHeartbeat = undefined;
    this.#failures = 0;
    this.#health = { ...this.#health, lastHeartbeatAt: this.#clock.now() };
    this.#proofOfLife();
  }

  #heartbeatFailed(why: string): void {
    this.#failures += 1;
    this.#lastFailure = why;
    this.#logger.warn('heartbeat failed', { consecutiveFailures: this.#failures, error: why });
    this.#update();
  }

  /** One timer at the moment proof of life would become too old; re-armed from the latest proof. */
  #armDeadline(): void {
    if (this.#deadline?.active || this.#lastProofAt === undefined || this.#silentForMs !== undefined) return;
    const due = this.#lastProofAt + this.heartbeatTimeoutMs;
    this.#deadline = this.#clock.setTimeout(() => this.#checkDeadline(), Math.max(0, due - this.#clock.now()));
  }

  #checkDeadline(): void {
    const silentFor = this.#clock.now() - (this.#lastProofAt ?? 0);
    if (silentFor < this.heartbeatTimeoutMs) return this.#armDeadline();
    if (this.#broker.connectionStatus().state !== 'connected') return;
    this.#silentForMs = silentFor;
    this.#logger.error('no proof of life within the heartbeat timeout', { silentForMs: silentFor });
    this.#update();
  }

  /** Re-derives the health; emits on a change; starts recovery when it went down. */
  #update(): void {
    if (this.state !== 'running' && this.state !== 'starting') return;
    const previous = this.#health;
    const { state, reason: assessed } = assessHealth({ connectionState: this.#broker.connectionStatus().state, silentForMs: this.#silentForMs, consecutiveFailures: this.#failures, lastFailure: this.#lastFailure });
    const reason = state === 'down' && this.#gaveUp ? `${assessed}; gave up reconnecting after ${previous.reconnectAttempts} attempt(s)` : assessed;
    const now = this.#clock.now();
    const changed = state !== previous.state;
    this.#health = {
      ...previous, state, reason, since: changed ? now : previous.since, lastProofOfLifeAt: this.#lastProofAt, consecutiveFailures: this.#failures,
      reconnectAttempts: state === 'down' ? previous.reconnectAttempts : 0,
    };
    if (changed) this.#announceChange(previous);
    if (state === 'down') this.#recoverIfAllowed();
  }

  #announceChange(previous: ConnectionHealth): void {
    const health = this.#health;
    if (health.state !== 'down') this.#gaveUp = false;
    if (health.state === 'down') {
      this.#downSince = health.since;
      this.#downReason = health.reason;
      this.#logger.error('broker connection down', { reason: health.reason });
    }
    this.#listeners.emit({ type: 'health', health, previous: previous.state });
    if (previous.state === 'down' && previous.reason !== notStarted) {
      this.#logger.info('broker connection back: reconcile before trading', { downSince: this.#downSince });
      this.#listeners.emit({ type: 'reconnected', at: health.since, downSince: this.#downSince, downReason: this.#downReason, attempts: previous.reconnectAttempts });
    }
  }

  #recoverIfAllowed(): void {
    if (!this.#reconnect || this.#reconnecting !== undefined || this.#gaveUp) return;
    const connection = this.#broker.connectionStatus().state;
    const halfOpen = connection === 'connected' && this.#silentForMs !== undefined;
    if (connection !== 'disconnected' && !halfOpen) return;
    const controller = new AbortController();
    this.#reconnecting = controller;
    void this.#runReconnect(controller, halfOpen);
  }

  async #runReconnect(controller: AbortController, forceDisconnect: boolean): Promise<void> {
    try {
      if (forceDisconnect) await this.#forceDisconnect();
      const result = await reconnect({
        broker: this.#broker, clock: this.#clock, backoff: this.#backoff, maxAttempts: this.#maxAttempts, connectTimeoutMs: this.#connectTimeoutMs, signal: controller.signal,
        onAttempt: (attempt) => this.#onReconnectAttempt(attempt),
        onFailure: (attempt, error, nextAttemptInMs) => this.#listeners.emit({ type: 'reconnect-failed', attempt, error: error.message, nextAttemptInMs, at: this.#clock.now() }),
      });
      if (result.outcome === 'gave-up') {
        this.#gaveUp = true;
        this.#logger.error('gave up reconnecting', { attempts: result.attempts, error: result.error.message });
        this.#listeners.emit({ type: 'reconnect-gave-up', attempts: result.attempts, error: result.error.message, at: this.#clock.now() });
      }
    } finally {
      if (this.#reconnecting === controller) this.#reconnecting = undefined;
    }
    if (!controller.signal.aborted) this.#update();
  }

  /** Drops a link that claims to be up but is silent (F10/F11); a hanging disconnect is not waited for. */
  async #forceDisconnect(): Promise<void> {
    const timeoutError = () => new AppError('timeout', `disconnect did not complete within ${this.#connectTimeoutMs} ms`);
    await withTimeout(this.#clock, this.#broker.disconnect(), this.#connectTimeoutMs, timeoutError).catch((error: unknown) => {
      this.#logger.warn('forced disconnect failed', { error: toAppError(error).message });
    });
  }

  #onReconnectAttempt(attempt: number): void {
    this.#health = { ...this.#health, reconnectAttempts: attempt };
    this.#listeners.emit({ type: 'reconnect-attempt', attempt, at: this.#clock.now() });
  }
}

function positive(name: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0) throw new AppError('validation', `watchdog ${name} must be a finite number > 0, got ${String(value)}`);
  return value;
}
