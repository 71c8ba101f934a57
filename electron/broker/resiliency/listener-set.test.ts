import { describe, expect, it } from 'vitest';
import { createLogger, type LogRecord } from '../../core/logger.ts';
import { TestClock } from '../../core/test-clock.ts';
import { ListenerSet } from './listener-set.ts';

describe('ListenerSet', () => {
  it('when a listener throws, then the others still hear the event and the error is logged', () => {
    const records: LogRecord[] = [];
    const logger = createLogger({ clock: new TestClock(0), sink: { write: (record) => records.push(record) } });
    const listeners = new ListenerSet<number>('test', logger);
    const heard: number[] = [];
    listeners.add(() => {
      throw new Error('bad listener');
    });
    listeners.add((event) => heard.push(event));
    listeners.emit(5);
    expect(heard).toEqual([5]);
    expect(records.map((record) => record.message)).toEqual(['a test listener threw']);
  });

  it('when a subscription is disposed, then its listener hears nothing more', () => {
    const listeners = new ListenerSet<number>('test');
    const heard: number[] = [];
    const subscription = listeners.add((event) => heard.push(event));
    listeners.emit(1);
    subscription.dispose();
    listeners.emit(2);
    expect(heard).toEqual([1]);
    expect(listeners.size).toBe(0);
  });
});
