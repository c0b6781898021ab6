import { z } from 'zod';
import { type QueryPlan, queryFields, queryPlanSchema } from '../../../shared/contracts/query.js';
import type { Config } from '../../config.js';
import { createOpenAiModel } from '../../integrations/llm/openai.js';
import type { QueryLanguageModel } from '../../integrations/llm/port.js';
import { validatePlan } from './plan-validation.js';
import { type ActionRequest, actionRequested } from './rule-engine/actions.js';
import { type PlanningContext, planQuestion } from './rule-engine/rule-planner.js';
import { asksAboutTargets } from './rule-engine/targets.js';
import { todayIn } from './rule-engine/time-frames.js';

/*
 * Which engine plans a question. The rule engine is the default and the fallback; a configured language
 * model goes first, and whenever it fails, times out or proposes a plan that does not validate, the
 * rule engine answers instead. `engine` in the answer says which one did.
 */

export type Engine = 'rules' | 'llm';

export type Planned =
  | { engine: Engine; plan: QueryPlan }
  /**
   * Not understood (`unread`: the words that could not be placed, when that is why); understood as a
   * request to change something or contact someone (`action`: its verb), which questions never do; or as a question about
   * what Meridian does not keep (`hint`: what it can answer instead).
   */
  | { engine: Engine; plan: null; action?: ActionRequest; unread?: string[]; hint?: string };

type Logger = { warn(object: object, message: string): void };

/** The plan's JSON Schema, generated once from the zod contract: the model sees exactly what we validate. */
export const planJsonSchema = z.toJSONSchema(queryPlanSchema, { io: 'input' }) as Record<string, unknown>;

/** The allow-list in words, for the model's instructions. */
export const planVocabulary = Object.entries(queryFields)
  .map(
    ([entity, fields]) =>
      `${entity}: ${Object.entries(fields)
        .map(
          ([field, spec]) =>
            `${field} (${spec.kind}${spec.values ? ` ${spec.values.join('|')}` : ''}: ${spec.description})`,
        )
        .join('; ')}`,
  )
  .join('\n');

const models = new WeakMap<Config, QueryLanguageModel | null>();

/** The configured model, built once per configuration; null when none is configured. */
export function languageModelFor(config: Config): QueryLanguageModel | null {
  let model = models.get(config);
  if (model === undefined) {
    model = config.llm ? createOpenAiModel(config.llm) : null;
    models.set(config, model);
  }
  return model;
}

export async function planWithEngines(
  config: Config,
  question: string,
  context: PlanningContext,
  logger?: Logger,
): Promise<Planned> {
  // Before any engine: a model would happily plan "delete all deals" as a list of deals.
  const action = actionRequested(question);
  if (action) return { engine: 'rules', plan: null, action };
  const model = languageModelFor(config);
  // Targets first by rules: a model would answer "pipeline coverage" with the pipeline alone.
  if (model && !asksAboutTargets(question)) {
    const planned = await planWithModel(model, question, context, logger);
    if (planned) return { engine: 'llm', plan: planned };
  }
  const outcome = planQuestion(question, context);
  if (!outcome.ok && outcome.reason === 'unsupported') return { engine: 'rules', plan: null, hint: outcome.hint };
  if (!outcome.ok) return { engine: 'rules', plan: null, ...(outcome.unread ? { unread: outcome.unread } : {}) };
  const check = validatePlan(outcome.plan);
  // The rule engine builds valid plans by construction; a failure here is a bug worth a log, not a 500.
  if (!check.ok) {
    logger?.warn({ question, problems: check.problems }, 'the rule engine built an invalid plan');
    return { engine: 'rules', plan: null };
  }
  return { engine: 'rules', plan: check.plan };
}

async function planWithModel(
  model: QueryLanguageModel,
  question: string,
  context: PlanningContext,
  logger?: Logger,
): Promise<QueryPlan | null> {
  try {
    const proposed = await model.proposePlan({
      question,
      today: todayIn(context),
      timeZone: context.timeZone,
      planSchema: planJsonSchema,
      vocabulary: planVocabulary,
    });
    const check = validatePlan(proposed);
    if (check.ok) return check.plan;
    logger?.warn(
      { model: model.name, problems: check.problems },
      'the model proposed an invalid plan; using the rules',
    );
  } catch (error) {
    logger?.warn({ model: model.name, err: error }, 'the model did not answer; using the rules');
  }
  return null;
}
