// The hash chain of the journal: each entry's hash covers the previous entry's hash and every
// field of the entry, so changing, removing or reordering any entry breaks the chain from there on.
import { hash } from 'node:crypto';

/** The prevHash of entry 1. */
export const genesisHash = '0'.repeat(64);

/**
 * SHA-256 (hex) over prevHash, sequence, timestamp, type and payload, newline-separated. The
 * encoding is unambiguous: prevHash is 64 hex digits, sequence and timestamp are integers, the
 * type cannot contain a newline (checked on append) and the payload is last.
 */
export function entryHash(prevHash: string, sequence: number, timestamp: number, type: string, payload: string): string {
  return hash('sha256', `${prevHash}\n${sequence}\n${timestamp}\n${type}\n${payload}`, 'hex');
}

const hexHash = /^[0-9a-f]{64}$/;

export function isHexHash(value: unknown): value is string {
  return typeof value === 'string' && hexHash.test(value);
}
