import { describe, expect, it } from 'vitest';
import { keyCommand } from './headless-keys.ts';

describe('keyCommand', () => {
  it.each([
    ['k', 'kill'],
    ['K', 'kill-and-flatten'],
    ['r', 'rearm'],
    ['a', 'autopilot'],
    ['q', 'stop'],
    ['\u0003', 'stop'],
  ])('when %j is pressed, then the command is %s', (key, command) => {
    expect(keyCommand(key)).toBe(command);
  });

  it('when any other key is pressed, then nothing happens', () => {
    expect(keyCommand('x')).toBeUndefined();
    expect(keyCommand('kk')).toBeUndefined();
  });
});
