// Per-strategy facts the strategy record has no column for, kept as one JSON setting per
// strategy ('workflows.strategy.<id>') in the app database, so they survive a restart: the IV rank
// when the strategy was opened (R10 compares against it), the roll order that opened a successor
// (its opening legs are the successor's entry), and the decision behind the last exit request (a
// roll's history names it). A stored value of the wrong shape fails fast: corrupt data is worse
// than no data.
import { parseDecisionId, parseOrderId, type DecisionId, type OrderId, type StrategyId } from '../../shared/domain/ids.ts';
import { AppError } from '../core/errors.ts';
import type { JsonValue } from '../persistence/json-text.ts';

export interface StrategyNotes {
  readonly ivRankAtEntry?: number | undefined;
  readonly openedByOrderId?: OrderId | undefined;
  readonly exitDecisionId?: DecisionId | undefined;
}

export interface SettingsPort {
  get(key: string): JsonValue | undefined;
  set(key: string, value: JsonValue): void;
}

const keyOf = (id: StrategyId): string => `workflows.strategy.${id}`;

function corrupt(id: StrategyId, what: string, value: unknown): never {
  throw new AppError('corrupt-data', `the workflow notes of strategy '${id}' are corrupt: ${what} is ${JSON.stringify(value)}`);
}

function readNotes(id: StrategyId, value: JsonValue | undefined): StrategyNotes {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) corrupt(id, 'the value', value);
  const { ivRankAtEntry, openedByOrderId, exitDecisionId } = value;
  if (ivRankAtEntry !== undefined && (typeof ivRankAtEntry !== 'number' || !(ivRankAtEntry >= 0 && ivRankAtEntry <= 100))) corrupt(id, 'ivRankAtEntry', ivRankAtEntry);
  try {
    return {
      ivRankAtEntry: ivRankAtEntry as number | undefined,
      openedByOrderId: openedByOrderId === undefined ? undefined : parseOrderId(openedByOrderId),
      exitDecisionId: exitDecisionId === undefined ? undefined : parseDecisionId(exitDecisionId),
    };
  } catch {
    return corrupt(id, 'an id', value);
  }
}

function toJson(notes: StrategyNotes): JsonValue {
  const json: Record<string, JsonValue> = {};
  for (const [name, value] of Object.entries(notes)) if (value !== undefined) json[name] = value as JsonValue;
  return json;
}

export class StrategyNotebook {
  readonly #settings: SettingsPort;

  constructor(settings: SettingsPort) {
    this.#settings = settings;
  }

  get(id: StrategyId): StrategyNotes {
    return readNotes(id, this.#settings.get(keyOf(id)));
  }

  /** Merges `patch` into the stored notes: a key given (even as undefined) replaces that note. */
  update(id: StrategyId, patch: StrategyNotes): StrategyNotes {
    const next: StrategyNotes = { ...this.get(id), ...patch };
    this.#settings.set(keyOf(id), toJson(next));
    return next;
  }
}
