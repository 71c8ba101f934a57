import { describe, expect, it } from 'vitest';
import { AppError } from './errors.ts';
import { createLogger, formatLogLine, MemorySink } from './logger.ts';
import { TestClock } from './test-clock.ts';

const epoch = Date.UTC(2025, 0, 6, 14, 30);

describe('logger', () => {
  it('when a record is written, then it carries the clock time, level, message, component and fields', () => {
    const clock = new TestClock(epoch);
    const sink = new MemorySink();
    const logger = createLogger({ clock, sink, component: 'oms' });
    logger.info('order saved', { orderId: 'A1' });
    expect(sink.records).toEqual([{ time: '2025-01-06T14:30:00.000Z', level: 'info', message: 'order saved', component: 'oms', orderId: 'A1' }]);
    expect(JSON.parse(sink.lines()[0] ?? '')).toEqual(sink.records[0]);
  });

  it('when a child logger is made, then its context is added to every record and the parent is unchanged', () => {
    const sink = new MemorySink();
    const root = createLogger({ clock: new TestClock(epoch), sink, component: 'broker' });
    const child = root.child({ component: 'ib', connectionId: 7 });
    child.warn('reconnecting');
    root.warn('plain');
    expect(sink.records[0]).toMatchObject({ component: 'ib', connectionId: 7, message: 'reconnecting' });
    expect(sink.records[1]).toEqual({ time: '2025-01-06T14:30:00.000Z', level: 'warn', message: 'plain', component: 'broker' });
  });

  it('when records are below the level, then they are dropped, and setLevel changes the whole tree', () => {
    const sink = new MemorySink();
    const root = createLogger({ clock: new TestClock(0), sink, level: 'warn' });
    const child = root.child({ component: 'x' });
    child.debug('d');
    child.info('i');
    child.error('e');
    root.setLevel('debug');
    child.debug('d2');
    expect(sink.records.map((record) => record.message)).toEqual(['e', 'd2']);
    expect(root.isEnabled('debug')).toBe(true);
  });

  it('when a field is an error, then it is logged as plain data with code and category', () => {
    const sink = new MemorySink();
    const logger = createLogger({ clock: new TestClock(0), sink });
    logger.error('submit failed', { error: new AppError('rate-limited', 'pacing', { details: { requests: 51 } }) });
    expect(sink.records[0]?.error).toMatchObject({ name: 'AppError', message: 'pacing', code: 'rate-limited', category: 'retryable', details: { requests: 51 } });
  });

  it('when a field uses a reserved name, then it cannot overwrite the record keys', () => {
    const sink = new MemorySink();
    createLogger({ clock: new TestClock(0), sink }).info('real message', { message: 'spoof', level: 'error' });
    expect(sink.records[0]).toMatchObject({ message: 'real message', level: 'info', 'field.message': 'spoof', 'field.level': 'error' });
  });

  it('when a record holds a bigint or a cycle, then formatting still produces one JSON line', () => {
    const cyclic: Record<string, unknown> = { name: 'loop' };
    cyclic.self = cyclic;
    const line = formatLogLine({ time: 't', level: 'info', message: 'm', big: 10n, cyclic });
    expect(line).not.toContain('\n');
    expect(JSON.parse(line)).toMatchObject({ big: '10', cyclic: { name: 'loop', self: '[Circular]' } });
  });
});
