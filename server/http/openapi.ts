import type { FastifyDynamicSwaggerOptions } from '@fastify/swagger';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorEnvelopeSchema } from '../../shared/schemas/common.ts';

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input: a field, the JSON or the URL (the envelope names the fields)',
  401: 'Not signed in, or the session has ended',
  403: "The caller's role does not have the right",
  404: 'Not found',
  409: 'Conflicts with the current state',
  413: 'The body is larger than the server takes',
  414: 'A path parameter is longer than the router takes',
  415: 'The body is of a type this operation does not take',
  422: 'Refused by a rule of the shop (the envelope says which)',
  423: 'Locked after too many wrong attempts',
  429: 'Too many attempts: wait a minute',
};

const BODY_METHODS = ['POST', 'PUT', 'PATCH', 'DELETE'];

const ENVELOPE = { $ref: '#/components/schemas/ErrorEnvelope' };

/** An error answer: the envelope, described by the route where it says more than the status does. */
function envelope(status: number, declared?: { description?: string; content?: Record<string, unknown> }) {
  const description = declared?.description ?? ERROR_DESCRIPTIONS[status] ?? 'Refused';
  return { description, content: { ...declared?.content, 'application/json': { schema: ENVELOPE } } };
}

/**
 * The errors any route can give by how it is declared: invalid input where it takes any, the
 * body's size and type where a body can come, an over-long path parameter, no session unless
 * public, and a missing right unless any signed-in user may call it.
 */
function declaredErrors(method: string, schema: Record<string, unknown>, config: { public?: boolean; permission?: string }): number[] {
  const takesBody = BODY_METHODS.includes(method);
  return [
    ...(schema.params || schema.querystring || schema.body || takesBody ? [400] : []),
    ...(config.public ? [] : [401]),
    ...(!config.public && config.permission !== 'authenticated' ? [403] : []),
    ...(takesBody ? [413, 415] : []),
    ...(schema.params ? [414] : []),
  ];
}

/**
 * The OpenAPI document of a server: every operation's own answers and the error envelope for
 * every error it can give (its declared domain errors and the generic ones above), bearer
 * security on every route that is not public, and raw files as the body of routes that say
 * which types they consume.
 */
export function openapiOptions(info: { title: string; version: string; description: string }): FastifyDynamicSwaggerOptions {
  return {
    openapi: {
      info,
      components: {
        securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
        schemas: { ErrorEnvelope: z.toJSONSchema(ErrorEnvelopeSchema, { target: 'openapi-3.0' }) as Record<string, unknown> },
      },
    },
    transform: (args) => {
      const transformed = jsonSchemaTransform(args);
      const schema = transformed.schema as Record<string, unknown> & { hide?: boolean; response?: Record<string, unknown>; consumes?: string[]; produces?: string[] };
      if (schema.hide) return transformed;
      const config = (args.route.config ?? {}) as { public?: boolean; permission?: string };
      const methods = [args.route.method].flat();
      const declared = (schema.response ?? {}) as Record<string, { description?: string; content?: Record<string, unknown> }>;
      const response: Record<string, unknown> = {};
      for (const code of [...Object.keys(declared).map(Number), ...declaredErrors(methods[0], args.schema as Record<string, unknown>, config)].sort()) {
        response[code] = code < 400 ? declared[code] : envelope(code, declared[code]);
      }
      // A download or a stream names its types in `produces`: its answer is sent as it is.
      if (schema.produces) {
        const what = schema.produces.includes('text/event-stream') ? 'The event stream' : schema.produces.includes('text/html') ? 'The page' : 'The file';
        response[200] = { description: what, type: 'string', format: 'binary' };
      }
      const body = schema.consumes && !schema.body ? { type: 'string', format: 'binary' } : schema.body;
      return { ...transformed, schema: { ...schema, response, ...(body ? { body } : {}), ...(config.public ? {} : { security: [{ bearer: [] }] }) } };
    },
  };
}
