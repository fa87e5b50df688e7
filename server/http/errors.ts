import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';

export interface FieldIssue {
  path: string;
  message: string;
}

/** A domain error with a stable kebab-case code, sent to clients in the error envelope. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields?: FieldIssue[],
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export const badRequest = (code: string, message: string, fields?: FieldIssue[], details?: Record<string, unknown>) =>
  new AppError(422, code, message, fields, details);
export const notFound = (code: string, message: string, fields?: FieldIssue[]) => new AppError(404, code, message, fields);
export const conflict = (code: string, message: string, details?: Record<string, unknown>) =>
  new AppError(409, code, message, undefined, details);
export const forbidden = (code: string, message: string, fields?: FieldIssue[]) => new AppError(403, code, message, fields);
export const unauthorized = (message = 'Sign in first') => new AppError(401, 'unauthenticated', message);

function issuesOf(err: FastifyError): FieldIssue[] {
  return (err.validation ?? []).map((v) => {
    const where = (v as { instancePath?: string }).instancePath ?? '';
    const path = [err.validationContext, ...where.split('/').filter(Boolean)].filter(Boolean).join('.');
    return { path, message: v.message ?? 'invalid' };
  });
}

/** One error envelope for every failure: `{ error: { code, message, fields?, details?, requestId } }`. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    const requestId = request.id;
    if (err instanceof AppError) {
      return reply.code(err.status).send({
        error: { code: err.code, message: err.message, fields: err.fields, details: err.details, requestId },
      });
    }
    if (hasZodFastifySchemaValidationErrors(err) || err.validation) {
      const fields = issuesOf(err);
      const first = fields[0];
      return reply.code(400).send({
        error: {
          code: 'invalid-input',
          message: first ? `${first.path}: ${first.message}` : 'Invalid input',
          fields,
          requestId,
        },
      });
    }
    if (err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
      return reply.code(400).send({ error: { code: 'invalid-json', message: err.message, requestId } });
    }
    if (err.statusCode === 429) {
      return reply.code(429).send({ error: { code: 'too-many-requests', message: err.message, requestId } });
    }
    if ((err as { code?: string }).code === 'P2002') {
      return reply.code(409).send({ error: { code: 'duplicate', message: 'The record already exists', requestId } });
    }
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return reply.code(err.statusCode).send({ error: { code: 'bad-request', message: err.message, requestId } });
    }
    if (isResponseSerializationError(err)) request.log.error({ issues: err.cause.issues }, 'response does not match its schema');
    request.log.error(err);
    return reply.code(500).send({ error: { code: 'internal', message: 'Something went wrong on the server', requestId } });
  });

  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send({ error: { code: 'route-not-found', message: `No route ${request.method} ${request.url}`, requestId: request.id } }),
  );
}
