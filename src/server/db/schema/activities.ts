import { type SQL, sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  boolean,
  check,
  customType,
  date,
  doublePrecision,
  index,
  integer,
  type PgColumn,
  pgTable,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { accounts } from './accounts.js';
import { nowInMilliseconds, recordColumns, timestampColumn } from './columns.js';
import { contacts } from './contacts.js';
import { leads } from './leads.js';
import { opportunities } from './opportunities.js';
import { users } from './users.js';

/** The four links an activity, task, communication or note may carry (at least one for activities). */
const recordLinks = () => ({
  accountId: uuid('account_id').references(() => accounts.id),
  contactId: uuid('contact_id').references(() => contacts.id),
  leadId: uuid('lead_id').references(() => leads.id),
  opportunityId: uuid('opportunity_id').references(() => opportunities.id),
});

/**
 * Indexes for the link columns, ordered as a record's timeline reads them: by the moment the entry stands
 * at (`at`, the same expression the timeline query orders by) and id, live rows only.
 */
function linkIndexes(
  name: string,
  table: {
    accountId: PgColumn;
    contactId: PgColumn;
    leadId: PgColumn;
    opportunityId: PgColumn;
    id: PgColumn;
    deletedAt: PgColumn;
  },
  at: PgColumn | SQL,
) {
  // Most records carry one or two of the four links: leaving the empty ones out keeps the indexes small.
  const liveWith = (link: PgColumn) => sql`${table.deletedAt} is null and ${link} is not null`;
  return [
    index(`${name}_account_idx`).on(table.accountId, at, table.id).where(liveWith(table.accountId)),
    index(`${name}_contact_idx`).on(table.contactId, at, table.id).where(liveWith(table.contactId)),
    index(`${name}_lead_idx`).on(table.leadId, at, table.id).where(liveWith(table.leadId)),
    index(`${name}_opportunity_idx`).on(table.opportunityId, at, table.id).where(liveWith(table.opportunityId)),
  ];
}

/**
 * When an activity stands on a timeline: when it was done, else when it is planned, else when it was
 * logged. Written once here so the timeline query and its indexes use the same expression.
 */
export function activityMoment(table: { completedAt: PgColumn; scheduledAt: PgColumn; createdAt: PgColumn }): SQL {
  return sql`coalesce(${table.completedAt}, ${table.scheduledAt}, ${table.createdAt})`;
}

/** When a task stands on a timeline: when it was done, else when it is due, else when it was created. */
export function taskMoment(table: { completedAt: PgColumn; dueAt: PgColumn; createdAt: PgColumn }): SQL {
  return sql`coalesce(${table.completedAt}, ${table.dueAt}, ${table.createdAt})`;
}

export const activities = pgTable(
  'activities',
  {
    ...recordColumns(),
    /** call | email | meeting | task | note | visit */
    type: text('type').notNull(),
    subject: text('subject').notNull(),
    description: text('description'),
    /** planned | completed | cancelled */
    status: text('status').notNull(),
    scheduledAt: timestampColumn('scheduled_at'),
    /** The time is agreed with the customer (an appointment): route planning works around it, never moves it. */
    fixedTime: boolean('fixed_time').notNull().default(false),
    durationMinutes: integer('duration_minutes'),
    completedAt: timestampColumn('completed_at'),
    outcome: text('outcome'),
    nextSteps: text('next_steps'),
    latitude: doublePrecision('latitude'),
    longitude: doublePrecision('longitude'),
    locationAddress: text('location_address'),
    ownerId: uuid('owner_id').references(() => users.id),
    ...recordLinks(),
    /** Field visits: GPS check-in and check-out, and how far each was from the account. */
    checkInAt: timestampColumn('check_in_at'),
    checkInLatitude: doublePrecision('check_in_latitude'),
    checkInLongitude: doublePrecision('check_in_longitude'),
    checkInAccuracy: doublePrecision('check_in_accuracy'),
    checkInDistanceMeters: doublePrecision('check_in_distance_meters'),
    checkOutAt: timestampColumn('check_out_at'),
    checkOutLatitude: doublePrecision('check_out_latitude'),
    checkOutLongitude: doublePrecision('check_out_longitude'),
    checkOutAccuracy: doublePrecision('check_out_accuracy'),
    checkOutDistanceMeters: doublePrecision('check_out_distance_meters'),
    /** A check-in or check-out further from the account than the configured radius. */
    farFromAccount: boolean('far_from_account').notNull().default(false),
  },
  (table) => [
    ...linkIndexes('activities', table, activityMoment(table)),
    index('activities_owner_idx').on(table.ownerId, table.scheduledAt).where(sql`${table.deletedAt} is null`),
    index('activities_scheduled_idx').on(table.scheduledAt, table.id).where(sql`${table.deletedAt} is null`),
    // With the columns the dashboard and the activity summary count by, the links visibility checks,
    // and the moment's own columns (PostgreSQL reads an index alone only when every column the query
    // names is in it), so those counts never touch the table, a rep's included.
    index('activities_moment_idx')
      .on(
        activityMoment(table),
        table.type,
        table.status,
        table.ownerId,
        table.accountId,
        table.leadId,
        table.opportunityId,
        table.completedAt,
        table.scheduledAt,
        table.createdAt,
        table.id,
      )
      .where(sql`${table.deletedAt} is null`),
    index('activities_created_at_idx').on(table.createdAt, table.id).where(sql`${table.deletedAt} is null`),
    // updatedAtFrom: what changed since an integration's last sync.
    index('activities_updated_at_idx').on(table.updatedAt, table.id).where(sql`${table.deletedAt} is null`),
    index('activities_type_completed_idx').on(table.type, table.completedAt).where(sql`${table.deletedAt} is null`),
    // Territory coverage: each account's latest completed visit and next planned one, read from the index
    // alone (a visit is in at most one of them). Without them a rep's report fetched every activity of
    // their 4,700 accounts from the table (1.1 s), an admin's all million (7 s).
    index('activities_account_last_visit_idx')
      .on(table.accountId, table.completedAt)
      .where(sql`${table.type} = 'visit' and ${table.status} = 'completed' and ${table.deletedAt} is null`),
    index('activities_account_planned_visit_idx')
      .on(table.accountId, table.scheduledAt)
      .where(sql`${table.type} = 'visit' and ${table.status} = 'planned' and ${table.deletedAt} is null`),
    check('activities_type_check', sql`${table.type} in ('call', 'email', 'meeting', 'task', 'note', 'visit')`),
    check('activities_status_check', sql`${table.status} in ('planned', 'completed', 'cancelled')`),
    check(
      'activities_link_check',
      sql`num_nonnulls(${table.accountId}, ${table.contactId}, ${table.leadId}, ${table.opportunityId}) > 0`,
    ),
  ],
);

export const tasks = pgTable(
  'tasks',
  {
    ...recordColumns(),
    title: text('title').notNull(),
    description: text('description'),
    /** general | follow_up | reminder | deadline */
    type: text('type').notNull(),
    /** low | medium | high | urgent */
    priority: text('priority').notNull(),
    /** open | in_progress | completed | cancelled */
    status: text('status').notNull(),
    dueAt: timestampColumn('due_at'),
    reminderAt: timestampColumn('reminder_at'),
    /** When the reminder notification was raised; a changed reminderAt clears it. */
    remindedAt: timestampColumn('reminded_at'),
    assigneeId: uuid('assignee_id').references(() => users.id),
    createdById: uuid('created_by_id').references(() => users.id),
    completedAt: timestampColumn('completed_at'),
    /** A repeating task: every `repeat_every` `repeat_unit`s (day | week | month | year), until `repeat_until`. */
    repeatEvery: integer('repeat_every'),
    repeatUnit: text('repeat_unit'),
    repeatUntil: date('repeat_until', { mode: 'string' }),
    /**
     * The day of the month a monthly or yearly series falls on (the first due day's, on the assignee's
     * calendar): an occurrence moved to the 28th by February goes back to the 31st in March.
     */
    repeatDay: integer('repeat_day'),
    /** The next occurrence, made when this one was completed: set once, so completing again makes no other. */
    nextTaskId: uuid('next_task_id').references((): AnyPgColumn => tasks.id),
    ...recordLinks(),
  },
  (table) => [
    ...linkIndexes('tasks', table, taskMoment(table)),
    index('tasks_assignee_due_idx')
      .on(table.assigneeId, table.dueAt, table.id)
      .where(sql`${table.deletedAt} is null and ${table.status} in ('open', 'in_progress')`),
    // Open tasks a team created: the dashboard finds the tasks a viewer sees as creator through it.
    index('tasks_creator_open_idx')
      .on(table.createdById)
      .where(sql`${table.deletedAt} is null and ${table.status} in ('open', 'in_progress')`),
    index('tasks_due_idx').on(table.dueAt, table.id).where(sql`${table.deletedAt} is null`),
    // Open tasks with every column the dashboard's counts and visibility read: counted from the index
    // alone, a rep's included.
    index('tasks_open_idx')
      .on(
        table.dueAt,
        table.assigneeId,
        table.createdById,
        table.accountId,
        table.leadId,
        table.opportunityId,
        table.id,
      )
      .where(sql`${table.deletedAt} is null and ${table.status} in ('open', 'in_progress')`),
    index('tasks_created_at_idx').on(table.createdAt, table.id).where(sql`${table.deletedAt} is null`),
    // updatedAtFrom: what changed since an integration's last sync.
    index('tasks_updated_at_idx').on(table.updatedAt, table.id).where(sql`${table.deletedAt} is null`),
    index('tasks_reminder_idx')
      .on(table.reminderAt)
      .where(
        sql`${table.remindedAt} is null and ${table.deletedAt} is null and ${table.status} in ('open', 'in_progress')`,
      ),
    check('tasks_type_check', sql`${table.type} in ('general', 'follow_up', 'reminder', 'deadline')`),
    check('tasks_priority_check', sql`${table.priority} in ('low', 'medium', 'high', 'urgent')`),
    check('tasks_status_check', sql`${table.status} in ('open', 'in_progress', 'completed', 'cancelled')`),
    check(
      'tasks_repeat_check',
      sql`(${table.repeatEvery} is null) = (${table.repeatUnit} is null)
        and (${table.repeatEvery} is null or ${table.repeatEvery} between 1 and 99)
        and (${table.repeatUnit} is null or ${table.repeatUnit} in ('day', 'week', 'month', 'year'))
        and (${table.repeatUntil} is null or ${table.repeatEvery} is not null)
        and (${table.repeatDay} is null or ${table.repeatDay} between 1 and 31)`,
    ),
  ],
);

/** The e-mail and call log. */
export const communications = pgTable(
  'communications',
  {
    ...recordColumns(),
    /** email | call | sms */
    channel: text('channel').notNull(),
    /** inbound | outbound */
    direction: text('direction').notNull(),
    subject: text('subject'),
    body: text('body'),
    fromAddress: text('from_address'),
    toAddresses: text('to_addresses').array().notNull().default(sql`'{}'::text[]`),
    ccAddresses: text('cc_addresses').array().notNull().default(sql`'{}'::text[]`),
    occurredAt: timestampColumn('occurred_at').notNull().default(nowInMilliseconds),
    durationSeconds: integer('duration_seconds'),
    /** queued | sent | failed | received */
    status: text('status').notNull(),
    ownerId: uuid('owner_id').references(() => users.id),
    ...recordLinks(),
    /** The Message-ID an outbound e-mail went out with (or will: it is chosen at the first attempt). */
    messageId: text('message_id'),
    /** Sending a queued e-mail: attempts so far, the lease of the worker sending it, the next try, the last error. */
    deliveryAttempts: integer('delivery_attempts').notNull().default(0),
    deliveryLeaseUntil: timestampColumn('delivery_lease_until'),
    deliveryRetryAt: timestampColumn('delivery_retry_at'),
    deliveryError: text('delivery_error'),
  },
  (table) => [
    ...linkIndexes('communications', table, table.occurredAt),
    // The mail queue: queued outbound e-mail by when it is to go.
    index('communications_mail_queue_idx')
      .on(table.occurredAt)
      .where(
        sql`${table.status} = 'queued' and ${table.channel} = 'email' and ${table.direction} = 'outbound' and ${table.deletedAt} is null`,
      ),
    // The text message queue, the same for SMS.
    index('communications_sms_queue_idx')
      .on(table.occurredAt)
      .where(
        sql`${table.status} = 'queued' and ${table.channel} = 'sms' and ${table.direction} = 'outbound' and ${table.deletedAt} is null`,
      ),
    index('communications_owner_idx').on(table.ownerId, table.occurredAt),
    // One entry per e-mail: a message synced from several mailboxes (or twice after a crash) is logged once.
    uniqueIndex('communications_message_id_unique').on(table.messageId),
    // updatedAtFrom: what changed since an integration's last sync.
    index('communications_updated_at_idx').on(table.updatedAt, table.id).where(sql`${table.deletedAt} is null`),
    check('communications_channel_check', sql`${table.channel} in ('email', 'call', 'sms')`),
    check('communications_direction_check', sql`${table.direction} in ('inbound', 'outbound')`),
    check('communications_status_check', sql`${table.status} in ('queued', 'sent', 'failed', 'received')`),
  ],
);

export const notes = pgTable(
  'notes',
  {
    ...recordColumns(),
    /** Markdown as written; sanitised when rendered. */
    body: text('body').notNull(),
    pinned: boolean('pinned').notNull().default(false),
    authorId: uuid('author_id').references(() => users.id),
    ...recordLinks(),
  },
  (table) => [
    ...linkIndexes('notes', table, table.createdAt),
    index('notes_author_idx').on(table.authorId, table.createdAt),
    // updatedAtFrom: what changed since an integration's last sync.
    index('notes_updated_at_idx').on(table.updatedAt, table.id).where(sql`${table.deletedAt} is null`),
  ],
);

/** A file kept with the records it belongs to (a signed contract, a price list, a photo of a dealer's shelf). */
export const attachments = pgTable(
  'attachments',
  {
    ...recordColumns(),
    fileName: text('file_name').notNull(),
    /** The media type the uploader's client gave; served as given only when it is safe to show (see attachments.routes.ts). */
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    /** Hex SHA-256 of the content: an integrity check, and the ETag of the download. */
    sha256: text('sha256').notNull(),
    uploadedById: uuid('uploaded_by_id').references(() => users.id),
    ...recordLinks(),
    /** The activity it was taken at (a visit's photo); its links are copied to the four above. */
    activityId: uuid('activity_id').references(() => activities.id),
    /** The e-mail it goes out with (a quote's PDF): sent as an attachment of that message. */
    communicationId: uuid('communication_id').references(() => communications.id),
  },
  (table) => [
    ...linkIndexes('attachments', table, table.createdAt),
    index('attachments_communication_idx')
      .on(table.communicationId)
      .where(sql`${table.deletedAt} is null and ${table.communicationId} is not null`),
    index('attachments_activity_idx')
      .on(table.activityId, table.createdAt)
      .where(sql`${table.deletedAt} is null and ${table.activityId} is not null`),
    index('attachments_uploaded_by_idx').on(table.uploadedById, table.createdAt),
    index('attachments_updated_at_idx').on(table.updatedAt, table.id).where(sql`${table.deletedAt} is null`),
    check('attachments_size_check', sql`${table.size} >= 0`),
  ],
);

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

/**
 * The bytes of each attachment, apart from its record so that lists never read them. They live in the
 * database, written in the same transaction as the record: a crash cannot leave a record without its file
 * or a file without its record, backups and restores carry them, and every server of a scaled-out
 * deployment reads the same files.
 */
export const attachmentContents = pgTable('attachment_contents', {
  attachmentId: uuid('attachment_id')
    .primaryKey()
    .references(() => attachments.id),
  content: bytea('content').notNull(),
});

/** In-app notifications (task reminders, approvals waiting, …). */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    /** task_reminder | approval_requested | approval_decided | … */
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    body: text('body'),
    /** The record it is about, for a link. */
    entity: text('entity'),
    entityId: uuid('entity_id'),
    readAt: timestampColumn('read_at'),
    createdAt: timestampColumn('created_at').notNull().default(nowInMilliseconds),
  },
  (table) => [index('notifications_user_idx').on(table.userId, table.createdAt, table.id)],
);
