import type { Rng } from '../random.js';
import type { AccountsOutput } from './accounts.js';
import type { ContactsOutput } from './contacts.js';
import type { OpportunitiesOutput } from './opportunities.js';

export type RecordLinks = { accountId: string; contactId: string | null; opportunityId: string | null };

/**
 * Picks what an activity, task, communication or note of an account links to: always the account,
 * sometimes one of its contacts or deals. A deal's contact is preferred when a deal is linked, so a
 * linked contact and deal always agree with the account, as the application requires.
 */
export function createLinkPicker(
  accounts: AccountsOutput,
  contacts: ContactsOutput,
  deals: OpportunitiesOutput,
  shares: { contact: number; opportunity: number },
) {
  const dealsOf = dealIndexByAccount(deals, accounts.count);
  return (rng: Rng, accountIndex: number): RecordLinks => {
    const accountId = accounts.ids[accountIndex] as string;
    let contactId: string | null = null;
    let opportunityId: string | null = null;
    const firstDeal = dealsOf.offsets[accountIndex] ?? 0;
    const dealCount = (dealsOf.offsets[accountIndex + 1] ?? 0) - firstDeal;
    if (dealCount > 0 && rng.chance(shares.opportunity)) {
      const deal = dealsOf.order[firstDeal + rng.int(0, dealCount - 1)] ?? 0;
      opportunityId = deals.ids[deal] as string;
      contactId = deals.contactIds[deal] ?? null;
    }
    const contactCount = contacts.perAccount[accountIndex] ?? 0;
    if (contactId === null && contactCount > 0 && rng.chance(shares.contact)) {
      contactId = contacts.ids[(contacts.firstOfAccount[accountIndex] ?? 0) + rng.int(0, contactCount - 1)] ?? null;
    }
    return { accountId, contactId, opportunityId };
  };
}

/** Deals grouped by account without an array per account: `order[offsets[a] … offsets[a + 1])`. */
function dealIndexByAccount(deals: OpportunitiesOutput, accountCount: number) {
  const offsets = new Uint32Array(accountCount + 1);
  for (let deal = 0; deal < deals.count; deal += 1) {
    const account = deals.accountIndexes[deal] ?? 0;
    offsets[account + 1] = (offsets[account + 1] ?? 0) + 1;
  }
  for (let account = 0; account < accountCount; account += 1) {
    offsets[account + 1] = (offsets[account + 1] ?? 0) + (offsets[account] ?? 0);
  }
  const next = offsets.slice(0, accountCount);
  const order = new Uint32Array(deals.count);
  for (let deal = 0; deal < deals.count; deal += 1) {
    const account = deals.accountIndexes[deal] ?? 0;
    order[next[account] ?? 0] = deal;
    next[account] = (next[account] ?? 0) + 1;
  }
  return { offsets, order };
}

/** Which account the `index`-th of `count` rows belongs to: an even share each, consecutive by account. */
export function accountOfRow(index: number, count: number, accountCount: number): number {
  return Math.min(accountCount - 1, Math.floor((index * accountCount) / count));
}
