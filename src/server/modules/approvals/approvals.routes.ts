import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  approvalLinkQuerySchema,
  approvalLinkSchema,
  approvalPageSchema,
  approvalSchema,
  decideApprovalSchema,
  decideByLinkSchema,
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
import { decideByLink, readApprovalLink } from './approval-links.service.js';
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

  api.get(
    '/approval-links/:id',
    {
      config: { auth: routeAuth.approvalLink },
      schema: {
        tags,
        summary: 'Read an approval from its e-mail link',
        description:
          "No sign-in: the token of the link e-mailed to the approver (the part after #token= of the page it opens) is the credential. The approval, its deal and who asked, also once it is decided. A wrong or replaced token is 404, as is a pending approval's link after 30 days.",
        params: idParamsSchema,
        querystring: approvalLinkQuerySchema,
        response: withProblems({ 200: approvalLinkSchema }),
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return readApprovalLink(deps, request.params.id, request.query.token);
    },
  );

  api.post(
    '/approval-links/:id',
    {
      config: { auth: routeAuth.approvalLink },
      schema: {
        tags,
        summary: 'Approve or reject from the e-mail link',
        description:
          'Decides as the approver the link was sent to, exactly as POST /approvals/{id}/decision would: 409 once decided, 403 when the approver is no longer active.',
        params: idParamsSchema,
        body: decideByLinkSchema,
        response: withProblems({ 200: approvalLinkSchema }),
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return decideByLink(deps, request.params.id, request.body);
    },
  );
};
