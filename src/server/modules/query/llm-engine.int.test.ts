import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../../test/helpers/app.js';
import { readBody, toolCallCompletion } from './corpus/chat-completions-stub.js';

/*
 * The LLM engine end to end: the app is configured with a local chat-completions server whose next
 * answer each test chooses. A valid plan answers with engine "llm"; a failing, slow or invalid model
 * leaves the question to the rule engine (engine "rules"), with the same answer the rules give.
 */

type Reply = { status: number; body: unknown; delayMs?: number } | { raw: string };

let nextReply: Reply;
let seen: { tools?: { function: { name: string; parameters: Record<string, unknown> } }[]; messages: unknown[] }[] = [];
let server: Server;
let t: TestApp;

const hotLeadsPlan = {
  kind: 'records',
  entity: 'leads',
  filters: [
    { field: 'score', op: 'gte', value: 70 },
    { field: 'status', op: 'eq', value: 'open' },
  ],
  limit: 20,
};

beforeAll(async () => {
  server = createServer(async (request, response) => {
    seen.push(JSON.parse(await readBody(request)));
    const reply = nextReply;
    if ('raw' in reply) {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(reply.raw);
      return;
    }
    setTimeout(() => {
      if (response.destroyed) return;
      response.writeHead(reply.status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(reply.body));
    }, reply.delayMs ?? 0);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  t = await buildTestApp({
    MERIDIAN_LLM_BASE_URL: `http://127.0.0.1:${port}/v1`,
    MERIDIAN_LLM_API_KEY: 'test-key',
    MERIDIAN_LLM_MODEL: 'stub-model',
    // Short enough for a test, long enough for a busy machine's first request.
    MERIDIAN_LLM_TIMEOUT_MS: '1500',
  });
});

afterAll(async () => {
  await t?.close();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  seen = [];
});

async function ask(question: string) {
  const response = await t.request({ method: 'POST', url: '/api/v1/query', as: t.admin, payload: { question } });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

describe('the LLM engine', () => {
  it('plans with the model through a tool call whose parameters are the plan schema', async () => {
    nextReply = { status: 200, body: toolCallCompletion('stub-model', { plan: hotLeadsPlan }) };
    const body = await ask('which prospects look most promising?');
    expect(body.engine).toBe('llm');
    expect(body.plan).toMatchObject(hotLeadsPlan);
    expect(body.answer).toContain('I understood: list leads where score at least 70');
    const request = seen[0];
    const tool = request?.tools?.[0]?.function;
    expect(tool?.name).toBe('submit_query_plan');
    expect(tool?.parameters).toMatchObject({ type: 'object', required: ['plan'] });
    expect(Object.keys((tool?.parameters.$defs as Record<string, unknown>) ?? {})).toEqual(
      expect.arrayContaining(['QueryPlan', 'RecordsPlan', 'AnalysisPlan', 'QueryFilter']),
    );
  });

  it('falls back to the rules when the model fails', async () => {
    nextReply = { status: 500, body: { error: { message: 'overloaded' } } };
    const body = await ask('hot leads');
    expect(body.engine).toBe('rules');
    expect(body.plan).toMatchObject(hotLeadsPlan);
  });

  it('falls back to the rules when the model is too slow', async () => {
    nextReply = { status: 200, body: toolCallCompletion('stub-model', { plan: hotLeadsPlan }), delayMs: 4000 };
    const started = Date.now();
    const body = await ask('hot leads');
    expect(body.engine).toBe('rules');
    expect(Date.now() - started).toBeLessThan(3800);
  });

  it('falls back to the rules on a plan outside the allow-list', async () => {
    const invalid = { ...hotLeadsPlan, filters: [{ field: 'password_hash', op: 'eq', value: 'x' }] };
    nextReply = { status: 200, body: toolCallCompletion('stub-model', { plan: invalid }) };
    expect((await ask('hot leads')).engine).toBe('rules');
    const wrongField = { ...hotLeadsPlan, filters: [{ field: 'amount', op: 'gt', value: 5 }] };
    nextReply = { status: 200, body: toolCallCompletion('stub-model', { plan: wrongField }) };
    expect((await ask('hot leads')).engine).toBe('rules');
  });

  it('falls back to the rules on an answer that is not JSON', async () => {
    nextReply = { raw: '{"choices": [{"message": {"role": "assistant", "content": "I think hot leads"}}]}' };
    expect((await ask('hot leads')).engine).toBe('rules');
  });

  it('accepts a plan written as JSON content by a model without tool calls', async () => {
    const content = `\`\`\`json\n${JSON.stringify(hotLeadsPlan)}\n\`\`\``;
    nextReply = {
      status: 200,
      body: {
        id: 'x',
        object: 'chat.completion',
        created: 0,
        model: 'stub-model',
        choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content } }],
      },
    };
    expect((await ask('best prospects')).engine).toBe('llm');
  });
});
