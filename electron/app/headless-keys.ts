// One keystroke stops everything: in a terminal, the headless runner reads single keys.
//   k  fires the kill switch (halt, cancel every working order)
//   K  fires it and flattens every position with marketable orders
//   r  re-arms after a kill switch (refused while orders still work or the broker is away)
//   a  starts or stops the autopilot
//   q or Ctrl+C  stops the runner cleanly
// (In raw mode Ctrl+C arrives as a key, not as SIGINT.)
import type { Disposable } from '../core/lifecycle.ts';

export type KeyCommand = 'stop' | 'kill' | 'kill-and-flatten' | 'rearm' | 'autopilot';

export function keyCommand(key: string): KeyCommand | undefined {
  switch (key) {
    case '\u0003':
    case 'q':
      return 'stop';
    case 'k':
      return 'kill';
    case 'K':
      return 'kill-and-flatten';
    case 'r':
      return 'rearm';
    case 'a':
      return 'autopilot';
    default:
      return undefined;
  }
}

/** Reads keys from a terminal's standard input; does nothing (undefined) when it is not a terminal. */
export function listenForKeys(onCommand: (command: KeyCommand) => void): Disposable | undefined {
  const input = process.stdin;
  if (!input.isTTY) return undefined;
  input.setRawMode(true);
  input.resume();
  const onData = (chunk: Buffer) => {
    const command = keyCommand(chunk.toString('utf8'));
    if (command !== undefined) onCommand(command);
  };
  input.on('data', onData);
  return {
    dispose: () => {
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
    },
  };
}
