import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CustomerStatementSchema } from '../../shared/invoicing/statement.ts';
import attachment from 'content-disposition';
import { FileSchema, IdParamsSchema, OkSchema } from '../../shared/schemas/common.ts';
import {
  AdvanceAllocationRequestSchema,
  CreditNoteRequestSchema,
  CustomerAccountSchema,
  InvoiceDraftSchema,
  InvoiceListQuerySchema,
  InvoiceListSchema,
  InvoiceViewSchema,
  IssueInvoiceRequestSchema,
  PaymentListSchema,
  PaymentRequestSchema,
  PaymentViewSchema,
  PrintLanguageQuerySchema,
  ReceivablesQuerySchema,
  ReceivablesReportSchema,
  ReminderResultSchema,
  StatementPdfQuerySchema,
  StatementQuerySchema,
  UninvoicedReceiptListSchema,
} from '../../shared/schemas/invoicing.ts';
import { callerOf } from '../auth/plugin.ts';
import type { CampaignWorker } from '../campaigns/worker.ts';
import type { Db } from '../db/client.ts';
import { created } from '../http/created.ts';
import { errorResponses, notFound } from '../http/errors.ts';
import type { FastifyRequest } from 'fastify';
import type { AuthContext } from '../auth/context.ts';
import type { OutletInfo } from '../outlet.ts';
import { renderInvoicePdf, renderStatementPdf } from '../print-forms/service.ts';
import { invoiceUbl } from '../print-forms/ubl.ts';
import type { PaymentService } from './payments.ts';
import type { Receivables } from './receivables.ts';
import { queuePaymentReminder } from './reminders.ts';
import { loadInvoiceDocument, type InvoiceService } from './service.ts';
import { uninvoicedReceipts } from './sources.ts';
import type { CustomerVisibility } from '../crm/visibility.ts';

/**
 * Invoices, credit notes and payments of company customers, their accounts, statements and the
 * aged receivables report: back-office work for whoever may invoice (manage-invoices), on the
 * customers their scope shows them.
 */
export const invoicingRoutes: FastifyPluginAsyncZod<{ db: Db; outlet: OutletInfo; invoices: InvoiceService; payments: PaymentService; receivables: Receivables; worker: CampaignWorker | null; visibility: CustomerVisibility }> = async (
  app,
  { db, outlet, invoices, payments, receivables, worker, visibility },
) => {
  // Each caller works on the customers their scope shows them (server/crm/visibility.ts): lists hold
  // only those, and a document of another customer is not found, as the customer is not.
  const seenInvoice = async (request: FastifyRequest, id: string): Promise<AuthContext> => {
    const auth = callerOf(request);
    const row = await db.invoice.findUnique({ where: { id }, select: { customerId: true } });
    if (row && !visibility.sees(auth, row.customerId)) throw notFound('invoice-not-found', 'No such invoice', [{ path: 'params.id', message: 'unknown invoice' }]);
    return auth;
  };
  const seenCustomer = (request: FastifyRequest, customerId: string, field: string): AuthContext => {
    const auth = callerOf(request);
    visibility.assertSees(auth, customerId, field);
    return auth;
  };
  const tags = ['invoicing'];
  const permission = 'manage-invoices' as const;

  app.get('/api/invoices', {
    config: { permission },
    schema: { summary: 'Invoices and credit notes, newest first (drafts, issued, overdue)', operationId: 'listInvoices', tags, querystring: InvoiceListQuerySchema, response: { 200: InvoiceListSchema } },
    handler: async (request) => invoices.list(request.query, visibility.customerIdFilter(callerOf(request))),
  });

  app.get('/api/invoices/:id', {
    config: { permission },
    schema: { summary: 'An invoice or credit note with its lines and balance', operationId: 'getInvoice', tags, params: IdParamsSchema, response: { 200: InvoiceViewSchema, ...errorResponses(404) } },
    handler: async (request) => {
      await seenInvoice(request, request.params.id);
      return invoices.view(request.params.id);
    },
  });

  app.get('/api/invoices/:id/pdf', {
    config: { permission },
    schema: { summary: 'An issued invoice or credit note as PDF, through the print form of its kind', operationId: 'getInvoicePdf', tags, params: IdParamsSchema, querystring: PrintLanguageQuerySchema, produces: ['application/pdf'], response: { 200: FileSchema, ...errorResponses(404, 409, 422) } },
    handler: async (request, reply) => {
      await seenInvoice(request, request.params.id);
      const doc = await loadInvoiceDocument(db, request.params.id);
      const pdf = await renderInvoicePdf(db, { ...doc, language: request.query.language ?? doc.language });
      return reply.type('application/pdf').header('content-disposition', attachment(`${doc.displayNumber}.pdf`)).send(pdf);
    },
  });

  app.get('/api/invoices/:id/ubl', {
    config: { permission },
    schema: { summary: 'An issued invoice or credit note as UBL 2.1 XML (EN 16931)', operationId: 'getInvoiceUbl', tags, params: IdParamsSchema, produces: ['application/xml'], response: { 200: FileSchema, ...errorResponses(404, 409) } },
    handler: async (request, reply) => {
      await seenInvoice(request, request.params.id);
      const doc = await loadInvoiceDocument(db, request.params.id);
      return reply.type('application/xml; charset=utf-8').header('content-disposition', attachment(`${doc.displayNumber}.xml`)).send(invoiceUbl(doc));
    },
  });

  app.post('/api/invoices', {
    config: { permission },
    schema: { summary: "Makes a draft invoice from a company's receipts, a pre-order or lines", operationId: 'createInvoiceDraft', tags, body: InvoiceDraftSchema, response: { 201: InvoiceViewSchema, ...errorResponses(404, 409, 422) } },
    handler: async (request, reply) => reply.code(201).send(await invoices.createDraft(seenCustomer(request, request.body.customerId, 'body.customerId'), request.body)),
  });

  app.put('/api/invoices/:id', {
    config: { permission },
    schema: { summary: 'Replaces what a draft invoice gathers and its dates', operationId: 'updateInvoiceDraft', tags, params: IdParamsSchema, body: InvoiceDraftSchema, response: { 200: InvoiceViewSchema, ...errorResponses(404, 409, 422) } },
    handler: async (request) => {
      await seenInvoice(request, request.params.id);
      return invoices.updateDraft(seenCustomer(request, request.body.customerId, 'body.customerId'), request.params.id, request.body);
    },
  });

  app.delete('/api/invoices/:id', {
    config: { permission },
    schema: { summary: 'Deletes a draft invoice (an issued one stays for ever)', operationId: 'deleteInvoiceDraft', tags, params: IdParamsSchema, response: { 200: OkSchema, ...errorResponses(404, 409) } },
    handler: async (request) => {
      await invoices.deleteDraft(await seenInvoice(request, request.params.id), request.params.id);
      return { ok: true as const };
    },
  });

  app.post('/api/invoices/:id/issue', {
    config: { permission },
    schema: { summary: 'Issues a draft invoice with the next number of its series', operationId: 'issueInvoice', tags, params: IdParamsSchema, body: IssueInvoiceRequestSchema, response: { 200: InvoiceViewSchema, ...errorResponses(404, 409, 422) } },
    handler: async (request) => invoices.issue(await seenInvoice(request, request.params.id), request.params.id, request.body),
  });

  app.post('/api/invoices/:id/credit-notes', {
    config: { permission },
    schema: { summary: 'Issues a credit note correcting an issued invoice', operationId: 'issueCreditNote', tags, params: IdParamsSchema, body: CreditNoteRequestSchema, response: { 200: InvoiceViewSchema, 201: InvoiceViewSchema, ...errorResponses(404, 409, 422) } },
    handler: async (request, reply) => created(reply, await invoices.creditNote(await seenInvoice(request, request.params.id), request.params.id, request.body)),
  });

  app.post('/api/invoices/:id/reminder', {
    config: { permission },
    schema: { summary: "E-mails a payment reminder to the customer's contact", operationId: 'remindOfInvoice', tags, params: IdParamsSchema, response: { 200: ReminderResultSchema, ...errorResponses(404, 409, 422) } },
    handler: async (request) => queuePaymentReminder(db, outlet, worker, await seenInvoice(request, request.params.id), request.params.id),
  });

  app.get('/api/invoice-payments', {
    config: { permission },
    schema: { summary: 'Payments against invoices, newest first', operationId: 'listInvoicePayments', tags, querystring: z.object({ customerId: z.uuid().optional(), limit: z.coerce.number().int().min(1).max(500).default(100) }), response: { 200: PaymentListSchema } },
    handler: async (request) => payments.list(request.query.customerId, request.query.limit, visibility.customerIdFilter(callerOf(request))),
  });

  app.post('/api/invoice-payments', {
    config: { permission },
    schema: { summary: "Records a company's payment, allocated over its invoices", operationId: 'recordInvoicePayment', tags, body: PaymentRequestSchema, response: { 200: PaymentViewSchema, 201: PaymentViewSchema, ...errorResponses(404, 409, 422) } },
    handler: async (request, reply) => created(reply, await payments.record(seenCustomer(request, request.body.customerId, 'body.customerId'), request.body)),
  });

  app.post('/api/customers/:id/advance-allocations', {
    config: { permission },
    schema: { summary: "Moves a customer's advance onto its invoices", operationId: 'allocateAdvance', tags, params: IdParamsSchema, body: AdvanceAllocationRequestSchema, response: { 200: PaymentListSchema, ...errorResponses(404, 422) } },
    handler: async (request) => ({ items: await payments.allocateAdvance(seenCustomer(request, request.params.id, 'params.id'), request.params.id, request.body.allocations) }),
  });

  app.get('/api/customers/:id/account', {
    config: { permission },
    schema: { summary: "A company customer's balance, advance and open invoices", operationId: 'getCustomerAccount', tags, params: IdParamsSchema, response: { 200: CustomerAccountSchema, ...errorResponses(404) } },
    handler: async (request) => {
      seenCustomer(request, request.params.id, 'params.id');
      return receivables.account(request.params.id);
    },
  });

  app.get('/api/customers/:id/uninvoiced-receipts', {
    config: { permission },
    schema: { summary: "A customer's receipts of a period that no issued invoice gathers yet", operationId: 'listUninvoicedReceipts', tags, params: IdParamsSchema, querystring: StatementQuerySchema, response: { 200: UninvoicedReceiptListSchema, ...errorResponses(404) } },
    handler: async (request) => {
      seenCustomer(request, request.params.id, 'params.id');
      if (!(await db.customer.findUnique({ where: { id: request.params.id }, select: { id: true } }))) throw notFound('customer-not-found', 'Unknown customer', [{ path: 'params.id', message: 'unknown customer' }]);
      return { items: await uninvoicedReceipts(db, outlet.view.timezone, request.params.id, request.query.from, request.query.to) };
    },
  });

  app.get('/api/customers/:id/statement', {
    config: { permission },
    schema: { summary: "A customer's statement for a period: opening balance, documents, payments, closing balance", operationId: 'getCustomerStatement', tags, params: IdParamsSchema, querystring: StatementQuerySchema, response: { 200: CustomerStatementSchema, ...errorResponses(404) } },
    handler: async (request) => {
      seenCustomer(request, request.params.id, 'params.id');
      return receivables.statement(request.params.id, request.query.from, request.query.to);
    },
  });

  app.get('/api/customers/:id/statement.pdf', {
    config: { permission },
    schema: { summary: "A customer's statement for a period as PDF, through the statement print form", operationId: 'getCustomerStatementPdf', tags, params: IdParamsSchema, querystring: StatementPdfQuerySchema, produces: ['application/pdf'], response: { 200: FileSchema, ...errorResponses(404, 422) } },
    handler: async (request, reply) => {
      seenCustomer(request, request.params.id, 'params.id');
      const statement = await receivables.statement(request.params.id, request.query.from, request.query.to);
      const pdf = await renderStatementPdf(db, { ...statement, language: request.query.language ?? statement.language });
      return reply.type('application/pdf').header('content-disposition', attachment(`statement-${statement.from}-${statement.to}.pdf`)).send(pdf);
    },
  });

  app.get('/api/reports/receivables', {
    config: { permission },
    schema: { summary: 'Aged receivables by customer and outlet as of a day', operationId: 'getReceivablesReport', tags, querystring: ReceivablesQuerySchema, response: { 200: ReceivablesReportSchema } },
    handler: async (request) => receivables.aged(request.query.asOf, visibility.customerIdFilter(callerOf(request))),
  });
};
