import type { QueryEntity, QueryField, QueryGrouping } from '../../../../shared/contracts/query.js';

/*
 * The words of a sales team, mapped to plan names. Patterns run on the lower-cased question; each is a
 * family of phrasings (plural, verb forms, common synonyms), not a memorised sentence.
 */

/**
 * Job titles that name contacts on their own ("CEOs at my accounts", "purchasing managers"): the title is
 * then the condition. Bare "managers" and "owners" are left out: they name users and ownership too.
 */
export const JOB_TITLES = String.raw`(?:ceo|cfo|coo|cto|cmo|vp|vice president|president|director|buyer|purchasing manager|purchasing agent|procurement manager|service manager|parts manager|general manager|store manager|sales manager|fleet manager)s?`;

/** Nouns of the people who own records ("which of my reps…"): a ranking of them is by owner (tasks: assignee). */
export const PEOPLE_NOUNS = String.raw`(?:sales\s*)?reps?|sales\s*people|salespeople|salespersons?|sellers?|owners?|users?|people|persons?|team\s*members?|colleagues?|account\s+managers?`;

/** Words that name an entity outright; the first one in the question decides the entity. */
export const strongEntityWords: { entity: QueryEntity; pattern: RegExp }[] = [
  // Misspellings included: "oppurtunities", "oportunity".
  { entity: 'opportunities', pattern: /\b(deals?|op+(?:o|u)?r+t+u?n+i+t+(?:y|ies|ys|es)|opps?|pipeline)\b/ },
  { entity: 'leads', pattern: /\b(leads?|prospects)\b/ },
  {
    entity: 'accounts',
    pattern:
      /\b(accounts|customers|clients|distributors|dealers|suppliers|partners|companies|resellers|subsidiaries|branches)\b/,
  },
  {
    entity: 'contacts',
    pattern: new RegExp(String.raw`\b(contacts?|decision[- ]?makers?|influencers?|stakeholders?|${JOB_TITLES})\b`),
  },
  {
    entity: 'activities',
    pattern: /\b(activit(?:y|ies)|calls|phone calls|meetings?|visits?|site visits?|emails|appointments?)\b/,
  },
  // Notes written on records (the notes list), not activities logged as a note.
  { entity: 'notes', pattern: /\b(notes?)\b/ },
  // Quotes as documents sent to customers; "deals we quoted" and "quote stage" stay deals (a deal word
  // comes first, or the stage word reads as the proposal stage).
  { entity: 'quotes', pattern: /\b(quotes|quotations?|(?<!\b(?:the|in|at)\s)quote(?!\s+stage)|offers sent)\b/ },
  { entity: 'tasks', pattern: /\b(tasks?|to-?dos?|follow[- ]?ups?|reminders?|action items?)\b/ },
];

/** Words that suggest an entity only when no strong word names one. */
export const weakEntityWords: { entity: QueryEntity; pattern: RegExp }[] = [
  {
    entity: 'opportunities',
    pattern:
      /\b(clos(?:e|es|ing)|won|lost|lose|win|wins|losses|sales|revenue|compet(?:e|es|ing|itors?|ition)|bookings|booked|book|forecast|negotiation|proposal|bought|purchased|ordered|spen(?:d|ds|t)|sold|sell|sellers?|performing|performers?|leaderboard)\b/,
  },
  {
    entity: 'tasks',
    pattern:
      /\b(overdue|due|outstanding|late|agenda|deadlines?)\b|\bwhat (?:should|must|do|have) i (?:to )?do\b|\bwhat (?:do|have) i (?:got|have)\b(?!.*\b(?:clos(?:e|es|ing)|won|win|lost|sold|pipeline)\b)|\bon my plate\b|\b(?:stuff|things?|work)\s+(?:i\s+|we\s+)?(?:need|have|got)\s+to\s+do\b|\bneed to do\b/,
  },
  {
    entity: 'activities',
    pattern:
      /\b(call|called|visited|met|meet|emailed|email|meeting|happened|interactions?|touch ?points?|engagements?|talk(?:ed)?|spoke|spoken|speak|contacted|heard from|reached out|touched base)\b|\bwhat (?:did|has|have) [a-z]+(?: [a-z]+)? (?:do|done|been doing|been up to)\b/,
  },
  { entity: 'accounts', pattern: /\b(account|customer|client|company|distributor|dealer|supplier|partner)\b/ },
  { entity: 'contacts', pattern: /\b(people|person)\b/ },
  { entity: 'leads', pattern: /\b(conver(?:t|ts|ted|sion))\b/ },
];

export type EnumWord = { field: QueryField; value: string; pattern: RegExp };

/** Enum values by entity, with the words that name them. */
export const enumWords: Record<QueryEntity, EnumWord[]> = {
  notes: [{ field: 'pinned', value: 'true', pattern: /\bpinned\b/ }],
  quotes: [
    { field: 'status', value: 'draft', pattern: /\b(drafts?|unsent|not (?:yet )?sent)\b/ },
    { field: 'status', value: 'accepted', pattern: /\b(accepted|agreed|signed|approved|won)\b/ },
    { field: 'status', value: 'rejected', pattern: /\b(rejected|declined|turned down|refused|lost)\b/ },
    { field: 'status', value: 'expired', pattern: /\b(expired|lapsed|ran out|run out|out of date)\b/ },
    // Out with the customer and still standing: waiting for an answer.
    {
      field: 'status',
      value: 'sent',
      pattern: /\b(open|outstanding|pending|awaiting|waiting|unanswered|still valid|live|active)\b/,
    },
  ],
  opportunities: [
    { field: 'stage', value: 'prospecting', pattern: /\bprospecting\b/ },
    { field: 'stage', value: 'qualification', pattern: /\b(qualification|qualifying|qualified)\b/ },
    { field: 'stage', value: 'proposal', pattern: /\b(proposals?|quot(?:e|ed|es|ing))\b/ },
    { field: 'stage', value: 'negotiation', pattern: /\bnegotiat(?:ion|ions|ing|e)\b/ },
    {
      field: 'status',
      value: 'won',
      // Selling and performing are measured in deals won (and the average deal size, unless another status
      // is named: see averageDealSize in rule-planner.ts).
      pattern:
        /\b(won|wins?|closed[- ]won|winning|bought|purchased|ordered|spen(?:d|ds|t)|sold|sell|booked|book|sales(?![- ]?(?:cycles?|reps?|representatives?|team|managers?|funnel|pipeline|people|persons?|force|stages?|process|calls?|visits?|meetings?|leads?|targets?|quotas?|director|ops|operations)\b)|(?:best|top)[- ](?:perform(?:ing|ers?)|sellers?)|leaderboard|bookings)\b|(?<!\b(?:expected|potential|forecast(?:ed)?|pipeline|weighted|projected|annual)\s)\brevenue\b/,
    },
    { field: 'status', value: 'lost', pattern: /\b(lost|lose|loses|losses|closed[- ]lost|losing)\b/ },
    {
      field: 'status',
      value: 'open',
      pattern: /\b(open|active|in (?:the|my|our) pipeline|pipeline|in play|live|not (?:yet )?closed|unclosed)\b/,
    },
    {
      field: 'approvalStatus',
      value: 'pending',
      pattern: /\b(pending|awaiting|waiting (?:for|on)) approvals?\b|\bneed(?:s|ing)? approval\b/,
    },
    { field: 'approvalStatus', value: 'approved', pattern: /\bapproved\b/ },
    { field: 'approvalStatus', value: 'rejected', pattern: /\brejected\b/ },
  ],
  leads: [
    { field: 'source', value: 'website', pattern: /\b(website|web ?site|web|online|inbound|web forms?)\b/ },
    { field: 'source', value: 'trade_show', pattern: /\b(trade[- ]?shows?|expos?|fairs?|conferences?|events?)\b/ },
    { field: 'source', value: 'referral', pattern: /\b(referrals?|referred|word of mouth)\b/ },
    { field: 'source', value: 'cold_call', pattern: /\bcold[- ]?call(?:s|ing|ed)?\b/ },
    { field: 'source', value: 'social_media', pattern: /\b(social(?: media)?|linkedin|twitter|facebook|instagram)\b/ },
    { field: 'stage', value: 'inquiry', pattern: /\b(inquiry|inquiries|enquiry|enquiries|unqualified)\b/ },
    { field: 'stage', value: 'qualified', pattern: /\b(qualified|qualification)\b(?!\s+leads?\s+(?:from|by))/ },
    { field: 'stage', value: 'proposal', pattern: /\bproposals?\b/ },
    { field: 'stage', value: 'negotiation', pattern: /\bnegotiat(?:ion|ing)\b/ },
    { field: 'status', value: 'converted', pattern: /\bconver(?:t|ts|ted|ting|sions?)\b/ },
    { field: 'status', value: 'disqualified', pattern: /\b(disqualif(?:ied|y|ying)|dq'?d|rejected|junk)\b/ },
    { field: 'status', value: 'open', pattern: /\b(open|active|unconverted|working)\b/ },
  ],
  accounts: [
    { field: 'type', value: 'customer', pattern: /\b(customers?|clients?)\b/ },
    { field: 'type', value: 'distributor', pattern: /\bdistributors?\b/ },
    { field: 'type', value: 'dealer', pattern: /\b(dealers?|resellers?)\b/ },
    { field: 'type', value: 'supplier', pattern: /\b(suppliers?|vendors?)\b/ },
    { field: 'type', value: 'partner', pattern: /\bpartners?\b/ },
    // The call cycle: "dealers due for a visit", "accounts overdue for a visit", "customers needing a visit".
    {
      field: 'visitDue',
      value: 'true',
      pattern:
        /\b(?:(?:over)?due for (?:a |an |their |its )?(?:visits?|call cycle)|(?:need|needs|needing) (?:a )?visits?|visits? (?:is |are )?(?:over)?due)\b/,
    },
  ],
  contacts: [
    { field: 'role', value: 'decision_maker', pattern: /\bdecision[- ]?makers?\b/ },
    { field: 'role', value: 'influencer', pattern: /\binfluencers?\b/ },
    { field: 'isPrimary', value: 'true', pattern: /\b(primary|main) contacts?\b/ },
    // "contacts who are dealers" (a role), said as one: "Distributors" may end an account's name, and
    // "contacts at dealers" is the kind of account (record-filters.ts).
    {
      field: 'role',
      value: 'dealer',
      pattern: /\b(?:(?:who|that) (?:are|is) (?:an? )?dealers?|(?:with )?(?:the |a )?dealer role)\b/,
    },
    {
      field: 'role',
      value: 'distributor',
      pattern: /\b(?:(?:who|that) (?:are|is) (?:an? )?distributors?|(?:with )?(?:the |a )?distributor role)\b/,
    },
  ],
  activities: [
    { field: 'type', value: 'call', pattern: /\b(calls?|called|phone calls?|phoned|calling)\b/ },
    { field: 'type', value: 'email', pattern: /\b(e-?mails?|e-?mailed)\b/ },
    { field: 'type', value: 'meeting', pattern: /\b(meetings?|met|meet|appointments?)\b/ },
    { field: 'type', value: 'visit', pattern: /\b(visits?|visited|site visits?|field visits?)\b/ },
    { field: 'type', value: 'note', pattern: /\bnotes?\b/ },
    // "did" is done, except in "did I schedule…", which asks what was planned; an e-mail "sent" is done too.
    {
      field: 'status',
      value: 'completed',
      pattern:
        /\b(completed|done|finished|held|made|logged|sent|did(?!\s+(?:[a-z']+\s+){0,2}(?:schedule|book|plan|set up)\b))\b/,
    },
    { field: 'status', value: 'planned', pattern: /\b(planned|scheduled?|upcoming|booked|book|set up)\b/ },
    { field: 'status', value: 'cancelled', pattern: /\b(cancell?ed|canceled)\b/ },
  ],
  tasks: [
    { field: 'priority', value: 'urgent', pattern: /\burgent\b/ },
    { field: 'priority', value: 'high', pattern: /\b(high[- ]priority|high|important|critical)\b/ },
    { field: 'priority', value: 'medium', pattern: /\b(medium|normal)[- ]?(?:priority)?\b/ },
    { field: 'priority', value: 'low', pattern: /\blow[- ]?(?:priority)?\b/ },
    { field: 'type', value: 'follow_up', pattern: /\bfollow[- ]?ups?\b/ },
    { field: 'type', value: 'reminder', pattern: /\breminders?\b/ },
    { field: 'type', value: 'deadline', pattern: /\bdeadlines?\b/ },
    { field: 'status', value: 'completed', pattern: /\b(completed|done|finished|closed|complete)\b/ },
    // "not started" are the open ones, before "started" reads as in progress.
    { field: 'status', value: 'open', pattern: /\b(?:not (?:yet )?started|yet to start|unstarted|not begun)\b/ },
    { field: 'status', value: 'in_progress', pattern: /\bin[- ]progress\b|\bstarted\b/ },
    { field: 'status', value: 'cancelled', pattern: /\b(cancell?ed|canceled)\b/ },
    {
      field: 'status',
      value: 'pending',
      pattern: /\b(pending|open|outstanding|to do|todo|incomplete|not done|unfinished|remaining|left)\b/,
    },
  ],
};

/** "by stage", "per rep", "for each source", "broken down by month". */
export const groupingPattern =
  /\b(?:by|per|for each|for every|each|across|grouped by|broken down by|split by|breakdown by)\s+(?:the\s+|their\s+)?(?:(?:expected\s+)?(?:close|closing)\s+(?=months?\b))?(account ?types?|kinds? of accounts?|stages?|status(?:es)?|owners?|reps?|sales ?(?:people|persons?|reps?)|salespeople|people|persons?|users?|members?|sellers?|accounts?|customers?|territor(?:y|ies)|regions?|sources?|channels?|types?|kinds?|priorit(?:y|ies)|assignees?|roles?|industr(?:y|ies)|sectors?|countr(?:y|ies)|states?|provinces?|cit(?:y|ies)|towns?|loss reasons?|reasons?|months?|month|product lines?|products?|competitors?|competition)\b/;

export function groupingOf(word: string, entity: QueryEntity): QueryGrouping | undefined {
  if (/^(account ?type|kinds? of account)/.test(word)) return entity === 'accounts' ? 'type' : 'accountType';
  if (/^stage/.test(word)) return 'stage';
  if (/^status/.test(word)) return 'status';
  if (/^(owner|rep|sales|people|person|user|member|seller|assignee)/.test(word)) {
    return entity === 'tasks' ? 'assignee' : 'owner';
  }
  if (/^(account|customer)/.test(word)) return 'account';
  if (/^(territor|region)/.test(word)) return 'territory';
  if (/^(source|channel)/.test(word)) return 'source';
  if (/^(type|kind)/.test(word)) return 'type';
  if (/^priorit/.test(word)) return 'priority';
  if (/^role/.test(word)) return 'role';
  if (/^(industr|sector)/.test(word)) return 'industry';
  if (/^countr/.test(word)) return 'country';
  if (/^(state|province)/.test(word)) return 'state';
  if (/^(cit|town)/.test(word)) return 'city';
  if (/^month/.test(word)) return 'month';
  if (/^(loss|reason)/.test(word)) return entity === 'opportunities' ? 'lossReason' : undefined;
  if (/^product/.test(word)) return 'product';
  if (/^compet/.test(word)) return 'competitor';
  return undefined;
}

/**
 * Words that are never an account or a person name, even after "for" or "with": question words,
 * vocabulary of the plan, periods. Checked before a phrase is taken as a name.
 */
export const notANameWord = new Set([
  ...'a an the my our your their his her its me i we us you all any every each some this that these those next last past previous coming current'.split(
    ' ',
  ),
  ...'what which who whom whose how many much show list give find get tell display me please is are was were be been do does did have has had will would can could should'.split(
    ' ',
  ),
  ...'deal deals opportunity opportunities opp opps pipeline lead leads prospect prospects account accounts customer customers client clients contact contacts'.split(
    ' ',
  ),
  ...'activity activities call calls meeting meetings visit visits email emails task tasks todo todos follow-up follow-ups followup followups reminder reminders'.split(
    ' ',
  ),
  ...'and or of for at with on from in to by about over under above below than more less between worth value amount total sum average count number'.split(
    ' ',
  ),
  ...'open closed won lost closing close closes due overdue pending today tomorrow yesterday week month quarter year day days weeks months quarters years'.split(
    ' ',
  ),
  ...'stage stages status source sources owner owners rep reps team everyone anyone someone me mine myself it them they'.split(
    ' ',
  ),
  ...'score scores scoring probability chance amount amounts value values revenue size name named called title priority type types kind'.split(
    ' ',
  ),
  ...'high low medium urgent hot warm cold big small large biggest smallest largest weighted expected sorted ordered sort order only just also still not no yet'.split(
    ' ',
  ),
  ...'see like know want need view check look find budget authority nobody noone'.split(' '),
  ...'monday tuesday wednesday thursday friday saturday sunday january february march april june july august september october november december'.split(
    ' ',
  ),
  ...'competitor competitors competition assigned owned belonging created due working work works'.split(' '),
  ...'upcoming future past stale old older active inactive key important other remaining completed done finished planned scheduled late early'.split(
    ' ',
  ),
  ...'annual yearly doing going performing looking trending status update updates'.split(' '),
  ...'risk risks risky decision highest lowest'.split(' '),
  ...'so far date dates employees minutes hours currently right now there here much many most least per each data info information details please thanks'.split(
    ' ',
  ),
  ...'distributor distributors dealer dealers supplier suppliers partner partners company companies new recent latest biggest largest top'.split(
    ' ',
  ),
]);
