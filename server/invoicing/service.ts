import { InvoiceDocumentSchema, type InvoiceDocument, type InvoiceParty } from '../../shared/invoicing/document.ts';
import { newId } from '../../shared/ids.ts';
import { daysBetween } from '../../shared/invoicing/aging.ts';
import { firstLocale, type Locale } from '../../shared/locales.ts';
import { mulDivRoundHalfUp } from '../../shared/money.ts';
import { MoneySchema, type Unit } from '../../shared/schemas/common.ts';
import {
  COUNTRIES_REQUIRING_BUYER_COMPANY,
  InvoiceDraftSchema,
  type CreditNoteRequest,
  type InvoiceDraft,
  type InvoiceView,
} from '../../shared/schemas/invoicing.ts';
import { addDays, localTimeIn } from '../../shared/time.ts';
import type { AuthContext } from '../auth/context.ts';
import { writeAudit } from '../audit/service.ts';
import type { CustomFieldValues } from '../../shared/schemas/custom-fields.ts';
import { fieldsOf } from '../custom-fields/definitions.ts';
import { checkValues, valuesByKey, writeValues } from '../custom-fields/values.ts';
import { sqliteOf, type Db, type Tx } from '../db/client.ts';
import { IdempotentRequests, isUniqueViolation, requestFingerprint, type Created } from '../db/idempotent-requests.ts';
import { AppError, badRequest, notFound } from '../http/errors.ts';
import type { OutletInfo } from '../outlet.ts';
import { summarise, withAmounts, type PricedLine } from './lines.ts';
import { gatherLines } from './sources.ts';
import { invoiceBalances, type InvoiceFigures } from './balances.ts';
import { contractOn } from '../contracts/service.ts';
import { queueForHeadOffice } from '../sync/outbox.ts';
import type { SyncedInvoice } from '../../shared/invoicing/synced.ts';

/** The language of a document for a customer: theirs, else the outlet's (English when neither is one of ours). */
export function documentLanguage(customerLocale: string | null, outletLocale: string): Locale {
  return firstLocale(customerLocale, outletLocale.slice(0, 2).toLowerCase());
}

export const displayNumber = (series: string, number: number) => `${series}-${String(number).padStart(6, '0')}`;


/** The issued document of an invoice or credit note, as it was on its day (for print forms, UBL and head office). */
export async function loadInvoiceDocument(db: Db | Tx, id: string): Promise<InvoiceDocument> {
  const row = await db.invoice.findUnique({ where: { id }, select: { document: true } });
  if (!row) throw notFound('invoice-not-found', 'No such invoice', [{ path: 'params.id', message: 'unknown invoice' }]);
  if (!row.document) throw new AppError(409, 'invoice-not-issued', 'The invoice is a draft: it has no document until it is issued', [{ path: 'params.id', message: 'a draft' }]);
  return InvoiceDocumentSchema.parse(JSON.parse(row.document));
}

/**
 * Invoices and credit notes of company customers: drafts priced by the server, issued with the
 * next number of their series inside the issuing transaction (no gaps: a failed issue rolls its
 * number back), their document frozen as it was on the day; credit notes correct issued invoices
 * up to what remains on them.
 */
export class InvoiceService {
  readonly #requests: IdempotentRequests;

  constructor(
    private readonly db: Db,
    private readonly outlet: OutletInfo,
  ) {
    this.#requests = new IdempotentRequests(db);
  }

  get #settings() {
    return this.outlet.settings.invoicing;
  }

  #today(): string {
    return localTimeIn(this.outlet.view.timezone).slice(0, 10);
  }

  async createDraft(auth: AuthContext, draft: InvoiceDraft): Promise<InvoiceView> {
    const id = newId();
    await this.db.$transaction(async (tx) => {
      const gathered = await this.#check(tx, draft);
      this.#customFields(draft.customFields, false);
      await tx.invoice.create({
        data: {
          id,
          outletId: this.outlet.id,
          kind: 'invoice',
          status: 'draft',
          series: this.#settings.invoiceSeries,
          customerId: draft.customerId,
          preOrderId: draft.preOrderId,
          paymentTermsDays: draft.paymentTermsDays ?? this.#settings.paymentTermsDays,
          currency: this.outlet.view.currency,
          draft: JSON.stringify(draft),
          createdById: auth.userId,
          ...this.#amounts(gathered.lines, gathered.paidAtTill),
          lines: { create: this.#lineRows(gathered.lines) },
        },
      });
      await writeAudit(tx, { outletId: this.outlet.id, userId: auth.userId, action: 'invoice-draft', entityType: 'invoice', entityId: id, details: { customerId: draft.customerId, receipts: draft.saleIds.length, lines: gathered.lines.length } });
    });
    return this.view(id);
  }

  async updateDraft(auth: AuthContext, id: string, draft: InvoiceDraft): Promise<InvoiceView> {
    await this.db.$transaction(async (tx) => {
      await this.#draftRow(tx, id);
      const gathered = await this.#check(tx, draft);
      this.#customFields(draft.customFields, false);
      await tx.invoiceLine.deleteMany({ where: { invoiceId: id } });
      await tx.invoice.update({
        where: { id },
        data: {
          customerId: draft.customerId,
          preOrderId: draft.preOrderId,
          paymentTermsDays: draft.paymentTermsDays ?? this.#settings.paymentTermsDays,
          draft: JSON.stringify(draft),
          ...this.#amounts(gathered.lines, gathered.paidAtTill),
          lines: { create: this.#lineRows(gathered.lines) },
        },
      });
      await writeAudit(tx, { outletId: this.outlet.id, userId: auth.userId, action: 'invoice-draft', entityType: 'invoice', entityId: id, details: { customerId: draft.customerId, receipts: draft.saleIds.length, lines: gathered.lines.length } });
    });
    return this.view(id);
  }

  async deleteDraft(auth: AuthContext, id: string): Promise<void> {
    await this.db.$transaction(async (tx) => {
      await this.#draftRow(tx, id);
      await tx.invoiceLine.deleteMany({ where: { invoiceId: id } });
      await tx.invoice.delete({ where: { id } });
      await writeAudit(tx, { outletId: this.outlet.id, userId: auth.userId, action: 'invoice-draft-delete', entityType: 'invoice', entityId: id });
    });
  }

  /**
   * Issues a draft: prices it again from what it gathers (never from what was shown), checks the
   * buyer and the dates, takes the series' next number and freezes the document, all in one
   * transaction. A receipt already on another issued invoice fails it (InvoiceSale's key).
   */
  async issue(auth: AuthContext, id: string, options: { issueDate?: string; customFields?: CustomFieldValues }): Promise<InvoiceView> {
    try {
      await this.db.$transaction(async (tx) => {
        const row = await this.#draftRow(tx, id);
        const draft = InvoiceDraftSchema.parse(JSON.parse(row.draft));
        const issueDate = options.issueDate ?? draft.issueDate ?? this.#today();
        const gathered = await this.#check(tx, draft, issueDate);
        const custom = this.#customFields({ ...draft.customFields, ...options.customFields }, true);
        const paymentTermsDays = draft.paymentTermsDays ?? gathered.contract?.paymentTermsDays ?? this.#settings.paymentTermsDays;
        const dueDate = draft.dueDate ?? addDays(issueDate, paymentTermsDays);
        if (dueDate < issueDate) throw badRequest('due-date-before-issue-date', `The due date ${dueDate} is before the issue date ${issueDate}`, [{ path: 'body.dueDate', message: 'before the issue date' }]);
        const supplyDate = draft.supplyDate ?? gathered.lastSaleDay ?? issueDate;
        const { seller, buyer, language } = await this.parties(tx, draft.customerId);
        const series = row.series;
        const number = await this.#nextNumber(tx, series);
        const lines = gathered.lines.map((l, i) => ({ ...l, position: i + 1 }));
        const document: InvoiceDocument = InvoiceDocumentSchema.parse({
          kind: 'invoice',
          id,
          outletCode: this.outlet.view.code,
          series,
          number,
          displayNumber: displayNumber(series, number),
          issueDate,
          supplyDate,
          dueDate,
          paymentTermsDays,
          currency: this.outlet.view.currency,
          language,
          seller,
          buyer,
          contract: gathered.contract ? { id: gathered.contract.id, number: gathered.contract.number } : null,
          corrects: null,
          receiptNumbers: gathered.receiptNumbers,
          preOrderNumber: gathered.preOrderNumber,
          lines: lines.map(({ saleLineId: _s, correctsLineId: _c, ...l }) => l),
          ...summarise(lines),
          notes: draft.notes,
          customFields: custom.values,
        });
        const issuedAt = new Date();
        const amounts = this.#amounts(gathered.lines, gathered.paidAtTill);
        await tx.invoiceLine.deleteMany({ where: { invoiceId: id } });
        await tx.invoice.update({
          where: { id },
          data: {
            status: 'issued',
            contractId: gathered.contract?.id ?? null,
            number,
            displayNumber: document.displayNumber,
            issueDate,
            supplyDate,
            dueDate,
            paymentTermsDays,
            document: JSON.stringify(document),
            issuedById: auth.userId,
            issuedAt,
            ...amounts,
            lines: { create: this.#lineRows(gathered.lines) },
          },
        });
        await writeValues(tx, id, custom.stored);
        await this.#queue(tx, 'invoice', { id, customerId: draft.customerId, issuedAt, paidAtTill: amounts.paidAtTill, document, creditedPositions: [] });
        for (const saleId of draft.saleIds) await tx.invoiceSale.create({ data: { saleId, invoiceId: id } });
        await writeAudit(tx, { outletId: this.outlet.id, userId: auth.userId, action: 'invoice-issue', entityType: 'invoice', entityId: id, details: { number: document.displayNumber, customerId: draft.customerId, gross: document.totals.gross } });
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw new AppError(409, 'sale-already-invoiced', 'A receipt of this invoice was invoiced meanwhile', [{ path: 'body.saleIds', message: 'invoiced already' }]);
      throw err;
    }
    return this.view(id);
  }

  /** Issues a credit note for an issued invoice: the lines asked (a quantity of each), or everything not credited yet. */
  async creditNote(auth: AuthContext, invoiceId: string, req: CreditNoteRequest): Promise<Created<InvoiceView>> {
    const fingerprint = requestFingerprint({ invoiceId, request: req });
    const storedBefore = async () => (await this.db.invoice.findUnique({ where: { id: req.id }, select: { id: true } })) !== null;
    if (await this.#requests.isReplay('credit-note', req.id, fingerprint, storedBefore, 'credit note')) return { view: await this.view(req.id), replayed: true };
    await this.db.$transaction(async (tx) => {
      const invoice = await tx.invoice.findUnique({ where: { id: invoiceId }, include: { lines: { orderBy: { position: 'asc' } } } });
      if (!invoice || invoice.kind !== 'invoice') throw notFound('invoice-not-found', 'No such invoice', [{ path: 'params.id', message: 'unknown invoice' }]);
      if (invoice.status !== 'issued') throw new AppError(409, 'invoice-not-issued', 'Only an issued invoice is credited: change the draft instead', [{ path: 'params.id', message: 'a draft' }]);
      const original = await loadInvoiceDocument(tx, invoiceId);
      const issueDate = req.issueDate ?? this.#today();
      if (issueDate < original.issueDate) throw badRequest('issue-date-before-invoice', `A credit note cannot be dated before the invoice it corrects (${original.issueDate})`, [{ path: 'body.issueDate', message: 'before the invoice' }]);
      const credited = await tx.invoiceLine.findMany({ where: { correctsLineId: { in: invoice.lines.map((l) => l.id) } } });
      const left = new Map(invoice.lines.map((l) => [l.id, { quantityMilli: l.quantityMilli, gross: l.gross, vat: l.vat }]));
      for (const c of credited) {
        const rest = left.get(c.correctsLineId!)!;
        rest.quantityMilli -= c.quantityMilli;
        rest.gross -= c.gross;
        rest.vat -= c.vat;
      }
      const asked = req.lines ?? invoice.lines.filter((l) => left.get(l.id)!.quantityMilli > 0).map((l) => ({ position: l.position, quantityMilli: left.get(l.id)!.quantityMilli }));
      if (!asked.length) throw badRequest('credit-above-invoiced', `Invoice ${invoice.displayNumber} is credited in full already`, [{ path: 'body.lines', message: 'nothing left to credit' }]);
      const lines: PricedLine[] = asked.map((a, i) => {
        const line = invoice.lines.find((l) => l.position === a.position);
        if (!line) throw badRequest('invoice-line-not-found', `Invoice ${invoice.displayNumber} has no line ${a.position}`, [{ path: `body.lines.${i}.position`, message: 'no such line' }]);
        const rest = left.get(line.id)!;
        if (a.quantityMilli > rest.quantityMilli) {
          throw badRequest('credit-above-invoiced', `Line ${a.position} of invoice ${invoice.displayNumber} has ${rest.quantityMilli / 1000} left to credit`, [{ path: `body.lines.${i}.quantityMilli`, message: `at most ${rest.quantityMilli}` }], { position: a.position, creditableMilli: rest.quantityMilli });
        }
        // The last of a line takes what is left of its amounts, so a line credited in parts adds up to it exactly.
        const whole = a.quantityMilli === rest.quantityMilli;
        const gross = whole ? rest.gross : Math.min(rest.gross, mulDivRoundHalfUp(line.gross, a.quantityMilli, line.quantityMilli));
        const vat = whole ? rest.vat : Math.min(rest.vat, mulDivRoundHalfUp(line.vat, a.quantityMilli, line.quantityMilli));
        return withAmounts(
          { productId: line.productId, sku: line.sku, description: line.description, unit: line.unit as Unit, quantityMilli: a.quantityMilli, unitPriceGross: line.unitPriceGross, taxRateBp: line.taxRateBp, discount: Math.max(0, mulDivRoundHalfUp(line.discount, a.quantityMilli, line.quantityMilli)), saleLineId: null, correctsLineId: line.id },
          gross,
          vat,
        );
      });
      this.#requests.record('credit-note', req.id, fingerprint, 'credit note');
      const series = this.#settings.creditNoteSeries;
      const number = await this.#nextNumber(tx, series);
      const document: InvoiceDocument = InvoiceDocumentSchema.parse({
        ...original,
        kind: 'credit-note',
        id: req.id,
        series,
        number,
        displayNumber: displayNumber(series, number),
        issueDate,
        supplyDate: original.supplyDate,
        dueDate: issueDate,
        paymentTermsDays: 0,
        corrects: { id: invoiceId, displayNumber: original.displayNumber, issueDate: original.issueDate },
        lines: lines.map(({ saleLineId: _s, correctsLineId: _c, ...l }, i) => ({ ...l, position: i + 1 })),
        ...summarise(lines),
        notes: req.reason,
      });
      const issuedAt = new Date();
      await tx.invoice.create({
        data: {
          id: req.id,
          outletId: this.outlet.id,
          kind: 'credit-note',
          status: 'issued',
          series,
          number,
          displayNumber: document.displayNumber,
          customerId: invoice.customerId,
          correctsId: invoiceId,
          issueDate,
          supplyDate: document.supplyDate,
          dueDate: issueDate,
          paymentTermsDays: 0,
          currency: invoice.currency,
          document: JSON.stringify(document),
          draft: JSON.stringify({ reason: req.reason }),
          createdById: auth.userId,
          issuedById: auth.userId,
          issuedAt,
          ...this.#amounts(lines, 0),
          lines: { create: this.#lineRows(lines) },
        },
      });
      const positionOf = new Map(invoice.lines.map((l) => [l.id, l.position]));
      await this.#queue(tx, 'credit-note', { id: req.id, customerId: invoice.customerId, issuedAt, paidAtTill: 0, document, creditedPositions: lines.map((l) => positionOf.get(l.correctsLineId!)!) });
      await writeAudit(tx, { outletId: this.outlet.id, userId: auth.userId, action: 'credit-note-issue', entityType: 'invoice', entityId: req.id, details: { number: document.displayNumber, corrects: original.displayNumber, gross: document.totals.gross, reason: req.reason } });
    });
    return { view: await this.view(req.id), replayed: false };
  }

  async view(id: string): Promise<InvoiceView> {
    const invoice = await this.db.invoice.findUnique({ where: { id }, include: { lines: { orderBy: { position: 'asc' } }, sales: true } });
    if (!invoice) throw notFound('invoice-not-found', 'No such invoice', [{ path: 'params.id', message: 'unknown invoice' }]);
    const [customer, creditNotes, corrects] = await Promise.all([
      this.db.customer.findUnique({ where: { id: invoice.customerId }, select: { id: true, name: true } }),
      this.db.invoice.findMany({ where: { correctsId: id }, orderBy: { number: 'asc' }, select: { id: true, displayNumber: true, gross: true } }),
      invoice.correctsId ? this.db.invoice.findUnique({ where: { id: invoice.correctsId }, select: { id: true, displayNumber: true } }) : null,
    ]);
    const [figures] = await invoiceBalances(this.db, { ids: [id] });
    const draft = InvoiceDraftSchema.partial().parse(JSON.parse(invoice.draft));
    return {
      ...this.#summary(invoice, customer, figures),
      lines: invoice.lines.map((l) => ({ position: l.position, productId: l.productId, sku: l.sku, description: l.description, unit: l.unit as Unit, quantityMilli: l.quantityMilli, unitPriceGross: l.unitPriceGross, taxRateBp: l.taxRateBp, discount: l.discount, net: l.net, vat: l.vat, gross: l.gross })),
      saleIds: invoice.status === 'issued' ? invoice.sales.map((s) => s.saleId) : (draft.saleIds ?? []),
      corrects: corrects ? { id: corrects.id, displayNumber: corrects.displayNumber! } : null,
      contract: invoice.document ? InvoiceDocumentSchema.shape.contract.parse(JSON.parse(invoice.document).contract) : null,
      creditNotes: creditNotes.map((c) => ({ id: c.id, displayNumber: c.displayNumber!, gross: c.gross })),
      customFields: invoice.document ? InvoiceDocumentSchema.shape.customFields.parse(JSON.parse(invoice.document).customFields) : (draft.customFields ?? {}),
    };
  }

  /** Invoices and credit notes, newest first, of the customers `seen` (undefined: of everyone). */
  async list(query: { customerId?: string; kind?: 'invoice' | 'credit-note'; status?: 'draft' | 'issued'; overdue?: boolean; settlement?: 'open' | 'paid'; from?: string; to?: string; limit: number }, seen?: { in: string[] }) {
    const today = this.#today();
    // Balances are worked out after the rows are read: a filter on them reads every row it may keep.
    const byBalance = query.overdue || query.settlement;
    const rows = await this.db.invoice.findMany({
      where: {
        outletId: this.outlet.id,
        customerId: { ...seen, ...(query.customerId ? { equals: query.customerId } : {}) },
        ...(query.kind ? { kind: query.kind } : {}),
        ...(query.overdue ? { status: 'issued', kind: 'invoice', dueDate: { lt: today } } : query.settlement ? { status: 'issued', kind: 'invoice' } : query.status ? { status: query.status } : {}),
        ...(query.from || query.to ? { issueDate: { ...(query.from ? { gte: query.from } : {}), ...(query.to ? { lte: query.to } : {}) } } : {}),
      },
      orderBy: [{ createdAt: 'desc' }],
      take: byBalance ? undefined : query.limit,
    });
    const figures = new Map((await invoiceBalances(this.db, { ids: rows.map((r) => r.id) })).map((f) => [f.id, f]));
    const customers = new Map((await this.db.customer.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.customerId))] } }, select: { id: true, name: true } })).map((c) => [c.id, c]));
    const items = rows
      .map((r) => this.#summary(r, customers.get(r.customerId) ?? null, figures.get(r.id)))
      .filter((i) => (!query.overdue || i.overdueDays !== null) && (!query.settlement || (query.settlement === 'open') === i.balance > 0));
    return { items: items.slice(0, query.limit) };
  }

  #summary(
    invoice: { id: string; kind: string; status: string; series: string; number: number | null; displayNumber: string | null; customerId: string; issueDate: string | null; supplyDate: string | null; dueDate: string | null; paymentTermsDays: number; currency: string; net: number; vat: number; gross: number; paidAtTill: number; preOrderId: string | null; correctsId: string | null; draft: string; document: string | null },
    customer: { id: string; name: string } | null,
    figures: InvoiceFigures | undefined,
  ) {
    const notes = invoice.document ? InvoiceDocumentSchema.shape.notes.parse(JSON.parse(invoice.document).notes) : String(JSON.parse(invoice.draft).notes ?? JSON.parse(invoice.draft).reason ?? '');
    const balance = figures?.balance ?? 0;
    const overdueDays = invoice.status === 'issued' && invoice.kind === 'invoice' && balance > 0 && invoice.dueDate && invoice.dueDate < this.#today() ? daysBetween(invoice.dueDate, this.#today()) : null;
    return {
      id: invoice.id,
      kind: invoice.kind as 'invoice' | 'credit-note',
      status: invoice.status as 'draft' | 'issued',
      series: invoice.series,
      number: invoice.number,
      displayNumber: invoice.displayNumber,
      customer: customer ?? { id: invoice.customerId, name: '' },
      issueDate: invoice.issueDate,
      supplyDate: invoice.supplyDate,
      dueDate: invoice.dueDate,
      paymentTermsDays: invoice.paymentTermsDays,
      currency: invoice.currency,
      totals: { net: invoice.net, vat: invoice.vat, gross: invoice.gross },
      paidAtTill: invoice.paidAtTill,
      credited: figures?.credited ?? 0,
      paid: figures?.paid ?? 0,
      balance,
      overdueDays,
      preOrderId: invoice.preOrderId,
      notes,
    };
  }

  /**
   * An invoice's custom field values checked against the outlet's invoice fields: a draft's as far
   * as given, at issue with defaults filled in and the required ones demanded. The values are the
   * document's (frozen with it) and the value table's (filters and the fields' type checks see them).
   */
  #customFields(given: CustomFieldValues, issuing: boolean) {
    const fields = fieldsOf(sqliteOf(this.db), 'invoice');
    const stored = checkValues(fields, given, { creating: issuing, path: 'body.customFields' });
    return { stored, values: valuesByKey(fields, stored) };
  }

  async #draftRow(tx: Tx, id: string) {
    const row = await tx.invoice.findUnique({ where: { id } });
    if (!row) throw notFound('invoice-not-found', 'No such invoice', [{ path: 'params.id', message: 'unknown invoice' }]);
    if (row.status !== 'draft') throw new AppError(409, 'invoice-issued', `Invoice ${row.displayNumber} is issued: it is never changed; issue a credit note instead`, [{ path: 'params.id', message: 'issued' }]);
    return row;
  }

  /** A draft's rules: a known customer (a company where the seller's country requires one), dates in order, lines that price. */
  async #check(tx: Tx, draft: InvoiceDraft, issueDate?: string) {
    const customer = await tx.customer.findUnique({ where: { id: draft.customerId }, select: { kind: true, companyCode: true, mergedIntoId: true, name: true } });
    if (!customer || customer.mergedIntoId) throw notFound('customer-not-found', 'Unknown customer', [{ path: 'body.customerId', message: 'unknown customer' }]);
    const required = this.#settings.buyerCompanyRequired ?? (COUNTRIES_REQUIRING_BUYER_COMPANY as readonly string[]).includes(this.#settings.seller.country);
    if (required && (customer.kind !== 'company' || !customer.companyCode)) {
      throw badRequest('buyer-company-required', `An invoice in ${this.#settings.seller.country} names a company buyer with its registration code: ${customer.name} has none`, [{ path: 'body.customerId', message: 'not a company with a company code' }]);
    }
    if (draft.issueDate && draft.dueDate && draft.dueDate < draft.issueDate) {
      throw badRequest('due-date-before-issue-date', `The due date ${draft.dueDate} is before the issue date ${draft.issueDate}`, [{ path: 'body.dueDate', message: 'before the issue date' }]);
    }
    const contract = await this.#contract(tx, draft, issueDate ?? draft.issueDate ?? this.#today());
    const gathered = await gatherLines(tx, { id: this.outlet.id, timezone: this.outlet.view.timezone }, draft, contract?.prices ?? new Map());
    const gross = gathered.lines.reduce((s, l) => s + l.gross, 0);
    if (gross > MoneySchema.maxValue!) throw badRequest('invoice-too-large', 'The invoice totals more than one document can', [{ path: 'body.lines', message: 'total too large' }]);
    return { ...gathered, contract };
  }

  /** The contract named, which must be the customer's and running on the day; else the one running then, if any. */
  async #contract(tx: Tx, draft: InvoiceDraft, day: string) {
    if (!draft.contractId) return contractOn(tx, draft.customerId, day);
    const named = await tx.contract.findUnique({ where: { id: draft.contractId }, select: { customerId: true, number: true, startDate: true, endDate: true } });
    if (!named) throw notFound('contract-not-found', 'No such contract', [{ path: 'body.contractId', message: 'unknown contract' }]);
    if (named.customerId !== draft.customerId) throw badRequest('contract-of-another-customer', `Contract ${named.number} is another customer's`, [{ path: 'body.contractId', message: 'another customer' }]);
    if (day < named.startDate || day > named.endDate) throw badRequest('contract-not-running', `Contract ${named.number} runs from ${named.startDate} to ${named.endDate}, not on ${day}`, [{ path: 'body.contractId', message: 'not running on the issue day' }]);
    return contractOn(tx, draft.customerId, day);
  }

  /** The seller and the buyer as they are today, as a document made now names them. */
  async parties(tx: Db | Tx, customerId: string): Promise<{ seller: InvoiceParty; buyer: InvoiceParty; language: Locale }> {
    const s = this.#settings.seller;
    const outletRow = await tx.outlet.findUniqueOrThrow({ where: { id: this.outlet.id }, select: { name: true, address: true } });
    const customer = await tx.customer.findUniqueOrThrow({ where: { id: customerId }, include: { contacts: { orderBy: { name: 'asc' } } } });
    const contactEmail = customer.contacts.find((c) => c.email)?.email ?? null;
    return {
      seller: { name: s.name || outletRow.name, companyCode: s.companyCode, vatCode: s.vatCode, address: s.address || outletRow.address, country: s.country, bankAccount: s.bankAccount, email: s.email },
      buyer: { name: customer.name, companyCode: customer.companyCode, vatCode: customer.vatCode, address: customer.address, country: s.country, bankAccount: null, email: customer.email ?? contactEmail },
      language: documentLanguage(customer.locale, this.outlet.view.locale),
    };
  }

  /** Queues an issued invoice or credit note for head office, in its issuing transaction. */
  async #queue(tx: Tx, type: 'invoice' | 'credit-note', synced: Omit<SyncedInvoice, 'outletId' | 'issuedAt'> & { issuedAt: Date }): Promise<void> {
    const payload: SyncedInvoice = { ...synced, outletId: this.outlet.id, issuedAt: synced.issuedAt.toISOString() };
    await queueForHeadOffice(tx, { type, documentId: synced.id, outletId: this.outlet.id, payload, createdAt: synced.issuedAt });
  }

  /** The series' next number, taken in the caller's transaction: it rolls back with it, so numbers have no gaps. */
  async #nextNumber(tx: Tx, series: string): Promise<number> {
    const row = await tx.invoiceSeries.upsert({
      where: { outletId_series: { outletId: this.outlet.id, series } },
      create: { outletId: this.outlet.id, series, last: 1 },
      update: { last: { increment: 1 } },
    });
    return row.last;
  }

  #amounts(lines: PricedLine[], paidAtTill: number) {
    const { totals } = summarise(lines);
    return { net: totals.net, vat: totals.vat, gross: totals.gross, paidAtTill: Math.min(paidAtTill, totals.gross) };
  }

  #lineRows(lines: PricedLine[]) {
    return lines.map((l, i) => ({ id: newId(), position: i + 1, productId: l.productId, sku: l.sku, description: l.description, unit: l.unit, quantityMilli: l.quantityMilli, unitPriceGross: l.unitPriceGross, taxRateBp: l.taxRateBp, discount: l.discount, net: l.net, vat: l.vat, gross: l.gross, saleLineId: l.saleLineId, correctsLineId: l.correctsLineId }));
  }
}
