import { z } from 'zod';
import { problemSchema } from '../../shared/errors.js';

/** Adds the problem+json answers every API route can give, so the OpenAPI document lists them. */
export function withProblems<Responses extends Record<number, z.ZodType>>(responses: Responses) {
  return {
    ...responses,
    400: problemSchema,
    401: problemSchema,
    403: problemSchema,
    404: problemSchema,
    409: problemSchema,
    412: problemSchema,
    413: problemSchema,
    429: problemSchema,
  };
}

export const noContent = z.null().meta({ description: 'No content' });
