import type { CoverageAccount } from '../../../shared/contracts/coverage.js';
import { everyDays } from '../accounts/visit-cycle.js';

export type VisitDue = {
  /** "Due 12 days ago", "Due today", "Never visited", "Due in 5 days"; "No cycle" without one. */
  text: string;
  /** Due now by its call cycle, as the server counts it (never visited with a cycle is due). */
  due: boolean;
  /** "every 14 days"; null without a cycle. */
  cycle: string | null;
};

/**
 * When an account of the coverage report is due for a visit by its call cycle, in whole days as the report
 * counts them: the days since its last completed visit against its cycle.
 */
export function visitDue(
  account: Pick<CoverageAccount, 'visitEveryDays' | 'daysSinceLastVisit' | 'visitDue'>,
): VisitDue {
  const cycleDays = account.visitEveryDays;
  if (cycleDays === null) return { text: 'No cycle', due: false, cycle: null };
  const cycle = everyDays(cycleDays);
  const since = account.daysSinceLastVisit;
  if (since === null) return { text: 'Never visited', due: true, cycle };
  const late = since - cycleDays;
  if (account.visitDue) {
    if (late <= 0) return { text: 'Due today', due: true, cycle };
    return { text: late === 1 ? 'Due yesterday' : `Due ${late} days ago`, due: true, cycle };
  }
  const ahead = Math.max(1, -late);
  return { text: ahead === 1 ? 'Due tomorrow' : `Due in ${ahead} days`, due: false, cycle };
}
