import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { FileSchema } from '../../shared/schemas/common.ts';
import { PrintFormListSchema, PrintFormParamsSchema, PrintFormPreviewSchema, PrintFormSaveSchema, PrintFormSchema, PrintLogoUploadSchema } from '../../shared/schemas/print-forms.ts';
import { callerOf } from '../auth/plugin.ts';
import { errorResponses, notFound } from '../http/errors.ts';
import type { PrintForms } from './service.ts';

const LogoSchema = PrintFormListSchema.shape.logo;

/**
 * The owner's print forms in the back office: the template of each document type, its live preview
 * on a sample document, reset to the default, and the logo the forms place.
 */
export const printFormRoutes: FastifyPluginAsyncZod<{ forms: PrintForms }> = async (app, { forms }) => {
  app.get('/api/print-forms', {
    config: { permission: 'manage-print-forms' },
    schema: { description: "Each document type's template (the shop's own or the default) and the logo.", summary: 'The print forms and the logo', operationId: 'listPrintForms', tags: ['print-forms'], response: { 200: PrintFormListSchema } },
    handler: () => forms.list(),
  });

  app.get('/api/print-forms/:type', {
    config: { permission: 'manage-print-forms' },
    schema: { summary: "One document type's print form", operationId: 'getPrintForm', tags: ['print-forms'], params: PrintFormParamsSchema, response: { 200: PrintFormSchema } },
    handler: (request) => forms.get(request.params.type),
  });

  app.put('/api/print-forms/:type', {
    config: { permission: 'manage-print-forms' },
    schema: {
      description: 'Keeps a template once it prints the sample document of its type in every language; otherwise refused with the line and the reason (invalid-print-form), and the template in force stays.',
      summary: "Saves a document type's template",
      operationId: 'savePrintForm',
      tags: ['print-forms'],
      params: PrintFormParamsSchema,
      body: PrintFormSaveSchema,
      response: { 200: PrintFormSchema, ...errorResponses(422) },
    },
    handler: (request) => forms.save(callerOf(request), request.params.type, request.body.template),
  });

  app.delete('/api/print-forms/:type', {
    config: { permission: 'manage-print-forms' },
    schema: { description: "Forgets the shop's template: the type prints with the default shipped with the product again.", summary: 'Resets a print form to the default', operationId: 'resetPrintForm', tags: ['print-forms'], params: PrintFormParamsSchema, response: { 200: PrintFormSchema } },
    handler: (request) => forms.reset(callerOf(request), request.params.type),
  });

  app.post('/api/print-forms/preview', {
    config: { permission: 'manage-print-forms' },
    schema: {
      description: 'Prints a sample document of the type through the template given (not saved), with the logo, as a PDF; a template that cannot print is refused as on saving.',
      summary: 'Previews a template as PDF',
      operationId: 'previewPrintForm',
      tags: ['print-forms'],
      body: PrintFormPreviewSchema,
      produces: ['application/pdf'],
      response: { 200: FileSchema, ...errorResponses(422) },
    },
    handler: async (request, reply) => {
      const pdf = await forms.preview(request.body.type, request.body.template, request.body.language);
      return reply.type('application/pdf').header('content-disposition', 'inline; filename="preview.pdf"').header('cache-control', 'no-store').send(pdf);
    },
  });

  app.get('/api/print-logo', {
    config: { permission: 'manage-print-forms' },
    schema: { summary: 'The logo the print forms place', operationId: 'getPrintLogo', tags: ['print-forms'], produces: ['image/png', 'image/jpeg'], response: { 200: FileSchema, ...errorResponses(404) } },
    handler: async (_request, reply) => {
      const logo = await forms.logoFile();
      if (!logo) throw notFound('logo-not-found', 'No logo has been uploaded');
      return reply.type(logo.mimeType).header('cache-control', 'no-store').send(logo.data);
    },
  });

  app.put('/api/print-logo', {
    config: { permission: 'manage-print-forms' },
    schema: {
      description: 'Replaces the logo: a PNG or JPEG (a data URL) of at most 512 KB and 4096×4096 pixels that decodes as the image it says it is.',
      summary: 'Uploads the logo',
      operationId: 'uploadPrintLogo',
      tags: ['print-forms'],
      body: PrintLogoUploadSchema,
      response: { 200: LogoSchema, ...errorResponses(413, 422) },
    },
    handler: (request) => forms.setLogo(callerOf(request), request.body.dataUrl),
  });

  app.delete('/api/print-logo', {
    config: { permission: 'manage-print-forms' },
    schema: { summary: 'Removes the logo', operationId: 'removePrintLogo', tags: ['print-forms'], response: { 200: z.object({ removed: z.literal(true) }) } },
    handler: async (request) => {
      await forms.removeLogo(callerOf(request));
      return { removed: true as const };
    },
  });
};
