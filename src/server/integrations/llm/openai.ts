import OpenAI from 'openai';
import type { PlanRequest, QueryLanguageModel } from './port.js';

/*
 * Any OpenAI-compatible chat-completions server (OpenAI, Azure OpenAI's v1 endpoint, Ollama, vLLM)
 * through the official SDK. The plan is asked for as a forced tool call whose parameters are the plan's
 * JSON Schema: tool calls are the structured output that every one of those servers supports.
 */

export const PLAN_TOOL = 'submit_query_plan';

export type OpenAiOptions = {
  baseUrl: string | undefined;
  apiKey: string | undefined;
  model: string;
  timeoutMs: number;
};

export function createOpenAiModel(options: OpenAiOptions): QueryLanguageModel {
  const client = new OpenAI({
    ...(options.baseUrl ? { baseURL: options.baseUrl } : {}),
    // Local servers (Ollama, vLLM) need no key, but the SDK insists on one.
    apiKey: options.apiKey ?? 'not-needed',
    timeout: options.timeoutMs,
    // A retry would blow the time budget; the rule engine is the fallback instead.
    maxRetries: 0,
  });
  return {
    name: `openai-compatible:${options.model}`,
    async proposePlan(request: PlanRequest): Promise<unknown> {
      const completion = await client.chat.completions.create(
        {
          model: options.model,
          temperature: 0,
          messages: [
            { role: 'system', content: instructions(request) },
            { role: 'user', content: request.question },
          ],
          tools: [
            {
              type: 'function',
              function: {
                name: PLAN_TOOL,
                description: 'Submit the query plan that answers the question.',
                parameters: toolParameters(request.planSchema),
              },
            },
          ],
          tool_choice: { type: 'function', function: { name: PLAN_TOOL } },
        },
        { signal: AbortSignal.timeout(options.timeoutMs) },
      );
      const message = completion.choices[0]?.message;
      const call = message?.tool_calls?.find((toolCall) => toolCall.type === 'function');
      const text = call && call.type === 'function' ? call.function.arguments : message?.content;
      if (!text) throw new Error('the model answered without a plan');
      const parsed = JSON.parse(stripFences(text)) as { plan?: unknown };
      // The tool wraps the plan in {plan}; a model that answers the bare plan is accepted too.
      return parsed && typeof parsed === 'object' && 'plan' in parsed ? parsed.plan : parsed;
    },
  };
}

/**
 * Function parameters must be an object schema, and the plan is a union: it goes under `plan`, with the
 * definitions its references point to hoisted to the root.
 */
function toolParameters(planSchema: Record<string, unknown>): Record<string, unknown> {
  const { $defs, $schema: _schema, ...plan } = planSchema;
  return { type: 'object', properties: { plan }, required: ['plan'], ...($defs ? { $defs } : {}) };
}

/** Some local models wrap JSON in a Markdown fence. */
function stripFences(text: string): string {
  return text
    .trim()
    .replace(/^```(?:json)?\s*/i, '')
    .replace(/```$/, '')
    .trim();
}

function instructions(request: PlanRequest): string {
  return [
    'You translate questions of a sales team about their CRM into a query plan. Call the tool with the plan; never answer in prose.',
    `Today is ${request.today} (time zone ${request.timeZone}). Write dates as YYYY-MM-DD; a period is an inclusive timeRange {from, to, label}. Weeks start on Monday.`,
    'A question about records of one entity is {"kind":"records", entity, filters, timeRange?, aggregation?, sort?, limit?}: no aggregation lists records; "how many" is count; "total"/"how much" is sum; "average" is avg; "median" is median; "by X" is aggregation.groupBy.',
    'A summary of one account, the open pipeline (by stage, owner, territory or month) or an activity summary (by type or owner) is {"kind":"analysis", analysis, …}.',
    'People are named as in the question ("Ana"), or "me" for the asker ("my", "I"). Accounts are named as in the question. Never invent ids.',
    '"Maria\'s team" is the team field (her records and her reports\'); "tasks for my accounts" is accountOwner "me", not the assignee; "deals at risk" is atRisk true.',
    'Deals that close in a future period are open (status open). Tasks without a status word are pending. Hot leads have score >= 70.',
    'Fields per entity (name: kind, meaning):',
    request.vocabulary,
  ].join('\n');
}
