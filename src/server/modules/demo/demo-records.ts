import type { ActivityType } from '../../../shared/contracts/activities.js';
import type { LeadSource } from '../../../shared/contracts/leads.js';
import { leadSources, leadStages } from '../../../shared/contracts/leads.js';
import { type OpportunityStage, opportunityStages, stageProbability } from '../../../shared/contracts/opportunities.js';
import { lineTotal } from '../../../shared/contracts/products.js';
import type {
  accounts,
  activities,
  communications,
  contacts,
  emailTemplates,
  leads,
  notes,
  opportunities,
  opportunityLineItems,
  opportunityStageHistory,
  priceListEntries,
  priceLists,
  products,
  salesTargets,
  tasks,
  territories,
  users,
} from '../../db/schema/index.js';
import type { RowOf } from '../../seed/dataset.js';
import { visitStamps } from '../../seed/datasets/activities.js';
import type { Rng } from '../../seed/random.js';
import {
  activityOutcomes,
  activitySubjects,
  communicationSubjects,
  nextStepsOptions,
  noteBodies,
  taskTitles,
} from '../../seed/work-vocabulary.js';
import { companyDomain, normalizeCompanyName } from '../accounts/account-identity.js';
import { scoreLead } from '../leads/lead-score.js';
import { buildDemoFiles, type DemoFile } from './demo-files.js';
import { type ContactRole, createPersonPicker, demoDomainOf, demoPhone, titleFor } from './demo-people.js';
import { buildDemoPriceLists } from './demo-price-lists.js';
import { buildDemoQuotes, type DemoQuotes } from './demo-quotes.js';
import { buildDemoTargets } from './demo-targets.js';
import { buildDemoTemplates } from './demo-templates.js';
import { buildDemoWorkspace, type DemoWorkspace } from './demo-workspace.js';
import {
  type DemoAccount,
  type DemoTerritoryKey,
  type DemoUserKey,
  demoAccounts,
  demoCatalogue,
  demoCities,
  demoCompetitors,
  demoProducts,
  demoTeam,
  demoTerritories,
} from './demo-world.js';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

export type DemoRecords = {
  users: RowOf<typeof users>[];
  territories: RowOf<typeof territories>[];
  accounts: RowOf<typeof accounts>[];
  contacts: RowOf<typeof contacts>[];
  leads: RowOf<typeof leads>[];
  opportunities: RowOf<typeof opportunities>[];
  /** What distributors and dealers pay: each is on its channel's list. */
  priceLists: RowOf<typeof priceLists>[];
  /** The catalogue, and the lines of the open deals that have products (their amount is the lines' sum). */
  products: RowOf<typeof products>[];
  priceListEntries: RowOf<typeof priceListEntries>[];
  lineItems: RowOf<typeof opportunityLineItems>[];
  stageHistory: RowOf<typeof opportunityStageHistory>[];
  activities: RowOf<typeof activities>[];
  tasks: RowOf<typeof tasks>[];
  communications: RowOf<typeof communications>[];
  notes: RowOf<typeof notes>[];
  /** Price lists, dealer agreements and photos taken at visits. */
  files: DemoFile[];
  /** Each rep's monthly targets, set by their manager. */
  salesTargets: RowOf<typeof salesTargets>[];
  /** E-mail templates: shared ones of a manager, and a rep's own. */
  emailTemplates: RowOf<typeof emailTemplates>[];
  /** Saved views of the lists and the website's contact form. */
  workspace: DemoWorkspace;
  /** Quotes on the open deals with products, and the e-mails the sent ones went out with. */
  quotes: DemoQuotes;
  /** Leads to convert through the application's conversion, into the account of a contact they match. */
  conversions: {
    leadId: string;
    ownerKey: DemoUserKey;
    accountId: string;
    opportunity: { name: string; amount: number; closeDate: string } | null;
    /**
     * When the lead was converted: some days after it came in, spread over the past months. The
     * conversion runs as the data loads; this is the moment its records are then dated to.
     */
    convertedAt: Date;
  }[];
  /** Leads to disqualify through the application, with the reason. */
  disqualifications: { leadId: string; ownerKey: DemoUserKey; reason: string }[];
  userIds: Record<DemoUserKey, string>;
  territoryIds: Record<DemoTerritoryKey, string>;
};

export type DemoRecordsInput = {
  rng: Rng;
  now: Date;
  passwordHash: string;
  visitRadiusMeters: number;
};

/** How many of each the demo holds; the integration test checks the database against these. */
export const DEMO_COUNTS = {
  users: 5,
  territories: 3,
  accounts: 40,
  contacts: 120,
  leads: 60,
  opportunities: 50,
  activities: 300,
  tasks: 80,
  communications: 60,
  notes: 40,
} as const;
const CONVERTED_LEADS = 8;
const CONVERSIONS_WITH_DEAL = 5;
const DISQUALIFIED_LEADS = 6;

/**
 * Builds every row of the demo data set from a seeded stream, relative to `now` so the data always
 * looks current: deals close around today, activities happened in the past 60 days or are planned for
 * the next three weeks, tasks are overdue, due today or coming up. Pure: no database, no clock.
 */
export function buildDemoRecords(input: DemoRecordsInput): DemoRecords {
  const { rng, now } = input;
  const nowMs = now.getTime();
  const ids = rng.fork('ids');
  const at = (offsetMs: number) => new Date(nowMs + offsetMs);
  const founded = nowMs - 400 * DAY_MS;

  // Team and territories.
  const userIds = {} as Record<DemoUserKey, string>;
  const territoryIds = {} as Record<DemoTerritoryKey, string>;
  for (const key of Object.keys(demoTeam) as DemoUserKey[]) userIds[key] = ids.uuidV7(founded);
  for (const key of Object.keys(demoTerritories) as DemoTerritoryKey[]) territoryIds[key] = ids.uuidV7(founded);
  const userRows: RowOf<typeof users>[] = (Object.keys(demoTeam) as DemoUserKey[]).map((key) => {
    const member = demoTeam[key];
    const managed = (Object.keys(demoTerritories) as DemoTerritoryKey[]).filter(
      (territory) => demoTerritories[territory].manager === key,
    );
    return {
      id: userIds[key],
      email: member.email,
      name: member.name,
      role: member.role,
      territoryIds: [...new Set([...member.territories, ...managed])].map((territory) => territoryIds[territory]),
      managerId: member.manager ? userIds[member.manager] : null,
      active: true,
      passwordHash: input.passwordHash,
      createdAt: new Date(founded),
      updatedAt: new Date(founded),
      version: 1,
      deletedAt: null,
    };
  });
  const territoryRows: RowOf<typeof territories>[] = (Object.keys(demoTerritories) as DemoTerritoryKey[]).map(
    (key) => ({
      id: territoryIds[key],
      name: demoTerritories[key].name,
      region: demoTerritories[key].region,
      managerId: userIds[demoTerritories[key].manager],
      createdAt: new Date(founded),
      updatedAt: new Date(founded),
      version: 1,
      deletedAt: null,
    }),
  );
  const repOf = (territory: DemoTerritoryKey): DemoUserKey =>
    (Object.keys(demoTeam) as DemoUserKey[]).find(
      (key) => demoTeam[key].role === 'rep' && demoTeam[key].territories.includes(territory),
    ) ?? demoTerritories[territory].manager;

  // Accounts: distributors and partners are the manager's, dealers and end customers the territory rep's
  // (except the Kansas City branch, which the rep runs).
  const details = rng.fork('details');
  // The catalogue and the channel price lists, from streams of their own, so the rest of the data set is
  // what it was.
  const catalogueRng = rng.fork('catalogue');
  const linesRng = rng.fork('deal lines');
  const productRows: RowOf<typeof products>[] = demoCatalogue.map((item) => {
    const createdAt = new Date(nowMs - 400 * DAY_MS + catalogueRng.int(0, 30) * DAY_MS);
    return {
      id: catalogueRng.uuidV7(createdAt),
      ...item,
      description: null,
      currency: 'USD',
      active: true,
      createdAt,
      updatedAt: createdAt,
      version: 1,
      deletedAt: null,
    };
  });
  const channelPrices = buildDemoPriceLists({ rng: rng.fork('price lists'), now, catalogue: productRows });
  const accountIds = new Map<string, string>();
  const ownerKeyOf = new Map<string, DemoUserKey>();
  const accountRows: RowOf<typeof accounts>[] = demoAccounts.map((demo, index) => {
    const createdAt = new Date(founded + index * HOUR_MS);
    const id = ids.uuidV7(createdAt);
    accountIds.set(demo.key, id);
    const managerOwned =
      (demo.type === 'distributor' && demo.parent === null) || demo.type === 'supplier' || demo.type === 'partner';
    const ownerKey = managerOwned ? demoTerritories[demo.territory].manager : repOf(demo.territory);
    ownerKeyOf.set(demo.key, ownerKey);
    const place = demoCities[demo.city];
    const domain = demoDomainOf(demo.name.replace(/ - .*$/, ''));
    const website = `https://www.${domain}`;
    return {
      id,
      name: demo.name,
      type: demo.type,
      parentId: demo.parent ? (accountIds.get(demo.parent) ?? null) : null,
      territoryId: territoryIds[demo.territory],
      ownerId: userIds[ownerKey],
      industry: demo.industry,
      website,
      email: `${demo.type === 'dealer' ? 'sales' : 'info'}@${domain}`,
      phone: demoPhone(details),
      annualRevenue: demo.revenue > 0 ? demo.revenue : null,
      employees: demo.employees,
      // Dealers are the field team's round: every three weeks; sub-distributors monthly.
      visitEveryDays: demo.type === 'dealer' ? 21 : demo.type === 'distributor' && demo.parent !== null ? 30 : null,
      priceListId: channelPrices.listOf(demo.type),
      street: demo.street,
      city: place.name,
      state: place.state,
      postalCode: place.postalCode,
      country: 'US',
      // A few kilometres from the city centre, where such a business would be.
      latitude: Math.round((place.lat + details.float(-0.03, 0.03)) * 1e5) / 1e5,
      longitude: Math.round((place.lng + details.float(-0.03, 0.03)) * 1e5) / 1e5,
      description: describeAccount(demo),
      normalizedName: normalizeCompanyName(demo.name),
      domain: companyDomain(website),
      mergedIntoId: null,
      createdAt,
      updatedAt: createdAt,
      version: 1,
      deletedAt: null,
    };
  });
  const accountByKey = new Map(
    demoAccounts.map((demo, index) => [demo.key, { demo, row: accountRows[index] as RowOf<typeof accounts> }]),
  );

  // Contacts: three per account; the first is the primary decision maker the others report to.
  const people = createPersonPicker(rng.fork('people'));
  const contactRows: RowOf<typeof contacts>[] = [];
  const contactsOf = new Map<string, RowOf<typeof contacts>[]>();
  for (const { demo, row } of accountByKey.values()) {
    const domain = demoDomainOf(demo.name.replace(/ - .*$/, ''));
    const roles: ContactRole[] = [
      'decision_maker',
      'influencer',
      demo.type === 'distributor' ? 'distributor' : demo.type === 'dealer' ? 'dealer' : 'contact',
    ];
    const mine: RowOf<typeof contacts>[] = [];
    roles.forEach((role, position) => {
      const person = people(domain);
      const createdAt = new Date((row.createdAt as Date).getTime() + (position + 1) * MINUTE_MS);
      const contact: RowOf<typeof contacts> = {
        id: ids.uuidV7(createdAt),
        accountId: row.id,
        firstName: person.firstName,
        lastName: person.lastName,
        title: titleFor(details, role),
        role,
        reportsToId: position === 0 ? null : (mine[position === 2 ? 1 : 0]?.id ?? null),
        email: person.email,
        phone: person.phone,
        mobile: position === 0 ? person.mobile : null,
        isPrimary: position === 0,
        ownerId: row.ownerId ?? null,
        createdAt,
        updatedAt: createdAt,
        version: 1,
        deletedAt: null,
      };
      mine.push(contact);
      contactRows.push(contact);
    });
    contactsOf.set(demo.key, mine);
  }

  // Leads: every source × stage pair three times; some are existing customers' people (they convert into
  // their account), some new companies, a few disqualified.
  const leadRng = rng.fork('leads');
  // Its own stream, so the leads themselves are what they were before conversions had dates.
  const conversionRng = rng.fork('conversions');
  const leadRows: RowOf<typeof leads>[] = [];
  const conversions: DemoRecords['conversions'] = [];
  const disqualifications: DemoRecords['disqualifications'] = [];
  const territoryKeys = Object.keys(demoTerritories) as DemoTerritoryKey[];
  const convertible = demoAccounts.filter((demo) => demo.type === 'dealer' || demo.type === 'customer');
  for (let index = 0; index < DEMO_COUNTS.leads; index += 1) {
    const source: LeadSource = leadSources[index % leadSources.length] as LeadSource;
    const stage = leadStages[Math.floor(index / leadSources.length) % leadStages.length] as (typeof leadStages)[number];
    const converting = index < CONVERTED_LEADS;
    const disqualifying = !converting && index >= DEMO_COUNTS.leads - DISQUALIFIED_LEADS;
    const target = converting ? convertible[(index * 3) % convertible.length] : undefined;
    const territory = target ? target.territory : (territoryKeys[index % territoryKeys.length] as DemoTerritoryKey);
    const ownerKey = target ? (ownerKeyOf.get(target.key) ?? repOf(territory)) : repOf(territory);
    const cityKeys = [...new Set(demoAccounts.filter((demo) => demo.territory === territory).map((demo) => demo.city))];
    const place = demoCities[leadRng.pick(cityKeys)];
    // A converting lead is the third contact of its account asking about another product line.
    const known = target ? contactsOf.get(target.key)?.[2] : undefined;
    const company = target ? target.name : prospectCompany(leadRng, place.name);
    const person = known
      ? {
          firstName: known.firstName,
          lastName: known.lastName,
          email: known.email ?? '',
          phone: known.phone ?? demoPhone(leadRng),
        }
      : people(demoDomainOf(company));
    const depth = leadStages.indexOf(stage);
    const bant = {
      budget: leadRng.chance(0.3 + 0.2 * depth),
      authority: leadRng.chance(0.3 + 0.2 * depth),
      need: leadRng.chance(0.5 + 0.15 * depth),
      timeline: leadRng.chance(0.2 + 0.2 * depth),
    };
    const createdAt = at(-Math.floor(leadRng.float(2, 120) * DAY_MS));
    const budgetAmount = bant.budget ? Math.round(leadRng.float(5, 150)) * 1_000 : null;
    const decisionDate = bant.timeline ? isoDate(nowMs + leadRng.int(10, 120) * DAY_MS) : null;
    const employees = leadRng.int(3, 400);
    const { score, reasons } = scoreLead({
      bant,
      budgetAmount,
      decisionDate,
      employees,
      source,
      recentActivities: 0,
      createdAt,
      now,
    });
    const id = ids.uuidV7(createdAt);
    leadRows.push({
      id,
      firstName: person.firstName,
      lastName: person.lastName,
      company,
      title: known?.title ?? titleFor(leadRng, 'influencer'),
      email: person.email,
      phone: person.phone,
      source,
      stage,
      status: 'open',
      employees,
      country: 'US',
      region: place.state,
      bantBudget: bant.budget,
      bantAuthority: bant.authority,
      bantNeed: bant.need,
      bantTimeline: bant.timeline,
      budgetAmount,
      decisionDate,
      needDescription: bant.need ? `Interested in ${leadRng.pick(demoProducts).toLowerCase()}` : null,
      score,
      scoreReasons: reasons,
      ownerId: userIds[ownerKey],
      territoryId: territoryIds[territory],
      convertedAt: null,
      convertedAccountId: null,
      convertedContactId: null,
      convertedOpportunityId: null,
      disqualifiedAt: null,
      disqualifiedReason: null,
      createdAt,
      updatedAt: createdAt,
      version: 1,
      deletedAt: null,
    });
    if (target) {
      conversions.push({
        leadId: id,
        ownerKey,
        accountId: accountIds.get(target.key) as string,
        convertedAt: conversionTime(conversionRng, createdAt.getTime(), nowMs),
        opportunity:
          index < CONVERSIONS_WITH_DEAL
            ? {
                name: `${target.name}: ${leadRng.pick(demoProducts)}`,
                amount: Math.round(leadRng.float(8, 60)) * 1_000,
                closeDate: isoDate(nowMs + leadRng.int(20, 90) * DAY_MS),
              }
            : null,
      });
    }
    if (disqualifying) {
      disqualifications.push({
        leadId: id,
        ownerKey,
        reason: leadRng.pick([
          'No budget this year',
          'Bought from a competitor',
          'Outside our dealer network',
          'No response after three attempts',
        ]),
      });
    }
  }

  // Opportunities: the rest of the 50 (conversions open the others), every stage, on distributors,
  // dealers and end customers, closing around today.
  const dealRng = rng.fork('deals');
  const stageTimingRng = rng.fork('stage timing');
  const buyers = demoAccounts.filter((demo) => demo.type !== 'supplier' && demo.type !== 'partner');
  const opportunityRows: RowOf<typeof opportunities>[] = [];
  const historyRows: RowOf<typeof opportunityStageHistory>[] = [];
  const positions = new Map<OpportunityStage, number>();
  const dealsOf = new Map<string, RowOf<typeof opportunities>[]>();
  const directDeals = DEMO_COUNTS.opportunities - CONVERSIONS_WITH_DEAL;
  // The products on some open deals: their amount is then the sum of their lines. From a stream of its
  // own, so the rest of the data set is what it was.
  const lineRows: RowOf<typeof opportunityLineItems>[] = [];
  for (let index = 0; index < directDeals; index += 1) {
    const stage = opportunityStages[index % opportunityStages.length] as OpportunityStage;
    const demo = buyers[(index * 7) % buyers.length] as DemoAccount;
    const { row: account } = accountByKey.get(demo.key) as { row: RowOf<typeof accounts> };
    const closed = stage === 'closed_won' || stage === 'closed_lost';
    const closeMs = closed ? nowMs - dealRng.int(1, 150) * DAY_MS : nowMs + dealRng.int(-10, 150) * DAY_MS;
    const createdMs = Math.max(
      (account.createdAt as Date).getTime() + DAY_MS,
      closeMs - dealRng.int(30, 120) * DAY_MS,
      nowMs - 300 * DAY_MS,
    );
    const createdAt = new Date(Math.min(createdMs, nowMs - DAY_MS));
    const closedAt = closed ? new Date(Math.max(createdAt.getTime() + HOUR_MS, Date.UTC(...ymd(closeMs), 16))) : null;
    // Won deals stay under the approval threshold: a larger one would need an approval record.
    const amount = Math.round(dealRng.float(8, stage === 'closed_won' ? 95 : 240)) * 1_000;
    const position = (positions.get(stage) ?? 0) + 1_000;
    positions.set(stage, position);
    const product = dealRng.pick(demoProducts);
    const id = ids.uuidV7(createdAt);
    const deal: RowOf<typeof opportunities> = {
      id,
      name: `${demo.name}: ${product}`,
      accountId: account.id,
      contactId: contactsOf.get(demo.key)?.[dealRng.int(0, 1)]?.id ?? null,
      leadId: null,
      ownerId: account.ownerId ?? null,
      stage,
      probability: stageProbability[stage],
      amount,
      currency: 'USD',
      closeDate: isoDate(closeMs),
      requirements: dealRng.chance(0.5)
        ? `${product} for the coming season, delivery before ${isoDate(closeMs + 30 * DAY_MS)}`
        : null,
      productInterest: [...new Set([product, dealRng.pick(demoProducts)])],
      competitors: dealRng.chance(0.5) ? [dealRng.pick(demoCompetitors)] : [],
      risks: stage === 'negotiation' ? 'Competitor is offering a lower price' : null,
      lossReason:
        stage === 'closed_lost' ? dealRng.pick(['Price', 'Lost to a competitor', 'No decision', 'No budget']) : null,
      closedAt,
      approvalStatus: 'not_required',
      position,
      createdAt,
      updatedAt: closedAt ?? createdAt,
      version: 1,
      deletedAt: null,
    };
    if (!closed && linesRng.chance(0.4)) {
      const lines = demoLines(linesRng, deal, productRows, createdAt, (product) =>
        channelPrices.priceOf(account.priceListId ?? null, product),
      );
      lineRows.push(...lines);
      deal.amount = Math.round(lines.reduce((sum, line) => sum + line.total * 100, 0)) / 100;
    }
    opportunityRows.push(deal);
    dealsOf.set(demo.key, [...(dealsOf.get(demo.key) ?? []), deal]);
    // An open deal reached its stage some time ago, not at the minute the demo loaded.
    const reachedMs = closedAt?.getTime() ?? lastStageChangeOf(deal, nowMs, stageTimingRng);
    historyRows.push(...stageHistoryOf(deal, ids, dealRng, reachedMs));
  }

  // Activities: 300 over the accounts, completed in the past 60 days or planned for the next three weeks.
  const workRng = rng.fork('activities');
  const activityRows: RowOf<typeof activities>[] = [];
  const types: readonly (readonly [ActivityType, number])[] = [
    ['visit', 30],
    ['call', 30],
    ['email', 18],
    ['meeting', 15],
    ['note', 4],
    ['task', 3],
  ];
  const missedRng = rng.fork('missed activities');
  // Some planned visits are appointments the customer agreed to: the route planner works around them.
  const appointmentRng = rng.fork('appointments');
  for (let index = 0; index < DEMO_COUNTS.activities; index += 1) {
    const demo = demoAccounts[index % demoAccounts.length] as DemoAccount;
    const { row: account } = accountByKey.get(demo.key) as { row: RowOf<typeof accounts> };
    const type = workRng.weighted(types);
    const planned = workRng.chance(0.22);
    // Working hours: 8:00 to 17:00 UTC-ish, on a day in the window.
    const dayOffset = planned ? workRng.int(0, 21) : -workRng.int(1, 60);
    const scheduledMs = atWorkingHour(nowMs + dayOffset * DAY_MS, workRng, { lastHour: 22, minutes: [0, 15, 30, 45] });
    // A few past ones were never logged: the overdue activities a rep is reminded of. Drawn from a stream
    // of their own, so the rest of the data set is what it was.
    const missed = missedRng.chance(0.07);
    const status =
      planned || scheduledMs > nowMs
        ? 'planned'
        : workRng.chance(0.06)
          ? 'cancelled'
          : missed
            ? 'planned'
            : 'completed';
    const durationMinutes =
      type === 'visit'
        ? workRng.int(45, 120)
        : type === 'meeting'
          ? workRng.int(30, 90)
          : type === 'call'
            ? workRng.int(5, 30)
            : null;
    const completedMs = status === 'completed' ? scheduledMs + (durationMinutes ?? 5) * MINUTE_MS : null;
    const location = { lat: account.latitude as number, lng: account.longitude as number };
    const stamps =
      type === 'visit' && status === 'completed'
        ? visitStamps(workRng, location, scheduledMs, durationMinutes ?? 60, input.visitRadiusMeters)
        : null;
    const links = linksOf(workRng, demo.key, contactsOf, dealsOf);
    const createdAt = new Date(Math.min(nowMs, scheduledMs - workRng.int(1, 7) * DAY_MS));
    activityRows.push({
      id: ids.uuidV7(createdAt),
      type,
      subject: workRng.pick(activitySubjects[type]),
      description: type === 'visit' ? `Visit to ${account.name}, ${account.street}, ${account.city}` : null,
      status,
      scheduledAt: new Date(scheduledMs),
      fixedTime: type === 'visit' && status === 'planned' && appointmentRng.chance(0.3),
      durationMinutes,
      completedAt: completedMs === null ? null : new Date(completedMs),
      outcome: status === 'completed' ? workRng.pick(activityOutcomes) : null,
      nextSteps: status === 'completed' && workRng.chance(0.6) ? workRng.pick(nextStepsOptions) : null,
      latitude: type === 'visit' ? location.lat : null,
      longitude: type === 'visit' ? location.lng : null,
      locationAddress:
        type === 'visit' ? `${account.street}, ${account.city}, ${account.state} ${account.postalCode}` : null,
      ownerId: account.ownerId ?? null,
      accountId: account.id,
      contactId: links.contactId,
      leadId: null,
      opportunityId: links.opportunityId,
      checkInAt: stamps?.checkInAt ?? null,
      checkInLatitude: stamps?.checkIn.lat ?? null,
      checkInLongitude: stamps?.checkIn.lng ?? null,
      checkInAccuracy: stamps?.checkInAccuracy ?? null,
      checkInDistanceMeters: stamps?.checkInDistance ?? null,
      checkOutAt: stamps?.checkOutAt ?? null,
      checkOutLatitude: stamps?.checkOut.lat ?? null,
      checkOutLongitude: stamps?.checkOut.lng ?? null,
      checkOutAccuracy: stamps?.checkOutAccuracy ?? null,
      checkOutDistanceMeters: stamps?.checkOutDistance ?? null,
      farFromAccount: stamps?.far ?? false,
      createdAt,
      updatedAt: completedMs !== null ? new Date(Math.min(nowMs, completedMs)) : createdAt,
      version: status === 'planned' ? 1 : 2,
      deletedAt: null,
    });
  }

  // Tasks: 80 for the reps: overdue, due today, coming up, in progress and done.
  const taskRng = rng.fork('tasks');
  // Due times in working hours, from a stream of their own so the rest of the data set is what it was.
  const dueHourRng = rng.fork('task due hours');
  const inWorkingHours = (ms: number) => atWorkingHour(ms, dueHourRng, { lastHour: 21, minutes: [0, 30] });
  const taskRows: RowOf<typeof tasks>[] = [];
  const taskPlan = [
    ...Array<'overdue'>(16).fill('overdue'),
    ...Array<'today'>(10).fill('today'),
    ...Array<'upcoming'>(28).fill('upcoming'),
    ...Array<'in_progress'>(8).fill('in_progress'),
    ...Array<'done'>(18).fill('done'),
  ];
  taskPlan.forEach((kind, index) => {
    const demo = demoAccounts[(index * 3) % demoAccounts.length] as DemoAccount;
    const { row: account } = accountByKey.get(demo.key) as { row: RowOf<typeof accounts> };
    const assigneeKey = repOf(demo.territory);
    // Whole days away from today, at a working hour of that day: not all at the minute the demo loaded.
    const dueMs =
      kind === 'overdue'
        ? inWorkingHours(nowMs - taskRng.int(1, 14) * DAY_MS)
        : kind === 'today'
          ? Math.max(nowMs + HOUR_MS, startOfDay(nowMs) + 22 * HOUR_MS)
          : kind === 'done'
            ? inWorkingHours(nowMs - taskRng.int(1, 30) * DAY_MS)
            : inWorkingHours(nowMs + taskRng.int(1, 30) * DAY_MS);
    const todayEnd = startOfDay(nowMs) + DAY_MS - MINUTE_MS;
    const due = kind === 'today' ? Math.min(dueMs, todayEnd) : dueMs;
    const status = kind === 'done' ? 'completed' : kind === 'in_progress' ? 'in_progress' : 'open';
    const createdAt = new Date(Math.min(nowMs - HOUR_MS, due - taskRng.int(3, 20) * DAY_MS));
    const reminderMs = kind === 'upcoming' && taskRng.chance(0.5) ? due - DAY_MS : null;
    const links = linksOf(taskRng, demo.key, contactsOf, dealsOf);
    const title = `${taskRng.pick(taskTitles)}: ${account.name}`;
    // A few of the coming ones are a dealer's standing routine: they repeat.
    const routine =
      kind === 'upcoming' && index % 7 === 0 ? demoRoutines[(index / 7) % demoRoutines.length] : undefined;
    taskRows.push({
      id: ids.uuidV7(createdAt),
      title: routine ? `${routine.title}: ${account.name}` : title,
      description: null,
      type:
        kind === 'overdue' || kind === 'today'
          ? 'follow_up'
          : taskRng.pick(['general', 'follow_up', 'reminder', 'deadline']),
      priority:
        kind === 'overdue'
          ? taskRng.pick(['high', 'urgent', 'medium'])
          : taskRng.pick(['low', 'medium', 'medium', 'high']),
      status,
      dueAt: new Date(due),
      reminderAt: reminderMs === null ? null : new Date(reminderMs),
      // A reminder already past is marked raised, so starting the demo raises no stale notification.
      remindedAt: reminderMs !== null && reminderMs <= nowMs ? new Date(reminderMs) : null,
      assigneeId: userIds[assigneeKey],
      createdById: userIds[demoTerritories[demo.territory].manager],
      completedAt: status === 'completed' ? new Date(Math.min(nowMs, due)) : null,
      accountId: account.id,
      contactId: links.contactId,
      leadId: null,
      opportunityId: links.opportunityId,
      repeatEvery: routine?.every ?? null,
      repeatUnit: routine?.unit ?? null,
      repeatUntil: null,
      repeatDay: routine ? new Date(due).getUTCDate() : null,
      nextTaskId: null,
      createdAt,
      updatedAt: createdAt,
      version: 1,
      deletedAt: null,
    });
  });

  // The e-mail and call log, and a note per account.
  const logRng = rng.fork('log');
  const communicationRows: RowOf<typeof communications>[] = [];
  for (let index = 0; index < DEMO_COUNTS.communications; index += 1) {
    const demo = demoAccounts[(index * 11) % demoAccounts.length] as DemoAccount;
    const { row: account } = accountByKey.get(demo.key) as { row: RowOf<typeof accounts> };
    const contact = logRng.pick(contactsOf.get(demo.key) ?? []);
    const owner = demoTeam[ownerKeyOf.get(demo.key) ?? 'rob'];
    const channel = logRng.weighted([
      ['email', 70],
      ['call', 25],
      ['sms', 5],
    ] as const);
    const inbound = logRng.chance(0.4);
    const occurredAt = at(-Math.floor(logRng.float(0.1, 60) * DAY_MS));
    communicationRows.push({
      id: ids.uuidV7(occurredAt),
      channel,
      direction: inbound ? 'inbound' : 'outbound',
      subject: channel === 'email' ? logRng.pick(communicationSubjects) : null,
      body:
        channel === 'email'
          ? `Hi ${inbound ? owner.name.split(' ')[0] : contact.firstName},\n\nFollowing up as discussed.\n`
          : null,
      fromAddress: channel === 'email' ? (inbound ? contact.email : owner.email) : null,
      toAddresses: channel === 'email' ? [(inbound ? owner.email : contact.email) as string] : [],
      ccAddresses: [],
      occurredAt,
      durationSeconds: channel === 'call' ? logRng.int(60, 1_500) : null,
      status: inbound ? 'received' : 'sent',
      ownerId: account.ownerId ?? null,
      accountId: account.id,
      contactId: contact.id,
      leadId: null,
      opportunityId: null,
      createdAt: occurredAt,
      updatedAt: occurredAt,
      version: 1,
      deletedAt: null,
    });
  }
  const noteRows: RowOf<typeof notes>[] = accountRows.map((account, index) => {
    const createdAt = at(-Math.floor(logRng.float(1, 90) * DAY_MS));
    return {
      id: ids.uuidV7(createdAt),
      body: noteBodies[index % noteBodies.length] as string,
      pinned: index % 8 === 0,
      authorId: account.ownerId ?? null,
      accountId: account.id,
      contactId: null,
      leadId: null,
      opportunityId: null,
      createdAt,
      updatedAt: createdAt,
      version: 1,
      deletedAt: null,
    };
  });

  return {
    users: userRows,
    territories: territoryRows,
    accounts: accountRows,
    contacts: contactRows,
    leads: leadRows,
    opportunities: opportunityRows,
    priceLists: channelPrices.priceLists,
    products: productRows,
    priceListEntries: channelPrices.entries,
    lineItems: lineRows,
    stageHistory: historyRows,
    activities: activityRows,
    tasks: taskRows,
    communications: communicationRows,
    notes: noteRows,
    files: buildDemoFiles({
      rng: rng.fork('files'),
      now,
      accounts: accountRows,
      activities: activityRows,
      products: productRows,
    }),
    salesTargets: buildDemoTargets({
      now,
      userIds,
      deals: opportunityRows,
      rng: rng.fork('targets'),
    }),
    emailTemplates: buildDemoTemplates({ now, userIds, rng: rng.fork('templates') }),
    workspace: buildDemoWorkspace({ now, userIds, rng: rng.fork('workspace') }),
    quotes: buildDemoQuotes({
      now,
      rng: rng.fork('quotes'),
      deals: opportunityRows,
      lineItems: lineRows,
      products: productRows,
      contactEmails: new Map(contactRows.map((contact) => [contact.id as string, contact.email ?? null])),
      userEmails: new Map(userRows.map((user) => [user.id as string, user.email])),
    }),
    conversions,
    disqualifications,
    userIds,
    territoryIds,
  };
}

/**
 * One to three lines of a deal, from the product lines it is about: machines by the one or two, parts
 * and warranties by the dozen, at the account's price (its channel price list, else list price) less the
 * occasional negotiated discount.
 */
function demoLines(
  rng: Rng,
  deal: RowOf<typeof opportunities>,
  catalogue: RowOf<typeof products>[],
  at: Date,
  priceOf: (product: RowOf<typeof products>) => number,
): RowOf<typeof opportunityLineItems>[] {
  const interest = new Set(deal.productInterest);
  const candidates = catalogue.filter((product) => interest.has(product.family ?? ''));
  const chosen = [
    ...new Set(Array.from({ length: rng.int(1, 3) }, () => rng.pick(candidates.length > 0 ? candidates : catalogue))),
  ];
  return chosen.map((product, index) => {
    const quantity = product.unitPrice < 2_000 ? rng.int(6, 24) : rng.int(1, 6);
    const discountPercent = rng.pick([0, 0, 5, 10]);
    const unitPrice = priceOf(product);
    return {
      id: rng.uuidV7(new Date(at.getTime() + index)),
      opportunityId: deal.id,
      productId: product.id,
      quantity,
      unitPrice,
      discountPercent,
      total: lineTotal({ quantity, unitPrice, discountPercent }),
      position: index + 1,
      createdAt: at,
      updatedAt: at,
      version: 1,
      deletedAt: null,
    };
  });
}

function describeAccount(demo: DemoAccount): string {
  switch (demo.type) {
    case 'distributor':
      return demo.parent
        ? 'Branch warehouse serving the southern dealers of the network.'
        : 'Regional distributor: stocks our full line and supports its dealer network.';
    case 'dealer':
      return 'Authorised dealer: sales, service and parts.';
    case 'customer':
      return 'End customer served through its dealer.';
    case 'supplier':
      return 'Supplies components to our plant.';
    default:
      return 'Partner of the dealer programme.';
  }
}

/** Standing routines of a rep with a dealer: tasks that repeat. */
const demoRoutines: { title: string; every: number; unit: 'week' | 'month' }[] = [
  { title: 'Weekly order call', every: 1, unit: 'week' },
  { title: 'Monthly stock review', every: 1, unit: 'month' },
  { title: 'Fortnightly display check', every: 2, unit: 'week' },
];

const prospectTrades = ['Landscaping', 'Turf Care', 'Grounds Services', 'Acres', 'Sod & Seed', 'Property Maintenance'];

function prospectCompany(rng: Rng, cityName: string): string {
  return `${rng.pick([cityName, rng.pick(['Oakridge', 'Bluestem', 'Cottonwood', 'Ironwood', 'Meadowlark', 'Riverbend'])])} ${rng.pick(prospectTrades)}`;
}

/** Links of a piece of work on an account: often a contact, sometimes one of its deals (with its contact). */
function linksOf(
  rng: Rng,
  accountKey: string,
  contactsOf: Map<string, RowOf<typeof contacts>[]>,
  dealsOf: Map<string, RowOf<typeof opportunities>[]>,
): { contactId: string | null; opportunityId: string | null } {
  const deals = dealsOf.get(accountKey) ?? [];
  if (deals.length > 0 && rng.chance(0.3)) {
    const deal = rng.pick(deals);
    return { contactId: deal.contactId ?? null, opportunityId: deal.id };
  }
  const people = contactsOf.get(accountKey) ?? [];
  return { contactId: people.length > 0 && rng.chance(0.6) ? rng.pick(people).id : null, opportunityId: null };
}

/** When an open deal moved into its present stage: between a fifth and four fifths of its life so far. */
function lastStageChangeOf(deal: RowOf<typeof opportunities>, nowMs: number, rng: Rng): number {
  const createdMs = (deal.createdAt as Date).getTime();
  return createdMs + Math.round((nowMs - createdMs) * rng.float(0.2, 0.8));
}

/**
 * The stage changes that led a deal to its stage: created in prospecting, then one step at a time; a
 * lost deal drops out from the stage it had reached.
 */
function stageHistoryOf(
  deal: RowOf<typeof opportunities>,
  ids: Rng,
  rng: Rng,
  endMs: number,
): RowOf<typeof opportunityStageHistory>[] {
  const stage = deal.stage as OpportunityStage;
  const open: OpportunityStage[] = ['prospecting', 'qualification', 'proposal', 'negotiation'];
  const path: OpportunityStage[] =
    stage === 'closed_won'
      ? [...open, 'closed_won']
      : stage === 'closed_lost'
        ? [...open.slice(0, rng.int(1, 4)), 'closed_lost']
        : open.slice(0, open.indexOf(stage) + 1);
  const startMs = (deal.createdAt as Date).getTime();
  const step = Math.max(HOUR_MS, (endMs - startMs) / path.length);
  return path.map((toStage, index) => {
    const changedAt = new Date(index === path.length - 1 && path.length > 1 ? endMs : startMs + index * step);
    return {
      id: ids.uuidV7(changedAt),
      opportunityId: deal.id,
      fromStage: index === 0 ? null : (path[index - 1] ?? null),
      toStage,
      amount: deal.amount ?? 0,
      probability: stageProbability[toStage],
      reason: toStage === 'closed_lost' ? (deal.lossReason ?? null) : null,
      changedById: deal.ownerId ?? null,
      changedAt,
    };
  });
}

function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** A moment on the day of `ms` in the team's working hours (from 14:00 UTC, US business hours). */
function atWorkingHour(ms: number, rng: Rng, options: { lastHour: number; minutes: number[] }): number {
  return startOfDay(ms) + rng.int(14, options.lastHour) * HOUR_MS + rng.pick(options.minutes) * MINUTE_MS;
}

function startOfDay(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}

function ymd(ms: number): [number, number, number] {
  const date = new Date(ms);
  return [date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()];
}

/**
 * A lead's conversion: a fifth to nine tenths of the way from its arrival to now (a lead that came in four
 * months ago was converted weeks or months later, one from last week days later), at least a day after it
 * came in when it can be, and never later than an hour ago.
 */
function conversionTime(rng: Rng, createdMs: number, nowMs: number): Date {
  const latest = nowMs - HOUR_MS;
  const earliest = Math.min(createdMs + DAY_MS, latest);
  const spread = createdMs + rng.float(0.2, 0.9) * (latest - createdMs);
  return new Date(Math.round(Math.min(latest, Math.max(earliest, spread))));
}
