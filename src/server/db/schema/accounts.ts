import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  check,
  customType,
  doublePrecision,
  index,
  integer,
  numeric,
  pgTable,
  text,
  uuid,
} from 'drizzle-orm/pg-core';
import { recordColumns, searchIndex } from './columns.js';
import { priceLists } from './price-lists.js';
import { territories } from './territories.js';
import { users } from './users.js';

/** PostgreSQL's full-text document type; only ever written by generated columns. */
export const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/** Money in major units: numeric(18,2) in the database, a JSON number in the API. */
export const money = (name: string) => numeric(name, { precision: 18, scale: 2, mode: 'number' });

export const accounts = pgTable(
  'accounts',
  {
    ...recordColumns(),
    name: text('name').notNull(),
    /** customer | distributor | dealer | supplier | partner */
    type: text('type').notNull(),
    /** The account above this one (a dealer's distributor); never a cycle. */
    parentId: uuid('parent_id').references((): AnyPgColumn => accounts.id),
    /**
     * The topmost account up the `parentId` chain (the account itself when it has no parent): the family
     * tree is then one index range instead of a walk with one probe per account. Kept by triggers
     * (migration 0021), never written by the application; set on every row.
     */
    familyId: uuid('family_id'),
    /**
     * The deleted account this one sat under until that deletion moved it up a level; restoring that
     * account puts it back, unless it has been moved since. Null for every other account.
     */
    detachedFromId: uuid('detached_from_id'),
    territoryId: uuid('territory_id').references(() => territories.id),
    /** The account manager; visibility and write rights follow the owner. */
    ownerId: uuid('owner_id').references(() => users.id),
    industry: text('industry'),
    website: text('website'),
    email: text('email'),
    phone: text('phone'),
    annualRevenue: money('annual_revenue'),
    employees: integer('employees'),
    /** The call cycle: the account is due for a visit this many days after its last completed one. */
    visitEveryDays: integer('visit_every_days'),
    /** The channel price list its deals are priced from; null: list prices. */
    priceListId: uuid('price_list_id').references(() => priceLists.id),
    street: text('street'),
    city: text('city'),
    state: text('state'),
    postalCode: text('postal_code'),
    /** ISO 3166-1 alpha-2 when known, as typed otherwise. */
    country: text('country'),
    latitude: doublePrecision('latitude'),
    longitude: doublePrecision('longitude'),
    /** manual (given through the API, never overwritten) | geocoded (found from the address) | null. */
    locationSource: text('location_source'),
    /** The address as last geocoded (found or not): a changed address is geocoded again. */
    geocodedAddress: text('geocoded_address'),
    description: text('description'),
    /** The name without legal suffixes, punctuation and case: what duplicate detection compares. */
    normalizedName: text('normalized_name').notNull(),
    /** The company's e-mail/web domain (from website or e-mail), for duplicate detection and lead matching. */
    domain: text('domain'),
    /** Set on a merged-away account: the survivor that took over its records. */
    mergedIntoId: uuid('merged_into_id').references((): AnyPgColumn => accounts.id),
    /** Full-text document over name, website, e-mail and city. */
    search: tsvector('search').generatedAlwaysAs(
      (): ReturnType<typeof sql> =>
        sql`to_tsvector('simple', coalesce(name, '') || ' ' || coalesce(replace(replace(website, '.', ' '), '/', ' '), '') || ' ' || coalesce(replace(replace(email, '@', ' '), '.', ' '), '') || ' ' || coalesce(city, ''))`,
    ),
  },
  (table) => [
    index('accounts_name_idx').on(table.name, table.id).where(sql`${table.deletedAt} is null`),
    index('accounts_territory_name_idx')
      .on(table.territoryId, table.name, table.id)
      .where(sql`${table.deletedAt} is null`),
    index('accounts_owner_name_idx').on(table.ownerId, table.name, table.id).where(sql`${table.deletedAt} is null`),
    index('accounts_parent_idx').on(table.parentId).where(sql`${table.deletedAt} is null`),
    index('accounts_family_idx').on(table.familyId).where(sql`${table.deletedAt} is null`),
    index('accounts_detached_from_idx').on(table.detachedFromId).where(sql`${table.detachedFromId} is not null`),
    index('accounts_created_at_idx').on(table.createdAt, table.id).where(sql`${table.deletedAt} is null`),
    // updatedAtFrom: what changed since an integration's last sync.
    index('accounts_updated_at_idx').on(table.updatedAt, table.id).where(sql`${table.deletedAt} is null`),
    index('accounts_revenue_idx')
      .on(sql`coalesce(${table.annualRevenue}, -1)`, table.id)
      .where(sql`${table.deletedAt} is null`),
    index('accounts_type_idx').on(table.type).where(sql`${table.deletedAt} is null`),
    index('accounts_price_list_idx').on(table.priceListId).where(sql`${table.priceListId} is not null`),
    // Accounts near a place: a range of latitudes, then longitudes, before the exact distance.
    index('accounts_position_idx')
      .on(table.latitude, table.longitude)
      .where(sql`${table.deletedAt} is null and ${table.latitude} is not null`),
    index('accounts_country_city_idx')
      .on(table.country, sql`lower(${table.city})`)
      .where(sql`${table.deletedAt} is null`),
    searchIndex('accounts_search_idx', table.search),
    searchIndex('accounts_name_trgm_idx', sql`${table.name} gin_trgm_ops`),
    index('accounts_normalized_name_idx').on(table.normalizedName),
    index('accounts_domain_idx').on(table.domain),
    check('accounts_visit_every_days_check', sql`${table.visitEveryDays} between 1 and 365`),
    check('accounts_type_check', sql`${table.type} in ('customer', 'distributor', 'dealer', 'supplier', 'partner')`),
  ],
);
