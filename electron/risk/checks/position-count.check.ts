// Open positions and new positions per day. A "position" is a position group (position-groups.ts):
// one strategy, or all unattributed contracts of one underlying. Only an order that opens a new
// group is limited; orders that add to, reduce or modify a group are not.
import { deny, type CheckResult } from './denial.ts';

export function checkOpenPositions(openGroups: number, opensNewGroup: boolean, maxOpenPositions: number): CheckResult {
  if (!opensNewGroup || openGroups + 1 <= maxOpenPositions) return undefined;
  return deny('MAX_OPEN_POSITIONS', `${openGroups} positions are open (or being opened); a new one would exceed the limit of ${maxOpenPositions}`);
}

export function checkNewPositionsToday(newPositionsToday: number, opensNewGroup: boolean, maxNewPositionsPerDay: number): CheckResult {
  if (!opensNewGroup || newPositionsToday + 1 <= maxNewPositionsPerDay) return undefined;
  return deny('MAX_NEW_POSITIONS', `${newPositionsToday} positions were opened this trading day; another would exceed the limit of ${maxNewPositionsPerDay}`);
}
