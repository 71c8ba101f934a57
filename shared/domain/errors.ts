/**
 * The one error every domain constructor throws for bad input. `field` names the offending
 * input (a path such as `legs[1].ratio` for nested values) so callers, logs and the UI can
 * point at it; the message always names the field and shows the bad value.
 */
export class DomainValidationError extends Error {
  readonly field: string;
  readonly value: unknown;

  constructor(field: string, message: string, value?: unknown) {
    super(message);
    this.name = 'DomainValidationError';
    this.field = field;
    this.value = value;
  }
}

const maximumDescriptionLength = 80;

/** Renders a bad value for an error message: strings quoted, numbers as JS prints them (NaN, Infinity). */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'number' || typeof value === 'boolean' || value === undefined || value === null) {
    return String(value);
  }
  if (typeof value === 'function' || typeof value === 'symbol') return typeof value;
  let text: string;
  try {
    text = JSON.stringify(value) ?? typeof value;
  } catch {
    text = Object.prototype.toString.call(value);
  }
  return text.length > maximumDescriptionLength ? `${text.slice(0, maximumDescriptionLength)}…` : text;
}

/** Throws a DomainValidationError whose message reads `<field> <requirement>, got <value>`. */
export function invalid(field: string, requirement: string, value: unknown): never {
  throw new DomainValidationError(field, `${field} ${requirement}, got ${describeValue(value)}`, value);
}
