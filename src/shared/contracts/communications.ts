import { z } from 'zod';
import {
  anyOf,
  emailSchema,
  filters,
  idSchema,
  listQuerySchema,
  pageSchema,
  recordFields,
  timestampSchema,
  updatedAtFilters,
} from './common.js';
import { createLinkFields, linkFilters, recordLinkFields } from './links.js';

export const communicationChannels = ['email', 'call', 'sms'] as const;
export const communicationChannelSchema = z.enum(communicationChannels);

export const communicationDirections = ['inbound', 'outbound'] as const;
export const communicationDirectionSchema = z.enum(communicationDirections);
export type CommunicationDirection = z.infer<typeof communicationDirectionSchema>;

export const communicationStatuses = ['queued', 'sent', 'failed', 'received'] as const;
export const communicationStatusSchema = z.enum(communicationStatuses);
export type CommunicationStatus = z.infer<typeof communicationStatusSchema>;

export const communicationSchema = z
  .object({
    ...recordFields,
    channel: communicationChannelSchema,
    direction: communicationDirectionSchema,
    subject: z.string().nullable(),
    body: z.string().nullable(),
    from: z.string().nullable(),
    to: z.array(z.string()),
    cc: z.array(z.string()),
    occurredAt: timestampSchema,
    durationSeconds: z.number().int().nullable(),
    status: communicationStatusSchema,
    ownerId: idSchema.nullable(),
    ...recordLinkFields,
    messageId: z.string().nullable().meta({
      description: 'Read-only. The Message-ID a queued e-mail is sent with, chosen at its first attempt',
    }),
    deliveryError: z.string().nullable().meta({
      description:
        'Read-only. Why a queued e-mail failed, or is being retried; for a sent one, the recipients the server refused',
    }),
  })
  .meta({ id: 'Communication' });
export type Communication = z.infer<typeof communicationSchema>;

/** An e-mail address or a phone number, as the channel uses it. */
const address = z.string().trim().min(1).max(320);

/** An e-mail address, bare or as `Name <address>`: what an e-mail Meridian writes itself may go to. */
export const mailboxSchema = address.refine(
  (value) => emailSchema.safeParse(/<([^<>]+)>\s*$/.exec(value)?.[1] ?? value).success,
  'an e-mail address, or Name <address>',
);
const addresses = z.array(address).max(100);

const writableCommunicationFields = {
  channel: communicationChannelSchema,
  direction: communicationDirectionSchema,
  subject: z.string().trim().min(1).max(998).nullable(),
  body: z.string().max(100_000).nullable(),
  from: address.nullable(),
  to: addresses,
  cc: addresses,
  occurredAt: timestampSchema,
  durationSeconds: z.number().int().min(0).max(86_400).nullable(),
  status: communicationStatusSchema,
  ownerId: idSchema.nullable(),
  ...recordLinkFields,
};

const statusRule = 'inbound is received; outbound is queued, sent or failed';

/** How many files, and how many megabytes of them, an e-mail may carry: what mail servers commonly take. */
export const MAX_MAIL_ATTACHMENTS = 10;
export const MAX_MAIL_ATTACHMENT_MB = 20;

export const createCommunicationSchema = z
  .strictObject({
    ...writableCommunicationFields,
    subject: writableCommunicationFields.subject.default(null),
    body: writableCommunicationFields.body.default(null),
    from: writableCommunicationFields.from.default(null),
    to: addresses.default([]),
    cc: addresses.default([]),
    occurredAt: timestampSchema.optional().meta({ description: 'Defaults to now' }),
    durationSeconds: writableCommunicationFields.durationSeconds.default(null),
    status: communicationStatusSchema
      .optional()
      .meta({ description: `Defaults to received (inbound) or sent (outbound); ${statusRule}` }),
    ownerId: idSchema.nullable().optional().meta({ description: 'Defaults to the caller' }),
    attachmentIds: z
      .array(idSchema)
      .max(MAX_MAIL_ATTACHMENTS)
      .optional()
      .meta({
        description: `An outbound e-mail only: files (attachments the caller may see) that go with it, up to ${MAX_MAIL_ATTACHMENTS} and ${MAX_MAIL_ATTACHMENT_MB} MB in all. Each is copied onto the e-mail (GET /attachments?communicationId=…), so renaming or deleting the original later changes nothing that was sent.`,
      }),
    ...createLinkFields,
  })
  .meta({
    description:
      'At least one of accountId, contactId, leadId, opportunityId: a logged message belongs on some timeline.',
  });
export type CreateCommunicationInput = z.infer<typeof createCommunicationSchema>;

export const updateCommunicationSchema = z.strictObject(writableCommunicationFields).partial();
export type UpdateCommunicationInput = z.infer<typeof updateCommunicationSchema>;

export const listCommunicationsQuerySchema = listQuerySchema({
  sorts: ['occurredAt', 'createdAt', 'updatedAt'],
  filters: {
    channel: anyOf(communicationChannelSchema).optional(),
    direction: anyOf(communicationDirectionSchema).optional(),
    status: anyOf(communicationStatusSchema).optional(),
    ownerId: filters.person().optional(),
    ...linkFilters,
    occurredAtFrom: filters.instant().optional(),
    occurredAtTo: filters.instantUntil().optional(),
    createdAtFrom: filters.instant().optional(),
    createdAtTo: filters.instantUntil().optional(),
    durationSecondsMin: filters.wholeNumber().optional(),
    durationSecondsMax: filters.wholeNumber().optional(),
    ...updatedAtFilters,
  },
});
export type ListCommunicationsQuery = z.infer<typeof listCommunicationsQuerySchema>;

export const communicationPageSchema = pageSchema(communicationSchema);
