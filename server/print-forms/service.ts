import fs from 'node:fs';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import type { ContractDocument } from '../../shared/invoicing/contract.ts';
import type { InvoiceDocument } from '../../shared/invoicing/document.ts';
import type { CustomerStatement } from '../../shared/invoicing/statement.ts';
import type { Locale } from '../../shared/locales.ts';
import { MAX_LOGO_BYTES, PRINT_FORM_TYPES, type PrintForm, type PrintFormList, type PrintFormType } from '../../shared/schemas/print-forms.ts';
import type { AuthContext } from '../auth/context.ts';
import { writeAudit } from '../audit/service.ts';
import { sqliteOf, type Db } from '../db/client.ts';
import type { CustomFieldType, CustomFieldValue } from '../../shared/schemas/custom-fields.ts';
import { fieldsOf } from '../custom-fields/definitions.ts';
import { valuesOf } from '../custom-fields/values.ts';
import { AppError, badRequest } from '../http/errors.ts';
import { thisOutlet } from '../outlet.ts';
import { PRINT_LABELS } from './labels.ts';
import { openImage, PageLimitError, renderPdf } from './pdf.ts';
import { sampleOf } from './samples.ts';
import { renderTemplate, TemplateError, type TemplateData } from './template.ts';

export type FormDocument = InvoiceDocument | CustomerStatement | ContractDocument;

const DEFAULTS_DIR = path.join(import.meta.dirname, 'defaults');
const DEFAULTS = Object.fromEntries(PRINT_FORM_TYPES.map((type) => [type, fs.readFileSync(path.join(DEFAULTS_DIR, `${type}.liquid`), 'utf8')])) as Record<PrintFormType, string>;

/** The template the product ships for a type, which "reset" goes back to. */
export function defaultTemplate(type: PrintFormType): string {
  return DEFAULTS[type];
}

/** What a template sees of a document: the document, an invoice's own fields, and for a statement each entry's label. */
function templateData(doc: FormDocument, customer: TemplateData['customer']): TemplateData {
  if (doc.kind !== 'statement') return { doc, customer, invoice: { fields: doc.kind === 'contract' ? {} : doc.customFields } };
  const labels = PRINT_LABELS[doc.language];
  const label = { invoice: labels.invoice, 'credit-note': labels.creditNote, 'paid-at-till': labels.paidAtTill, payment: labels.payment } as const;
  return { doc: { ...doc, entries: doc.entries.map((entry) => ({ ...entry, label: label[entry.kind] })) }, customer, invoice: { fields: {} } };
}

/** A value of each field for the sample documents, so a template naming a field that exists passes the check and one naming no field fails it. */
const SAMPLE_VALUES: Record<CustomFieldType, CustomFieldValue> = { text: 'K-2026/17', number: 12.5, money: 125_000, date: '2026-03-01', choice: '', 'yes-no': true };
function sampleFields(db: Db, entity: 'customer' | 'invoice'): Record<string, CustomFieldValue> {
  return Object.fromEntries(fieldsOf(sqliteOf(db), entity).map((f) => [f.key, f.type === 'choice' ? f.choices![0] : SAMPLE_VALUES[f.type]]));
}

/** The sample document of a type, an invoice with a value of each of the outlet's invoice fields. */
function sampleDocument(db: Db, type: PrintFormType, language: Locale): FormDocument {
  const doc = sampleOf(type, language);
  return doc.kind === 'invoice' ? { ...doc, customFields: sampleFields(db, 'invoice') } : doc;
}

function titleOf(doc: FormDocument): string {
  const labels = PRINT_LABELS[doc.language];
  if (doc.kind === 'statement') return `${labels.statement} ${doc.buyer.name} ${doc.from} – ${doc.to}`;
  if (doc.kind === 'contract') return `${labels.contract} ${doc.number}`;
  return `${doc.kind === 'invoice' ? labels.invoice : labels.creditNote} ${doc.displayNumber}`;
}

const refusal = (error: TemplateError, printing: boolean) =>
  printing
    ? new AppError(422, 'print-form-failed', `The saved print form cannot print this document: ${error.message}`, undefined, { line: error.line, reason: error.reason })
    : badRequest('invalid-print-form', error.line ? `The template cannot print: line ${error.line}: ${error.reason}` : `The template cannot print: ${error.reason}`, [{ path: 'body.template', message: error.message }], { line: error.line, reason: error.reason, fault: error.fault, subject: error.subject });

async function toPdf(template: string, doc: FormDocument, customer: TemplateData['customer'], logo: Buffer | null, strict: boolean, layout = true): Promise<Buffer | null> {
  try {
    const blocks = await renderTemplate(template, templateData(doc, customer), strict);
    return layout ? await renderPdf(blocks, { logo }, { title: titleOf(doc), language: doc.language }) : null;
  } catch (error) {
    if (error instanceof TemplateError) throw refusal(error, !strict);
    if (error instanceof PageLimitError) throw refusal(new TemplateError(null, error.message, 'too-large'), !strict);
    throw error;
  }
}

/** The image types a logo may be, by the bytes they start with. */
const LOGO_TYPES = {
  'image/png': (b: Buffer) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'image/jpeg': (b: Buffer) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
} as const;
const MAX_LOGO_PIXELS = 4096;

const invalidLogo = (message: string) => badRequest('invalid-logo', message, [{ path: 'body.dataUrl', message }]);

/**
 * Checks an uploaded logo: a PNG or JPEG data URL, at most MAX_LOGO_BYTES, whose bytes are the image
 * they say and which the PDF library can decode and place (a file named .png holding anything else,
 * a truncated image or a decompression bomb is refused here, not when an invoice prints).
 */
function decodeLogo(dataUrl: string): { mimeType: keyof typeof LOGO_TYPES; data: Buffer } {
  const match = /^data:(image\/png|image\/jpeg);base64,([A-Za-z0-9+/]+={0,2})$/.exec(dataUrl);
  if (!match) throw invalidLogo('The logo must be a PNG or JPEG image, sent as a data URL');
  const mimeType = match[1] as keyof typeof LOGO_TYPES;
  const data = Buffer.from(match[2], 'base64');
  if (data.length > MAX_LOGO_BYTES) throw new AppError(413, 'logo-too-large', `The logo is larger than ${MAX_LOGO_BYTES / 1024} KB`, [{ path: 'body.dataUrl', message: `at most ${MAX_LOGO_BYTES} bytes` }], { maxBytes: MAX_LOGO_BYTES, bytes: data.length });
  if (!LOGO_TYPES[mimeType](data)) throw invalidLogo(`The file is not a ${mimeType === 'image/png' ? 'PNG' : 'JPEG'} image`);
  try {
    const doc = new PDFDocument({ autoFirstPage: false });
    const image = openImage(doc, data);
    if (!(image.width > 0 && image.height > 0) || image.width > MAX_LOGO_PIXELS || image.height > MAX_LOGO_PIXELS) throw new Error('size');
    doc.addPage().image(data, 0, 0, { width: 10 });
    doc.end();
  } catch {
    throw invalidLogo(`The image cannot be read, or is larger than ${MAX_LOGO_PIXELS}×${MAX_LOGO_PIXELS} pixels`);
  }
  return { mimeType, data };
}

/**
 * The owner's print forms: a template per document type (or the shipped default), the logo they
 * place, the checks a template passes before it is kept, and the PDFs they make.
 */
export class PrintForms {
  constructor(private readonly db: Db) {}

  async #outletId(): Promise<string> {
    return (await thisOutlet(this.db)).id;
  }

  async #templateOf(type: PrintFormType): Promise<string> {
    const row = await this.db.printForm.findUnique({ where: { outletId_type: { outletId: await this.#outletId(), type } } });
    return row?.template ?? DEFAULTS[type];
  }

  async #logo(): Promise<Buffer | null> {
    const row = await this.db.printLogo.findUnique({ where: { outletId: await this.#outletId() } });
    return row ? Buffer.from(row.data) : null;
  }

  async list(): Promise<PrintFormList> {
    const outletId = await this.#outletId();
    const rows = await this.db.printForm.findMany({ where: { outletId } });
    const logo = await this.db.printLogo.findUnique({ where: { outletId }, select: { mimeType: true, data: true, updatedAt: true } });
    return {
      items: PRINT_FORM_TYPES.map((type) => {
        const row = rows.find((r) => r.type === type);
        return { type, template: row?.template ?? DEFAULTS[type], customised: !!row, updatedAt: row?.updatedAt.toISOString() ?? null };
      }),
      logo: logo ? { mimeType: logo.mimeType, bytes: logo.data.length, updatedAt: logo.updatedAt.toISOString() } : null,
    };
  }

  async get(type: PrintFormType): Promise<PrintForm> {
    return (await this.list()).items.find((item) => item.type === type)!;
  }

  /**
   * Checks a template against the sample document of its type in every language (an unknown
   * placeholder or filter, a syntax error, markup that cannot be laid out): the refusal names the
   * line and the reason. Nothing else is checked by printing it.
   */
  async check(type: PrintFormType, template: string): Promise<void> {
    // Laid out once: the languages differ in their words, not in the blocks they make.
    const customer = { fields: sampleFields(this.db, 'customer') };
    for (const language of Object.keys(PRINT_LABELS) as Locale[]) await toPdf(template, sampleDocument(this.db, type, language), customer, null, true, language === 'en');
  }

  async preview(type: PrintFormType, template: string, language: Locale): Promise<Buffer> {
    return (await toPdf(template, sampleDocument(this.db, type, language), { fields: sampleFields(this.db, 'customer') }, await this.#logo(), true))!;
  }

  async save(auth: AuthContext, type: PrintFormType, template: string): Promise<PrintForm> {
    await this.check(type, template);
    const outletId = await this.#outletId();
    await this.db.$transaction(async (tx) => {
      const before = await tx.printForm.findUnique({ where: { outletId_type: { outletId, type } } });
      await tx.printForm.upsert({ where: { outletId_type: { outletId, type } }, create: { outletId, type, template, updatedBy: auth.userId }, update: { template, updatedBy: auth.userId } });
      await writeAudit(tx, { outletId, userId: auth.userId, action: 'print-form-change', entityType: 'print-form', entityId: type, details: { customisedBefore: !!before, length: template.length } });
    });
    return this.get(type);
  }

  async reset(auth: AuthContext, type: PrintFormType): Promise<PrintForm> {
    const outletId = await this.#outletId();
    await this.db.$transaction(async (tx) => {
      const { count } = await tx.printForm.deleteMany({ where: { outletId, type } });
      if (count) await writeAudit(tx, { outletId, userId: auth.userId, action: 'print-form-reset', entityType: 'print-form', entityId: type });
    });
    return this.get(type);
  }

  async setLogo(auth: AuthContext, dataUrl: string): Promise<PrintFormList['logo']> {
    const { mimeType, data } = decodeLogo(dataUrl);
    const outletId = await this.#outletId();
    await this.db.$transaction(async (tx) => {
      await tx.printLogo.upsert({ where: { outletId }, create: { outletId, mimeType, data: new Uint8Array(data) }, update: { mimeType, data: new Uint8Array(data) } });
      await writeAudit(tx, { outletId, userId: auth.userId, action: 'print-logo-change', entityType: 'print-logo', entityId: outletId, details: { mimeType, bytes: data.length } });
    });
    return (await this.list()).logo;
  }

  async removeLogo(auth: AuthContext): Promise<void> {
    const outletId = await this.#outletId();
    await this.db.$transaction(async (tx) => {
      const { count } = await tx.printLogo.deleteMany({ where: { outletId } });
      if (count) await writeAudit(tx, { outletId, userId: auth.userId, action: 'print-logo-remove', entityType: 'print-logo', entityId: outletId });
    });
  }

  async logoFile(): Promise<{ mimeType: string; data: Buffer } | null> {
    const row = await this.db.printLogo.findUnique({ where: { outletId: await this.#outletId() } });
    return row ? { mimeType: row.mimeType, data: Buffer.from(row.data) } : null;
  }

  /** A document as PDF through the outlet's template for its type, in the document's language, with its customer's custom fields (null: none). */
  async pdf(doc: FormDocument, customerId: string | null): Promise<Buffer> {
    const sql = sqliteOf(this.db);
    const fields = customerId ? (valuesOf(sql, fieldsOf(sql, 'customer'), [customerId]).get(customerId) ?? {}) : {};
    return (await toPdf(await this.#templateOf(doc.kind), doc, { fields }, await this.#logo(), false))!;
  }
}

/**
 * An issued invoice or credit note as PDF, through the outlet's template for its kind. An issued
 * document prints as it was issued: the customer's custom fields, which change, are not on it; its
 * own fields, frozen with it, are (`invoice.fields.key`).
 */
export function renderInvoicePdf(db: Db, doc: InvoiceDocument): Promise<Buffer> {
  return new PrintForms(db).pdf(doc, null);
}

/** A customer's statement as PDF, through the outlet's statement template. */
export function renderStatementPdf(db: Db, doc: CustomerStatement): Promise<Buffer> {
  return new PrintForms(db).pdf(doc, doc.customerId);
}

/** A contract as PDF, through the outlet's contract template. */
export async function renderContractPdf(db: Db, doc: ContractDocument): Promise<Buffer> {
  const contract = await db.contract.findUnique({ where: { id: doc.id }, select: { customerId: true } });
  return new PrintForms(db).pdf(doc, contract?.customerId ?? null);
}
