import { z } from 'zod';
import {
  anyOf,
  dateSchema,
  filters,
  idSchema,
  listQuerySchema,
  pageSchema,
  recordFields,
  timestampSchema,
  updatedAtFilters,
} from './common.js';

export const taskTypes = ['general', 'follow_up', 'reminder', 'deadline'] as const;
export const taskTypeSchema = z.enum(taskTypes);

export const taskPriorities = ['low', 'medium', 'high', 'urgent'] as const;
export const taskPrioritySchema = z.enum(taskPriorities);

export const taskStatuses = ['open', 'in_progress', 'completed', 'cancelled'] as const;
export const taskStatusSchema = z.enum(taskStatuses);
export type TaskStatus = z.infer<typeof taskStatusSchema>;

/** Statuses of work still to do: the ones that can be overdue, remind and count in the workload. */
export const pendingTaskStatuses = ['open', 'in_progress'] as const satisfies readonly TaskStatus[];

export const repeatUnits = ['day', 'week', 'month', 'year'] as const;
export type RepeatUnit = (typeof repeatUnits)[number];

/** Every `every` `unit`s, in the assignee's time zone, until `until` (a date, inclusive) or for ever. */
export const recurrenceSchema = z
  .strictObject({
    every: z.number().int().min(1).max(99),
    unit: z.enum(repeatUnits),
    until: dateSchema.nullable().default(null),
  })
  .meta({ id: 'TaskRecurrence' });
export type Recurrence = z.infer<typeof recurrenceSchema>;

export const taskSchema = z
  .object({
    ...recordFields,
    title: z.string(),
    description: z.string().nullable(),
    type: taskTypeSchema,
    priority: taskPrioritySchema,
    status: taskStatusSchema,
    dueAt: timestampSchema.nullable(),
    reminderAt: timestampSchema.nullable(),
    assigneeId: idSchema.nullable(),
    createdById: idSchema.nullable().meta({ description: 'Read-only: who created the task' }),
    completedAt: timestampSchema.nullable().meta({ description: 'Read-only: set when the task is completed' }),
    accountId: idSchema.nullable(),
    contactId: idSchema.nullable(),
    leadId: idSchema.nullable(),
    opportunityId: idSchema.nullable(),
    recurrence: z
      .object({ every: z.number().int(), unit: z.enum(repeatUnits), until: z.string().nullable() })
      .nullable()
      .meta({ description: 'A repeating task: completing it makes the next one, due one interval later' }),
    nextTaskId: idSchema
      .nullable()
      .meta({ description: 'Read-only: the next occurrence of a repeating task, made when this one was completed' }),
    overdue: z.boolean().meta({ description: 'Read-only: open or in progress and due before now' }),
  })
  .meta({ id: 'Task' });
export type Task = z.infer<typeof taskSchema>;

const writableTaskFields = {
  title: z.string().trim().min(1).max(300),
  description: z.string().trim().max(10_000).nullable(),
  type: taskTypeSchema,
  priority: taskPrioritySchema,
  status: taskStatusSchema,
  dueAt: timestampSchema.nullable(),
  reminderAt: timestampSchema.nullable().meta({ description: 'When to remind the assignee; not after dueAt' }),
  assigneeId: idSchema.meta({ description: 'An active user' }),
  accountId: idSchema.nullable(),
  contactId: idSchema.nullable(),
  leadId: idSchema.nullable(),
  opportunityId: idSchema.nullable(),
  recurrence: recurrenceSchema.nullable().meta({
    description: 'Repeat the task (needs dueAt); null for a one-off. Cancelling or deleting it ends the series',
  }),
};

export const createTaskSchema = z.strictObject({
  ...writableTaskFields,
  description: writableTaskFields.description.default(null),
  type: taskTypeSchema.default('general'),
  priority: taskPrioritySchema.default('medium'),
  status: taskStatusSchema.default('open'),
  dueAt: writableTaskFields.dueAt.default(null),
  reminderAt: writableTaskFields.reminderAt.default(null),
  assigneeId: idSchema.optional().meta({ description: 'Defaults to the caller' }),
  accountId: idSchema.nullable().default(null),
  contactId: idSchema.nullable().default(null),
  leadId: idSchema.nullable().default(null),
  opportunityId: idSchema.nullable().default(null),
  recurrence: writableTaskFields.recurrence.default(null),
});
export type CreateTaskInput = z.infer<typeof createTaskSchema>;

export const updateTaskSchema = z.strictObject(writableTaskFields).partial();
export type UpdateTaskInput = z.infer<typeof updateTaskSchema>;

export const listTasksQuerySchema = listQuerySchema({
  sorts: ['dueAt', 'createdAt', 'updatedAt'],
  filters: {
    status: anyOf(taskStatusSchema).optional(),
    priority: anyOf(taskPrioritySchema).optional(),
    type: anyOf(taskTypeSchema).optional(),
    assigneeId: filters.person().optional(),
    createdById: filters.person().optional(),
    accountId: anyOf(idSchema).optional(),
    contactId: anyOf(idSchema).optional(),
    leadId: anyOf(idSchema).optional(),
    opportunityId: anyOf(idSchema).optional(),
    territoryId: anyOf(idSchema).optional().meta({ description: 'The territory of the linked account' }),
    dueAtFrom: filters.instant().optional(),
    dueAtTo: filters.instantUntil().optional(),
    completedAtFrom: filters.instant().optional(),
    completedAtTo: filters.instantUntil().optional(),
    reminderAtFrom: filters.instant().optional(),
    reminderAtTo: filters.instantUntil().optional(),
    createdAtFrom: filters.instant().optional(),
    createdAtTo: filters.instantUntil().optional(),
    ...updatedAtFilters,
    overdue: filters
      .boolean()
      .optional()
      .meta({ description: 'true: open or in progress and due before now; false: all others' }),
  },
});
export type ListTasksQuery = z.infer<typeof listTasksQuerySchema>;

export const taskPageSchema = pageSchema(taskSchema);

/** A manager's view of one team or territory: the same narrowing as the task list. */
export const workloadQuerySchema = z.strictObject({
  assigneeId: filters.person().optional().meta({ description: 'Only these assignees (comma-separated ids, or me)' }),
  territoryId: anyOf(idSchema)
    .optional()
    .meta({ description: 'Only tasks whose linked account is in these territories (comma-separated)' }),
});
export type WorkloadQuery = z.infer<typeof workloadQuerySchema>;

export const workloadRowSchema = z.object({
  userId: idSchema,
  name: z.string(),
  open: z.number().int().meta({ description: 'Open or in-progress tasks assigned to the user' }),
  overdue: z.number().int().meta({ description: 'Of those, due before now' }),
  dueThisWeek: z.number().int().meta({ description: 'Of those, due from Monday 00:00 UTC to the next Monday' }),
});
export type WorkloadRow = z.infer<typeof workloadRowSchema>;

export const workloadReportSchema = z.object({ data: z.array(workloadRowSchema) }).meta({ id: 'WorkloadReport' });
export type WorkloadReport = z.infer<typeof workloadReportSchema>;
