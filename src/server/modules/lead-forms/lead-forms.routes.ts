import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createLeadFormSchema,
  HONEYPOT_FIELD,
  leadFormFields,
  leadFormKeyParamsSchema,
  leadFormPageSchema,
  leadFormSchema,
  listLeadFormsQuerySchema,
  submissionReceivedSchema,
  updateLeadFormSchema,
} from '../../../shared/contracts/lead-forms.js';
import { AppError } from '../../../shared/errors.js';
import type { Deps } from '../../deps.js';
import { createRateLimiter } from '../../http/rate-limit.js';
import { optionalBody } from '../../http/request-bodies.js';
import { registerResourceRoutes } from '../../http/resource-routes.js';
import { noContent, withProblems } from '../../http/responses.js';
import { routeAuth } from '../../http/route-auth.js';
import { submitToForm } from './form-submissions.service.js';
import {
  createLeadForm,
  deleteLeadForm,
  getLeadForm,
  listLeadForms,
  restoreLeadForm,
  updateLeadForm,
} from './lead-forms.service.js';

/** An inquiry is a few fields: anything larger is not one. */
const SUBMISSION_BODY_LIMIT = 32 * 1024;
/** Per visitor address and form: a person sends a form a few times at most; a script sends it all day. */
const SUBMISSIONS_PER_WINDOW = 20;
const SUBMISSION_WINDOW_MS = 10 * 60_000;

const THANK_YOU_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Thank you</title></head><body style="font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#212529"><h1 style="font-size:1.5rem">Thank you</h1><p>We have your message and will be in touch soon.</p></body></html>`;

export const leadFormsRoutes: FastifyPluginAsync<{ deps: Deps }> = async (app, { deps }) => {
  registerResourceRoutes(app, {
    path: '/lead-forms',
    tag: 'lead-forms',
    noun: 'lead form',
    deleteDescription: 'Soft delete: the form takes no more inquiries (404); the leads it brought stay.',
    schemas: {
      record: leadFormSchema,
      page: leadFormPageSchema,
      listQuery: listLeadFormsQuerySchema,
      create: createLeadFormSchema,
      update: updateLeadFormSchema,
    },
    service: {
      list: (viewer, query) => listLeadForms(deps, viewer, query),
      get: (viewer, id) => getLeadForm(deps, viewer, id),
      create: (viewer, input, idempotency) => createLeadForm(deps, viewer, input, idempotency),
      update: (viewer, id, input, version) => updateLeadForm(deps, viewer, id, input, version),
      remove: (viewer, id, version) => deleteLeadForm(deps, viewer, id, version),
      restore: (viewer, id, expectedVersion) => restoreLeadForm(deps, viewer, id, expectedVersion),
    },
  });
  await app.register(submissionRoute, { deps });
};

/**
 * The public end of a form, in a scope of its own: it alone reads HTML form posts
 * (application/x-www-form-urlencoded), so no other route takes a body its schema was not written for.
 */
const submissionRoute: FastifyPluginAsync<{ deps: Deps }> = async (app, { deps }) => {
  const limiter = createRateLimiter({ limit: SUBMISSIONS_PER_WINDOW, windowMs: SUBMISSION_WINDOW_MS });
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: SUBMISSION_BODY_LIMIT },
    (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(body as string))),
  );

  app.withTypeProvider<ZodTypeProvider>().post(
    '/forms/:key/leads',
    {
      bodyLimit: SUBMISSION_BODY_LIMIT,
      config: {
        auth: routeAuth.public("a website's form posts its visitors' inquiries; the form's public key names it"),
      },
      schema: {
        tags: ['lead-forms'],
        summary: 'Send an inquiry from a website form (web-to-lead)',
        description: `No sign-in: the form's key is in the address. JSON, or an HTML form's fields (application/x-www-form-urlencoded). Fields: ${leadFormFields.join(', ')} (name is split into first and last names when they are not given; message becomes the need), any others kept as "Label: value" lines in the need; a first and last name and an e-mail or a phone are needed. ${HONEYPOT_FIELD} is a honeypot: hide it, and a submission that fills it is answered alike and makes nothing. JSON is answered 201; an HTML form is sent on to the form's redirectUrl (303), or shown a thank-you page. ${SUBMISSIONS_PER_WINDOW} submissions per visitor and form in ${SUBMISSION_WINDOW_MS / 60_000} minutes.`,
        params: leadFormKeyParamsSchema,
        body: optionalBody(
          z
            .record(z.string(), z.union([z.string().max(10_000), z.number(), z.null()]))
            .meta({ description: 'The form fields' }),
        ),
        response: withProblems({ 201: submissionReceivedSchema, 303: noContent }),
      },
    },
    async (request, reply) => {
      const limit = limiter.hit(`${request.ip}:${request.params.key}`);
      if (!limit.allowed) {
        throw new AppError('rate_limited', 'too many submissions of this form: try again later', {
          retryAfterSeconds: limit.retryAfterSeconds,
        });
      }
      const { form } = await submitToForm(deps, request.params.key, request.body);
      if (!fromBrowserForm(request)) return reply.status(201).send({ received: true });
      return thankVisitor(reply, form.redirectUrl);
    },
  );
};

function fromBrowserForm(request: FastifyRequest): boolean {
  return (request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
}

/** A browser that posted the form goes on to the site's own page, or reads a short thank-you. */
function thankVisitor(reply: FastifyReply, redirectUrl: string | null) {
  if (redirectUrl) return reply.status(303).header('location', redirectUrl).send(null);
  return (
    reply
      .status(200)
      .type('text/html; charset=utf-8')
      // The API's policy allows nothing; this fixed page (no visitor's text in it) needs its own styles.
      .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'")
      .serializer((page) => page as string)
      .send(THANK_YOU_PAGE)
  );
}
