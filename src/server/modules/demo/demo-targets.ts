import type { opportunities, salesTargets } from '../../db/schema/index.js';
import type { RowOf } from '../../seed/dataset.js';
import type { Rng } from '../../seed/random.js';
import { type DemoUserKey, demoTeam } from './demo-world.js';

/** Months before and after the current one that carry targets: the year a manager plans. */
const MONTHS_BACK = 5;
const MONTHS_AHEAD = 6;
const ROUND_TO = 5_000;

/**
 * Monthly targets for each rep, set by their manager, from five months back to six ahead: a twelfth of
 * what their deals of the year add up to, rounded to 5,000, so some months are met and some are not.
 */
export function buildDemoTargets(input: {
  now: Date;
  userIds: Record<DemoUserKey, string>;
  deals: RowOf<typeof opportunities>[];
  rng: Rng;
}): RowOf<typeof salesTargets>[] {
  const { now } = input;
  const setAt = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - MONTHS_BACK, 1) - 7 * 86_400_000);
  const rows: RowOf<typeof salesTargets>[] = [];
  for (const [key, member] of Object.entries(demoTeam) as [DemoUserKey, (typeof demoTeam)[DemoUserKey]][]) {
    if (member.role !== 'rep' || !member.manager) continue;
    const userId = input.userIds[key];
    const business = input.deals
      .filter((deal) => deal.ownerId === userId && deal.stage !== 'closed_lost' && deal.currency === 'USD')
      .reduce((sum, deal) => sum + Number(deal.amount), 0);
    const monthly = Math.max(ROUND_TO * 5, Math.round(business / 12 / ROUND_TO) * ROUND_TO);
    for (let offset = -MONTHS_BACK; offset <= MONTHS_AHEAD; offset += 1) {
      const month = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset, 1)).toISOString().slice(0, 10);
      rows.push({
        id: input.rng.uuidV7(setAt),
        userId,
        month,
        amount: monthly,
        currency: 'USD',
        setById: input.userIds[member.manager],
        createdAt: setAt,
        updatedAt: setAt,
        version: 1,
        deletedAt: null,
      });
    }
  }
  return rows;
}
