import { v7 as uuidv7 } from 'uuid';
import type { AskQuestion, QueryAnswer } from '../../../shared/contracts/query.js';
import { AppError } from '../../../shared/errors.js';
import type { Deps } from '../../deps.js';
import type { Viewer } from '../../platform/viewer.js';
import { recordChange } from '../audit/audit.service.js';
import { answerSentence } from './answer-text.js';
import { describePlan } from './plan-description.js';
import { loadPeopleDirectory, loadProductNames, loadTerritoryNames, type Person } from './query.repository.js';
import { executePlan } from './query-execution.js';
import { planWithEngines } from './query-planning.js';
import { isKnownTimeZone } from './rule-engine/calendar.js';
import { indexNames } from './rule-engine/people.js';
import { nameWordsOf } from './rule-engine/unread-words.js';

/** What the engine can answer, shown when a question is not understood ("Ana" becomes a real colleague). */
export const exampleQuestions = [
  'Which deals close this month?',
  'Open opportunities over 50k closing next quarter',
  'How many visits did Ana make last week?',
  'My overdue tasks',
  'Hot leads from trade shows',
  'Total pipeline by stage',
  'Summary of the Acme account',
  'Activity summary for last month',
];

/**
 * The examples with a colleague of the asker in place of "Ana", so each one can be asked as it stands
 * (a team without an Ana would otherwise get an example that names no one).
 */
function examplesFor(viewer: Viewer, people: readonly Person[]): string[] {
  // A person's name ("David Chen"), not a role account such as "Administrator".
  const colleague = people.find((person) => person.id !== viewer.userId && /\S\s+\S/.test(person.name.trim()));
  const firstName = colleague?.name.trim().split(/\s+/)[0];
  return firstName ? exampleQuestions.map((question) => question.replace('Ana', firstName)) : exampleQuestions;
}

/** A blank question: refused with examples of what can be asked, as a question not understood is. */
export async function refuseBlankQuestion(deps: Deps, viewer: Viewer): Promise<never> {
  const { people } = await directory(deps);
  const examples = examplesFor(viewer, people);
  throw new AppError('invalid_request', `Ask a question, for example: ${examples.join(' / ')}`, {
    errors: [
      { path: 'question', message: 'is empty; ask about deals, leads, accounts, contacts, activities or tasks' },
    ],
    details: { examples },
  });
}

/** How long the user directory is reused: a renamed or new user is understood this much later at most. */
const DIRECTORY_TTL_MS = 30_000;
type Directory = { people: Person[]; territories: string[]; regions: string[]; products: string[] };
type CachedDirectory = Directory & { expiresAt: number; refreshing?: Promise<void> };
const directories = new WeakMap<Deps['database'], CachedDirectory>();

/**
 * The user directory, territory and region names and product names that questions are matched against. A
 * team of 10,000 users is a 10,000-row read, too much for every question, so all are kept per database for
 * a short while (the planner also indexes the people once per copy). Once that while is over, the question
 * that notices is answered with the kept copy while a fresh one loads: no question waits for the reload.
 */
async function directory(deps: Deps): Promise<Directory> {
  const cached = directories.get(deps.database);
  if (!cached) return loadDirectory(deps);
  if (cached.expiresAt <= Date.now() && !cached.refreshing) {
    cached.refreshing = loadDirectory(deps).then(
      () => undefined,
      // A failed reload keeps the copy and tries again on the next question.
      (error: unknown) => {
        cached.refreshing = undefined;
        deps.logger?.warn({ err: error }, 'reloading the question directory failed');
      },
    );
  }
  return cached;
}

async function loadDirectory(deps: Deps): Promise<Directory> {
  const [people, { territories, regions }, products] = await Promise.all([
    loadPeopleDirectory(deps.database.db),
    loadTerritoryNames(deps.database.db),
    loadProductNames(deps.database.db),
  ]);
  const loaded = { people, territories, regions, products };
  indexNames(people);
  nameWordsOf(people);
  directories.set(deps.database, { ...loaded, expiresAt: Date.now() + DIRECTORY_TTL_MS });
  return loaded;
}

/**
 * Answers a question in plain language: plan (model or rules), execute with the asker's visibility,
 * say it in a sentence. Every question is audited, understood or not: who asked, what, which engine,
 * and the plan that ran.
 */
export async function answerQuestion(
  deps: Deps,
  viewer: Viewer,
  input: AskQuestion,
  now = new Date(),
): Promise<QueryAnswer> {
  const timeZone = input.timeZone ?? 'UTC';
  if (!isKnownTimeZone(timeZone)) {
    throw new AppError('validation_failed', `unknown time zone ${timeZone}`, {
      errors: [{ path: 'timeZone', message: 'must be an IANA time zone such as Europe/Madrid' }],
    });
  }
  const db = deps.database.db;
  const { people, territories, regions, products } = await directory(deps);
  const planned = await planWithEngines(
    deps.config,
    input.question,
    { now, timeZone, people, territories, regions, products },
    deps.logger,
  );
  await recordChange(db, viewer, {
    action: 'ask',
    entity: 'queries',
    entityId: uuidv7(),
    before: null,
    after: { question: input.question, engine: planned.engine, plan: planned.plan, timeZone },
  });
  if (!planned.plan) {
    const examples = examplesFor(viewer, people);
    if ('action' in planned && planned.action) {
      const { verb, of } = planned.action;
      throw new AppError(
        'invalid_request',
        `I answer questions and change nothing, so I cannot ${verb} ${of} for you: do that on the record's page or through the API. I can answer questions like: ${examples.join(' / ')}`,
        {
          errors: [
            {
              path: 'question',
              message: `asks to ${verb} ${of === 'anyone' ? 'someone' : 'something'}; questions only read`,
            },
          ],
          details: { examples },
        },
      );
    }
    if ('hint' in planned && planned.hint) {
      // Asked for something Meridian does not keep: said so, with what it can answer instead.
      throw new AppError('invalid_request', planned.hint, {
        errors: [{ path: 'question', message: 'asks for data Meridian does not keep' }],
        details: { examples, hint: planned.hint },
      });
    }
    const unread = 'unread' in planned && planned.unread ? planned.unread : [];
    if (unread.length > 0) {
      // Answering without those words would answer a wider question than the one asked.
      const words = unread.map((word) => `“${word}”`).join(', ');
      throw new AppError(
        'invalid_request',
        `I did not understand ${words} in the question, and answering without ${unread.length === 1 ? 'it' : 'them'} would answer another question. Rephrase it, or ask questions like: ${examples.join(' / ')}`,
        {
          errors: [{ path: 'question', message: `not understood: ${unread.join(', ')}` }],
          details: { examples, unread },
        },
      );
    }
    throw new AppError(
      'invalid_request',
      `I could not understand the question. I can answer questions like: ${examples.join(' / ')}`,
      {
        errors: [
          {
            path: 'question',
            message: 'not understood; ask about deals, leads, accounts, contacts, activities or tasks',
          },
        ],
        details: { examples },
      },
    );
  }
  const execution = await executePlan(
    deps,
    viewer,
    planned.plan,
    { timeZone, currency: deps.config.defaultCurrency, now },
    people,
  );
  const understood = describePlan(planned.plan);
  return {
    question: input.question,
    engine: planned.engine,
    plan: planned.plan as unknown as Record<string, unknown>,
    answer: `${answerSentence(execution)} I understood: ${understood}.`,
    understood,
    data: execution.data,
  };
}
