import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../config.js';
import { PLAN_TOOL } from '../../../integrations/llm/openai.js';
import { validatePlan } from '../plan-validation.js';
import { planWithEngines } from '../query-planning.js';
import { planQuestion } from '../rule-engine/rule-planner.js';
import { readBody, toolCallCompletion } from './chat-completions-stub.js';
import {
  corpus,
  corpusNow,
  corpusPeople,
  corpusProducts,
  corpusRegions,
  corpusTerritories,
  corpusTimeZone,
} from './corpus.js';
import { comparablePlan } from './plan-comparison.js';

const context = {
  now: corpusNow,
  timeZone: corpusTimeZone,
  people: corpusPeople,
  territories: corpusTerritories,
  regions: corpusRegions,
  products: corpusProducts,
};

/** Questions a plan cannot answer: refused with the word it could not place, never answered wider. */
const refused = ['leads per source and stage', 'deals by stage and owner', 'deals by product and stage'];

/** Groupings the records do not have: refused with the ones they have (a hint), not answered ungrouped. */
const withoutSuchGroups = ['leads by product', 'accounts by competitor', 'pipeline by industry', 'notes by type'];

/** Accounts a whole team owns, which a plan cannot say ("team" is who owns the deals): refused with a hint. */
const teamAccountRankings = [
  "Ana's team's top 5 accounts by pipeline",
  "top 5 accounts owned by Ana's team by pipeline",
];

/** Questions about quotas and targets: the attainment analysis, planned by the rules even with a model. */
const aboutTargets: [string, Record<string, unknown>][] = [
  ['pipeline coverage', {}],
  ['what is our pipeline coverage ratio this quarter', { timeRange: { from: '2026-01-01', to: '2026-03-31' } }],
  ['my quota attainment', { owner: 'me' }],
  ['how far are we from our sales target', {}],
  ['are we on track to hit the target this quarter', { timeRange: { from: '2026-01-01', to: '2026-03-31' } }],
  ["Ana's attainment last quarter", { owner: 'Ana', timeRange: { from: '2025-10-01', to: '2025-12-31' } }],
  ["how is Ana's team doing against target", { team: 'Ana' }],
  ['am I on track to hit my target this month', { owner: 'me', timeRange: { from: '2026-03-01', to: '2026-03-31' } }],
];

describe('the corpus', () => {
  it('holds at least 150 distinct questions with valid plans', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(150);
    expect(new Set(corpus.map((entry) => entry.question.toLowerCase())).size).toBe(corpus.length);
    const invalid = corpus.filter((entry) => !validatePlan(entry.plan).ok).map((entry) => entry.question);
    expect(invalid).toEqual([]);
  });
});

describe('the rule engine refuses what it cannot answer', () => {
  it.each(refused)('%s', (question) => {
    expect(planQuestion(question, context).ok).toBe(false);
  });
});

describe('the rule engine names what the records cannot be grouped by', () => {
  it.each(withoutSuchGroups)('%s', (question) => {
    const outcome = planQuestion(question, context);
    expect(outcome).toMatchObject({ ok: false, reason: 'unsupported' });
    if (!outcome.ok && outcome.reason === 'unsupported') expect(outcome.hint).toMatch(/can be grouped by .+ or /);
  });
});

describe('the rule engine does not rank the accounts of a team', () => {
  it.each(teamAccountRankings)('%s', (question) => {
    const outcome = planQuestion(question, context);
    expect(outcome).toMatchObject({ ok: false, reason: 'unsupported' });
    if (!outcome.ok && outcome.reason === 'unsupported') expect(outcome.hint).toMatch(/team pipeline by account/);
  });
});

describe('questions about quotas and targets are planned as attainment by the rules, before any model', () => {
  const config = loadConfig({ LOG_LEVEL: 'silent' });
  // A model that would be asked (nothing listens there): a question about targets never reaches it.
  const withModel = loadConfig({ LOG_LEVEL: 'silent', MERIDIAN_LLM_BASE_URL: 'http://127.0.0.1:9/v1' });
  it.each(aboutTargets)('%s', async (question, expected) => {
    const planned = await planWithEngines(withModel, question, context);
    expect(planned.engine).toBe('rules');
    expect(planned.plan).toMatchObject({ kind: 'analysis', analysis: 'attainment', ...expected });
    expect(validatePlan(planned.plan as never).ok).toBe(true);
  });
  it('leaves the corpus questions to the engines', async () => {
    for (const entry of corpus) {
      expect((await planWithEngines(config, entry.question, context)).plan, entry.question).not.toBeNull();
    }
  });
});

describe('the rule engine on the corpus', () => {
  it.each(corpus.map((entry) => [entry.question, entry] as const))('%s', (_question, entry) => {
    const outcome = planQuestion(entry.question, context);
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(validatePlan(outcome.plan).ok).toBe(true);
    expect(comparablePlan(outcome.plan)).toEqual(comparablePlan(entry.plan));
  });
});

/**
 * A chat-completions server that answers each corpus question with its expected plan as a tool call,
 * after checking the request asks for that tool with the plan's JSON Schema.
 */
function startStubModel(): Promise<{ server: Server; url: string; requests: Record<string, unknown>[] }> {
  const plans = new Map(corpus.map((entry) => [entry.question, entry.plan]));
  const requests: Record<string, unknown>[] = [];
  const server = createServer(async (request: IncomingMessage, response) => {
    const body = JSON.parse(await readBody(request)) as {
      model: string;
      messages: { role: string; content: string }[];
      tools?: {
        function: { name: string; parameters: { properties: { plan: unknown }; $defs?: Record<string, unknown> } };
      }[];
    };
    requests.push(body as unknown as Record<string, unknown>);
    const tool = body.tools?.[0]?.function;
    const question = body.messages.find((message) => message.role === 'user')?.content ?? '';
    const carriesSchema = tool?.name === PLAN_TOOL && tool.parameters.$defs?.RecordsPlan !== undefined;
    const plan = plans.get(question);
    if (!carriesSchema || !plan) {
      response.writeHead(400, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: { message: 'no schema or unknown question' } }));
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify(toolCallCompletion(body.model, { plan })));
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ server, url: `http://127.0.0.1:${port}/v1`, requests });
    });
  });
}

describe('the LLM engine path on the corpus (local chat-completions stub)', () => {
  let stub: Awaited<ReturnType<typeof startStubModel>>;
  let config: ReturnType<typeof loadConfig>;

  beforeAll(async () => {
    stub = await startStubModel();
    config = loadConfig({ MERIDIAN_LLM_BASE_URL: stub.url, MERIDIAN_LLM_MODEL: 'stub-model', LOG_LEVEL: 'silent' });
  });
  afterAll(() => new Promise<void>((resolve) => stub.server.close(() => resolve())));

  it.each(corpus.map((entry) => [entry.question, entry] as const))('%s', async (_question, entry) => {
    const planned = await planWithEngines(config, entry.question, context);
    expect(planned.engine).toBe('llm');
    expect(planned.plan && comparablePlan(planned.plan)).toEqual(comparablePlan(entry.plan));
  });

  it('sent the model the question, today and the plan schema', () => {
    const first = stub.requests[0] as { model: string; messages: { content: string }[]; tool_choice: unknown };
    expect(first.model).toBe('stub-model');
    expect(first.messages[0]?.content).toContain('Today is 2026-03-11 (time zone Europe/Madrid)');
    expect(first.tool_choice).toEqual({ type: 'function', function: { name: PLAN_TOOL } });
  });
});
