import { accountsDataset } from './datasets/accounts.js';
import { activitiesDataset } from './datasets/activities.js';
import { communicationsDataset, notesDataset } from './datasets/communications.js';
import { contactsDataset } from './datasets/contacts.js';
import { leadsDataset } from './datasets/leads.js';
import { opportunitiesDataset, opportunityStageHistoryDataset } from './datasets/opportunities.js';
import { tasksDataset } from './datasets/tasks.js';
import { territoriesDataset } from './datasets/territories.js';
import { usersDataset } from './datasets/users.js';

/** Rows per account of every other table, when a count is not given. */
export const ROWS_PER_ACCOUNT = {
  contacts: 3,
  leads: 2,
  opportunities: 2,
  activities: 10,
  tasks: 2,
  communications: 1,
  notes: 1,
} as const;

export type ScaleDataOptions = {
  /** Accounts, at least 1,000 (the first family alone has 1,000). */
  accounts: number;
  /** Users in all (1 admin, a manager per territory, the rest reps): default one per 10 accounts, at least 50. */
  users?: number;
  /** Territories: default one per 5,000 accounts, from 5 to 50. */
  territories?: number;
  /** The counts of the other tables; each defaults to ROWS_PER_ACCOUNT × accounts, and 0 leaves a table out. */
  leads?: number;
  opportunities?: number;
  activities?: number;
  tasks?: number;
  communications?: number;
  notes?: number;
  /**
   * "Now" for dates the reports read from the real clock (close dates, activity and task dates).
   * Default: the real now. Pass one to make two runs identical.
   */
  now?: Date;
};

/**
 * The whole data set at scale, as datasets wired to each other: what `meridian seed --scale N` and the
 * bench load. Pass `datasets.all` to generateDatasets; the named ones give their outputs afterwards
 * (`output(datasets.users)`).
 */
export function scaleDatasets(options: ScaleDataOptions) {
  const perAccount = (share: number, given: number | undefined) => given ?? options.accounts * share;
  const territoryCount = options.territories ?? Math.min(50, Math.max(5, Math.round(options.accounts / 5_000)));
  const users = usersDataset({
    count: options.users ?? Math.max(50, Math.round(options.accounts / 10)),
    territories: territoryCount,
  });
  const territories = territoriesDataset({ users });
  const accounts = accountsDataset({ count: options.accounts, territories });
  const contacts = contactsDataset({
    accounts,
    territories,
    count: perAccount(ROWS_PER_ACCOUNT.contacts, undefined),
  });
  const leads = leadsDataset({ count: perAccount(ROWS_PER_ACCOUNT.leads, options.leads), territories });
  const opportunities = opportunitiesDataset({
    count: perAccount(ROWS_PER_ACCOUNT.opportunities, options.opportunities),
    accounts,
    contacts,
    territories,
    today: options.now,
  });
  const stageHistory = opportunityStageHistoryDataset({ opportunities });
  const linked = { accounts, contacts, opportunities, now: options.now };
  const activities = activitiesDataset({
    ...linked,
    count: perAccount(ROWS_PER_ACCOUNT.activities, options.activities),
  });
  const tasks = tasksDataset({ ...linked, count: perAccount(ROWS_PER_ACCOUNT.tasks, options.tasks) });
  const communications = communicationsDataset({
    ...linked,
    count: perAccount(ROWS_PER_ACCOUNT.communications, options.communications),
  });
  const notes = notesDataset({ ...linked, count: perAccount(ROWS_PER_ACCOUNT.notes, options.notes) });
  const optional = [
    [leads, options.leads],
    [activities, options.activities],
    [tasks, options.tasks],
    [communications, options.communications],
    [notes, options.notes],
  ] as const;
  const wanted = optional.filter(([, count]) => count !== 0).map(([dataset]) => dataset);
  const all = [users, territories, accounts, contacts, opportunities, stageHistory, ...wanted];
  return {
    users,
    territories,
    accounts,
    contacts,
    leads,
    opportunities,
    stageHistory,
    activities,
    tasks,
    communications,
    notes,
    all,
  };
}
