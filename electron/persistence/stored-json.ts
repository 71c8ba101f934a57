// JSON for domain objects. Domain objects spell "absent" as a property holding undefined
// (brokerContractId: undefined), which toJsonText rightly refuses (JSON.stringify would drop it
// silently); here such properties are left out on purpose, and the domain restore functions
// read a missing property back as undefined. Everything else toJsonText checks as usual.
import { toJsonText } from './json-text.ts';

/** A copy of `value` without object properties that hold undefined (arrays keep their elements). */
export function withoutUndefined(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutUndefined);
  if (!isPlainObject(value)) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, property] of Object.entries(value)) {
    if (property !== undefined) copy[key] = withoutUndefined(property);
  }
  return copy;
}

/** JSON text of a domain object with its undefined properties left out; refuses NaN, BigInt, … like toJsonText. */
export function toStoredJson(value: unknown, what: string | (() => string), rootName = 'value'): string {
  return toJsonText(withoutUndefined(value), what, rootName);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}
