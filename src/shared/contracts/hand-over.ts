import { z } from 'zod';
import { idSchema } from './common.js';

/** What a hand-over can move, by resource name. */
export const handOverKinds = ['accounts', 'contacts', 'leads', 'opportunities', 'tasks', 'activities'] as const;
export type HandOverKind = (typeof handOverKinds)[number];

/** A manager's place in the organisation, which a hand-over moves when asked (`team`), with the lead forms they own. */
export const handOverTeamKinds = ['territories', 'reports', 'leadForms'] as const;
export type HandOverTeamKind = (typeof handOverTeamKinds)[number];

export const handOverSchema = z
  .strictObject({
    toUserId: idSchema.meta({ description: 'The active user who takes the records over' }),
    records: z
      .array(z.enum(handOverKinds))
      .min(1)
      .refine((kinds) => new Set(kinds).size === kinds.length, 'each kind once')
      .optional()
      .meta({
        description:
          'What to move (default all): accounts and contacts they own, open leads and deals they own, open tasks given to them, planned activities they own',
      }),
    territoryId: idSchema.optional().meta({
      description:
        "Only what lies in this territory: records by their own territory, tasks and activities by their account's (or lead's)",
    }),
    includeClosed: z.boolean().default(false).meta({
      description:
        'Move won and lost deals and converted and disqualified leads too (by default they stay with who worked them)',
    }),
    team: z.boolean().default(false).meta({
      description:
        "Admins only: also give the recipient (a manager or admin) the territories the user manages, the people who report to them and the lead forms they own (with territoryId: that territory and the people working in it, no forms). A recipient who reported to the user takes the user's own manager",
    }),
    dryRun: z.boolean().default(false).meta({ description: 'Count what would move, and move nothing' }),
  })
  .meta({ id: 'HandOver' });
export type HandOverInput = z.infer<typeof handOverSchema>;

export const handOverCountsSchema = z.object(
  Object.fromEntries([...handOverKinds, ...handOverTeamKinds].map((kind) => [kind, z.number().int()])) as Record<
    HandOverKind | HandOverTeamKind,
    z.ZodNumber
  >,
);
export type HandOverCounts = z.infer<typeof handOverCountsSchema>;

export const handOverResultSchema = z
  .object({
    fromUserId: idSchema,
    toUserId: idSchema,
    dryRun: z.boolean(),
    moved: handOverCountsSchema.meta({ description: 'Records moved (or, on a dry run, that would move), by kind' }),
  })
  .meta({ id: 'HandOverResult' });
export type HandOverResult = z.infer<typeof handOverResultSchema>;
