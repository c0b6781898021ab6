import type { Account } from '../../../shared/contracts/accounts.js';
import type { Contact } from '../../../shared/contracts/contacts.js';
import type {
  ConvertLeadInput,
  ConvertOpportunityInput,
  LeadConversion,
  LeadStage,
} from '../../../shared/contracts/leads.js';
import type { OpportunityStage } from '../../../shared/contracts/opportunities.js';
import { AppError } from '../../../shared/errors.js';
import type { Db } from '../../db/client.js';
import type { Deps } from '../../deps.js';
import { type IdempotentRequest, runIdempotent } from '../../platform/idempotency.js';
import type { Viewer } from '../../platform/viewer.js';
import { companyDomain, normalizeCompanyName } from '../accounts/account-identity.js';
import { findVisibleAccount, toAccount } from '../accounts/accounts.repository.js';
import { createAccountInTransaction } from '../accounts/accounts.service.js';
import { toContact } from '../contacts/contacts.repository.js';
import { createContactInTransaction } from '../contacts/contacts.service.js';
import { createOpportunityInTransaction } from '../opportunities/opportunities.service.js';
import { requireAssignableUser } from '../users/users.service.js';
import {
  attachLeadLinks,
  findAccountForCompany,
  findContactInAccountByEmail,
  type LeadRow,
  lockCompanyIdentity,
} from './leads.repository.js';
import { lockLeadForTransition, requireOpen, transitionLead } from './leads.service.js';

/**
 * Turns an open lead into an account (given, found by company name or e-mail domain, or new), a contact
 * at that account and, when asked, an opportunity, and marks the lead converted: all in one transaction,
 * so a failure anywhere leaves nothing behind. The lead row is locked first, so of two conversions racing
 * on one lead exactly one succeeds and the other is `409`. An Idempotency-Key makes a retry answer the
 * first conversion instead.
 */
export async function convertLead(
  deps: Deps,
  viewer: Viewer,
  id: string,
  input: ConvertLeadInput,
  options: { expectedVersion: number | undefined; idempotency: Omit<IdempotentRequest, 'payload'> },
): Promise<LeadConversion> {
  const { result } = await runIdempotent(
    deps.database.db,
    viewer,
    { ...options.idempotency, payload: { id, ...input } },
    async (tx) => {
      const lead = await lockLeadForTransition(tx, viewer, id, options.expectedVersion);
      requireOpen(lead, 'converted');
      const deal = input.opportunity
        ? { ...input.opportunity, closeDate: requireCloseDate(input.opportunity, lead) }
        : null;

      const leadOwner = leadOwnerOf(tx, viewer, lead);
      const { account, matched } = await accountForLead(tx, viewer, lead, input.accountId, leadOwner);
      const contact = await contactForLead(tx, viewer, lead, account, { primary: !matched, owner: leadOwner });
      const opportunity = deal
        ? await createOpportunityInTransaction(tx, deps, viewer, {
            ...deal,
            accountId: account.id,
            contactId: contact.id,
            leadId: lead.id,
            ownerId: deal.ownerId === undefined ? await leadOwner() : deal.ownerId,
            stage: deal.stage ?? dealStageOfLead[lead.stage as LeadStage],
            amount: deal.amount ?? lead.budgetAmount ?? 0,
            requirements: deal.requirements === undefined ? lead.needDescription : deal.requirements,
          })
        : null;
      // Activities, tasks and notes of the lead follow it (none are registered until those modules land).
      await attachLeadLinks(tx, lead.id, {
        accountId: account.id,
        contactId: contact.id,
        opportunityId: opportunity?.id ?? null,
      });

      const converted = await transitionLead(tx, viewer, lead, 'convert', {
        status: 'converted',
        convertedAt: new Date(),
        convertedAccountId: account.id,
        convertedContactId: contact.id,
        convertedOpportunityId: opportunity?.id ?? null,
      });
      return { lead: converted, account, contact, opportunity, accountMatched: matched };
    },
  );
  return result;
}

/**
 * The owner of what the conversion creates, unless told otherwise: the lead's owner, who must still be
 * an active user. Asked only when a record is created for them (a matched account and contact keep their
 * own), and checked once. A lead left behind by someone who has gone is refused with what to do, rather
 * than with an error about an `ownerId` the caller never sent.
 */
function leadOwnerOf(tx: Db, viewer: Viewer, lead: LeadRow): () => Promise<string | null> {
  let checked: Promise<string | null> | undefined;
  return () => {
    checked ??= (async () => {
      if (!lead.ownerId) return null;
      await requireAssignableUser(tx, viewer, lead.ownerId, 'ownerId', {
        detail: "the lead's owner is no longer active: give the lead to an active owner, then convert it",
        message: "the lead's owner is not an active user",
      });
      return lead.ownerId;
    })();
    return checked;
  };
}

/** Where a converted lead's deal starts: as far along as the lead got. */
const dealStageOfLead: Record<LeadStage, OpportunityStage> = {
  inquiry: 'prospecting',
  qualified: 'qualification',
  proposal: 'proposal',
  negotiation: 'negotiation',
};

/** A deal needs a close date: the one given, else the lead's decision date; neither is `400`. */
function requireCloseDate(opportunity: ConvertOpportunityInput, lead: LeadRow): string {
  const closeDate = opportunity.closeDate ?? lead.decisionDate;
  if (!closeDate) {
    throw new AppError(
      'invalid_request',
      "the opportunity needs a closeDate: give one or set the lead's decisionDate",
      {
        errors: [{ path: 'opportunity.closeDate', message: 'required when the lead has no decisionDate' }],
      },
    );
  }
  return closeDate;
}

/**
 * The account the lead becomes part of: the given one (it must be visible, else `400`), else a visible
 * account of the same company (normalised name, then e-mail domain), else a new one in the lead's
 * territory, owned by the lead's owner.
 */
async function accountForLead(
  tx: Db,
  viewer: Viewer,
  lead: LeadRow,
  accountId: string | undefined,
  leadOwner: () => Promise<string | null>,
): Promise<{ account: Account; matched: boolean }> {
  if (accountId) {
    const given = await findVisibleAccount(tx, viewer, accountId, { holdForNewRecords: true });
    if (!given) {
      throw new AppError('invalid_request', 'the account does not exist', {
        errors: [{ path: 'accountId', message: 'no such account' }],
      });
    }
    return { account: toAccount(given), matched: true };
  }
  const normalizedName = lead.company ? normalizeCompanyName(lead.company) : null;
  const domain = companyDomain(lead.email);
  const identity = [normalizedName && `name:${normalizedName}`, domain && `domain:${domain}`];
  await lockCompanyIdentity(
    tx,
    identity.filter((key): key is string => Boolean(key)),
  );
  const found = await findAccountForCompany(tx, viewer, { normalizedName, domain });
  if (found) return { account: toAccount(found), matched: true };
  const account = await createAccountInTransaction(tx, viewer, {
    name: lead.company ?? `${lead.firstName} ${lead.lastName}`,
    type: 'customer',
    parentId: null,
    territoryId: lead.territoryId,
    ownerId: await leadOwner(),
    industry: null,
    // The company's e-mail domain is its web domain in practice; it also lets later leads match by domain.
    website: domain,
    email: null,
    phone: null,
    annualRevenue: null,
    employees: lead.employees,
    visitEveryDays: null,
    priceListId: null,
    // The lead's region is the part of its country it is in (a state, a province): the address's state.
    address: { country: lead.country, state: lead.region },
    location: null,
    description: null,
  });
  return { account, matched: false };
}

/**
 * The person behind the lead at the account: a contact there with the same e-mail, else a new one owned
 * by the lead's owner (a decision maker when authority was confirmed). On a new account it is the
 * primary contact.
 */
async function contactForLead(
  tx: Db,
  viewer: Viewer,
  lead: LeadRow,
  account: Account,
  options: { primary: boolean; owner: () => Promise<string | null> },
): Promise<Contact> {
  if (lead.email) {
    const existing = await findContactInAccountByEmail(tx, viewer, account.id, lead.email);
    if (existing) return toContact(existing);
  }
  return createContactInTransaction(tx, viewer, {
    accountId: account.id,
    firstName: lead.firstName,
    lastName: lead.lastName,
    title: lead.title,
    role: lead.bantAuthority ? 'decision_maker' : 'contact',
    reportsToId: null,
    email: lead.email,
    phone: lead.phone,
    mobile: null,
    isPrimary: options.primary,
    ownerId: await options.owner(),
    // The look-up above already searched this account; the same person at another account is fine.
    allowDuplicate: true,
  });
}
