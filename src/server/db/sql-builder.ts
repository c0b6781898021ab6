import {
  type BuildQueryConfig,
  Column,
  isSQLWrapper,
  Name,
  Param,
  Placeholder,
  type Query,
  type QueryTypingsValue,
  SQL,
  StringChunk,
  Subquery,
  Table,
  View,
  ViewBaseConfig,
} from 'drizzle-orm';
import { isPgEnum } from 'drizzle-orm/pg-core';

/*
 * Turning a Drizzle SQL tree into text and parameters, with the same output as Drizzle's own
 * `SQL.buildQueryFromSourceParams`, only faster.
 *
 * Drizzle tells the kinds of chunk apart with its `is(value, Class)`, which on a miss walks the value's
 * class chain comparing entity-kind symbols. A chunk is tried against up to eleven kinds, so a rep's
 * timeline statement (its visibility predicates make about 3,000 chunks) took 2.8 ms of CPU to write out
 * (0.55 ms for an admin's), more than PostgreSQL took to run it, and more than half of a list request's
 * Node time. Here each test is a plain `instanceof`, which is the same test for a single copy of
 * drizzle-orm (aliases are proxies that keep their target's prototype), and the pieces go into one
 * accumulator rather than an object per chunk merged level by level.
 *
 * The branches keep Drizzle's order and meaning chunk for chunk; `sql-builder.test.ts` compares both
 * on statements of every kind the application writes, so an upgrade of drizzle-orm that changes the
 * output fails there.
 */

// Drizzle's table keys (registered symbols, internal to drizzle-orm's typings).
const TABLE_NAME = Symbol.for('drizzle:Name');
const TABLE_SCHEMA = Symbol.for('drizzle:Schema');
const IS_ALIAS = Symbol.for('drizzle:IsAlias');
type TableKeys = Record<symbol, string | boolean | undefined>;

type Output = { sql: string; params: unknown[]; typings: QueryTypingsValue[] };
type Config = BuildQueryConfig & { inlineParams: boolean; paramStartIndex: { value: number } };
/** The private `mapInlineParam` of the statement being written: how a value is written inline. */
type InlineMapper = (value: unknown, config: BuildQueryConfig) => string;

const drizzleBuild = SQL.prototype.buildQueryFromSourceParams;

function buildQuery(this: SQL, chunks: unknown[], given: BuildQueryConfig): Query {
  const config: Config = {
    ...given,
    inlineParams: Boolean(
      given.inlineParams || (this as unknown as { shouldInlineParams: boolean }).shouldInlineParams,
    ),
    paramStartIndex: given.paramStartIndex || { value: 0 },
  };
  const output: Output = { sql: '', params: [], typings: [] };
  const mapInline = (this as unknown as { mapInlineParam: InlineMapper }).mapInlineParam.bind(this);
  writeChunks(chunks, config, output, mapInline);
  // Drizzle leaves `typings` out when no parameter was written.
  return output.typings.length > 0 ? output : { sql: output.sql, params: output.params };
}

function writeChunks(chunks: readonly unknown[], config: Config, output: Output, mapInline: InlineMapper): void {
  for (const chunk of chunks) writeChunk(chunk, config, output, mapInline);
}

function writeParam(value: unknown, typing: QueryTypingsValue, config: Config, output: Output): void {
  output.sql += config.escapeParam(config.paramStartIndex.value++, value);
  output.params.push(value);
  output.typings.push(typing);
}

function writeChunk(chunk: unknown, config: Config, output: Output, mapInline: InlineMapper): void {
  const { escapeName } = config;
  if (chunk instanceof StringChunk) {
    output.sql += chunk.value.join('');
  } else if (chunk instanceof Name) {
    output.sql += escapeName(chunk.value);
  } else if (chunk === undefined) {
    // nothing: an absent optional part
  } else if (Array.isArray(chunk)) {
    output.sql += '(';
    chunk.forEach((item, index) => {
      if (index > 0) output.sql += ', ';
      writeChunk(item, config, output, mapInline);
    });
    output.sql += ')';
  } else if (chunk instanceof SQL) {
    const inlineParams =
      config.inlineParams || (chunk as unknown as { shouldInlineParams: boolean }).shouldInlineParams;
    writeChunks(
      chunk.queryChunks,
      inlineParams === config.inlineParams ? config : { ...config, inlineParams },
      output,
      mapInline,
    );
  } else if (chunk instanceof Table) {
    const table = chunk as unknown as TableKeys;
    const name = escapeName(table[TABLE_NAME] as string);
    const schema = table[TABLE_SCHEMA] as string | undefined;
    output.sql += schema === undefined || table[IS_ALIAS] ? name : `${escapeName(schema)}.${name}`;
  } else if (chunk instanceof Column) {
    output.sql += columnName(chunk, config);
  } else if (chunk instanceof View) {
    const view = (chunk as unknown as Record<symbol, { schema?: string; name: string; isAlias: boolean }>)[
      ViewBaseConfig
    ] as { schema?: string; name: string; isAlias: boolean };
    output.sql +=
      view.schema === undefined || view.isAlias
        ? escapeName(view.name)
        : `${escapeName(view.schema)}.${escapeName(view.name)}`;
  } else if (chunk instanceof Param) {
    writeBoundParam(chunk, config, output, mapInline);
  } else if (chunk instanceof Placeholder) {
    writeParam(chunk, 'none', config, output);
  } else if (chunk instanceof SQL.Aliased && chunk.fieldAlias !== undefined) {
    output.sql += escapeName(chunk.fieldAlias);
  } else if (chunk instanceof Subquery) {
    const subquery = chunk._ as unknown as { isWith: boolean; alias: string; sql: unknown };
    if (subquery.isWith) {
      output.sql += escapeName(subquery.alias);
    } else {
      output.sql += '(';
      writeChunk(subquery.sql, config, output, mapInline);
      output.sql += `) ${escapeName(subquery.alias)}`;
    }
  } else if (isPgEnum(chunk)) {
    output.sql += chunk.schema
      ? `${escapeName(chunk.schema)}.${escapeName(chunk.enumName)}`
      : escapeName(chunk.enumName);
  } else if (isSQLWrapper(chunk)) {
    if (chunk.shouldOmitSQLParens?.()) {
      writeChunk(chunk.getSQL(), config, output, mapInline);
    } else {
      output.sql += '(';
      writeChunk(chunk.getSQL(), config, output, mapInline);
      output.sql += ')';
    }
  } else if (config.inlineParams) {
    output.sql += mapInline(chunk, config);
  } else {
    writeParam(chunk, 'none', config, output);
  }
}

function columnName(column: Column, config: Config): string {
  const { escapeName } = config;
  const name = escapeName(config.casing.getColumnCasing(column));
  if (config.invokeSource === 'indexes') return name;
  const table = column.table as unknown as TableKeys;
  const tableName = escapeName(table[TABLE_NAME] as string);
  const schema = table[TABLE_SCHEMA] as string | undefined;
  return table[IS_ALIAS] || schema === undefined
    ? `${tableName}.${name}`
    : `${escapeName(schema)}.${tableName}.${name}`;
}

/** A value bound to a column (`eq(column, value)`): written through the column's encoder. */
function writeBoundParam(param: Param, config: Config, output: Output, mapInline: InlineMapper): void {
  if (param.value instanceof Placeholder) {
    writeParam(param, 'none', config, output);
    return;
  }
  const value = param.value === null ? null : param.encoder.mapToDriverValue(param.value);
  if (value instanceof SQL) {
    writeChunk(value, config, output, mapInline);
  } else if (config.inlineParams) {
    output.sql += mapInline(value, config);
  } else {
    writeParam(value, config.prepareTyping ? typingOf(param.encoder, config.prepareTyping) : 'none', config, output);
  }
}

type Encoder = Param['encoder'];
const typings = new WeakMap<Encoder, QueryTypingsValue>();

/** The dialect's typing of a column's values, remembered: it depends on the column alone and costs six `is`. */
function typingOf(encoder: Encoder, prepareTyping: NonNullable<BuildQueryConfig['prepareTyping']>): QueryTypingsValue {
  let typing = typings.get(encoder);
  if (typing === undefined) {
    typing = prepareTyping(encoder);
    typings.set(encoder, typing);
  }
  return typing;
}

/** The faster writer, in the shape of the method it replaces. */
export const fastSqlBuilder = buildQuery as typeof drizzleBuild;

/** Drizzle's own writer, for the test that compares the two. */
export const drizzleSqlBuilder = drizzleBuild;

/** Makes every statement of the process use the faster writer. Idempotent. */
export function installFastSqlBuilder(): void {
  SQL.prototype.buildQueryFromSourceParams = fastSqlBuilder;
}
