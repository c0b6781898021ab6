import fastJson from 'fast-json-stringify';
import type { FastifySerializerCompiler } from 'fastify';
import { z } from 'zod';

/**
 * Responses are written by fast-json-stringify from the JSON Schema of the route's zod response schema:
 * several times faster than validating with zod and calling JSON.stringify, and, like it, it writes
 * only the fields the contract names, so an internal column can never leak into an answer.
 */
export const responseSerializerCompiler: FastifySerializerCompiler<z.ZodType> = ({ schema }) => {
  // Compiled on first use and once per schema: many routes share one (every route declares the same
  // problem answers), and compiling ~100 schemas up front would add a second to every start.
  return (data: unknown) => {
    let serialize = compiled.get(schema);
    if (!serialize) {
      const jsonSchema = z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any', target: 'draft-7' });
      serialize = fastJson(jsonSchema as Parameters<typeof fastJson>[0]);
      compiled.set(schema, serialize);
    }
    return serialize(data);
  };
};

const compiled = new WeakMap<z.ZodType, (data: unknown) => string>();
