// Fat-finger quantity: contracts (shares, or combo units) per order.
import { deny, type CheckResult } from './denial.ts';

export function checkOrderSize(quantity: number, maxContractsPerOrder: number): CheckResult {
  if (quantity <= maxContractsPerOrder) return undefined;
  return deny('MAX_CONTRACTS_PER_ORDER', `quantity ${quantity} exceeds the limit of ${maxContractsPerOrder} per order`);
}
