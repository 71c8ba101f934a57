// JSON text for storage: values are checked before anything is written, because JSON.stringify
// silently drops undefined and functions, turns NaN/Infinity into null and Maps into {}, and
// throws late on BigInt or cycles. Stored data must read back as exactly what was written.
import { AppError } from '../core/errors.ts';

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

type Problem = { path: Array<string | number>; reason: string };

/**
 * Serialises `value` to JSON text or throws a 'validation' AppError naming `what` (a function
 * is called only on failure, to keep the hot path free of string building) and the first
 * offending path from `rootName`, e.g. "… is not JSON-serialisable: payload.legs[1].strike is NaN".
 * Objects with toJSON() (Date, …) are serialised through it, as JSON.stringify would.
 */
export function toJsonText(value: unknown, what: string | (() => string), rootName = 'value'): string {
  const problem = findProblem(value, '', 0);
  if (problem) {
    const subject = typeof what === 'string' ? what : what();
    throw new AppError('validation', `${subject} is not JSON-serialisable: ${formatPath(rootName, problem.path)} ${problem.reason}`);
  }
  return JSON.stringify(value);
}

/** Parses stored JSON text; a parse failure is corrupt data ('corrupt-data', naming `where`). */
export function parseJsonText(text: string, where: string): JsonValue {
  try {
    return JSON.parse(text) as JsonValue;
  } catch (error) {
    throw new AppError('corrupt-data', `${where} holds invalid JSON: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

/** Deeper than this is refused: no real payload nests so deep, and it stops cycles without a Set per call. */
const maxDepth = 64;

function findProblem(value: unknown, key: string | number, depth: number): Problem | undefined {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return undefined;
    case 'number':
      return Number.isFinite(value) ? undefined : { path: [], reason: `is ${String(value)}` };
    case 'undefined':
      return { path: [], reason: 'is undefined' };
    case 'bigint':
      return { path: [], reason: 'is a BigInt (store it as a string)' };
    case 'function':
      return { path: [], reason: 'is a function' };
    case 'symbol':
      return { path: [], reason: 'is a symbol' };
    default:
      if (value === null) return undefined;
      if (depth >= maxDepth) return { path: [], reason: `is nested more than ${maxDepth} levels deep (does it refer back to itself?)` };
      return findObjectProblem(value as object, key, depth + 1);
  }
}

function findObjectProblem(value: object, key: string | number, depth: number): Problem | undefined {
  const toJson = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJson === 'function') return findProblem(toJson.call(value, String(key)), key, depth - 1);
  if (Array.isArray(value)) return findArrayProblem(value, depth);
  const prototype = Object.getPrototypeOf(value) as unknown;
  // The common case first: a plain object needs only its own properties checked.
  if (prototype === Object.prototype || prototype === null) return findPropertyProblem(value as Record<string, unknown>, depth);
  if (value instanceof Map || value instanceof Set || value instanceof WeakMap || value instanceof WeakSet) {
    return { path: [], reason: `is a ${value.constructor.name} (JSON would store it as {})` };
  }
  return findPropertyProblem(value as Record<string, unknown>, depth);
}

function findArrayProblem(value: readonly unknown[], depth: number): Problem | undefined {
  for (let index = 0; index < value.length; index++) {
    const problem = findProblem(value[index], index, depth);
    if (problem) {
      problem.path.unshift(index);
      return problem;
    }
  }
  return undefined;
}

function findPropertyProblem(value: Record<string, unknown>, depth: number): Problem | undefined {
  for (const key of Object.keys(value)) {
    const problem = findProblem(value[key], key, depth);
    if (problem) {
      problem.path.unshift(key);
      return problem;
    }
  }
  return undefined;
}

function formatPath(root: string, path: ReadonlyArray<string | number>): string {
  let text = root;
  for (const part of path) text += typeof part === 'number' ? `[${part}]` : /^[A-Za-z_$][\w$]*$/.test(part) ? `.${part}` : `[${JSON.stringify(part)}]`;
  return text;
}
