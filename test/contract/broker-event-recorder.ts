// Records every event a broker reports, so contract tests can assert on sequences.
import type { Broker, BrokerEvent, BrokerExecution, BrokerOrderState, BrokerOrderStatus } from '../../electron/broker/broker.ts';
import type { Disposable } from '../../electron/core/lifecycle.ts';

export class BrokerEventRecorder implements Disposable {
  readonly events: BrokerEvent[] = [];
  readonly #subscription: Disposable;

  constructor(broker: Broker) {
    this.#subscription = broker.subscribe((event) => this.events.push(event));
  }

  statuses(clientOrderRef?: string): BrokerOrderStatus[] {
    return this.events
      .flatMap((event) => (event.type === 'order-status' ? [event.status] : []))
      .filter((status) => clientOrderRef === undefined || status.clientOrderRef === clientOrderRef);
  }

  states(clientOrderRef: string): BrokerOrderState[] {
    return this.statuses(clientOrderRef).map((status) => status.state);
  }

  lastState(clientOrderRef: string): BrokerOrderState | undefined {
    return this.states(clientOrderRef).at(-1);
  }

  executions(clientOrderRef?: string): BrokerExecution[] {
    return this.events
      .flatMap((event) => (event.type === 'execution' ? [event.execution] : []))
      .filter((execution) => clientOrderRef === undefined || execution.clientOrderRef === clientOrderRef);
  }

  filledQuantity(clientOrderRef: string): number {
    return this.executions(clientOrderRef).reduce((total, execution) => total + execution.quantity, 0);
  }

  dispose(): void {
    this.#subscription.dispose();
  }
}
