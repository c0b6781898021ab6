import type { SearchHit, SearchQuery, SearchType } from '../../../shared/contracts/search.js';
import { searchTypes } from '../../../shared/contracts/search.js';
import { valueLabel } from '../../../shared/labels.js';
import { formatMoney } from '../../../shared/money.js';
import type { Deps } from '../../deps.js';
import type { SearchPhase } from '../../platform/text-search.js';
import type { Viewer } from '../../platform/viewer.js';
import { searchAccounts } from '../accounts/accounts.repository.js';
import { searchContacts } from '../contacts/contacts.repository.js';
import { searchLeads } from '../leads/leads.repository.js';
import { searchOpportunities } from '../opportunities/opportunities.repository.js';

type Searcher = (deps: Deps, viewer: Viewer, text: string, limit: number, phase: SearchPhase) => Promise<SearchHit[]>;

/** One ranked, visibility-scoped query per record type; later modules add their type here. */
const searchers: Record<SearchType, Searcher> = {
  account: async (deps, viewer, text, limit, phase) =>
    (await searchAccounts(deps.database.db, viewer, text, limit, phase)).map((hit) => ({
      type: 'account',
      id: hit.id,
      title: hit.name,
      subtitle: [valueLabel(hit.type), hit.city].filter(Boolean).join(' · ') || null,
      score: hit.score,
    })),
  contact: async (deps, viewer, text, limit, phase) =>
    (await searchContacts(deps.database.db, viewer, text, limit, phase)).map((hit) => ({
      type: 'contact',
      id: hit.id,
      title: `${hit.firstName} ${hit.lastName}`,
      subtitle: [hit.title, hit.email].filter(Boolean).join(' · ') || null,
      score: hit.score,
    })),
  lead: async (deps, viewer, text, limit, phase) =>
    (await searchLeads(deps.database.db, viewer, text, limit, phase)).map((hit) => ({
      type: 'lead',
      id: hit.id,
      title: `${hit.firstName} ${hit.lastName}`,
      subtitle: [hit.company, valueLabel(hit.status)].filter(Boolean).join(' · ') || null,
      score: hit.score,
    })),
  opportunity: async (deps, viewer, text, limit, phase) =>
    (await searchOpportunities(deps.database.db, viewer, text, limit, phase)).map((hit) => ({
      type: 'opportunity',
      id: hit.id,
      title: hit.name,
      subtitle: `${valueLabel(hit.stage)} · ${formatMoney(hit.amount, hit.currency)}`,
      score: hit.score,
    })),
};

/**
 * Word matches below which a search also looks for names with typos. Fuzzy matching is the fallback of a
 * search that found (almost) nothing as typed: "acme distrbution" finds nothing by words, so it looks for
 * similar names; "northwind", which found a dozen Northwind accounts, is answered with those, rather than
 * padded with loosely similar names after rechecking thousands of trigram candidates (25 ms on 200k leads).
 */
const FUZZY_BELOW = 5;

/**
 * Global search: the best hits across the asked types, most relevant first. Every type's word matches
 * come first; only when together they are fewer than FUZZY_BELOW (and do not fill the page) does each
 * type look for names with typos (see SearchPhase), so a well-typed query never pays for the trigram phase.
 */
export async function search(deps: Deps, viewer: Viewer, query: SearchQuery): Promise<{ data: SearchHit[] }> {
  const types = query.types ?? [...searchTypes];
  const runPhase = (kind: SearchPhase['kind'], excluded: SearchHit[][] = []) =>
    Promise.all(
      types.map((type, index) =>
        searchers[type](deps, viewer, query.q, query.limit, {
          kind,
          excludedIds: (excluded[index] ?? []).map((hit) => hit.id),
        }),
      ),
    );
  const wordHits = await runPhase('words');
  const found = wordHits.reduce((sum, hits) => sum + hits.length, 0);
  const nameHits = found >= Math.min(query.limit, FUZZY_BELOW) ? [] : await runPhase('names', wordHits);
  const hits = [...wordHits, ...nameHits].flat().sort((a, b) => b.score - a.score || a.title.localeCompare(b.title));
  return { data: hits.slice(0, query.limit) };
}
