import { z } from 'zod';

/** An e-mail address; surrounding spaces (a pasted address) are dropped before it is checked. */
export const emailSchema = z.preprocess(
  (value) => (typeof value === 'string' ? value.trim() : value),
  z.email().max(254),
);

export const idSchema = z.uuid();

/** Free text that may be absent: trimmed, and an empty string is refused (send null to clear it). */
export const optionalText = (max: number) => z.string().trim().min(1).max(max).nullable();

/**
 * Money in major units, stored as numeric(18,2): 0 to ten trillion, whole cents. More decimals are
 * refused rather than rounded, so what is stored is what was sent. The bound keeps every cent of an
 * amount exact in a JSON number (a double holds whole cents up to about 9 * 10^13: 123456789012345.67
 * would come back as …345.69) and a sum of a thousand of them inside the column.
 */
const MAX_MONEY = 1e13;

export const moneySchema = z
  .number()
  .min(0)
  .max(MAX_MONEY)
  .refine((value) => Math.abs(value * 100 - Math.round(value * 100)) < 1e-6, {
    message: 'must be in whole cents (at most two decimals)',
  });

/** The ISO 4217 codes the runtime knows (Node and every current browser carry the list). */
const currencyCodes = new Set(Intl.supportedValuesOf('currency'));

/** A currency: an ISO 4217 code in capitals (`USD`, `EUR`); made-up codes would split every money figure. */
export const currencySchema = z
  .string()
  .refine((code) => /^[A-Z]{3}$/.test(code) && currencyCodes.has(code), {
    message: 'an ISO 4217 currency code in capitals, such as USD or EUR',
  })
  // The shape for the OpenAPI document; the refinement above is what checks it.
  .meta({ pattern: '^[A-Z]{3}$', examples: ['USD', 'EUR'] });

/** A CRM's dates are of this era: year 0000 is not a date PostgreSQL stores, and 0202 is a typo of 2020. */
const FIRST_YEAR = 1900;
const fromFirstYear = (value: string) => Number(value.slice(0, 4)) >= FIRST_YEAR;
const firstYearMessage = { message: `the year must be ${FIRST_YEAR} or later` };

export const timestampSchema = z.iso
  .datetime({ offset: true })
  .refine(fromFirstYear, firstYearMessage)
  .meta({ description: 'ISO 8601 instant in UTC' });
export const dateSchema = z.iso.date().refine(fromFirstYear, firstYearMessage).meta({ description: 'YYYY-MM-DD' });

/** An IANA time zone name the runtime knows ("America/Chicago"): whose calendar day "today" is. */
export const timeZoneSchema = z
  .string()
  .max(64)
  .refine((zone) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  }, 'is not a known IANA time zone (e.g. Europe/Madrid)');

/** Fields every record carries (API.md "Conventions"). */
export const recordFields = {
  id: idSchema,
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
  version: z.number().int().min(1).meta({ description: 'Starts at 1, +1 on each change; send it back in If-Match' }),
};

export const idParamsSchema = z.strictObject({ id: idSchema });

/** `GET /{resource}` answers one page of records and the cursor of the next page. */
export function pageSchema<Item extends z.ZodType>(item: Item) {
  return z.object({
    data: z.array(item),
    nextCursor: z.string().nullable(),
    total: z.number().int().optional(),
  });
}

/** A coordinate in a query string: plain decimal degrees, as a map or a phone's GPS gives them. */
export const queryCoordinate = (schema: z.ZodNumber) =>
  z.preprocess(
    (raw) => (typeof raw === 'string' && /^-?\d{1,3}(\.\d+)?$/.test(raw) ? Number(raw) : Number.NaN),
    schema,
  );

export const queryBoolean = z.enum(['true', 'false']).transform((value) => value === 'true');

/**
 * `stage=proposal,negotiation`: comma-separated alternatives, each checked against the allowed values; a
 * value named twice counts once. The query string is a plain string to OpenAPI, so the allowed values of
 * an enum (or the shape of an id) are written into the parameter's description and pattern; without them
 * the document would offer any string.
 */
export function anyOf<Value extends z.ZodType<string, string>>(value: Value) {
  return z
    .string()
    .transform((raw) =>
      raw
        .split(',')
        .map((part) => part.trim())
        .filter((part) => part.length > 0),
    )
    .pipe(
      z
        .array(value)
        .min(1)
        .max(100)
        .transform((values) => [...new Set(values)]),
    )
    .meta(alternativesDoc(value));
}

const UUID_PATTERN = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';

function alternativesDoc(value: z.ZodType): { description: string; pattern?: string } {
  // An enum's options are its values; a union's are schemas, which have no text to list.
  const candidates = (value as { options?: readonly unknown[] }).options;
  if (candidates?.every((option) => typeof option === 'string')) {
    const alternatives = candidates.join('|');
    return {
      description: `One or more of ${candidates.join(', ')}, comma-separated`,
      pattern: `^(?:${alternatives})(?:,(?:${alternatives}))*$`,
    };
  }
  if ((value as { format?: string }).format === 'uuid') {
    return { description: 'One or more ids, comma-separated', pattern: `^${UUID_PATTERN}(?:,${UUID_PATTERN})*$` };
  }
  return { description: 'One or more values, comma-separated' };
}

/** A number as a query string writes it: `12`, `-3.5`, `1e6`; no blanks, hex or words. */
const decimalNumber = /^[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$/;

/** Beyond any amount a record can hold (money is capped at 10^13), and still exact as a JSON number. */
const MAX_FILTER_NUMBER = 1e15;

/**
 * A count in a query string (`limit`, `months`): plain digits. Plain coercion would also take `0x10`,
 * `1e2`, `+5` or ` 5`, which no client means to send and which are easier refused than guessed at.
 */
export const queryInteger = (bounds: { min: number; max: number; default: number }) => {
  // One message for every way to miss, saying what is allowed: "expected number, received NaN" does not.
  const allowed = `must be a whole number from ${bounds.min} to ${bounds.max}`;
  // The default inside the pipe, where OpenAPI shows it: an absent value passes the digit check untouched.
  return z.preprocess(
    (raw) => (typeof raw === 'string' && !/^\d{1,9}$/.test(raw) ? Number.NaN : raw),
    z.coerce
      .number({ error: allowed })
      .int(allowed)
      .min(bounds.min, allowed)
      .max(bounds.max, allowed)
      .default(bounds.default),
  );
};

export const filters = {
  /** Equality with comma-separated alternatives. */
  anyOf,
  /**
   * A yes/no field, with comma-separated alternatives like every equality filter: `true,false` asks for
   * both, which is no filter at all (undefined).
   */
  boolean: () =>
    anyOf(z.enum(['true', 'false']))
      .transform((values) => (values.length === 1 ? values[0] === 'true' : undefined))
      .meta({
        description: 'true or false; true,false asks for both',
        pattern: '^(?:true|false)(?:,(?:true|false))*$',
      }),
  /** A `<field>From` bound for an instant: an instant, or a date meaning its first moment (UTC). */
  instant: () => timestampSchema.or(dateSchema),
  /**
   * A `<field>To` bound for an instant, inclusive: an instant, or a date meaning its last moment (UTC), so
   * `createdAtTo=2025-10-31` includes what was created that day.
   */
  instantUntil: () =>
    timestampSchema.or(dateSchema.transform((date) => `${date}T23:59:59.999Z`)).meta({
      description: 'ISO 8601 instant, or YYYY-MM-DD for the end of that day (UTC); inclusive',
    }),
  /** `<field>From` / `<field>To` bounds for a calendar date. */
  date: () => dateSchema,
  /** Users by id, comma-separated; `me` stands for the caller. */
  person: () => anyOf(z.union([idSchema, z.literal('me')])).meta({ description: 'User ids, or me for the caller' }),
  /**
   * `<field>Min` / `<field>Max` bounds for a number, written in decimal. Plain coercion would read an
   * empty or blank value as 0 and `0x10` as 16, and filter by a bound the caller never gave.
   */
  number: () =>
    z.preprocess(
      (raw) => (typeof raw === 'string' && !decimalNumber.test(raw) ? Number.NaN : raw),
      z.coerce.number().finite().min(-MAX_FILTER_NUMBER).max(MAX_FILTER_NUMBER),
    ),
  /** Bounds for a whole-number field (employees, minutes, a score): whole numbers its column can hold. */
  wholeNumber: () =>
    z.preprocess(
      (raw) => (typeof raw === 'string' && !decimalNumber.test(raw) ? Number.NaN : raw),
      z.coerce.number().int().min(-2_147_483_648).max(2_147_483_647),
    ),
};

/**
 * `updatedAtFrom` / `updatedAtTo`, which every record list takes: what changed in a window, so an
 * integration can fetch only what changed since its last sync (a change includes a delete's restore).
 */
export const updatedAtFilters = {
  updatedAtFrom: filters.instant().optional().meta({ description: 'Last changed at or after this' }),
  updatedAtTo: filters.instantUntil().optional(),
};

/**
 * The list parameters of API.md: limit, cursor, sort (from an allow-list, `-` for descending), q,
 * includeTotal, plus the resource's own filters. Unknown parameters are rejected, as a typo in a
 * filter name must not silently return everything.
 */
export function listQuerySchema<Sort extends string, Filters extends z.ZodRawShape>(options: {
  sorts: readonly [Sort, ...Sort[]];
  filters: Filters;
}) {
  const sortValues = options.sorts.flatMap((field) => [field, `-${field}`]) as [string, ...string[]];
  return z.strictObject({
    limit: queryInteger({ min: 1, max: 200, default: 50 }),
    cursor: z.string().min(1).max(1000).optional(),
    sort: z
      .enum(sortValues)
      .optional()
      .meta({ description: `One of ${options.sorts.join(', ')}; prefix - for descending` }),
    q: z.string().trim().min(1).max(200).optional(),
    includeTotal: queryBoolean.optional(),
    ...options.filters,
  });
}

export type ListQuery = {
  limit: number;
  cursor?: string | undefined;
  sort?: string | undefined;
  q?: string | undefined;
  includeTotal?: boolean | undefined;
};

export type Page<Item> = { data: Item[]; nextCursor: string | null; total?: number };
