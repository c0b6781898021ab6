import { z } from 'zod';

/** Marks the JSON Schema of a body that may be left out; openapi.ts documents it as not required. */
export const OPTIONAL_BODY = 'x-optional-body';

/**
 * A body whose fields are all optional may be left out: a POST without one means `{}` (as on Stripe),
 * so `POST /leads/{id}/convert` with no body converts with the defaults.
 */
export function optionalBody<Schema extends z.ZodType>(schema: Schema) {
  return z.preprocess((body) => body ?? {}, schema).meta({ [OPTIONAL_BODY]: true });
}

/**
 * The body of an action that takes no fields (complete a task, reopen a lead, restore a record): none,
 * or `{}`. Anything else is refused, as an unknown field is everywhere, instead of silently ignored.
 */
export const noBody = optionalBody(z.strictObject({}).meta({ description: 'No fields: send no body, or {}' }));
