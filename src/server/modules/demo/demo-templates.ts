import type { emailTemplates } from '../../db/schema/index.js';
import type { RowOf } from '../../seed/dataset.js';
import type { Rng } from '../../seed/random.js';
import type { DemoUserKey } from './demo-world.js';

/** What the team sends again and again: two shared by a manager, one a rep keeps for themself. */
const templates: { owner: DemoUserKey; name: string; shared: boolean; subject: string; body: string }[] = [
  {
    owner: 'maria',
    name: 'Price list for the season',
    shared: true,
    subject: '{{account.name}}: our dealer price list',
    body: `Dear {{contact.firstName}},

as promised, our current dealer price list is attached. Prices hold for orders placed this quarter, and
volume discounts apply from ten units per product line.

I will call you next week to go through it with you.

Best regards,
{{me.name}}
{{me.email}}`,
  },
  {
    owner: 'maria',
    name: 'After a visit',
    shared: true,
    subject: 'Thank you for your time, {{contact.firstName}}',
    body: `Dear {{contact.firstName}},

thank you for receiving me at {{account.name}} today. As discussed, I will send the figures we went
through and come back to you on the open points before the end of the week.

Kind regards,
{{me.name}}`,
  },
  {
    owner: 'rob',
    name: 'Offer follow-up',
    shared: false,
    subject: 'Your offer: {{opportunity.name}}',
    body: `Hi {{contact.firstName}},

just checking in on our offer for {{opportunity.name}} ({{opportunity.amount}}). It is built around a
decision by {{opportunity.closeDate}}; tell me if anything in it needs another look.

{{me.name}}`,
  },
];

export function buildDemoTemplates(input: {
  now: Date;
  userIds: Record<DemoUserKey, string>;
  rng: Rng;
}): RowOf<typeof emailTemplates>[] {
  const writtenAt = new Date(input.now.getTime() - 40 * 86_400_000);
  return templates.map((template) => ({
    id: input.rng.uuidV7(writtenAt),
    name: template.name,
    subject: template.subject,
    body: template.body,
    shared: template.shared,
    ownerId: input.userIds[template.owner],
    createdAt: writtenAt,
    updatedAt: writtenAt,
    version: 1,
    deletedAt: null,
  }));
}
