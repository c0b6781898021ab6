import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  approvalPageSchema,
  approvalSchema,
  decideApprovalSchema,
  listApprovalsQuerySchema,
  requestApprovalSchema,
} from '../../../shared/contracts/approvals.js';
import { idParamsSchema } from '../../../shared/contracts/common.js';
import type { Deps } from '../../deps.js';
import { expectedVersion, idempotencyKey, operationOf, setEtag } from '../../http/conditional.js';
import { optionalBody } from '../../http/request-bodies.js';
import { withProblems } from '../../http/responses.js';
import { routeAuth } from '../../http/route-auth.js';
import { viewerOf } from '../../http/viewer.js';
import { decideApproval, getApproval, listApprovals, requestApproval } from './approvals.service.js';

const tags = ['approvals'];

export const approvalsRoutes: FastifyPluginAsync<{ deps: Deps }> = async (app, { deps }) => {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.post(
    '/opportunities/:id/approval-request',
    {
      config: { auth: routeAuth.signedIn, headers: ['Idempotency-Key', 'If-Match'], replies: ['Location', 'ETag'] },
      schema: {
        tags,
        summary: 'Ask for approval of a large deal',
        description:
          "Deals at or above the approval threshold need an approved approval for their amount before closing as won. The approval goes to the owner's manager, or an admin when there is none. 409 when one is pending, when the deal is already approved for its amount, or below the threshold. Send an Idempotency-Key to make retries safe, and If-Match with the deal's ETag to guard it.",
        params: idParamsSchema,
        body: optionalBody(requestApprovalSchema),
        response: withProblems({ 201: approvalSchema }),
      },
    },
    async (request, reply) => {
      const approval = await requestApproval(
        deps,
        viewerOf(request),
        request.params.id,
        request.body,
        { key: idempotencyKey(request), operation: operationOf(request) },
        expectedVersion(request),
      );
      setEtag(reply, approval.version);
      return reply.status(201).header('location', `/api/v1/approvals/${approval.id}`).send(approval);
    },
  );

  api.get(
    '/approvals',
    {
      config: { auth: routeAuth.signedIn },
      schema: {
        tags,
        summary: 'List approvals',
        description:
          'Every approval you may see (those you asked for or must decide, and those of deals you see), oldest first. Your queue: approverId=me&status=pending; what you asked for: requestedById=me.',
        querystring: listApprovalsQuerySchema,
        response: withProblems({ 200: approvalPageSchema }),
      },
    },
    async (request) => listApprovals(deps, viewerOf(request), request.query),
  );

  api.get(
    '/approvals/:id',
    {
      config: { auth: routeAuth.signedIn, replies: ['ETag'] },
      schema: {
        tags,
        summary: 'Get an approval',
        description: 'Visible to its approver and requester, admins, and whoever can see the deal.',
        params: idParamsSchema,
        response: withProblems({ 200: approvalSchema }),
      },
    },
    async (request, reply) => {
      const approval = await getApproval(deps, viewerOf(request), request.params.id);
      setEtag(reply, approval.version);
      return approval;
    },
  );

  api.post(
    '/approvals/:id/decision',
    {
      config: { auth: routeAuth.signedIn, headers: ['If-Match'], replies: ['ETag'] },
      schema: {
        tags,
        summary: 'Approve or reject',
        description: 'By the assigned approver or an admin; a decided approval cannot be decided again (409).',
        params: idParamsSchema,
        body: decideApprovalSchema,
        response: withProblems({ 200: approvalSchema }),
      },
    },
    async (request, reply) => {
      const approval = await decideApproval(
        deps,
        viewerOf(request),
        request.params.id,
        request.body,
        expectedVersion(request),
      );
      setEtag(reply, approval.version);
      return approval;
    },
  );
};
