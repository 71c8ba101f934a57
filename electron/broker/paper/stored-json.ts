// JSON text for the paper store: undefined fields are dropped first (JSON has no undefined and
// the domain's optional fields read back as absent, which means the same), then toJsonText
// refuses anything else JSON cannot hold exactly (NaN, Infinity, BigInt, …).
import { toJsonText } from '../../persistence/json-text.ts';

function withoutUndefined(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutUndefined);
  if (typeof value !== 'object' || value === null) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(value)) if (entry !== undefined) copy[key] = withoutUndefined(entry);
  return copy;
}

export function toStoredJson(value: unknown, what: string): string {
  return toJsonText(withoutUndefined(value), what);
}

/** A plain, JSON-round-tripped copy: what a value looks like after it was stored and read back. */
export function storedCopy<T>(value: T, what: string): T {
  return JSON.parse(toStoredJson(value, what)) as T;
}
