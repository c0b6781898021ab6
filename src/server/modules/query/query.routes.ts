import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { askQuestionSchema, queryAnswerSchema } from '../../../shared/contracts/query.js';
import type { Deps } from '../../deps.js';
import { withProblems } from '../../http/responses.js';
import { routeAuth } from '../../http/route-auth.js';
import { viewerOf } from '../../http/viewer.js';

/**
 * The question engine (chrono-node, the OpenAI SDK, the rule planner) is loaded on the first question:
 * a fifth of a second of every start that a process answering no questions never needs.
 */
let queryService: Promise<typeof import('./query.service.js')> | undefined;
const loadQueryService = () => {
  queryService ??= import('./query.service.js');
  return queryService;
};

export const queryRoutes: FastifyPluginAsync<{ deps: Deps }> = async (app, { deps }) => {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.post(
    '/query',
    {
      config: { auth: routeAuth.reader },
      // A blank question is answered with examples of what to ask, like any question not understood.
      attachValidation: true,
      schema: {
        tags: ['query'],
        summary: 'Ask a question in plain language',
        description:
          'Plans the question (with the configured language model, else the rule engine), runs the plan over the records you may see and answers a sentence with the figures, the rows and the plan. A question it cannot understand is 400 with examples of what it can answer.',
        body: askQuestionSchema,
        response: withProblems({ 200: queryAnswerSchema }),
      },
    },
    async (request) => {
      const service = await loadQueryService();
      if (request.validationError) {
        if (onlyTheQuestionIsBlank(request.body, request.validationError)) {
          return service.refuseBlankQuestion(deps, viewerOf(request));
        }
        throw request.validationError;
      }
      return service.answerQuestion(deps, viewerOf(request), request.body);
    },
  );
};

/** Whether the body's one fault is a question of nothing but spaces (or nothing at all). */
function onlyTheQuestionIsBlank(body: unknown, error: { validation?: { instancePath?: string }[] }): boolean {
  const question = (body as { question?: unknown } | null)?.question;
  const issues = error.validation ?? [];
  return (
    typeof question === 'string' &&
    question.trim() === '' &&
    issues.length > 0 &&
    issues.every((issue) => issue.instancePath === '/question')
  );
}
