import type { SearchHit, SearchQuery, SearchType } from '../../../shared/contracts/search.js';
import { searchTypes } from '../../../shared/contracts/search.js';
import type { Deps } from '../../deps.js';
import type { Viewer } from '../../platform/viewer.js';
import { searchAccounts } from '../accounts/accounts.repository.js';
import { searchContacts } from '../contacts/contacts.repository.js';
import { searchLeads } from '../leads/leads.repository.js';
import { searchOpportunities } from '../opportunities/opportunities.repository.js';

type Searcher = (deps: Deps, viewer: Viewer, text: string, limit: number) => Promise<SearchHit[]>;

/** One ranked, visibility-scoped query per record type; later modules add their type here. */
const searchers: Record<SearchType, Searcher> = {
  account: async (deps, viewer, text, limit) =>
    (await searchAccounts(deps.database.db, viewer, text, limit)).map((hit) => ({
      type: 'account',
      id: hit.id,
      title: hit.name,
      subtitle: [hit.type, hit.city].filter(Boolean).join(' · ') || null,
      score: hit.score,
    })),
  contact: async (deps, viewer, text, limit) =>
    (await searchContacts(deps.database.db, viewer, text, limit)).map((hit) => ({
      type: 'contact',
      id: hit.id,
      title: `${hit.firstName} ${hit.lastName}`,
      subtitle: [hit.title, hit.email].filter(Boolean).join(' · ') || null,
      score: hit.score,
    })),
  lead: async (deps, viewer, text, limit) =>
    (await searchLeads(deps.database.db, viewer, text, limit)).map((hit) => ({
      type: 'lead',
      id: hit.id,
      title: `${hit.firstName} ${hit.lastName}`,
      subtitle: [hit.company, hit.status].filter(Boolean).join(' · ') || null,
      score: hit.score,
    })),
  opportunity: async (deps, viewer, text, limit) =>
    (await searchOpportunities(deps.database.db, viewer, text, limit)).map((hit) => ({
      type: 'opportunity',
      id: hit.id,
      title: hit.name,
      subtitle: `${hit.stage.replace('_', ' ')} · ${hit.currency} ${hit.amount.toLocaleString('en-US')}`,
      score: hit.score,
    })),
};

/** Global search: the best hits across the asked types, most relevant first. */
export async function search(deps: Deps, viewer: Viewer, query: SearchQuery): Promise<{ data: SearchHit[] }> {
  const types = query.types ?? [...searchTypes];
  const perType = await Promise.all(types.map((type) => searchers[type](deps, viewer, query.q, query.limit)));
  const hits = perType.flat().sort((a, b) => b.score - a.score || a.title.localeCompare(b.title));
  return { data: hits.slice(0, query.limit) };
}
