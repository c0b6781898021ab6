/*
 * A language model that turns a question into a query plan. The port knows nothing of plans beyond
 * their JSON Schema: the query service validates whatever comes back and falls back to the rule engine
 * when the model fails, is slow or answers something invalid. The offline default is no model at all.
 */

export type PlanRequest = {
  question: string;
  /** YYYY-MM-DD in the asker's time zone: the model turns "this month" into dates from it. */
  today: string;
  timeZone: string;
  /** The JSON Schema of the plan, generated from the zod contract. */
  planSchema: Record<string, unknown>;
  /** What the fields mean, per entity, for the model's instructions. */
  vocabulary: string;
};

export interface QueryLanguageModel {
  /** A name for logs and the docs, e.g. "openai:gpt-4o-mini". */
  readonly name: string;
  /** The model's plan, as parsed JSON, not yet validated. Rejects on any failure or timeout. */
  proposePlan(request: PlanRequest): Promise<unknown>;
}
