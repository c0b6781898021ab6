import type { leadForms, savedViews } from '../../db/schema/index.js';
import type { RowOf } from '../../seed/dataset.js';
import type { Rng } from '../../seed/random.js';
import type { DemoUserKey } from './demo-world.js';

/** The lists the team looks at every day, as a manager shared them and a rep keeps one for themself. */
const views: { owner: DemoUserKey; name: string; resource: string; query: string; shared: boolean }[] = [
  {
    owner: 'maria',
    name: 'Dealers due for a visit',
    resource: 'accounts',
    query: 'type=dealer&visitDue=true&sort=name',
    shared: true,
  },
  {
    owner: 'maria',
    name: 'Late-stage deals',
    resource: 'opportunities',
    query: 'stage=proposal%2Cnegotiation&sort=closeDate',
    shared: true,
  },
  {
    owner: 'rob',
    name: 'My open website leads',
    resource: 'leads',
    query: 'source=website&status=open&ownerId=me&sort=-createdAt',
    shared: false,
  },
];

/**
 * The team's shared ways of working: saved views of the lists, and the website's contact form, whose
 * inquiries go to the reps of their territory.
 */
/** A form's key is drawn when it is stored (demo.repository): a demo's form address is not known in advance. */
export type DemoWorkspace = {
  savedViews: RowOf<typeof savedViews>[];
  leadForms: Omit<RowOf<typeof leadForms>, 'key'>[];
};

export function buildDemoWorkspace(input: {
  now: Date;
  userIds: Record<DemoUserKey, string>;
  rng: Rng;
}): DemoWorkspace {
  const setUpAt = new Date(input.now.getTime() - 60 * 86_400_000);
  const record = { createdAt: setUpAt, updatedAt: setUpAt, version: 1, deletedAt: null };
  return {
    savedViews: views.map((view) => ({
      id: input.rng.uuidV7(setUpAt),
      ...view,
      columns: null,
      ownerId: input.userIds[view.owner],
      ...record,
    })),
    leadForms: [
      {
        id: input.rng.uuidV7(setUpAt),
        name: 'Website contact form',
        active: true,
        source: 'website',
        assignment: 'territory',
        ownerId: input.userIds.maria,
        redirectUrl: null,
        submissionCount: 0,
        lastSubmissionAt: null,
        ...record,
      },
    ],
  };
}
