// The journaled writes of strategies, decisions, alerts, risk events and position snapshots
// (used through TradingStore, trading-store.ts). Each method appends its journal entry and
// writes its repository in one transaction. An illegal strategy status change is journaled as
// 'strategy.refused' and returned as { ok: false }, never applied.
import { createAlert, type Alert } from '../../shared/domain/alert.ts';
import { createDecision, type Decision } from '../../shared/domain/decision.ts';
import type { AlertId } from '../../shared/domain/ids.ts';
import { createStrategy, nextStrategyStatus, type Strategy } from '../../shared/domain/strategy.ts';
import type { Clock } from '../core/clock.ts';
import { AppError } from '../core/errors.ts';
import { AlertRepository } from './alert.repository.ts';
import type { AppDatabase } from './database.ts';
import { DecisionRepository } from './decision.repository.ts';
import type { JournalEntry } from './journal/journal.types.ts';
import type { TradingJournalPayloads, TradingJournalType } from './journal/trading-entry-types.ts';
import { PositionSnapshotRepository, type NewPositionSnapshot, type PositionSnapshot } from './position-snapshot.repository.ts';
import type { RiskEvent, RiskEventInput } from './risk-event.ts';
import { RiskEventRepository } from './risk-event.repository.ts';
import { fixedParts } from './strategy-rows.ts';
import { StrategyRepository } from './strategy.repository.ts';
import { toStoredJson } from './stored-json.ts';
import { validated } from './stored-row.ts';

export type StrategyUpdateResult =
  | { readonly ok: true; readonly strategy: Strategy; readonly changed: boolean }
  | { readonly ok: false; readonly strategy: Strategy; readonly error: string };

export type RollResult =
  | { readonly ok: true; readonly rolledAway: Strategy; readonly successor: Strategy }
  | { readonly ok: false; readonly strategy: Strategy; readonly error: string };

type Append = <Type extends TradingJournalType>(type: Type, payload: TradingJournalPayloads[Type]) => JournalEntry;

// Read views: writes go through the journaled methods below, never straight to a repository.
export type StrategyReads = Pick<StrategyRepository, 'get' | 'listActive' | 'listByUnderlying' | 'listAll'>;
export type DecisionReads = Pick<DecisionRepository, 'get' | 'listByStrategy' | 'latestForStrategy' | 'listSince'>;
export type AlertReads = Pick<AlertRepository, 'get' | 'listUnacknowledged' | 'findByDedupKeySince' | 'listRecent'>;
export type RiskEventReads = Pick<RiskEventRepository, 'list' | 'latestStateChange'>;
export type PositionSnapshotReads = Pick<PositionSnapshotRepository, 'get' | 'latest' | 'list'>;

export class TradingRecords {
  readonly #strategies: StrategyRepository;
  readonly #decisions: DecisionRepository;
  readonly #alerts: AlertRepository;
  readonly #riskEvents: RiskEventRepository;
  readonly #positionSnapshots: PositionSnapshotRepository;
  readonly #database: AppDatabase;
  readonly #clock: Clock;
  readonly #append: Append;

  constructor(database: AppDatabase, clock: Clock, append: Append) {
    this.#database = database;
    this.#clock = clock;
    this.#append = append;
    this.#strategies = new StrategyRepository(database, clock);
    this.#decisions = new DecisionRepository(database);
    this.#alerts = new AlertRepository(database);
    this.#riskEvents = new RiskEventRepository(database);
    this.#positionSnapshots = new PositionSnapshotRepository(database);
  }

  get strategies(): StrategyReads {
    return this.#strategies;
  }

  get decisions(): DecisionReads {
    return this.#decisions;
  }

  get alerts(): AlertReads {
    return this.#alerts;
  }

  get riskEvents(): RiskEventReads {
    return this.#riskEvents;
  }

  get positionSnapshots(): PositionSnapshotReads {
    return this.#positionSnapshots;
  }

  recordStrategyCreated(strategy: Strategy): Strategy {
    const checked = validated(`strategy '${String(strategy?.id)}'`, () => createStrategy(strategy));
    return this.#database.transaction(() => {
      this.#append('strategy.created', { strategy: checked });
      return this.#strategies.insert(checked);
    });
  }

  /** Stores the new state of a strategy; an illegal status change is journaled as refused and returned as { ok: false }. */
  recordStrategyUpdate(next: Strategy): StrategyUpdateResult {
    const checked = validated(`strategy '${String(next?.id)}'`, () => createStrategy(next));
    return this.#database.transaction(() => {
      const current = this.#requireStrategy(checked);
      const refusal = this.#refuseIllegal(current, checked);
      if (refusal !== undefined) return refusal;
      if (toStoredJson(current, 'strategy') === toStoredJson(checked, 'strategy')) return { ok: true, strategy: current, changed: false };
      this.#append('strategy.updated', { strategy: checked, previousStatus: current.status });
      return { ok: true, strategy: this.#strategies.update(checked).after, changed: true };
    });
  }

  /**
   * A roll in one transaction: the successor is stored and the rolled-away strategy becomes
   * ROLLED. They must name each other (rolledToId / rolledFromId) and the successor's roll
   * history must end with the rolled-away strategy ('validation' otherwise).
   */
  recordStrategyRoll(rolledAway: Strategy, successor: Strategy): RollResult {
    const away = validated(`strategy '${String(rolledAway?.id)}'`, () => createStrategy(rolledAway));
    const next = validated(`strategy '${String(successor?.id)}'`, () => createStrategy(successor));
    requireRollLinks(away, next);
    return this.#database.transaction(() => {
      const current = this.#requireStrategy(away);
      const refusal = this.#refuseIllegal(current, away);
      if (refusal !== undefined) return { ok: false, strategy: refusal.strategy, error: refusal.error };
      this.#append('strategy.rolled', { rolledAway: away, successor: next });
      const stored = this.#strategies.insert(next);
      return { ok: true, rolledAway: this.#strategies.update(away).after, successor: stored };
    });
  }

  recordDecision(decision: Decision): Decision {
    const checked = validated(`decision '${String(decision?.id)}'`, () => createDecision(decision));
    return this.#database.transaction(() => {
      this.#append('decision.recorded', { decision: checked });
      return this.#decisions.insert(checked);
    });
  }

  recordAlert(alert: Alert): Alert {
    const checked = validated(`alert '${String(alert?.id)}'`, () => createAlert(alert));
    return this.#database.transaction(() => {
      this.#append('alert.raised', { alert: checked });
      return this.#alerts.insert(checked);
    });
  }

  /** Acknowledges an alert now; acknowledging again keeps the first time and writes nothing. */
  acknowledgeAlert(alertId: AlertId): { readonly alert: Alert; readonly changed: boolean } {
    const now = this.#clock.now();
    return this.#database.transaction(() => {
      const result = this.#alerts.acknowledge(alertId, now);
      if (result.changed) this.#append('alert.acknowledged', { alertId, acknowledgedAt: now });
      return result;
    });
  }

  /** Stores the event (validated first: nothing is written for a bad one) and journals it with its id. */
  recordRiskEvent(input: RiskEventInput): RiskEvent {
    return this.#database.transaction(() => {
      const event = this.#riskEvents.append(input);
      this.#append('risk.event', { event });
      return event;
    });
  }

  recordPositionSnapshot(input: NewPositionSnapshot): PositionSnapshot {
    return this.#database.transaction(() => {
      const snapshot = this.#positionSnapshots.insert(input);
      this.#append('positions.snapshot', { snapshotId: snapshot.id, source: snapshot.source, takenAt: snapshot.takenAt, positions: snapshot.positions.length });
      return snapshot;
    });
  }

  #requireStrategy(strategy: Strategy): Strategy {
    const current = this.#strategies.get(strategy.id);
    if (current === undefined) throw new AppError('not-found', `strategy '${strategy.id}' is not stored`);
    return current;
  }

  #refuseIllegal(current: Strategy, next: Strategy): { ok: false; strategy: Strategy; error: string } | undefined {
    const transition = nextStrategyStatus(current.status, next.status);
    if (transition.ok) return undefined;
    this.#append('strategy.refused', { strategyId: current.id, from: current.status, to: next.status, error: transition.error, time: this.#clock.now() });
    return { ok: false, strategy: current, error: transition.error };
  }
}

function requireRollLinks(away: Strategy, next: Strategy): void {
  const last = next.rollHistory.at(-1);
  if (away.status !== 'ROLLED' || away.rolledToId !== next.id || next.rolledFromId !== away.id || last?.fromStrategyId !== away.id) {
    throw new AppError('validation', `roll of strategy '${away.id}' into '${next.id}': the rolled strategy must be ROLLED with rolledToId '${next.id}', and the successor must have rolledFromId '${away.id}' and end its roll history with it`);
  }
  if (fixedParts(away) === fixedParts(next)) throw new AppError('validation', `roll of strategy '${away.id}': the successor must be a different strategy`);
}
