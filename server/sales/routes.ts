import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParamsSchema, OkSchema } from '../../shared/schemas/common.ts';
import {
  CreateReturnRequestSchema,
  EmailReceiptRequestSchema,
  EmailReceiptResponseSchema,
  CreateSaleRequestSchema,
  LineVoidRequestSchema,
  ReprintResponseSchema,
  SaleNumberParamsSchema,
  SaleViewSchema,
} from '../../shared/schemas/sales.ts';
import { callerOf, registerOf } from '../auth/plugin.ts';
import { created } from '../http/created.ts';
import type { RegisterActs } from './register-acts.ts';
import type { ReturnsService } from './returns.ts';
import type { SalesService } from './service.ts';
import type { GiftCardGuesses } from '../loyalty/gift-card-guesses.ts';
import type { ReceiptMails } from './receipt-mail.ts';
import { errorResponses, AppError } from '../http/errors.ts';

export const salesRoutes: FastifyPluginAsyncZod<{ sales: SalesService; returns: ReturnsService; acts: RegisterActs; giftCardGuesses: GiftCardGuesses; mails: ReceiptMails }> = async (
  app,
  { sales, returns, acts, giftCardGuesses, mails },
) => {
  app.post('/api/sales', {
    config: { permission: 'sell' },
    schema: {
      summary: 'Commits a paid sale',
      operationId: 'createSale',
      tags: ['sales'],
      description: 'Commits a paid sale. The id is the idempotency key: resubmitting the same request returns the stored sale (200); a different one under a used id is refused (409 replay-mismatch).',
      body: CreateSaleRequestSchema,
      response: { 200: SaleViewSchema, 201: SaleViewSchema, ...errorResponses(404, 409, 422, 423) },
    },
    handler: async (request, reply) => {
      const auth = callerOf(request);
      // Paying by gift-card code is a look-up too: an unknown code counts as a guess.
      const attempt = request.body.tenders.some((t) => t.method === 'gift-card') ? await giftCardGuesses.begin(auth, request.ip) : null;
      try {
        const stored = await sales.create(auth, registerOf(request), request.body);
        await attempt?.succeeded();
        return created(reply, stored);
      } catch (err) {
        if (!(err instanceof AppError && err.code === 'gift-card-not-found')) await attempt?.succeeded();
        throw err;
      }
    },
  });

  app.get('/api/sales/last', {
    config: { permission: 'sell' },
    schema: { summary: "The register's last sale", operationId: 'getLastSale', tags: ['sales'], response: { 200: SaleViewSchema, ...errorResponses(404, 409) } },
    handler: (request) => sales.last(registerOf(request)),
  });

  app.get('/api/sales/by-number/:number', {
    config: { permission: 'sell' },
    schema: { summary: 'A sale or return by its receipt number', operationId: 'getSaleByNumber', tags: ['sales'], params: SaleNumberParamsSchema, response: { 200: SaleViewSchema, ...errorResponses(404) } },
    handler: (request) => sales.byNumber(request.params.number),
  });

  app.get('/api/sales/:id', {
    config: { permission: 'sell' },
    schema: { summary: 'A sale or return by id', operationId: 'getSale', tags: ['sales'], params: IdParamsSchema, response: { 200: SaleViewSchema, ...errorResponses(404) } },
    handler: (request) => sales.view(request.params.id),
  });

  app.post('/api/sales/:id/reprint', {
    config: { permission: 'reprint' },
    schema: { summary: 'Prints a receipt again, marked as a copy', operationId: 'reprintSale', tags: ['sales'], params: IdParamsSchema, response: { 200: ReprintResponseSchema, ...errorResponses(404, 409) } },
    handler: (request) => sales.reprint(callerOf(request), registerOf(request), request.params.id),
  });

  const emailDescription = (who: string) =>
    `${who} The receipt is written in the customer's language and queued in the messages outbox. The body's id is the idempotency key: the same request sends one message however often it arrives (200, replayed); to send again, ask with a new id.`;

  app.post('/api/register/sales/:id/email', {
    config: { permission: 'sell' },
    schema: {
      summary: 'E-mails the receipt of a sale of this register’s open shift',
      description: emailDescription('At the register: a sale of its open shift only (403 sale-of-another-shift), the address answered masked.'),
      operationId: 'emailReceiptAtRegister',
      tags: ['sales'],
      params: IdParamsSchema,
      body: EmailReceiptRequestSchema,
      response: { 200: EmailReceiptResponseSchema, 201: EmailReceiptResponseSchema, ...errorResponses(403, 404, 409, 422) },
    },
    handler: async (request, reply) => {
      const sent = await mails.send(callerOf(request), { registerId: registerOf(request) }, request.params.id, request.body);
      return created(reply, { view: sent, replayed: sent.replayed });
    },
  });

  app.post('/api/sales/:id/email', {
    config: { permission: 'backoffice' },
    schema: {
      summary: 'E-mails the receipt of a sale from the back office',
      description: emailDescription("Any sale of the outlet whose customer the caller sees."),
      operationId: 'emailReceipt',
      tags: ['sales'],
      params: IdParamsSchema,
      body: EmailReceiptRequestSchema,
      response: { 200: EmailReceiptResponseSchema, 201: EmailReceiptResponseSchema, ...errorResponses(404, 409, 422) },
    },
    handler: async (request, reply) => {
      const sent = await mails.send(callerOf(request), 'backoffice', request.params.id, request.body);
      return created(reply, { view: sent, replayed: sent.replayed });
    },
  });

  app.post('/api/returns', {
    config: { permission: 'sell' },
    schema: {
      summary: 'Refunds lines of a sale',
      operationId: 'createReturn',
      tags: ['sales'],
      description: 'Refunds lines of a sale (needs the refund right or a supervisor approval). The id is the idempotency key.',
      body: CreateReturnRequestSchema,
      response: { 200: SaleViewSchema, 201: SaleViewSchema, ...errorResponses(404, 409, 422) },
    },
    handler: async (request, reply) => created(reply, await returns.create(callerOf(request), registerOf(request), request.body)),
  });

  app.post('/api/register/line-voids', {
    config: { permission: 'sell' },
    schema: { summary: 'Records a line voided from the open cart (authorised and audited)', operationId: 'voidLine', tags: ['sales'], body: LineVoidRequestSchema, response: { 200: OkSchema, ...errorResponses(409) } },
    handler: async (request) => {
      await acts.voidLine(callerOf(request), registerOf(request), request.body);
      return { ok: true as const };
    },
  });
};
