import type { SearchHit } from '../../shared/contracts/search.js';

/** What the palette calls each kind of record, as the navigation does. */
export const hitTypeLabels: Record<SearchHit['type'], string> = {
  account: 'Account',
  contact: 'Contact',
  lead: 'Lead',
  opportunity: 'Deal',
};
