import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import type { ErrorCode } from '../../shared/error-codes.ts';
import { ErrorEnvelopeSchema } from '../../shared/schemas/common.ts';

/**
 * A field at fault. `code` (the kind of problem: too_small, invalid_format, …) and its bound let the
 * UIs say what is wrong in the user's language; `message` says it in English.
 */
export interface FieldIssue {
  path: string;
  message: string;
  code?: string;
  origin?: string;
  minimum?: number;
  maximum?: number;
}

/**
 * A domain error with a stable kebab-case code, sent to clients in the error envelope. The message
 * is English, for logs and API users; people read the code's text in their language, filled from
 * `details` (shared/i18n), so a refusal carries in its details the figures and names its text needs.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly fields?: FieldIssue[],
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export const badRequest = (code: ErrorCode, message: string, fields?: FieldIssue[], details?: Record<string, unknown>) =>
  new AppError(422, code, message, fields, details);
export const notFound = (code: ErrorCode, message: string, fields?: FieldIssue[], details?: Record<string, unknown>) => new AppError(404, code, message, fields, details);
export const conflict = (code: ErrorCode, message: string, details?: Record<string, unknown>) =>
  new AppError(409, code, message, undefined, details);
export const forbidden = (code: ErrorCode, message: string, fields?: FieldIssue[], details?: Record<string, unknown>) => new AppError(403, code, message, fields, details);
export const unauthorized = (message = 'Sign in first', details?: Record<string, unknown>) => new AppError(401, 'unauthenticated', message, undefined, details);

/** The body of an error answer the handler makes itself (not from an AppError). */
const errorBody = (code: ErrorCode, message: string, requestId: string) => ({ error: { code, message, requestId } });

/**
 * A route's own error answers (its domain errors: not found, conflicts, shop rules), for its
 * `response` schema: documented, and sent through the envelope's schema. The errors every route
 * of its kind gives (invalid input, no session, no right) are added by the OpenAPI transform.
 */
export function errorResponses<const S extends number>(...statuses: S[]): Record<S, typeof ErrorEnvelopeSchema> {
  return Object.fromEntries(statuses.map((s) => [s, ErrorEnvelopeSchema])) as Record<S, typeof ErrorEnvelopeSchema>;
}

function issuesOf(err: FastifyError): FieldIssue[] {
  return (err.validation ?? []).map((v) => {
    const where = (v as { instancePath?: string }).instancePath ?? '';
    const path = [err.validationContext, ...where.split('/').filter(Boolean)].filter(Boolean).join('.');
    const params = (v.params ?? {}) as { origin?: unknown; minimum?: unknown; maximum?: unknown };
    return {
      path,
      message: v.message ?? 'invalid',
      code: v.keyword,
      ...(typeof params.origin === 'string' ? { origin: params.origin } : {}),
      ...(typeof params.minimum === 'number' ? { minimum: params.minimum } : {}),
      ...(typeof params.maximum === 'number' ? { maximum: params.maximum } : {}),
    };
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
      return reply.code(400).send(errorBody('invalid-json', err.message, requestId));
    }
    if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      return reply.code(415).send(errorBody('unsupported-media-type', `${err.message}: send application/json`, requestId));
    }
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return reply.code(413).send(errorBody('body-too-large', err.message, requestId));
    }
    if (err.statusCode === 429) {
      return reply.code(429).send(errorBody('too-many-requests', err.message, requestId));
    }
    if ((err as { code?: string }).code === 'P2002') {
      return reply.code(409).send(errorBody('duplicate', 'The record already exists', requestId));
    }
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return reply.code(err.statusCode).send(errorBody('bad-request', err.message, requestId));
    }
    if (isResponseSerializationError(err)) request.log.error({ issues: err.cause.issues }, 'response does not match its schema');
    request.log.error(err);
    return reply.code(500).send(errorBody('internal', 'Something went wrong on the server', requestId));
  });

  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send(errorBody('route-not-found', `No route ${request.method} ${request.url}`, request.id)),
  );
}

/**
 * Errors Fastify answers itself, before a route or the error handler is reached: a URL with a bad
 * percent-escape, a path parameter longer than the router takes, and what Node's HTTP parser
 * refuses (headers or URL too large, a malformed request). They go out in the same envelope.
 */
export const fastifyErrorOptions: Pick<FastifyServerOptions, 'frameworkErrors' | 'clientErrorHandler'> = {
  frameworkErrors(err: FastifyError, request: FastifyRequest, reply: FastifyReply) {
    if (err.code === 'FST_ERR_BAD_URL') {
      return reply.code(400).send(errorBody('bad-url', 'The URL has an invalid percent-escape', request.id));
    }
    if (err.code === 'FST_ERR_MAX_PARAM_LENGTH') {
      return reply.code(414).send(errorBody('uri-too-long', 'A path parameter is too long', request.id));
    }
    request.log.error(err);
    return reply.code(500).send(errorBody('internal', 'Something went wrong on the server', request.id));
  },

  clientErrorHandler(this: FastifyInstance, err: Error & { code?: string }, socket: Socket) {
    if (err.code === 'ECONNRESET' || socket.destroyed) return;
    const [status, code, message]: [number, ErrorCode, string] =
      err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? [408, 'request-timeout', 'The request took too long to arrive']
      : err.code === 'HPE_HEADER_OVERFLOW' ? [431, 'headers-too-large', 'The URL and headers are larger than the server takes']
      : [400, 'bad-request', 'The request is not valid HTTP'];
    // No request object exists yet, so no request id either: this one ties the answer to the log line.
    const requestId = randomUUID();
    this.log.debug({ err, requestId }, 'client error');
    const body = JSON.stringify(errorBody(code, message, requestId));
    if (socket.writable) {
      socket.write(`HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nContent-Type: application/json; charset=utf-8\r\nConnection: close\r\n\r\n${body}`);
    }
    socket.destroy(err);
  },
};
