import type { LeadSource } from '../../../shared/contracts/leads.js';
import { leads } from '../../db/schema/index.js';
import { scoreLead } from '../../modules/leads/lead-score.js';
import { batchesOf, defineDataset, type RowOf } from '../dataset.js';
import { companyName, domainOf, email, instantBetween, logUniform, normalizedPhoneIn, personName } from '../fake.js';
import { contactTitles } from '../vocabulary.js';
import type { territoriesDataset } from './territories.js';

export type LeadsOutput = {
  count: number;
  ids: string[];
  ownerIds: string[];
  /**
   * 1 for open leads that have a company, by index: the conversion scenario takes its pool from these
   * (converting a lead without a company fails in the application, see bench/README.md).
   */
  open: Uint8Array;
};

export type LeadsOptions = { count: number; territories: ReturnType<typeof territoriesDataset> };

const DAY_MS = 86_400_000;
const sources: readonly (readonly [LeadSource, number])[] = [
  ['website', 35],
  ['trade_show', 15],
  ['referral', 15],
  ['cold_call', 20],
  ['social_media', 15],
];
const disqualifyReasons = ['No budget', 'Bought from a competitor', 'Not a fit', 'No response', 'Duplicate'];

/**
 * Prospects: people at companies that are not accounts yet, owned by a rep (active or not) and in that
 * rep's territory, located in one of its cities. ~70 % open, the rest converted or disqualified with a
 * timestamp; BANT flags, budget and decision date drive the score, computed with the application's own
 * scoring rules as of the anchor. Created over the two years before the anchor.
 */
export function leadsDataset(options: LeadsOptions) {
  return defineDataset({
    name: 'leads',
    table: leads,
    dependsOn: [options.territories],
    expectedRows: options.count,
    independentBatches: true,
    async *generate(rng, context) {
      const { territories } = context.output(options.territories);
      const staffed = territories.filter((territory) => territory.reps.length > 0);
      if (staffed.length === 0) throw new Error('no territory has a rep to own leads');
      const names = rng.fork('names');
      const details = rng.fork('details');
      const times = rng.fork('times');
      const ids = rng.fork('ids');
      const anchorMs = context.anchor.getTime();
      const from = new Date(anchorMs - 2 * 365 * DAY_MS);
      const output: LeadsOutput = { count: options.count, ids: [], ownerIds: [], open: new Uint8Array(options.count) };

      yield* batchesOf(options.count, context.batchSize, (index): RowOf<typeof leads> => {
        const territory = details.pick(staffed);
        const owner = details.pick(territory.reps);
        const city = details.pick(territory.cities);
        const name = personName(names);
        const company = details.chance(0.95) ? companyName(names) : null;
        const createdAt = instantBetween(times, from, context.anchor);
        const source = details.weighted(sources);
        const stage = details.weighted([
          ['inquiry', 45],
          ['qualified', 30],
          ['proposal', 15],
          ['negotiation', 10],
        ] as const);
        const depth = ['inquiry', 'qualified', 'proposal', 'negotiation'].indexOf(stage);
        const bant = {
          budget: details.chance(0.2 + 0.2 * depth),
          authority: details.chance(0.25 + 0.2 * depth),
          need: details.chance(0.4 + 0.15 * depth),
          timeline: details.chance(0.15 + 0.2 * depth),
        };
        const budgetAmount =
          bant.budget || details.chance(0.2) ? Math.round(logUniform(details, 1_000, 500_000)) : null;
        const decisionDate =
          bant.timeline || details.chance(0.1)
            ? new Date(createdAt.getTime() + details.int(14, 240) * DAY_MS).toISOString().slice(0, 10)
            : null;
        const employees = details.chance(0.8) ? Math.round(logUniform(details, 2, 20_000)) : null;
        const status = details.weighted([
          ['open', 70],
          ['converted', 18],
          ['disqualified', 12],
        ] as const);
        const closedAt = status === 'open' ? null : instantBetween(times, createdAt, context.anchor);
        // The application's rules; without the amount, which only shows in a reason's text and whose
        // currency formatting (Intl) cost more than generating the whole row.
        const { score, reasons } = scoreLead({
          bant,
          budgetAmount: null,
          decisionDate,
          employees,
          source,
          recentActivities: 0,
          createdAt,
          now: context.anchor,
        });
        const id = ids.uuidV7(createdAt);
        output.ids.push(id);
        output.ownerIds.push(owner.id);
        if (status === 'open' && company !== null) output.open[index] = 1;
        const domain = company ? domainOf(company) : 'mail.example';
        return {
          id,
          firstName: name.first,
          lastName: name.last,
          company,
          title: details.chance(0.7) ? details.pick(contactTitles.influencer) : null,
          email: details.chance(0.9) ? email(name, domain, index) : null,
          phone: details.chance(0.7) ? normalizedPhoneIn(details, city.country) : null,
          source,
          stage,
          status,
          employees,
          country: city.country,
          region: city.region,
          bantBudget: bant.budget,
          bantAuthority: bant.authority,
          bantNeed: bant.need,
          bantTimeline: bant.timeline,
          budgetAmount,
          decisionDate,
          needDescription: bant.need ? 'Looking to replace ageing equipment' : null,
          score,
          scoreReasons: reasons,
          ownerId: owner.id,
          territoryId: territory.id,
          convertedAt: status === 'converted' ? closedAt : null,
          convertedAccountId: null,
          convertedContactId: null,
          convertedOpportunityId: null,
          disqualifiedAt: status === 'disqualified' ? closedAt : null,
          disqualifiedReason: status === 'disqualified' ? details.pick(disqualifyReasons) : null,
          createdAt,
          updatedAt: closedAt ?? createdAt,
          version: status === 'open' ? 1 : 2,
          deletedAt: null,
        };
      });
      return output;
    },
  });
}
