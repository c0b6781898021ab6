import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParamsSchema } from '../../../shared/contracts/common.js';
import {
  convertLeadSchema,
  createLeadSchema,
  disqualifyLeadSchema,
  leadConversionSchema,
  leadPageSchema,
  leadSchema,
  listLeadsQuerySchema,
  updateLeadSchema,
} from '../../../shared/contracts/leads.js';
import type { Deps } from '../../deps.js';
import { expectedVersion, idempotencyKey, operationOf, setEtag } from '../../http/conditional.js';
import { noBody, optionalBody } from '../../http/request-bodies.js';
import { registerResourceRoutes } from '../../http/resource-routes.js';
import { withProblems } from '../../http/responses.js';
import { routeAuth } from '../../http/route-auth.js';
import { viewerOf } from '../../http/viewer.js';
import { convertLead } from './lead-conversion.service.js';
import {
  createLead,
  deleteLead,
  disqualifyLead,
  getLead,
  listLeads,
  reopenLead,
  restoreLead,
  updateLead,
} from './leads.service.js';

const tags = ['leads'];

export const leadsRoutes: FastifyPluginAsync<{ deps: Deps }> = async (app, { deps }) => {
  const api = app.withTypeProvider<ZodTypeProvider>();

  registerResourceRoutes(app, {
    path: '/leads',
    exportable: true,
    bulk: true,
    tag: 'leads',
    noun: 'lead',
    schemas: {
      record: leadSchema,
      page: leadPageSchema,
      listQuery: listLeadsQuerySchema,
      create: createLeadSchema,
      update: updateLeadSchema,
    },
    service: {
      list: (viewer, query) => listLeads(deps, viewer, query),
      get: (viewer, id) => getLead(deps, viewer, id),
      create: (viewer, input, idempotency) => createLead(deps, viewer, input, idempotency),
      update: (viewer, id, input, version) => updateLead(deps, viewer, id, input, version),
      remove: (viewer, id, version) => deleteLead(deps, viewer, id, version),
      restore: (viewer, id, expectedVersion) => restoreLead(deps, viewer, id, expectedVersion),
    },
  });

  api.post(
    '/leads/:id/disqualify',
    {
      config: { auth: routeAuth.signedIn, headers: ['If-Match'], replies: ['ETag'] },
      schema: {
        tags,
        summary: 'Disqualify a lead',
        description:
          'Only an open lead can be disqualified (409 otherwise). Send If-Match to guard against a newer change.',
        params: idParamsSchema,
        body: disqualifyLeadSchema,
        response: withProblems({ 200: leadSchema }),
      },
    },
    async (request, reply) => {
      const lead = await disqualifyLead(
        deps,
        viewerOf(request),
        request.params.id,
        request.body,
        expectedVersion(request),
      );
      setEtag(reply, lead.version);
      return lead;
    },
  );

  api.post(
    '/leads/:id/reopen',
    {
      config: { auth: routeAuth.signedIn, headers: ['If-Match'], replies: ['ETag'] },
      schema: {
        tags,
        summary: 'Reopen a disqualified lead',
        description:
          'Opens a disqualified lead again, clears its disqualification and scores it again. A lead that is open or converted is 409. Send If-Match to guard against a newer change.',
        params: idParamsSchema,
        body: noBody,
        response: withProblems({ 200: leadSchema }),
      },
    },
    async (request, reply) => {
      const lead = await reopenLead(deps, viewerOf(request), request.params.id, expectedVersion(request));
      setEtag(reply, lead.version);
      return lead;
    },
  );

  api.post(
    '/leads/:id/convert',
    {
      config: { auth: routeAuth.signedIn, headers: ['If-Match', 'Idempotency-Key'] },
      schema: {
        tags,
        summary: 'Convert a lead into an account, a contact and optionally an opportunity',
        description:
          'One transaction. Without accountId, a visible account with the same normalised company name or e-mail domain is reused (accountMatched: true), else one is created. A lead that is not open is 409. Send an Idempotency-Key to make a retry answer the first conversion, If-Match to guard against a newer change.',
        params: idParamsSchema,
        body: optionalBody(convertLeadSchema),
        response: withProblems({ 200: leadConversionSchema }),
      },
    },
    async (request) =>
      convertLead(deps, viewerOf(request), request.params.id, request.body, {
        expectedVersion: expectedVersion(request),
        idempotency: { key: idempotencyKey(request), operation: operationOf(request) },
      }),
  );
};
