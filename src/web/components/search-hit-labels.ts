import type { SearchHit } from '../../shared/contracts/search.js';
import { humanize } from '../lib/format.js';
import { accountTypeColors, leadStatusColors, stageLabels, stageOrder } from '../lib/labels.js';

/** What the palette calls each kind of record, as the navigation does. */
export const hitTypeLabels: Record<SearchHit['type'], string> = {
  account: 'Account',
  contact: 'Contact',
  lead: 'Lead',
  opportunity: 'Deal',
};

/** The stored value a word of a subtitle stands for, by kind of record, with its label. */
function labelOfWord(type: SearchHit['type'], word: string): string | null {
  if (type === 'account' && word in accountTypeColors) return humanize(word);
  if (type === 'lead' && word in leadStatusColors) return humanize(word);
  if (type === 'opportunity') {
    // The search writes a stage with its first underscore as a space ("closed won").
    const stage = stageOrder.find((candidate) => candidate === word || candidate.replace('_', ' ') === word);
    if (stage) return stageLabels[stage];
  }
  return null;
}

/**
 * A search hit's subtitle for people: the search answers stored values among its parts ("dealer ·
 * Rockford", "negotiation · $215,000", "Acme · open"); each becomes its label as the rest of the app shows
 * it ("Dealer", "Negotiation", "Open"). Names, places, amounts and e-mails are left as they are.
 */
export function hitSubtitle(hit: Pick<SearchHit, 'type' | 'subtitle'>): string | null {
  if (!hit.subtitle) return null;
  return hit.subtitle
    .split(' · ')
    .map((part) => labelOfWord(hit.type, part) ?? part)
    .join(' · ');
}
