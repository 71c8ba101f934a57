// Dedup keys: the stored column holds at most 200 characters, so a longer key (a long message
// as the default key, or a caller's long key) keeps a readable head and a hash of the whole.
import { createHash } from 'node:crypto';

export const MAXIMUM_DEDUP_KEY_LENGTH = 200;
const headLength = 150;

/** The key to store for a raise: the caller's key, else `source|message`; never longer than 200 characters. */
export function dedupKeyFor(source: string, message: string, dedupKey: string | undefined): string {
  const key = dedupKey !== undefined && dedupKey.trim().length > 0 ? dedupKey : `${source}|${message}`;
  if (key.length <= MAXIMUM_DEDUP_KEY_LENGTH) return key;
  const hash = createHash('sha256').update(key).digest('hex').slice(0, 40);
  return `${key.slice(0, headLength)}#${hash}`;
}
