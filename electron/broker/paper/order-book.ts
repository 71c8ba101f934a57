// Every order the paper account has seen, by broker id and by client order ref, with the live
// ones kept apart (in broker id order, which is time priority) so ticks only walk those.
import type { ClientOrderRef } from '../../../shared/domain/ids.ts';
import { isLive, type PaperOrder } from './paper-order.ts';

export class OrderBook {
  readonly #byId = new Map<number, PaperOrder>();
  readonly #idByRef = new Map<string, number>();
  readonly #live = new Map<number, PaperOrder>();

  constructor(orders: Iterable<PaperOrder> = []) {
    for (const order of [...orders].sort((a, b) => a.brokerOrderId - b.brokerOrderId)) this.add(order);
  }

  add(order: PaperOrder): void {
    this.#byId.set(order.brokerOrderId, order);
    this.#idByRef.set(order.request.clientOrderRef, order.brokerOrderId);
    if (isLive(order)) this.#live.set(order.brokerOrderId, order);
  }

  get(brokerOrderId: number): PaperOrder | undefined {
    return this.#byId.get(brokerOrderId);
  }

  byRef(clientOrderRef: ClientOrderRef | string): PaperOrder | undefined {
    const id = this.#idByRef.get(clientOrderRef);
    return id === undefined ? undefined : this.#byId.get(id);
  }

  hasRef(clientOrderRef: string): boolean {
    return this.#idByRef.has(clientOrderRef);
  }

  /** Live orders in broker id order (a copy: safe to change orders while walking it). */
  live(): PaperOrder[] {
    return [...this.#live.values()];
  }

  get liveCount(): number {
    return this.#live.size;
  }

  all(): PaperOrder[] {
    return [...this.#byId.values()];
  }

  /** Call after an order reached a final state. */
  retire(order: PaperOrder): void {
    if (!isLive(order)) this.#live.delete(order.brokerOrderId);
  }

  children(order: PaperOrder): PaperOrder[] {
    return order.childIds.flatMap((id) => this.#byId.get(id) ?? []);
  }

  parentRef(order: PaperOrder): ClientOrderRef | undefined {
    return order.parentId === undefined ? undefined : this.#byId.get(order.parentId)?.request.clientOrderRef;
  }
}
