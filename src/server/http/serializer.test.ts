import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { forSerialization, responseSerializerCompiler } from './serializer.js';

const record = z.object({
  id: z.uuid(),
  parentId: z.uuid().nullable(),
  createdAt: z.iso.datetime(),
  closedAt: z.iso.datetime().nullable(),
  employees: z.number().int().nullable(),
  stage: z.enum(['open', 'won']).nullable(),
  location: z.object({ lat: z.number(), lng: z.number() }).nullable(),
});

const serialize = (data: unknown) =>
  responseSerializerCompiler({ schema: record, method: 'GET', url: '/', httpStatus: '200' })(data);

describe('response serializer', () => {
  it('turns nullable scalars into type lists and drops keywords that only validate', () => {
    const schema = forSerialization(z.toJSONSchema(record, { io: 'output', target: 'draft-7' })) as {
      properties: Record<string, Record<string, unknown>>;
    };
    expect(schema.properties.parentId).toEqual({ type: ['string', 'null'] });
    expect(schema.properties.id).toEqual({ type: 'string' });
    expect(schema.properties.employees?.type).toEqual(['integer', 'null']);
    // Dates keep their format (it shapes a Date into an ISO string); objects keep their anyOf.
    expect(schema.properties.createdAt?.format).toBe('date-time');
    expect(schema.properties.location?.anyOf).toBeDefined();
  });

  it('writes values and nulls as the contract says, and nothing outside it', () => {
    const full = {
      id: '0193a8ee-6eaf-76b4-b2f6-4fbfbe74460c',
      parentId: '0193a8ee-6eaf-76b4-b2f6-4fbfbe74460d',
      createdAt: '2026-12-05T08:00:00.000Z',
      closedAt: '2026-12-05T09:00:00.000Z',
      employees: 12,
      stage: 'won',
      location: { lat: 1.5, lng: -2 },
      secret: 'internal column',
    };
    const { secret: _secret, ...expected } = full;
    expect(JSON.parse(serialize(full))).toEqual(expected);
    const empty = { ...full, parentId: null, closedAt: null, employees: null, stage: null, location: null };
    const { secret: _ignored, ...expectedEmpty } = empty;
    expect(JSON.parse(serialize(empty))).toEqual(expectedEmpty);
  });
});
