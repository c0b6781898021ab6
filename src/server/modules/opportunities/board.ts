import type { OpportunityStage } from '../../../shared/contracts/opportunities.js';
import { AppError } from '../../../shared/errors.js';
import type { Db } from '../../db/client.js';
import type { Viewer } from '../../platform/viewer.js';
import {
  endOfColumn,
  findVisibleOpportunity,
  lockColumn,
  neighbourCard,
  renumberColumn,
} from './opportunities.repository.js';

type Card = { id: string; position: number };

/**
 * The position of a card dropped into a stage column: right below `afterId`, right above `beforeId`,
 * between the two, or at the end of the column. Positions are fractional (the midpoint of the
 * neighbours), so a move rewrites one row; when two neighbours have no room left between them the
 * column is renumbered once and the midpoint taken again.
 */
export async function placeCard(
  tx: Db,
  viewer: Viewer,
  stage: OpportunityStage,
  cardId: string,
  neighbours: { afterId?: string | undefined; beforeId?: string | undefined },
): Promise<number> {
  await lockColumn(tx, stage);
  if (!neighbours.afterId && !neighbours.beforeId) return endOfColumn(tx, stage);
  for (let attempt = 0; ; attempt += 1) {
    const after = neighbours.afterId
      ? await requireCard(tx, viewer, stage, cardId, neighbours.afterId, 'afterId')
      : undefined;
    const before = neighbours.beforeId
      ? await requireCard(tx, viewer, stage, cardId, neighbours.beforeId, 'beforeId')
      : undefined;
    if (after && before && !comesBefore(after, before)) {
      throw new AppError('invalid_request', 'afterId must be above beforeId in the column', {
        errors: [{ path: 'beforeId', message: 'is above afterId' }],
      });
    }
    const lower = after ?? (before ? await neighbourCard(tx, stage, before, 'previous', cardId) : undefined);
    const upper = before ?? (after ? await neighbourCard(tx, stage, after, 'next', cardId) : undefined);
    const position = positionBetween(lower?.position, upper?.position);
    if (position !== undefined) return position;
    // Unreachable on the second attempt: after renumbering, distinct cards are at least 1 apart.
    if (attempt > 0) throw new Error('no room between two cards after renumbering the column');
    await renumberColumn(tx, stage, cardId);
  }
}

/** The midpoint of two positions, or undefined when doubles have no value strictly between them. */
export function positionBetween(lower: number | undefined, upper: number | undefined): number | undefined {
  if (lower === undefined && upper === undefined) return 1;
  if (lower === undefined) return (upper as number) - 1;
  if (upper === undefined) return lower + 1;
  const middle = lower + (upper - lower) / 2;
  return middle > lower && middle < upper ? middle : undefined;
}

function comesBefore(a: Card, b: Card): boolean {
  return a.position < b.position || (a.position === b.position && a.id < b.id);
}

async function requireCard(
  tx: Db,
  viewer: Viewer,
  stage: OpportunityStage,
  cardId: string,
  id: string,
  path: string,
): Promise<Card> {
  const row = id === cardId ? undefined : await findVisibleOpportunity(tx, viewer, id);
  if (!row || row.stage !== stage) {
    throw new AppError('invalid_request', `${path} must be another card of the ${stage} column`, {
      errors: [{ path, message: `not another card of the ${stage} column` }],
    });
  }
  return { id: row.id, position: row.position };
}
