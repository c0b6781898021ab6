import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { idParamsSchema } from '../../shared/contracts/common.js';
import type { Viewer } from '../platform/viewer.js';
import { registerBulkRoutes } from './bulk-routes.js';
import { expectedVersion, idempotencyKey, operationOf, setEtag } from './conditional.js';
import { registerExportRoute } from './csv-export.js';
import { noBody } from './request-bodies.js';
import { noContent, withProblems } from './responses.js';
import { type RouteAuth, routeAuth } from './route-auth.js';
import { viewerOf } from './viewer.js';

type Versioned = { id: string; version: number };

/**
 * The six routes of API.md's "Collections" for one resource, written once: list, get (ETag), create
 * (201, Location, Idempotency-Key), patch (If-Match), soft delete (204) and restore.
 */
export function registerResourceRoutes<
  Record extends z.ZodType<Versioned>,
  ListQuery extends z.ZodType,
  Create extends z.ZodType,
  Update extends z.ZodType,
>(
  app: FastifyInstance,
  spec: {
    path: string;
    tag: string;
    /** "account", for summaries in the docs. */
    noun: string;
    /** What a delete does beyond the record itself (what goes with it, what a restore brings back). */
    deleteDescription?: string;
    schemas: {
      record: Record;
      page: z.ZodType;
      listQuery: ListQuery;
      /** Left out when the resource registers a create of its own (an upload, which is not JSON). */
      create?: Create;
      update: Update;
      /** Query parameters a create accepts (e.g. allowDuplicate), merged into the body for the service. */
      createQuery?: z.ZodType<object>;
      /** The answer of a create when it says more than the record (a secret shown once); default: the record. */
      created?: z.ZodType;
    };
    /** Adds `GET {path}/export`: the list as CSV (csv-export.ts). */
    exportable?: boolean;
    /** Adds `POST {path}/bulk-update` and `{path}/bulk-delete` (bulk-routes.ts). */
    bulk?: boolean;
    /** Who may create; reads need a signed-in user, and changes are checked per record by the service. */
    createAuth?: RouteAuth;
    changeAuth?: RouteAuth;
    service: {
      list(viewer: Viewer, query: z.infer<ListQuery>): Promise<unknown>;
      get(viewer: Viewer, id: string): Promise<z.infer<Record>>;
      create?(
        viewer: Viewer,
        input: z.infer<Create>,
        idempotency: { key: string | undefined; operation: string },
      ): Promise<z.infer<Record>>;
      update(
        viewer: Viewer,
        id: string,
        input: z.infer<Update>,
        expectedVersion: number | undefined,
      ): Promise<z.infer<Record>>;
      remove(viewer: Viewer, id: string, expectedVersion: number | undefined): Promise<void>;
      restore(viewer: Viewer, id: string, expectedVersion: number | undefined): Promise<z.infer<Record>>;
    };
  },
) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { path, noun, schemas, service } = spec;
  const tags = [spec.tag];
  // Responses are validated by the schemas at run time; for the handlers' types they are just records.
  const record = schemas.record as z.ZodType;
  const createAuth = spec.createAuth ?? routeAuth.signedIn;
  const changeAuth = spec.changeAuth ?? routeAuth.signedIn;

  api.get(
    path,
    {
      config: { auth: routeAuth.signedIn },
      schema: {
        tags,
        summary: `List ${noun}s`,
        querystring: schemas.listQuery,
        response: withProblems({ 200: schemas.page }),
      },
    },
    async (request) => service.list(viewerOf(request), request.query as z.infer<ListQuery>),
  );

  if (spec.exportable) {
    registerExportRoute(app, {
      path,
      noun,
      tags,
      record,
      listQuery: schemas.listQuery,
      list: (viewer, query) => service.list(viewer, query as z.infer<ListQuery>),
    });
  }

  if (spec.bulk) {
    registerBulkRoutes(app, { path, noun, tags, auth: changeAuth, record, update: schemas.update, service });
  }

  api.get(
    `${path}/:id`,
    {
      config: { auth: routeAuth.signedIn, replies: ['ETag'] },
      schema: { tags, summary: `Get a ${noun}`, params: idParamsSchema, response: withProblems({ 200: record }) },
    },
    async (request, reply) => {
      const record = await service.get(viewerOf(request), request.params.id);
      setEtag(reply, record.version);
      return record;
    },
  );

  const create = service.create;
  if (create && schemas.create) {
    api.post(
      path,
      {
        config: { auth: createAuth, headers: ['Idempotency-Key'], replies: ['Location', 'ETag'] },
        schema: {
          tags,
          summary: `Create a ${noun}`,
          description: 'Send an Idempotency-Key header to make retries safe: a retry answers the first result.',
          body: schemas.create,
          ...(schemas.createQuery ? { querystring: schemas.createQuery } : {}),
          response: withProblems({ 201: schemas.created ?? record }),
        },
      },
      async (request, reply) => {
        const input = {
          ...(request.body as object),
          ...((request.query as object | undefined) ?? {}),
        } as z.infer<Create>;
        const record = await create(viewerOf(request), input, {
          key: idempotencyKey(request),
          operation: operationOf(request),
        });
        setEtag(reply, record.version);
        return reply.status(201).header('location', `/api/v1${path}/${record.id}`).send(record);
      },
    );
  }

  api.patch(
    `${path}/:id`,
    {
      config: { auth: changeAuth, headers: ['If-Match'], replies: ['ETag'] },
      schema: {
        tags,
        summary: `Change a ${noun}`,
        description:
          'Partial update. Send If-Match with the ETag you read to get 412 instead of overwriting a newer change.',
        params: idParamsSchema,
        body: schemas.update,
        response: withProblems({ 200: record }),
      },
    },
    async (request, reply) => {
      const record = await service.update(
        viewerOf(request),
        request.params.id,
        request.body as z.infer<Update>,
        expectedVersion(request),
      );
      setEtag(reply, record.version);
      return record;
    },
  );

  api.delete(
    `${path}/:id`,
    {
      config: { auth: changeAuth, headers: ['If-Match'] },
      schema: {
        tags,
        summary: `Delete a ${noun} (soft)`,
        ...(spec.deleteDescription ? { description: spec.deleteDescription } : {}),
        params: idParamsSchema,
        response: withProblems({ 204: noContent }),
      },
    },
    async (request, reply) => {
      await service.remove(viewerOf(request), request.params.id, expectedVersion(request));
      return reply.status(204).send(null);
    },
  );

  api.post(
    `${path}/:id/restore`,
    {
      config: { auth: changeAuth, headers: ['If-Match'], replies: ['ETag'] },
      schema: {
        tags,
        summary: `Restore a deleted ${noun}`,
        description:
          'If-Match guards the restore: the version the deletion left (one more than the version deleted); 412, with currentVersion, when it has changed since.',
        params: idParamsSchema,
        body: noBody,
        response: withProblems({ 200: record }),
      },
    },
    async (request, reply) => {
      const record = await service.restore(viewerOf(request), request.params.id, expectedVersion(request));
      setEtag(reply, record.version);
      return record;
    },
  );
}
