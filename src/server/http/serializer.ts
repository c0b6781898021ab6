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
      serialize = fastJson(forSerialization(jsonSchema) as Parameters<typeof fastJson>[0]);
      compiled.set(schema, serialize);
    }
    return serialize(data);
  };
};

const compiled = new WeakMap<z.ZodType, (data: unknown) => string>();

type JsonSchema = { [keyword: string]: unknown };

/** Formats fast-json-stringify writes differently (a Date as an ISO string); every other one only validates. */
const formatsThatShape = new Set(['date-time', 'date', 'time']);

/**
 * The response schema as the serializer needs it: without the keywords that only validate (`pattern`,
 * formats such as `uuid`), and with a nullable scalar (`anyOf: [{type: 'string'}, {type: 'null'}]`, how
 * zod writes `.nullable()`) as one `type: ['string', 'null']`. fast-json-stringify decides an `anyOf`
 * branch by validating the value with Ajv, so every nullable id of every row of a page ran two regular
 * expressions; a type list is decided with `typeof`.
 */
export function forSerialization(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(forSerialization);
  if (typeof schema !== 'object' || schema === null) return schema;
  const result: JsonSchema = {};
  for (const [keyword, value] of Object.entries(schema)) {
    if (keyword === 'pattern') continue;
    if (keyword === 'format' && !formatsThatShape.has(String(value))) continue;
    if (namedSchemas.has(keyword)) result[keyword] = mapValues(value as JsonSchema, forSerialization);
    else result[keyword] = keyword === 'enum' || keyword === 'required' ? value : forSerialization(value);
  }
  const branches = result.anyOf;
  if (Array.isArray(branches) && branches.every(isBareType)) {
    delete result.anyOf;
    result.type = [...new Set(branches.flatMap((branch) => [branch.type].flat()))];
  }
  return result;
}

/** Keywords whose value maps names (of fields, of definitions) to schemas: the names are not keywords. */
const namedSchemas = new Set(['properties', 'definitions', '$defs']);

const mapValues = (object: JsonSchema, map: (value: unknown) => unknown) =>
  Object.fromEntries(Object.entries(object).map(([name, value]) => [name, map(value)]));

/** `{type: …}` and nothing else a serializer would look at (bounds and descriptions do not matter to it). */
function isBareType(branch: unknown): branch is { type: string | string[] } {
  if (typeof branch !== 'object' || branch === null || !('type' in branch)) return false;
  const type = (branch as { type: unknown }).type;
  if ([type].flat().some((name) => name === 'object' || name === 'array')) return false;
  return Object.keys(branch).every((keyword) => ignoredBySerializer.has(keyword));
}

const ignoredBySerializer = new Set(['type', 'enum', 'minimum', 'maximum', 'minLength', 'maxLength', 'description']);
