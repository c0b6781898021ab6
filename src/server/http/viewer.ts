import type { FastifyRequest } from 'fastify';
import { AppError } from '../../shared/errors.js';
import type { Viewer } from '../platform/viewer.js';

/** The viewer the auth hook put on a bearer route's request. */
export function viewerOf(request: FastifyRequest): Viewer {
  if (!request.viewer) throw new AppError('unauthenticated', 'this route needs a bearer token');
  return request.viewer;
}
