import type { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import attachment from 'content-disposition';
import { FileSchema, IdParamsSchema } from '../../shared/schemas/common.ts';
import { AttachmentUploadQuerySchema, AttachmentViewSchema, InteractionInputSchema, TimelineEntrySchema, TimelineQuerySchema, TimelineSchema } from '../../shared/schemas/crm.ts';
import { callerOf } from '../auth/plugin.ts';
import type { CustomerService } from '../customers/service.ts';
import { AppError, errorResponses } from '../http/errors.ts';
import { readAttachmentBody, type Attachments } from './attachments.ts';
import type { Interactions } from './interactions.ts';
import type { Timeline } from './timeline.ts';
import type { CustomerVisibility } from './visibility.ts';

/** The file itself as the raw request body, of any type: its content says what it is. */
const UploadBodySchema = z.custom<Readable>((body) => typeof (body as Readable)?.pipe === 'function', 'send the file itself as the request body').meta({ type: 'string', format: 'binary', description: 'The file itself, as the raw request body.' });

/** A customer's timeline, the entries users log on it, and the files kept with them. */
export const timelineRoutes: FastifyPluginAsyncZod<{ customers: CustomerService; visibility: CustomerVisibility; timeline: Timeline; interactions: Interactions; attachments: Attachments; now: () => Date }> = async (
  app,
  { customers, visibility, timeline, interactions, attachments, now },
) => {
  app.get('/api/customers/:id/timeline', {
    config: { permission: 'backoffice' },
    schema: {
      summary: "A customer's timeline: calls, meetings, notes, messages, visits, pre-orders",
      description: 'Newest first, a page at a time (before: the next of the page before). Entries of customers merged into this one are on it too.',
      operationId: 'getCustomerTimeline',
      tags: ['customers'],
      params: IdParamsSchema,
      querystring: TimelineQuerySchema,
      response: { 200: TimelineSchema, ...errorResponses(404) },
    },
    handler: async (request) => {
      const id = customers.keptId(request.params.id);
      visibility.assertSees(callerOf(request), id);
      if (!(await customers.byId(id))) throw new AppError(404, 'customer-not-found', 'No such customer', [{ path: 'id', message: 'unknown customer' }]);
      const merged = customers.mergedIds(id);
      return timeline.page([id, ...merged], request.query.before ? new Date(request.query.before) : new Date(now().getTime() + 86_400_000), request.query.limit);
    },
  });

  app.post('/api/customers/:id/interactions', {
    config: { permission: 'backoffice' },
    schema: {
      summary: 'Logs a call, meeting, note, e-mail or SMS on a customer',
      description: 'Entries are never changed: a correction is a new entry naming the one it corrects (correctsId). Files are uploaded first (POST /api/crm/attachments) and joined here.',
      operationId: 'logInteraction',
      tags: ['customers'],
      params: IdParamsSchema,
      body: InteractionInputSchema,
      response: { 201: TimelineEntrySchema, ...errorResponses(404, 409, 422) },
    },
    handler: async (request, reply) => {
      const auth = callerOf(request);
      const id = customers.keptId(request.params.id);
      visibility.assertSees(auth, id);
      return reply.code(201).send(await interactions.log(auth, id, request.body));
    },
  });

  const uploads: FastifyPluginAsyncZod = async (files) => {
    files.removeAllContentTypeParsers();
    // Any declared type: what the file is comes from its content (attachments.ts).
    files.addContentTypeParser('*', (_request, payload, done) => done(null, payload));
    files.post('/api/crm/attachments', {
      config: { permission: 'backoffice' },
      schema: {
        summary: 'Uploads a file to attach to an entry on a customer',
        description: 'The raw file as the body, at most 10 MB; pictures, PDF, office documents, audio and plain text, told by their content. Joined to an entry when it is logged (attachmentIds).',
        operationId: 'uploadAttachment',
        tags: ['customers'],
        querystring: AttachmentUploadQuerySchema,
        body: UploadBodySchema,
        response: { 201: AttachmentViewSchema, ...errorResponses(413, 422) },
      },
      handler: async (request, reply) => reply.code(201).send(await attachments.upload(callerOf(request), request.query.fileName, await readAttachmentBody(request.body))),
    });
  };
  await app.register(uploads);

  app.get('/api/crm/attachments/:id', {
    config: { permission: 'backoffice' },
    schema: { summary: 'A file kept with an entry on a customer', operationId: 'getAttachment', tags: ['customers'], params: IdParamsSchema, produces: ['application/octet-stream'], response: { 200: FileSchema, ...errorResponses(404) } },
    handler: async (request, reply) => {
      const auth = callerOf(request);
      const file = await attachments.file(auth, request.params.id);
      if (file.customerId) visibility.assertSees(auth, file.customerId, 'id');
      reply.header('content-disposition', attachment(file.view.fileName)).type(file.view.mediaType);
      return file.content;
    },
  });
};
