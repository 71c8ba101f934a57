import { describe, expect, it } from 'vitest';
import { AppError } from './errors.ts';
import { Component, DisposableStore, isLegalTransition, toDisposable, type ComponentState } from './lifecycle.ts';
import { TestClock } from './test-clock.ts';

describe('DisposableStore', () => {
  it('when disposed, then items are disposed in reverse order of adding', () => {
    const store = new DisposableStore();
    const order: string[] = [];
    store.addTeardown(() => order.push('first'));
    store.addTeardown(() => order.push('second'));
    store.addTeardown(() => order.push('third'));
    store.dispose();
    expect(order).toEqual(['third', 'second', 'first']);
  });

  it('when disposed twice, then each item is disposed once', () => {
    const store = new DisposableStore();
    let count = 0;
    store.addTeardown(() => count++);
    store.dispose();
    store.dispose();
    expect(count).toBe(1);
    expect(store.isDisposed).toBe(true);
  });

  it('when some items throw, then every item is still disposed and the errors are collected', () => {
    const store = new DisposableStore();
    const disposed: string[] = [];
    store.addTeardown(() => disposed.push('a'));
    store.addTeardown(() => {
      throw new Error('b failed');
    });
    store.addTeardown(() => {
      throw new Error('c failed');
    });
    let thrown: unknown;
    try {
      store.dispose();
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AggregateError);
    expect((thrown as AggregateError).errors.map((error: Error) => error.message)).toEqual(['c failed', 'b failed']);
    expect(disposed).toEqual(['a']);
  });

  it('when an item is added after the store is disposed, then it is disposed at once', () => {
    const store = new DisposableStore();
    store.dispose();
    let disposed = false;
    store.add(toDisposable(() => (disposed = true)));
    expect(disposed).toBe(true);
  });

  it('when cleared, then items are disposed but the store stays usable', () => {
    const store = new DisposableStore();
    let count = 0;
    store.addTeardown(() => count++);
    store.clear();
    store.addTeardown(() => count++);
    expect(store.size).toBe(1);
    store.dispose();
    expect(count).toBe(2);
  });

  it('when an item is removed, then the store no longer disposes it', () => {
    const store = new DisposableStore();
    let disposed = false;
    const item = store.add(toDisposable(() => (disposed = true)));
    store.remove(item);
    store.dispose();
    expect(disposed).toBe(false);
  });
});

class Ticker extends Component {
  readonly clock: TestClock;
  ticks = 0;
  failStart = false;
  onStopCalls = 0;

  constructor(clock: TestClock) {
    super('ticker');
    this.clock = clock;
  }

  protected override onStart(): void {
    this.session.add(this.clock.setInterval(() => this.ticks++, 10));
    if (this.failStart) throw new Error('cannot start');
  }

  protected override onStop(): void {
    this.onStopCalls++;
  }
}

describe('Component', () => {
  it('when started and stopped, then it passes through every state and its session timers stop', async () => {
    const clock = new TestClock();
    const ticker = new Ticker(clock);
    expect(ticker.state).toBe('created');
    const starting = ticker.start();
    expect(ticker.state).toBe('starting');
    await starting;
    expect(ticker.state).toBe('running');
    clock.advance(30);
    expect(ticker.ticks).toBe(3);
    const stopping = ticker.stop();
    expect(ticker.state).toBe('stopping');
    await stopping;
    expect(ticker.state).toBe('stopped');
    clock.advance(30);
    expect(ticker.ticks).toBe(3);
    expect(clock.pendingTimers).toBe(0);
  });

  it('when stopped, then it can start again', async () => {
    const clock = new TestClock();
    const ticker = new Ticker(clock);
    await ticker.start();
    await ticker.stop();
    await ticker.start();
    clock.advance(10);
    expect(ticker.ticks).toBe(1);
    expect(ticker.state).toBe('running');
  });

  it('when started twice, then the second start throws an illegal-state error', async () => {
    const ticker = new Ticker(new TestClock());
    await ticker.start();
    await expect(ticker.start()).rejects.toMatchObject({ code: 'illegal-state', category: 'invariant' });
    expect(ticker.state).toBe('running');
  });

  it('when stopped before it started, then stop throws naming both states', async () => {
    const ticker = new Ticker(new TestClock());
    await expect(ticker.stop()).rejects.toThrow(/cannot go from created to stopping/);
  });

  it('when disposed, then every later start or stop throws and dispose stays idempotent', async () => {
    const clock = new TestClock();
    const ticker = new Ticker(clock);
    await ticker.start();
    ticker.dispose();
    ticker.dispose();
    expect(ticker.state).toBe('disposed');
    expect(clock.pendingTimers).toBe(0);
    await expect(ticker.start()).rejects.toBeInstanceOf(AppError);
    await expect(ticker.stop()).rejects.toBeInstanceOf(AppError);
  });

  it('when onStart fails, then its session is torn down, the state is stopped and the error is rethrown', async () => {
    const clock = new TestClock();
    const ticker = new Ticker(clock);
    ticker.failStart = true;
    await expect(ticker.start()).rejects.toThrow('cannot start');
    expect(ticker.state).toBe('stopped');
    expect(clock.pendingTimers).toBe(0);
  });

  it('when checked against the transition table, then only the documented transitions are legal', () => {
    const states: ComponentState[] = ['created', 'starting', 'running', 'stopping', 'stopped', 'disposed'];
    const legal = states.flatMap((from) => states.filter((to) => isLegalTransition(from, to)).map((to) => `${from}>${to}`));
    expect(legal).toEqual([
      'created>starting',
      'created>disposed',
      'starting>running',
      'starting>stopped',
      'starting>disposed',
      'running>stopping',
      'running>disposed',
      'stopping>stopped',
      'stopping>disposed',
      'stopped>starting',
      'stopped>disposed',
    ]);
  });
});
