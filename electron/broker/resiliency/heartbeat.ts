// The heartbeat: a cheap, safe call that proves the broker answers. A broker may offer a
// dedicated `ping()` (the IB adapter: reqCurrentTime); otherwise the account summary serves.
import type { Broker } from '../broker.ts';

/** The optional heartbeat method a broker may add to the port. */
export interface Pingable {
  ping(): Promise<void>;
}

export function isPingable(broker: object): broker is Pingable {
  return typeof (broker as Partial<Pingable>).ping === 'function';
}

/** One heartbeat through `broker`: its ping() when it has one, else accountSummary(). */
export async function heartbeat(broker: Broker): Promise<void> {
  if (isPingable(broker)) await broker.ping();
  else await broker.accountSummary();
}
