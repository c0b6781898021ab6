import type { Person } from './people.js';

/*
 * What the planner did not read. Each pass consumes the words it understood; the rest should be the
 * glue of a sentence ("how many … do we have"), words that name what is asked without being consumed
 * ("deals", "closing", "average") and names of people. Any other word is a condition the plan would
 * silently leave out — "leads in oklahoma" answered with every lead, "calls longer than 30 minutes" with
 * every call — so the question is refused with that word named instead of answered for a wider set.
 */

/** The glue of questions: articles, pronouns, auxiliaries, question words, politeness, filler. */
const GLUE = `a an the of in on at to for from by with and or but as is are was were be been being am do does did
  doing done have has had having i i'd i'm i've me my mine myself we we're we've us our ours you your yours it it's
  its they them their he she him her his hers this that these those there here what what's whats which who who's
  whom whose when where why how how's hows show list give get got find tell see look let lets let's can could would
  should will shall may might must need want like please pls plz thanks thank just all any anything some every
  everything everyone everybody each much many lot lots number count counts total totals kind sort so far now
  currently right rn today also still yet ever only really actually about around overall altogether quick quickly
  briefly stuff things thing one ones up out into over whole team teams going on sitting currently presently
  pull display bring looking wondering curious hey hi hello um umm uh hmm hm er erm ok okay btw`;

/**
 * Words the passes read without consuming them, gathered from the corpus (every question of which is
 * answered right): the record kinds and their synonyms, the intents, the measures.
 */
const READ_IN_PLACE = `deal deals opportunity opportunities opp opps oppty oppties oppurtunities opportunites lead
  leads prospect prospects account accounts distributor distributors dealer dealers supplier suppliers partner
  partners customer customers company companies contact contacts people person activity activities task tasks todo
  todos to-do to-dos pipeline pipe forecast closing close closes closed due overdue average mean median sum value worth
  amount amounts revenue size typical weighted expected biggest largest smallest best top most highest lowest recent
  newest oldest earliest tiniest hottest score scoring stage stages probability owner owners owned owns own rep reps
  sales cycle long take takes taking took came come comes created create make made summary summarize summarise
  overview breakdown analysis report doing working work happened happening territory territories employees annual
  date month duration minutes log logged type types compare comparison vs versus new active upcoming slipped
  slipping assigned confirmed decision plate open talk won win wins dos last latest previous recently later
  reason reasons past send sent linked related next added received opened entered deciding decide decides
  forecasting forecasted length headcount staff belong belongs belonging pushed brings bring brought generates
  generated note notes wrote written write writes quote quotes quotation quotations expiring expire expires expiry
  lapse lapses lapsing valid until`;

const KNOWN = new Set(`${GLUE} ${READ_IN_PLACE}`.split(/\s+/).filter(Boolean));

/**
 * The words left unread that the planner cannot vouch for; empty when the question was read whole.
 * People's names (and their possessives) are known: the people pass reads them in place.
 */
export function unreadWords(leftover: string, people: readonly Person[]): string[] {
  const names = nameWordsOf(people);
  return (
    leftover
      .split(/[^\p{L}\p{N}'-]+/u)
      .map((word) => word.replace(/^['-]+|['-]+$/g, ''))
      .map((word) => word.replace(/'s$|s'$/, (ending) => (ending === "s'" ? 's' : '')))
      // A small number left over is a figure already read in another form ("top 5"); a year-like one is a
      // period no pass could place ("closing in 9999"), and answering without it would answer more.
      .filter((word) => word.length > 0 && !/^\d{1,3}$/.test(word))
      .filter((word) => !KNOWN.has(word) && !names.has(word) && !names.has(word.replace(/s$/, '')))
  );
}

const nameWords = new WeakMap<readonly Person[], Set<string>>();

/**
 * The words of the directory's names in lower case, once per directory copy: the directory is reused
 * for many questions, and splitting 10,000 names again for each one cost about 10 ms a question.
 */
export function nameWordsOf(people: readonly Person[]): Set<string> {
  let words = nameWords.get(people);
  if (!words) {
    words = new Set(people.flatMap((person) => person.name.toLowerCase().split(/\s+/).filter(Boolean)));
    nameWords.set(people, words);
  }
  return words;
}
