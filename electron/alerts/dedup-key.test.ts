import { describe, expect, it } from 'vitest';
import { dedupKeyFor, MAXIMUM_DEDUP_KEY_LENGTH } from './dedup-key.ts';

describe('dedupKeyFor', () => {
  it('when no key is given, then the key is the source and the message', () => {
    expect(dedupKeyFor('risk', 'halted', undefined)).toBe('risk|halted');
    expect(dedupKeyFor('risk', 'halted', ' ')).toBe('risk|halted');
    expect(dedupKeyFor('risk', 'halted', 'risk:halted')).toBe('risk:halted');
  });

  it('when the key is too long, then it keeps a head and a hash of the whole, so different keys stay different', () => {
    const a = dedupKeyFor('risk', `${'x'.repeat(300)}a`, undefined);
    const b = dedupKeyFor('risk', `${'x'.repeat(300)}b`, undefined);
    expect(a.length).toBeLessThanOrEqual(MAXIMUM_DEDUP_KEY_LENGTH);
    expect(a).not.toBe(b);
    expect(a).toBe(dedupKeyFor('risk', `${'x'.repeat(300)}a`, undefined));
  });
});
