import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Viewer } from '../platform/viewer.js';
import { routeAuth } from './route-auth.js';
import { viewerOf } from './viewer.js';

/** Rows one export holds at most: a spreadsheet's comfort, and a bound on what one request may read. */
export const MAX_EXPORT_ROWS = 100_000;
const PAGE = 200;

type Page = { data: Record<string, unknown>[]; nextCursor: string | null };

/**
 * `GET {path}/export`: the list with the same filters, search and sort, every page of it, as CSV for a
 * spreadsheet. It reads through the list's own service call, so it holds exactly what the caller may
 * see. The first page is read before anything is sent, so a bad filter is still a problem+json `400`.
 */
export function registerExportRoute(
  app: FastifyInstance,
  spec: {
    path: string;
    noun: string;
    tags: string[];
    record: z.ZodType;
    listQuery: z.ZodType;
    list(viewer: Viewer, query: Record<string, unknown>): Promise<unknown>;
  },
) {
  const columns = columnsOf(spec.record);
  // The export is every page: paging parameters would mean nothing, so they are refused like any unknown one.
  const exportQuery =
    spec.listQuery instanceof z.ZodObject
      ? spec.listQuery.omit({ limit: true, cursor: true, includeTotal: true })
      : spec.listQuery;
  const resource = spec.path.replace(/^\//, '');
  app.withTypeProvider<ZodTypeProvider>().get(
    `${spec.path}/export`,
    {
      config: { auth: routeAuth.signedIn },
      schema: {
        tags: spec.tags,
        summary: `Export ${spec.noun}s as CSV`,
        description: `text/csv (UTF-8 with a byte order mark, for spreadsheets): a heading row of field names (nested ones as address.city), then every ${spec.noun} the list would answer with the same parameters, up to ${MAX_EXPORT_ROWS}. Lists are joined with "; ".`,
        querystring: exportQuery,
      },
    },
    async (request, reply) => {
      const viewer = viewerOf(request);
      const query = { ...(request.query as Record<string, unknown>), limit: PAGE, includeTotal: false };
      const first = (await spec.list(viewer, query)) as Page;
      async function* lines() {
        yield `\uFEFF${columns.map((column) => quote(column.join('.'))).join(',')}\r\n`;
        let page: Page = first;
        let sent = 0;
        for (;;) {
          const rows = page.data.slice(0, MAX_EXPORT_ROWS - sent);
          yield rows.map((row) => `${columns.map((column) => quote(cell(row, column))).join(',')}\r\n`).join('');
          sent += rows.length;
          if (!page.nextCursor || sent >= MAX_EXPORT_ROWS) return;
          page = (await spec.list(viewer, { ...query, cursor: page.nextCursor })) as Page;
        }
      }
      const day = new Date().toISOString().slice(0, 10);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="meridian-${resource}-${day}.csv"`)
        .header('cache-control', 'no-store')
        .send(Readable.from(lines()));
    },
  );
}

/** The record's fields in the schema's order, nested objects (address, location) as their own fields. */
function columnsOf(schema: z.ZodType): string[][] {
  const shape = objectShape(schema);
  if (!shape) return [];
  return Object.entries(shape).flatMap(([key, field]) => {
    const inner = objectShape(field as z.ZodType);
    return inner && !(field instanceof z.ZodRecord) ? Object.keys(inner).map((child) => [key, child]) : [[key]];
  });
}

/** The shape of an object schema, seen through nullable and optional. */
function objectShape(schema: z.ZodType): Record<string, unknown> | undefined {
  let current: z.ZodType = schema;
  while (current instanceof z.ZodNullable || current instanceof z.ZodOptional) current = current.unwrap() as z.ZodType;
  return current instanceof z.ZodObject ? (current.shape as Record<string, unknown>) : undefined;
}

function cell(row: Record<string, unknown>, path: string[]): string {
  let value: unknown = row;
  for (const key of path)
    value = value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(String).join('; ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/**
 * RFC 4180 quoting, and a text that a spreadsheet would run as a formula (=, +, -, @ first) kept as
 * text with a leading apostrophe (OWASP's advice on CSV injection): an export must not run code that a
 * record's author typed.
 */
function quote(text: string): string {
  const safe = /^[=+\-@\t\r]/.test(text) && !/^-?\d+(\.\d+)?$/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
