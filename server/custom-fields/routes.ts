import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParamsSchema } from '../../shared/schemas/common.ts';
import { CustomFieldDefinitionInputSchema, CustomFieldDefinitionSchema, CustomFieldListQuerySchema, CustomFieldListSchema } from '../../shared/schemas/custom-fields.ts';
import { callerOf } from '../auth/plugin.ts';
import { errorResponses } from '../http/errors.ts';
import type { CustomFields } from './definitions.ts';

/** The owner's custom fields of customers, products and invoices: listed for forms, filters and imports; added, changed, archived and restored by the owner. */
export const customFieldRoutes: FastifyPluginAsyncZod<{ fields: CustomFields }> = async (app, { fields }) => {
  app.get('/api/custom-fields', {
    config: { permission: 'backoffice' },
    schema: { summary: 'The custom fields, in their order on forms', operationId: 'listCustomFields', tags: ['custom-fields'], querystring: CustomFieldListQuerySchema, response: { 200: CustomFieldListSchema } },
    handler: (request) => ({ items: fields.list(request.query.entity, request.query.archived) }),
  });

  app.post('/api/custom-fields', {
    config: { permission: 'manage-users' },
    schema: {
      summary: 'Adds a custom field',
      description: "In a chain, customers' fields are head office's: an outlet refuses to add one (409 owned-by-head-office).",
      operationId: 'createCustomField',
      tags: ['custom-fields'],
      body: CustomFieldDefinitionInputSchema,
      response: { 201: CustomFieldDefinitionSchema, ...errorResponses(409) },
    },
    handler: async (request, reply) => reply.code(201).send(await fields.create(callerOf(request), request.body)),
  });

  app.put('/api/custom-fields/:id', {
    config: { permission: 'manage-users' },
    schema: {
      summary: 'Changes a custom field',
      description: 'The entity and key stay; a new type is refused while records hold values of the old one (409 custom-field-type-in-use), and so is dropping a choice in use.',
      operationId: 'updateCustomField',
      tags: ['custom-fields'],
      params: IdParamsSchema,
      body: CustomFieldDefinitionInputSchema,
      response: { 200: CustomFieldDefinitionSchema, ...errorResponses(404, 409) },
    },
    handler: (request) => fields.update(callerOf(request), request.params.id, request.body),
  });

  app.post('/api/custom-fields/:id/archive', {
    config: { permission: 'manage-users' },
    schema: { summary: 'Archives a custom field (its values are kept)', operationId: 'archiveCustomField', tags: ['custom-fields'], params: IdParamsSchema, response: { 200: CustomFieldDefinitionSchema, ...errorResponses(404, 409) } },
    handler: (request) => fields.archive(callerOf(request), request.params.id, true),
  });

  app.post('/api/custom-fields/:id/restore', {
    config: { permission: 'manage-users' },
    schema: { summary: 'Brings an archived custom field back, with its values', operationId: 'restoreCustomField', tags: ['custom-fields'], params: IdParamsSchema, response: { 200: CustomFieldDefinitionSchema, ...errorResponses(404, 409) } },
    handler: (request) => fields.archive(callerOf(request), request.params.id, false),
  });
};
