import { type OpportunityStage, stageProbability } from '../../../shared/contracts/opportunities.js';
import { opportunities, opportunityStageHistory } from '../../db/schema/index.js';
import { defineDataset, type RowOf } from '../dataset.js';
import { instantBetween, logUniform } from '../fake.js';
import { companyTrades } from '../vocabulary.js';
import type { accountsDataset } from './accounts.js';
import type { contactsDataset } from './contacts.js';
import type { territoriesDataset } from './territories.js';

/** Per opportunity, in insertion order: what the stage-history dataset needs. */
export type OpportunitiesOutput = {
  count: number;
  ids: string[];
  /** The accounts dataset's index of each deal's account. */
  accountIndexes: Uint32Array;
  /** The deal's contact, when it has one. */
  contactIds: (string | null)[];
  stages: OpportunityStage[];
  amounts: Float64Array;
  ownerIds: string[];
  createdAtMs: Float64Array;
};

export type OpportunitiesOptions = {
  count: number;
  accounts: ReturnType<typeof accountsDataset>;
  contacts: ReturnType<typeof contactsDataset>;
  territories: ReturnType<typeof territoriesDataset>;
  /**
   * The day close dates spread around (± 12 months). The reports (pipeline, forecast) look at months from
   * the real current month, so this is today (UTC) by default, not the generator's fixed anchor: the
   * rows differ only in their close dates from one day to the next.
   */
  today?: Date;
};

const DAY_MS = 86_400_000;
const stageWeights: readonly (readonly [OpportunityStage, number])[] = [
  ['prospecting', 24],
  ['qualification', 20],
  ['proposal', 16],
  ['negotiation', 12],
  ['closed_won', 15],
  ['closed_lost', 13],
];
const lossReasons = ['Price', 'Lost to a competitor', 'No decision', 'Timing', 'No budget', 'Product fit'];
const dealKinds = ['Fleet renewal', 'Annual supply', 'Service contract', 'Expansion', 'Replacement', 'Pilot'];

/**
 * Deals on the generated accounts: ~2 per account at the default scale, owned by the account's owner,
 * with one of its contacts 60 % of the time. Stages over all six, more open than closed; probability is
 * the stage's; amounts log-uniform 1k–500k USD (3 % EUR); close dates ± 12 months around today, closed
 * deals with closed_at, lost ones with a reason; position increases within each stage (board order).
 */
export function opportunitiesDataset(options: OpportunitiesOptions) {
  return defineDataset({
    name: 'opportunities',
    table: opportunities,
    dependsOn: [options.accounts, options.contacts, options.territories],
    expectedRows: options.count,
    independentBatches: true,
    async *generate(rng, context) {
      const accounts = context.output(options.accounts);
      const contacts = context.output(options.contacts);
      // The load runs with triggers off, so the deal's copy of its account's territory is written here.
      const territoryIds = new Map(context.output(options.territories).territories.map((t) => [t.index, t.id]));
      const picks = rng.fork('picks');
      const details = rng.fork('details');
      const times = rng.fork('times');
      const ids = rng.fork('ids');
      const today = options.today ?? new Date();
      const todayMs = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
      const anchorMs = context.anchor.getTime();
      const positions = new Map<OpportunityStage, number>();
      const output: OpportunitiesOutput = {
        count: options.count,
        ids: [],
        accountIndexes: new Uint32Array(options.count),
        contactIds: [],
        stages: [],
        amounts: new Float64Array(options.count),
        ownerIds: [],
        createdAtMs: new Float64Array(options.count),
      };
      let batch: RowOf<typeof opportunities>[] = [];
      for (let index = 0; index < options.count; index += 1) {
        const accountIndex = picks.int(0, accounts.count - 1);
        const accountId = accounts.ids[accountIndex] as string;
        const ownerId = accounts.ownerIds[accountIndex] as string;
        const territoryId = territoryIds.get(accounts.territoryIndexes[accountIndex] ?? -1) ?? null;
        const contactCount = contacts.perAccount[accountIndex] ?? 0;
        const contactId =
          contactCount > 0 && picks.chance(0.6)
            ? (contacts.ids[(contacts.firstOfAccount[accountIndex] ?? 0) + picks.int(0, contactCount - 1)] as string)
            : null;
        const stage = details.weighted(stageWeights);
        const closed = stage === 'closed_won' || stage === 'closed_lost';
        // Closed deals closed in the past year (mostly), open ones close in the coming year (some overdue).
        const offsetDays = closed
          ? -details.int(0, 365)
          : details.chance(0.1)
            ? -details.int(1, 60)
            : details.int(0, 365);
        const closeMs = todayMs + offsetDays * DAY_MS;
        const accountCreatedMs = accounts.createdAtMs[accountIndex] ?? anchorMs;
        const createdAt = instantBetween(
          times,
          new Date(accountCreatedMs),
          new Date(Math.max(accountCreatedMs, Math.min(anchorMs, closeMs - DAY_MS))),
        );
        const closedAt = closed ? new Date(Math.max(createdAt.getTime(), closeMs + details.int(0, DAY_MS - 1))) : null;
        const amount = Math.round(logUniform(details, 1_000, 500_000) * 100) / 100;
        const position = (positions.get(stage) ?? 0) + 1_000;
        positions.set(stage, position);
        const id = ids.uuidV7(createdAt);
        output.ids.push(id);
        output.accountIndexes[index] = accountIndex;
        output.contactIds.push(contactId);
        output.stages.push(stage);
        output.amounts[index] = amount;
        output.ownerIds.push(ownerId);
        output.createdAtMs[index] = createdAt.getTime();
        batch.push({
          id,
          name: `${details.pick(companyTrades)} ${details.pick(dealKinds)}`,
          accountId,
          contactId,
          leadId: null,
          ownerId,
          territoryId,
          stage,
          probability: stageProbability[stage],
          amount,
          currency: details.chance(0.03) ? 'EUR' : 'USD',
          closeDate: new Date(closeMs).toISOString().slice(0, 10),
          requirements: null,
          productInterest: [],
          competitors: [],
          risks: null,
          lossReason: stage === 'closed_lost' ? details.pick(lossReasons) : null,
          closedAt,
          approvalStatus: 'not_required',
          position,
          createdAt,
          updatedAt: closedAt ?? createdAt,
          version: 1,
          deletedAt: null,
        });
        if (batch.length >= context.batchSize) {
          yield batch;
          batch = [];
        }
      }
      if (batch.length > 0) yield batch;
      return output;
    },
  });
}

/** One history entry per deal: its creation, in the stage it is in now. */
export function opportunityStageHistoryDataset(options: { opportunities: ReturnType<typeof opportunitiesDataset> }) {
  return defineDataset({
    name: 'opportunity-stage-history',
    table: opportunityStageHistory,
    dependsOn: [options.opportunities],
    expectedRows: options.opportunities.expectedRows,
    independentBatches: true,
    async *generate(rng, context) {
      const deals = context.output(options.opportunities);
      for (let start = 0; start < deals.count; start += context.batchSize) {
        const end = Math.min(deals.count, start + context.batchSize);
        const batch: RowOf<typeof opportunityStageHistory>[] = [];
        for (let index = start; index < end; index += 1) {
          const stage = deals.stages[index] as OpportunityStage;
          const changedAt = new Date(deals.createdAtMs[index] ?? 0);
          batch.push({
            id: rng.uuidV7(changedAt),
            opportunityId: deals.ids[index] as string,
            fromStage: null,
            toStage: stage,
            amount: deals.amounts[index] ?? 0,
            probability: stageProbability[stage],
            reason: null,
            changedById: deals.ownerIds[index] ?? null,
            changedAt,
          });
        }
        yield batch;
      }
      return { count: deals.count };
    },
  });
}
