import { afterEach, describe, expect, it } from 'vitest';
import { createAlert, type Alert } from '../../shared/domain/alert.ts';
import { TestClock } from '../core/test-clock.ts';
import { createLogger, MemorySink } from '../core/logger.ts';
import { AlertSinkFanOut, createTextAlertSink, formatAlertLine, type AlertSink } from './alert-sink.ts';
import { AlertWorld } from './testing/alert-world.ts';

const alert: Alert = createAlert({ id: 'alert-7', severity: 'critical', source: 'broker', message: 'connection down', createdAt: Date.UTC(2026, 2, 10, 15) });
const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

function recording(name: string, heard: string[]): AlertSink {
  return { name, notify: (given) => heard.push(`${name}:${given.id}`) };
}

describe('AlertSinkFanOut', () => {
  it('when a sink throws or its promise rejects, then the others are still called and each failure is logged', async () => {
    const log = new MemorySink();
    const fanOut = new AlertSinkFanOut(createLogger({ clock: new TestClock(0), sink: log }));
    const heard: string[] = [];
    fanOut.add(recording('first', heard));
    fanOut.add({ name: 'throwing', notify: () => { throw new Error('no display'); } });
    fanOut.add({ name: 'rejecting', notify: (() => Promise.reject(new Error('daemon gone'))) as AlertSink['notify'] });
    fanOut.add(recording('last', heard));
    fanOut.notify(alert);
    await flush();
    expect(heard).toEqual(['first:alert-7', 'last:alert-7']);
    expect(log.records.map((record) => [record.sink, (record.error as { message: string }).message])).toEqual([['throwing', 'no display'], ['rejecting', 'daemon gone']]);
  });

  it('when a sink is removed, then it hears nothing more; an object without notify is refused', () => {
    const fanOut = new AlertSinkFanOut();
    const heard: string[] = [];
    const subscription = fanOut.add(recording('only', heard));
    subscription.dispose();
    fanOut.notify(alert);
    expect(heard).toEqual([]);
    expect(fanOut.size).toBe(0);
    expect(() => fanOut.add({} as AlertSink)).toThrow(/notify/);
  });
});

describe('text sink', () => {
  it('when an alert is written, then it is one line with time, severity, source, message and id', () => {
    const lines: string[] = [];
    createTextAlertSink((line) => lines.push(line)).notify(alert);
    expect(lines).toEqual(['2026-03-10T15:00:00.000Z CRITICAL [broker] connection down (alert alert-7)\n']);
    expect(formatAlertLine(alert)).toBe(lines[0]?.trimEnd());
  });
});

describe('AlertManager with a failing sink', () => {
  let world: AlertWorld | undefined;
  afterEach(() => world?.dispose());

  it('when one sink fails, then raising still succeeds and the other sinks hear the alert', () => {
    const heard: string[] = [];
    world = new AlertWorld({ sinks: [{ name: 'broken', notify: () => { throw new Error('boom'); } }, recording('after', heard)] });
    const result = world.manager.raise({ severity: 'warning', source: 'oms', message: 'illegal transition' });
    expect(result).toMatchObject({ outcome: 'raised', persisted: true });
    expect(world.notified.map((given) => given.id)).toEqual(['alert-1']);
    expect(heard).toEqual(['after:alert-1']);
    expect(world.log.records).toContainEqual(expect.objectContaining({ level: 'error', message: 'an alert sink failed', sink: 'broken' }));
  });

  it('when a sink is added later and then removed, then it hears only the alerts raised in between', () => {
    world = new AlertWorld();
    const heard: string[] = [];
    world.manager.raise({ severity: 'info', source: 'a', message: 'before' });
    const added = world.manager.addSink(recording('late', heard));
    world.manager.raise({ severity: 'info', source: 'a', message: 'during' });
    added.dispose();
    world.manager.raise({ severity: 'info', source: 'a', message: 'after' });
    expect(heard).toEqual(['late:alert-2']);
  });
});
