import type { RecordsPlan } from '../../../../shared/contracts/query.js';
import { matchPeople, type Person } from './people.js';
import type { TextCursor } from './text-cursor.js';
import { notANameWord } from './vocabulary.js';

/*
 * Looking a person up by name: "who is Karen Anderson", "what's the phone number of Raj Brown", "Kai
 * Adams's email", "how do I reach Alan Chandra", "what company does Raj Brown work for", "find the lead
 * John Kelly". The answer is the contact (or lead) by that name, whose row carries the title, account,
 * e-mail and phone asked for. Colleagues are users, not contacts: their names are left to the other passes.
 */

const DETAIL = String.raw`(?:(?:direct |office |work |cell |mobile )?(?:phone|telephone|tel|cell|mobile)(?: (?:number|no|#))?|(?:e-?mail|email)(?: address)?|contact (?:details|info(?:rmation)?|number)|(?:job )?title|position|number|details)`;
const NAME = String.raw`([a-z\u00c0-\u024f][\w\u00c0-\u024f'.-]*(?: [a-z\u00c0-\u024f][\w\u00c0-\u024f'.-]*){1,2}?)`;
const END = String.raw`\s*[?.!]*\s*$`;

const LOOKUPS: { pattern: RegExp; entity: 'contacts' | 'leads' }[] = [
  // "what's the phone number of Karen Anderson", "email address for Kenji Bell"
  {
    pattern: new RegExp(
      String.raw`^\s*(?:(?:what(?:'s| is| are)|give me|get me|show me|find|i need|look up)\s+)?(?:the\s+)?${DETAIL}\s+(?:of|for)\s+(?:the\s+contact\s+)?${NAME}${END}`,
    ),
    entity: 'contacts',
  },
  // "Karen Anderson's phone", "what is Kai Adams's email", "Raj Brown email address"
  {
    pattern: new RegExp(
      String.raw`^\s*(?:(?:what(?:'s| is| are)|give me|get me|show me|find|i need|look up)\s+)?${NAME}(?:'s?)?\s+${DETAIL}${END}`,
    ),
    entity: 'contacts',
  },
  // "who is Karen Anderson", "how do I reach Alan Chandra", "what company does Raj Brown work for"
  {
    pattern: new RegExp(
      String.raw`^\s*(?:who(?:'s| is)|how (?:do|can|could|would|should) (?:i|we) (?:reach|contact|call|get (?:in touch with|hold of))|(?:what|which) (?:company|account|customer) (?:does|is) ${NAME} (?:work (?:for|at)|with|at|from)|where does ${NAME} work|(?:find|look up|show me) (?:the )?contact)\s*${NAME}?${END}`,
    ),
    entity: 'contacts',
  },
  // "find the lead John Kelly" (a verb first: "lead conversion rate" is no look-up)
  {
    pattern: new RegExp(String.raw`^\s*(?:find|look up|show me|who is)\s+(?:the\s+)?lead\s+(?:named\s+)?${NAME}${END}`),
    entity: 'leads',
  },
];

/**
 * A look-up of one person by name, consumed whole; undefined when the question is not one, or when the
 * name is made of the plan's words ("who is the decision maker at Acme") or is a colleague's.
 */
export function takeLookup(cursor: TextCursor, people: readonly Person[]): RecordsPlan | undefined {
  for (const { pattern, entity } of LOOKUPS) {
    const match = pattern.exec(cursor.text);
    if (!match) continue;
    const index = match.slice(1).findIndex((group) => group !== undefined) + 1;
    const words = match[index];
    if (!words) continue;
    const parts = words.split(' ').map((word) => word.replace(/'s?$/, ''));
    if (parts.some((word) => notANameWord.has(word))) continue;
    const start = match.index + match[0].indexOf(words);
    const name = cursor.originalOf(start, start + words.length).replace(/'s?$/, '');
    // A name is typed with capitals, unless the whole question is in lower case.
    const lowerCaseQuestion = cursor.original === cursor.original.toLowerCase();
    if (!lowerCaseQuestion && !/^\p{Lu}/u.test(name)) continue;
    if (matchPeople(name, people).length > 0) continue;
    cursor.consume(match.index, match.index + match[0].length);
    return { kind: 'records', entity, filters: [{ field: 'name', op: 'contains', value: name }], limit: 5 };
  }
  return undefined;
}
