// The risk governor: the gate no order bypasses (PreTradeGate), the trading state (ACTIVE /
// REDUCING / HALTED) and the daily loss circuit breaker. See README.md for the choices.
//
// Order of effects, on purpose:
// - halt(): the in-memory state changes FIRST (the gate is closed when halt returns, even if
//   the disk is failing), then it is saved, journaled and published.
// - rearm()/resume(): journaled FIRST; if the journal refuses, the state stays halted.
// - check(): a denial is journaled and published, then returned; an allowed order is counted
//   (rate, duplicate window, new positions, reservations) before check returns.
import { createRiskLimits, type RiskLimits, type RiskState } from '../../shared/domain/risk.ts';
import { requireFiniteNumber } from '../../shared/domain/validate.ts';
import type { Logger } from '../core/logger.ts';
import { dailyLoss, describeDailyLoss, type DailyLoss } from './checks/daily-loss.check.ts';
import type { AccountSummary } from '../../shared/domain/account.ts';
import { FlattenGate } from './flatten-gate.ts';
import { OrderGate } from './order-gate.ts';
import type { GateVerdict, OrderIntent, PreTradeGate } from './pre-trade-gate.ts';
import { dayAt, withNewPosition, type RiskDay } from './risk-day.ts';
import type { GovernorAccess } from './governor-access.ts';
import { readAccount, readPositions } from './risk-facts.ts';
import type { RiskChangeCause } from './risk-events.ts';
import type { OrderIdLookup, RiskEventPublisher, RiskInputs, RiskJournal } from './risk-inputs.ts';
import { RiskRecorder } from './risk-recorder.ts';
import { parseStoredRiskState, type RiskStateStore } from './risk-state-store.ts';
import { riskStateView } from './risk-state-view.ts';
import { EMPTY_SECTOR_MAP, type SectorMap } from './sector-map.ts';
import { ACTIVE_CONTROL, haltedControl, reducingControl, resumedControl, sameControl, type TradingControl } from './trading-control.ts';

export interface RiskGovernorConfig {
  readonly inputs: RiskInputs;
  /** Validated again with createRiskLimits. */
  readonly limits: RiskLimits;
  readonly events: RiskEventPublisher;
  readonly journal: RiskJournal;
  /** Keeps the day's baseline, counters and the trading state across restarts (settingsRiskStateStore). */
  readonly stateStore?: RiskStateStore | undefined;
  readonly orderIdOf?: OrderIdLookup | undefined;
  readonly sectors?: SectorMap | undefined;
  /** Share of net liquidation at risk per sector; default limits.maxConcentrationPerUnderlying. */
  readonly maxConcentrationPerSector?: number | undefined;
  /** An account summary older than this denies with STALE_DATA. Default 5 minutes (IB updates every 3). */
  readonly accountMaxAgeMs?: number | undefined;
  /** How long an admitted new position holds its slot before it shows in positions. Default 5 minutes. */
  readonly positionReservationMs?: number | undefined;
  readonly logger?: Logger | undefined;
}

export interface HaltOptions {
  /** Default true: only rearm() resets a latched halt. */
  readonly latched?: boolean;
  /** What fired it ('shortcut', 'tray', 'button', 'api', 'rule:r07', …); default 'api'. Journaled as a HALT event. */
  readonly trigger?: string;
}

export interface ControlResult {
  readonly changed: boolean;
  readonly state: RiskState;
}

export type ReleaseResult =
  | { readonly ok: true; readonly changed: boolean; readonly state: RiskState }
  | { readonly ok: false; readonly reason: string; readonly state: RiskState };

const DEFAULT_ACCOUNT_MAX_AGE_MS = 300_000;
const DEFAULT_RESERVATION_MS = 300_000;

export class RiskGovernor implements PreTradeGate {
  /** The kill switch's gate for flatten orders while HALTED (flatten-gate.ts). Hand it to the kill switch only. */
  readonly flattenGate: PreTradeGate;
  readonly #inputs: RiskInputs;
  readonly #limits: RiskLimits;
  readonly #store: RiskStateStore | undefined;
  readonly #recorder: RiskRecorder;
  readonly #orders: OrderGate;
  #control: TradingControl = ACTIVE_CONTROL;
  #day: RiskDay;
  #reconciled = false;
  #unreconciledReason: string | undefined = 'not reconciled since start';

  constructor(config: RiskGovernorConfig) {
    this.#inputs = config.inputs;
    this.#limits = createRiskLimits(config.limits);
    this.#store = config.stateStore;
    this.#recorder = new RiskRecorder(config.journal, config.events, config.orderIdOf, config.logger?.child({ component: 'risk-governor' }));
    this.#orders = new OrderGate({
      inputs: config.inputs,
      limits: this.#limits,
      sectors: config.sectors ?? EMPTY_SECTOR_MAP,
      maxConcentrationPerSector: requireFraction(config.maxConcentrationPerSector ?? this.#limits.maxConcentrationPerUnderlying, 'maxConcentrationPerSector'),
      accountMaxAgeMs: requireFiniteNumber(config.accountMaxAgeMs ?? DEFAULT_ACCOUNT_MAX_AGE_MS, 'accountMaxAgeMs'),
      positionReservationMs: requireFiniteNumber(config.positionReservationMs ?? DEFAULT_RESERVATION_MS, 'positionReservationMs'),
      governor: this.#gateAccess(),
    });
    this.flattenGate = new FlattenGate(this.#orders);
    this.#day = { tradingDay: this.#inputs.tradingDayOf(this.#now()), startOfDayNetLiquidation: undefined, newPositionsToday: 0 };
    this.#restore();
  }

  get limits(): RiskLimits {
    return this.#limits;
  }

  check(intent: OrderIntent): GateVerdict {
    return this.#orders.check(intent, 'automation');
  }

  /** Counts a cancel request in the order-rate throttle (cancels are never refused). */
  recordCancel(): void {
    this.#orders.recordMessage(this.#now());
  }

  state(): RiskState {
    const now = this.#now();
    this.#rollDay(now, readAccount(this.#inputs));
    return this.#view(now);
  }

  /** Re-reads the account: rolls the day at the session boundary and trips the daily loss breaker. Call on every account update. */
  refresh(): RiskState {
    const now = this.#now();
    this.#evaluateDay(now, readAccount(this.#inputs));
    return this.#view(now);
  }

  /** HALTED at once (synchronous; the gate is closed when this returns). Journaled as a HALT event every time it is called. */
  halt(reason: string, options: HaltOptions = {}): ControlResult {
    const now = this.#now();
    const previous = this.#control;
    const why = text(reason, 'halted');
    this.#control = haltedControl(previous, why, options.latched ?? true); // the gate is closed from here on
    const changed = !sameControl(previous, this.#control);
    if (changed) this.#save(now);
    const trigger = triggerText(options.trigger);
    const change = { time: now, cause: 'halt' as const, reason: why, by: trigger, previous, state: this.#view(now), trigger };
    this.#recorder.change(change);
    this.#recorder.announce(change);
    return { changed, state: change.state };
  }

  /** REDUCING: only orders that reduce positions pass. Ignored while HALTED (a halt is never softened). */
  reduceOnly(reason: string, options: { readonly latched?: boolean } = {}): ControlResult {
    const why = text(reason, 'reduce-only');
    return this.#apply('reduce-only', reducingControl(this.#control, why, options.latched ?? false), why, undefined);
  }

  /** Back to ACTIVE from a state that is not latched (automation may call this). */
  resume(by: string): ReleaseResult {
    return this.#release('resume', by);
  }

  /** The explicit human reset of any state, latched or not; refused while the daily loss breach still holds. */
  rearm(by: string): ReleaseResult {
    return this.#release('rearm', by);
  }

  markReconciled(): void {
    if (this.#reconciled) return;
    this.#setReconciled(true, undefined, 'reconciled', 'broker state reconciled: automation may trade');
  }

  markUnreconciled(reason: string): void {
    const why = text(reason, 'not reconciled');
    if (!this.#reconciled && this.#unreconciledReason === why) return;
    this.#setReconciled(false, why, 'unreconciled', `broker state not reconciled: ${why}`);
  }

  #release(cause: 'resume' | 'rearm', by: string): ReleaseResult {
    const now = this.#now();
    const who = typeof by === 'string' && by.trim().length > 0 ? by.trim().slice(0, 100) : undefined;
    if (who === undefined) return this.#refuse(now, '(nobody)', `${cause} refused: it needs who asks for it`);
    const loss = this.#evaluateDay(now, readAccount(this.#inputs));
    if (loss?.breached === true) return this.#refuse(now, who, `${cause} refused: ${describeDailyLoss(loss, this.#limits.dailyLossFraction)}, and the breach still holds`);
    const release = cause === 'rearm' ? { ok: true as const, control: ACTIVE_CONTROL } : resumedControl(this.#control);
    if (!release.ok) return this.#refuse(now, who, `${cause} refused: ${release.reason}`);
    if (sameControl(this.#control, release.control)) return { ok: true, changed: false, state: this.#view(now) };
    const state = { ...this.#view(now), tradingState: release.control.tradingState, haltReason: release.control.reason, latched: release.control.latched };
    const change = { time: now, cause, reason: `${cause === 'rearm' ? 'rearmed' : 'resumed'} by ${who}`, by: who, previous: this.#control, state };
    // Journal first: a reset nobody can audit does not happen.
    if (!this.#recorder.change(change)) return this.#refuse(now, who, `${cause} refused: the journal could not record it`);
    this.#control = release.control;
    this.#save(now);
    this.#recorder.announce(change);
    return { ok: true, changed: true, state };
  }

  #refuse(now: number, by: string, reason: string): ReleaseResult {
    const state = this.#view(now);
    this.#recorder.publish('risk.rearm-refused', { time: now, by, reason, state });
    return { ok: false, reason, state };
  }

  #apply(cause: RiskChangeCause, next: TradingControl, reason: string, by: string | undefined): ControlResult {
    const now = this.#now();
    const previous = this.#control;
    if (sameControl(previous, next)) return { changed: false, state: this.#view(now) };
    this.#control = next;
    this.#save(now);
    const change = { time: now, cause, reason, by, previous, state: this.#view(now) };
    this.#recorder.change(change);
    this.#recorder.announce(change);
    return { changed: true, state: change.state };
  }

  #setReconciled(reconciled: boolean, reason: string | undefined, cause: RiskChangeCause, message: string): void {
    const now = this.#now();
    this.#reconciled = reconciled;
    this.#unreconciledReason = reason;
    const change = { time: now, cause, reason: message, by: undefined, previous: this.#control, state: this.#view(now) };
    this.#recorder.change(change);
    this.#recorder.announce(change);
  }

  /** Rolls the day, then trips the breaker when the day's loss reaches the limit. Returns the day's loss when known. */
  #evaluateDay(now: number, account: AccountSummary | undefined): DailyLoss | undefined {
    this.#rollDay(now, account);
    const start = this.#day.startOfDayNetLiquidation;
    if (account === undefined || start === undefined) return undefined;
    const loss = dailyLoss(account.netLiquidation, start, this.#limits.dailyLossFraction);
    if (loss.breached) {
      const reason = `daily loss circuit breaker: ${describeDailyLoss(loss, this.#limits.dailyLossFraction)}`;
      this.#apply('daily-loss', haltedControl(this.#control, reason, true), reason, undefined);
    }
    return loss;
  }

  #rollDay(now: number, account: AccountSummary | undefined): void {
    const next = dayAt(this.#day, this.#inputs.tradingDayOf(now), account?.netLiquidation);
    if (next === this.#day) return;
    this.#day = next;
    this.#save(now);
  }

  #restore(): void {
    if (this.#store === undefined) return;
    try {
      const stored = this.#store.load();
      if (stored === undefined || stored === null) return;
      const { day, control } = parseStoredRiskState(stored);
      this.#day = day;
      this.#control = control;
    } catch (error) {
      const reason = `stored risk state unreadable (${error instanceof Error ? error.message : String(error)}): halted until rearmed`;
      this.#apply('restore-failed', haltedControl(this.#control, reason, true), reason, undefined);
    }
  }

  #save(now: number): void {
    if (this.#store === undefined) return;
    try {
      this.#store.save({ day: this.#day, control: this.#control });
    } catch (error) {
      this.#recorder.failed(now, 'save the risk state', error);
    }
  }

  #view(now: number): RiskState {
    return riskStateView({
      now,
      control: this.#control,
      day: this.#day,
      account: readAccount(this.#inputs),
      positions: readPositions(this.#inputs),
      reconciled: this.#reconciled,
      quoteOf: this.#inputs.quote,
      staleDataMs: this.#limits.staleDataMs,
    });
  }

  #now(): number {
    return this.#inputs.clock.now();
  }

  /** What the gates may read and change of the governor. */
  #gateAccess(): GovernorAccess {
    return {
      now: () => this.#now(),
      control: () => this.#control,
      reconciled: () => ({ reconciled: this.#reconciled, reason: this.#unreconciledReason }),
      day: () => this.#day,
      evaluateDay: (now, account) => this.#evaluateDay(now, account),
      countNewPosition: (now) => {
        this.#day = withNewPosition(this.#day);
        this.#save(now);
      },
      recorder: this.#recorder,
    };
  }
}

function text(value: unknown, fallback: string): string {
  return typeof value === 'string' && value.trim().length > 0 ? value : fallback;
}

function triggerText(trigger: unknown): string {
  return typeof trigger === 'string' && trigger.trim().length > 0 ? trigger.trim().slice(0, 100) : 'api';
}

function requireFraction(value: number, field: string): number {
  const fraction = requireFiniteNumber(value, field);
  if (fraction <= 0 || fraction > 1) throw new RangeError(`${field} must be a fraction greater than 0 and at most 1, got ${fraction}`);
  return fraction;
}
