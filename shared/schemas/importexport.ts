import { z } from 'zod';
import { CustomerFilterSchema } from './customers.ts';

export const IMPORT_FIELDS = ['name', 'phone', 'email', 'card', 'birthday', 'category', 'address', 'notes', 'locale'] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

const MappingSchema = z.partialRecord(z.enum(IMPORT_FIELDS), z.string().max(200));

/** Options of a customer import, sent in the query string next to the file in the body. */
export const CustomerImportQuerySchema = z.object({
  fileName: z.string().max(200).default('customers.csv'),
  encoding: z.enum(['utf-8', 'windows-1251', 'windows-1257', 'windows-1252', 'windows-1250', 'iso-8859-13', 'koi8-r', 'utf-16le']).optional(),
  delimiter: z.enum([',', ';', '\t', '|']).optional(),
  /** JSON object: field → column header. Suggested from the headers when absent. */
  mapping: z
    .string()
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'mapping must be JSON' });
        return z.NEVER;
      }
    })
    .pipe(MappingSchema)
    .optional(),
  key: z.enum(['card', 'phone', 'email']).default('card'),
  onExisting: z.enum(['update', 'skip']).default('update'),
  dryRun: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
});
export type CustomerImportOptions = z.infer<typeof CustomerImportQuerySchema>;

/** The report lists this many rejected rows; all of them can be downloaded. */
export const REPORTED_REJECTS = 1_000;

export const CustomerImportReportSchema = z.object({
  importId: z.string(),
  encoding: z.string(),
  delimiter: z.string().nullable(),
  rows: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  skipped: z.number().int(),
  rejectedCount: z.number().int(),
  /** The first REPORTED_REJECTS rejected rows. */
  rejected: z.array(z.object({ row: z.number().int(), reasons: z.array(z.string()) })),
  dryRun: z.boolean(),
});
export type CustomerImportReport = z.infer<typeof CustomerImportReportSchema>;

/** A preview reads no more of a CSV than this: the back office sends only this head of a bigger file. */
export const PREVIEW_HEAD_BYTES = 1024 * 1024;

/** The first rows of a file, and how many rows it has (of a CSV: in its first PREVIEW_HEAD_BYTES). */
export const ImportPreviewSchema = z.object({
  encoding: z.string(),
  delimiter: z.string().nullable(),
  headers: z.array(z.string()),
  rows: z.array(z.array(z.string())),
  total: z.number().int(),
  suggestedMapping: MappingSchema,
});

export const CustomerExportQuerySchema = CustomerFilterSchema.extend({ format: z.enum(['csv', 'xlsx']).default('csv'), q: z.string().trim().max(100).optional() });

export const ImportRunViewSchema = z.object({
  id: z.string(),
  fileName: z.string(),
  dryRun: z.boolean(),
  status: z.enum(['running', 'done', 'failed', 'undoing', 'undone']),
  createdAt: z.string(),
  createdBy: z.string(),
  created: z.number().int(),
  updated: z.number().int(),
  skipped: z.number().int(),
  rejectedCount: z.number().int(),
});
export const ImportRunListSchema = z.object({ items: z.array(ImportRunViewSchema) });
export const UndoImportResultSchema = z.object({ removed: z.number().int(), restored: z.number().int(), kept: z.number().int() });

/** Saved import settings for files that always come in the same shape. */
export const ImportTemplateInputSchema = z.object({
  name: z.string().trim().min(1).max(80),
  mapping: MappingSchema,
  key: z.enum(['card', 'phone', 'email']),
  onExisting: z.enum(['update', 'skip']),
  encoding: CustomerImportQuerySchema.shape.encoding,
  delimiter: CustomerImportQuerySchema.shape.delimiter,
});
export const ImportTemplateSchema = ImportTemplateInputSchema.extend({ id: z.string() });
export const ImportTemplateListSchema = z.object({ items: z.array(ImportTemplateSchema) });

export const PRODUCT_IMPORT_FIELDS = ['sku', 'name', 'price', 'cost', 'barcode', 'category', 'tax', 'unit'] as const;
export type ProductImportField = (typeof PRODUCT_IMPORT_FIELDS)[number];
const ProductMappingSchema = z.partialRecord(z.enum(PRODUCT_IMPORT_FIELDS), z.string().max(200));

/** Options of a product (price list) import. */
export const ProductImportQuerySchema = CustomerImportQuerySchema.omit({ mapping: true, key: true }).extend({
  mapping: CustomerImportQuerySchema.shape.mapping.unwrap().in.pipe(ProductMappingSchema).optional(),
  key: z.enum(['sku', 'barcode']).default('sku'),
});
export type ProductImportOptions = z.infer<typeof ProductImportQuerySchema>;
export const ProductImportReportSchema = CustomerImportReportSchema;
export type ProductImportReport = z.infer<typeof ProductImportReportSchema>;
export const ProductExportQuerySchema = z.object({ format: z.enum(['csv', 'xlsx']).default('csv') });
export const ImportListQuerySchema = z.object({ kind: z.enum(['customers', 'products']).default('customers') });
