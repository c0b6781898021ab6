import { AppError } from '../../shared/errors.js';

/** Singular and plural names of what a record can still hold, by kind. */
export type HoldingNames<Kind extends string> = Record<Kind, readonly [string, string]>;

/**
 * Refuses to delete a record that still holds others (`409`): "the territory still has 1 account, 2
 * users; …", naming only what is there, then what to do instead. Nothing held: no refusal.
 */
export function refuseWhileHolding<Kind extends string>(
  subject: string,
  counts: Record<Kind, number>,
  names: HoldingNames<Kind>,
  advice: string,
): void {
  const held = (Object.entries(counts) as [Kind, number][])
    .filter(([, count]) => count > 0)
    .map(([kind, count]) => `${count} ${names[kind][count === 1 ? 0 : 1]}`);
  if (held.length > 0) throw new AppError('conflict', `the ${subject} still has ${held.join(', ')}${advice}`);
}
