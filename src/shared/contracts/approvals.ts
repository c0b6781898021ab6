import { z } from 'zod';
import {
  anyOf,
  filters,
  idSchema,
  listQuerySchema,
  pageSchema,
  recordFields,
  timestampSchema,
  updatedAtFilters,
} from './common.js';

export const approvalDecisionStatuses = ['pending', 'approved', 'rejected'] as const;
export const approvalDecisionStatusSchema = z.enum(approvalDecisionStatuses);
export type ApprovalDecisionStatus = z.infer<typeof approvalDecisionStatusSchema>;

export const approvalSchema = z
  .object({
    ...recordFields,
    opportunityId: idSchema,
    requestedById: idSchema.nullable(),
    approverId: idSchema.nullable().meta({ description: "The deal owner's manager, or an admin when they have none" }),
    status: approvalDecisionStatusSchema,
    amount: z
      .number()
      .meta({ description: 'The deal amount when approval was asked; a larger amount needs a new one' }),
    currency: z.string(),
    requestComment: z.string().nullable(),
    decisionComment: z.string().nullable(),
    decidedById: idSchema.nullable(),
    decidedAt: timestampSchema.nullable(),
  })
  .meta({ id: 'Approval' });
export type Approval = z.infer<typeof approvalSchema>;

const comment = z.string().trim().min(1).max(2_000);

export const requestApprovalSchema = z.strictObject({
  comment: comment.optional(),
});
export type RequestApprovalInput = z.infer<typeof requestApprovalSchema>;

export const decideApprovalSchema = z.strictObject({
  decision: z.enum(['approve', 'reject']),
  comment: comment.optional(),
});
export type DecideApprovalInput = z.infer<typeof decideApprovalSchema>;

const linkToken = z.string().min(20).max(200).meta({ description: 'The token of the link in the approval e-mail' });

export const approvalLinkQuerySchema = z.strictObject({ token: linkToken });

export const decideByLinkSchema = z.strictObject({ token: linkToken, ...decideApprovalSchema.shape });
export type DecideByLinkInput = z.infer<typeof decideByLinkSchema>;

/** What the approver needs to decide from the e-mail's link without signing in. */
export const approvalLinkSchema = z
  .object({
    approval: approvalSchema,
    deal: z.object({
      id: idSchema,
      name: z.string(),
      accountName: z.string().nullable(),
      stage: z.string(),
      amount: z.number(),
      currency: z.string(),
      closeDate: z.string(),
      ownerName: z.string().nullable(),
    }),
    requestedByName: z.string().nullable(),
    approverName: z.string().nullable(),
    decidedByName: z.string().nullable(),
  })
  .meta({ id: 'ApprovalLink' });
export type ApprovalLink = z.infer<typeof approvalLinkSchema>;

export const listApprovalsQuerySchema = listQuerySchema({
  sorts: ['createdAt'],
  filters: {
    status: anyOf(approvalDecisionStatusSchema).optional(),
    opportunityId: anyOf(idSchema).optional(),
    requestedById: filters.person().optional().meta({
      description: 'Who asked (ids, or me): lists every matching approval the caller may see, not only their queue',
    }),
    approverId: filters.person().optional().meta({
      description: 'Who decides (ids, or me): lists every matching approval the caller may see, not only their queue',
    }),
    ...updatedAtFilters,
  },
});
export type ListApprovalsQuery = z.infer<typeof listApprovalsQuerySchema>;

export const approvalPageSchema = pageSchema(approvalSchema);
