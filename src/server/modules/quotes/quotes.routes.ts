import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { attachmentContentQuerySchema } from '../../../shared/contracts/attachments.js';
import { idParamsSchema } from '../../../shared/contracts/common.js';
import {
  createQuoteSchema,
  listQuotesQuerySchema,
  quotePageSchema,
  quoteSchema,
  rejectQuoteSchema,
  sendQuoteSchema,
  sentQuoteSchema,
  updateQuoteSchema,
} from '../../../shared/contracts/quotes.js';
import type { Deps } from '../../deps.js';
import { expectedVersion, idempotencyKey, operationOf, setEtag } from '../../http/conditional.js';
import { contentDisposition } from '../../http/content-disposition.js';
import { noBody, optionalBody } from '../../http/request-bodies.js';
import { registerResourceRoutes } from '../../http/resource-routes.js';
import { withProblems } from '../../http/responses.js';
import { routeAuth } from '../../http/route-auth.js';
import { viewerOf } from '../../http/viewer.js';
import {
  acceptQuote,
  createQuote,
  deleteQuote,
  getQuote,
  getQuotePdf,
  listQuotes,
  rejectQuote,
  restoreQuote,
  reviseQuote,
  sendQuote,
  updateQuote,
} from './quotes.service.js';

const tags = ['quotes'];

export const quotesRoutes: FastifyPluginAsync<{ deps: Deps }> = async (app, { deps }) => {
  registerResourceRoutes(app, {
    path: '/quotes',
    tag: 'quotes',
    noun: 'quote',
    deleteDescription: 'Soft delete; restore brings it back.',
    schemas: {
      record: quoteSchema,
      page: quotePageSchema,
      listQuery: listQuotesQuerySchema,
      create: createQuoteSchema,
      update: updateQuoteSchema,
    },
    exportable: true,
    service: {
      list: (viewer, query) => listQuotes(deps, viewer, query),
      get: (viewer, id) => getQuote(deps, viewer, id),
      create: (viewer, input, idempotency) => createQuote(deps, viewer, input, idempotency),
      update: (viewer, id, input, version) => updateQuote(deps, viewer, id, input, version),
      remove: (viewer, id, version) => deleteQuote(deps, viewer, id, version),
      restore: (viewer, id, version) => restoreQuote(deps, viewer, id, version),
    },
  });

  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/quotes/:id/pdf',
    {
      config: { auth: routeAuth.signedIn, produces: 'application/pdf' },
      schema: {
        tags,
        summary: "A quote's PDF",
        description:
          'The quote as the customer gets it (A4, its lines over as many pages as they need). disposition=inline shows it in the browser.',
        params: idParamsSchema,
        querystring: attachmentContentQuerySchema,
        response: withProblems({ 200: z.string().meta({ format: 'binary', description: 'The PDF' }) }),
      },
    },
    async (request, reply) => {
      const { fileName, content } = await getQuotePdf(deps, viewerOf(request), request.params.id);
      reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', contentDisposition(request.query.disposition, fileName))
        .header('cache-control', 'private, no-cache')
        .header('x-content-type-options', 'nosniff');
      return reply.send(content as unknown as string);
    },
  );

  api.post(
    '/quotes/:id/send',
    {
      config: { auth: routeAuth.signedIn, headers: ['If-Match', 'Idempotency-Key'] },
      schema: {
        tags,
        summary: 'Send a quote by e-mail',
        description:
          "Queues an e-mail from you with the quote's PDF attached, to the quote's contact unless to is given, logged on the deal with the PDF kept among its files. A draft becomes sent and no longer changes. An accepted, rejected or expired quote is 409; no recipient is 400. Send an Idempotency-Key so a retry sends once.",
        params: idParamsSchema,
        body: optionalBody(sendQuoteSchema),
        response: withProblems({ 200: sentQuoteSchema }),
      },
    },
    async (request, reply) => {
      const sent = await sendQuote(deps, viewerOf(request), request.params.id, request.body, {
        expectedVersion: expectedVersion(request),
        idempotency: { key: idempotencyKey(request), operation: operationOf(request) },
      });
      setEtag(reply, sent.quote.version);
      return sent;
    },
  );

  api.post(
    '/quotes/:id/revise',
    {
      config: { auth: routeAuth.signedIn, headers: ['Idempotency-Key'] },
      schema: {
        tags,
        summary: 'Make a new draft from a quote',
        description:
          "A new version of a quote that went out (turned down, lapsed, or to be offered again): a draft with its title, contact, terms, tax and lines, a new number and a fresh validity. The deal must be open and in the quote's currency (409). Send an Idempotency-Key so a retry makes one draft.",
        params: idParamsSchema,
        body: noBody,
        response: withProblems({ 201: quoteSchema }),
      },
    },
    async (request, reply) => {
      const quote = await reviseQuote(deps, viewerOf(request), request.params.id, {
        key: idempotencyKey(request),
        operation: operationOf(request),
      });
      setEtag(reply, quote.version);
      return reply.status(201).header('location', `/api/v1/quotes/${quote.id}`).send(quote);
    },
  );

  api.post(
    '/quotes/:id/accept',
    {
      config: { auth: routeAuth.signedIn, headers: ['If-Match'] },
      schema: {
        tags,
        summary: 'Record that the customer accepted a quote',
        description:
          "The deal's products become the quote's lines and its amount the quote's net, in one transaction. One quote per deal is accepted (409 while another is); the deal must be open. Accepting an accepted quote answers it as it is.",
        params: idParamsSchema,
        body: noBody,
        response: withProblems({ 200: quoteSchema }),
      },
    },
    async (request, reply) => {
      const quote = await acceptQuote(deps, viewerOf(request), request.params.id, expectedVersion(request));
      setEtag(reply, quote.version);
      return quote;
    },
  );

  api.post(
    '/quotes/:id/reject',
    {
      config: { auth: routeAuth.signedIn, headers: ['If-Match'] },
      schema: {
        tags,
        summary: 'Record that the customer declined a quote',
        description: 'Kept with the reason. An accepted quote is 409; rejecting a rejected one answers it as it is.',
        params: idParamsSchema,
        body: optionalBody(rejectQuoteSchema),
        response: withProblems({ 200: quoteSchema }),
      },
    },
    async (request, reply) => {
      const quote = await rejectQuote(
        deps,
        viewerOf(request),
        request.params.id,
        request.body,
        expectedVersion(request),
      );
      setEtag(reply, quote.version);
      return quote;
    },
  );
};
