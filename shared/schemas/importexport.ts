import { z } from 'zod';
import { CustomerFilterSchema } from './customers.ts';
import { CustomFieldKeySchema } from './custom-fields.ts';
import { jsonParameter } from './common.ts';

/** Customer fields a column can be mapped to. Name parts are joined into the name; company columns make a company. */
export const IMPORT_FIELDS = [
  'name', 'firstName', 'middleName', 'lastName', 'company', 'companyCode', 'vatCode',
  'phone', 'phone2', 'phone3', 'email', 'card', 'birthday', 'registeredOn', 'category', 'address', 'notes', 'locale',
  'openingSpend', 'openingPoints', 'giftCard', 'giftCardBalance',
  'contactName', 'contactRole', 'contactPhone', 'contactEmail',
  /** The customer's status in the owner's funnel, by its name. */
  'status',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** Customer fields an update may fill or overwrite; the others (cards, phones beyond the first, opening balances, contacts) are added. */
export const UPDATABLE_FIELDS = ['name', 'phone', 'email', 'birthday', 'category', 'address', 'notes', 'companyCode', 'vatCode', 'locale'] as const;
export type UpdatableField = (typeof UPDATABLE_FIELDS)[number];

/** How a row that matches an existing customer changes a field: only when it is empty, or whenever the cell is filled. An empty cell never blanks a field. */
export const UPDATE_RULES = ['fill-empty', 'overwrite'] as const;
export type UpdateRule = (typeof UPDATE_RULES)[number];

/** The encodings a text file is read in. */
export const TEXT_ENCODINGS = [
  'utf-8', 'utf-16le', 'utf-16be', 'windows-1250', 'windows-1251', 'windows-1252', 'windows-1257',
  'koi8-r', 'koi8-u', 'iso-8859-2', 'iso-8859-13', 'gbk', 'gb18030', 'big5',
] as const;
export type TextEncoding = (typeof TEXT_ENCODINGS)[number];

/** How dates are written: day first (31.12.1980, 31/12/1980), month first (12/31/1980), year first (1980/12/31), or Excel day numbers. ISO days read in every one. */
export const DATE_FORMATS = ['dmy', 'mdy', 'ymd', 'serial'] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];

const MappingSchema = z.partialRecord(z.enum(IMPORT_FIELDS), z.string().max(200));


/** A file's values of a column and what each stands for here (a category code, or "" for none). */
const ValueTableSchema = z.record(z.string().max(200), z.string().max(40)).refine((table) => Object.keys(table).length <= 500, 'at most 500 values');

/** Options of any import, sent in the query string next to the file in the body. */
const FileImportQuerySchema = z.object({
  fileName: z.string().max(200).default('customers.csv'),
  encoding: z.enum(TEXT_ENCODINGS).optional(),
  delimiter: z.enum([',', ';', '\t', '|']).optional(),
  /** The sheet of a workbook to read (the first shown by default). */
  sheet: z.string().max(100).optional(),
  /** A row that cannot be read (a stray quote, too few or too many cells): reported and the rest imported, or nothing imported. */
  malformed: z.enum(['skip', 'stop']).default('skip'),
  onExisting: z.enum(['update', 'skip']).default('update'),
  dryRun: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
});

/** Options of a customer import. */
export const CustomerImportQuerySchema = FileImportQuerySchema.extend({
  /** JSON object: field → column header. Suggested from the headers when absent. */
  mapping: jsonParameter('mapping', MappingSchema).optional(),
  key: z.enum(['card', 'phone', 'email']).default('card'),
  /** How an update changes a field, unless fieldRules says otherwise for it. */
  updateRule: z.enum(UPDATE_RULES).default('overwrite'),
  /** JSON object: field → its own update rule. */
  fieldRules: jsonParameter('fieldRules', z.partialRecord(z.enum(UPDATABLE_FIELDS), z.enum(UPDATE_RULES))).optional(),
  /** JSON object: a category cell's value → the customer category code it means ("" for none). */
  categoryValues: jsonParameter('categoryValues', ValueTableSchema).optional(),
  /** How the file writes dates; detected from its first rows when absent. */
  dateFormat: z.enum(DATE_FORMATS).optional(),
  /** JSON object: custom field key → column header; a column whose header is a field's key or label maps to it unasked. */
  customFields: jsonParameter('customFields', z.record(CustomFieldKeySchema, z.string().max(200))).optional(),
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
  /** The first REPORTED_REJECTS rejected rows (a CSV's by the line they start on, a sheet's by row). */
  rejected: z.array(z.object({ row: z.number().int(), reasons: z.array(z.string()) })),
  /** Rows taken into an earlier row of the file with the same key (one customer). */
  merged: z.number().int().default(0),
  /** Of the rejected rows, those that could not be read at all. */
  malformed: z.number().int().default(0),
  /** The sheet read, and the date format rows were read by. */
  sheet: z.string().nullable().default(null),
  dateFormat: z.enum(DATE_FORMATS).nullable().default(null),
  dryRun: z.boolean(),
});
export type CustomerImportReport = z.infer<typeof CustomerImportReportSchema>;

/** A preview reads no more of a CSV than this: the back office sends only this head of a bigger file. */
export const PREVIEW_HEAD_BYTES = 1024 * 1024;

/** The first rows of a file, and how many rows it has (of a CSV: in its first PREVIEW_HEAD_BYTES). */
export const ImportPreviewSchema = z.object({
  encoding: z.string(),
  /** Readings of a text file to compare (a wrong guess shows in them): each encoding with the first line beyond ASCII as it reads. */
  encodings: z.array(z.object({ encoding: z.enum(TEXT_ENCODINGS), sample: z.string() })),
  delimiter: z.string().nullable(),
  /** A workbook's sheets and the one shown. */
  sheets: z.array(z.string()).nullable(),
  sheet: z.string().nullable(),
  headers: z.array(z.string()),
  rows: z.array(z.array(z.string())),
  /** Rows that cannot be read, by line, with the reason. */
  malformed: z.array(z.object({ line: z.number().int(), reason: z.string() })),
  total: z.number().int(),
  suggestedMapping: MappingSchema,
  /** Each column that holds dates, with the format they are written in. */
  dateFormats: z.record(z.string(), z.enum(DATE_FORMATS)),
  /** The values of the suggested or chosen category column, for the value table (up to 200). */
  categoryValues: z.array(z.string()),
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
  sheet: CustomerImportQuerySchema.shape.sheet,
  dateFormat: CustomerImportQuerySchema.shape.dateFormat,
  updateRule: z.enum(UPDATE_RULES).optional(),
  fieldRules: z.partialRecord(z.enum(UPDATABLE_FIELDS), z.enum(UPDATE_RULES)).optional(),
  categoryValues: ValueTableSchema.optional(),
});
export const ImportTemplateSchema = ImportTemplateInputSchema.extend({ id: z.string() });
export const ImportTemplateListSchema = z.object({ items: z.array(ImportTemplateSchema) });

export const PRODUCT_IMPORT_FIELDS = ['sku', 'name', 'price', 'cost', 'barcode', 'category', 'tax', 'unit'] as const;
export type ProductImportField = (typeof PRODUCT_IMPORT_FIELDS)[number];
const ProductMappingSchema = z.partialRecord(z.enum(PRODUCT_IMPORT_FIELDS), z.string().max(200));

/** Options of a product (price list) import. */
export const ProductImportQuerySchema = FileImportQuerySchema.extend({
  mapping: jsonParameter('mapping', ProductMappingSchema).optional(),
  key: z.enum(['sku', 'barcode']).default('sku'),
});
export type ProductImportOptions = z.infer<typeof ProductImportQuerySchema>;
export const ProductImportReportSchema = CustomerImportReportSchema;
export type ProductImportReport = z.infer<typeof ProductImportReportSchema>;
export const ProductExportQuerySchema = z.object({ format: z.enum(['csv', 'xlsx']).default('csv') });
export const ImportListQuerySchema = z.object({ kind: z.enum(['customers', 'products']).default('customers') });

/** Head office's price list: the outlet's columns, and an outlet's code on a row that sets that outlet's own price. */
export const PRICE_LIST_FIELDS = [...PRODUCT_IMPORT_FIELDS, 'outlet'] as const;
export type PriceListImportField = (typeof PRICE_LIST_FIELDS)[number];

/** Options of a price list imported at head office: written all at once or not at all, so no row is skipped past. */
export const PriceListImportQuerySchema = ProductImportQuerySchema.omit({ malformed: true, mapping: true }).extend({
  fileName: z.string().max(200).default('price-list.csv'),
  mapping: jsonParameter('mapping', z.partialRecord(z.enum(PRICE_LIST_FIELDS), z.string().max(200))).optional(),
});
export type PriceListImportOptions = z.infer<typeof PriceListImportQuerySchema>;

export const PriceListPreviewSchema = ImportPreviewSchema.omit({ suggestedMapping: true }).extend({ suggestedMapping: z.partialRecord(z.enum(PRICE_LIST_FIELDS), z.string()) });

/** What a price list did at head office (or, in a dry run, would do). */
export const PriceListReportSchema = z.object({
  encoding: z.string(),
  delimiter: z.string().nullable(),
  sheet: z.string().nullable(),
  rows: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  /** Rows that set an outlet's own price. */
  outletPrices: z.number().int(),
  skipped: z.number().int(),
  rejectedCount: z.number().int(),
  /** The first REPORTED_REJECTS rejected rows by line (a sheet's by row), each reason naming its field. */
  rejected: z.array(z.object({ row: z.number().int(), reasons: z.array(z.string()) })),
  dryRun: z.boolean(),
  /** The applied import's record at head office (a real run only). */
  importId: z.string().optional(),
});
export type PriceListReport = z.infer<typeof PriceListReportSchema>;

/** A price list applied at head office, as its history lists it. */
export const PriceListImportRecordSchema = z.object({
  id: z.string(),
  importedAt: z.iso.datetime(),
  importedBy: z.string(),
  fileName: z.string(),
  encoding: z.string(),
  rows: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  outletPrices: z.number().int(),
  /** Prices the import set (the chain's and outlets' own). */
  prices: z.number().int(),
  undoneAt: z.iso.datetime().nullable(),
  undoneBy: z.string().nullable(),
});
export type PriceListImportRecord = z.infer<typeof PriceListImportRecordSchema>;
export const PriceListImportHistorySchema = z.object({ items: z.array(PriceListImportRecordSchema) });
export const PriceListImportHistoryQuerySchema = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) });

export const PriceListUndoRequestSchema = z.object({
  /** Also restore the prices of products changed again since the import. */
  force: z.boolean().default(false),
  /** Only report what the undo would do. */
  dryRun: z.boolean().default(false),
});

/** What undoing an import did (or, in a dry run, would do). */
export const PriceListUndoReportSchema = z.object({
  dryRun: z.boolean(),
  /** Prices put back as they were before the import: the chain's and outlets' own. */
  restored: z.number().int(),
  /** Products the import created. */
  created: z.number().int(),
  /** Products whose data the import changed (name, cost, unit, category, tax, price, added barcodes), put back as they were. */
  restoredProducts: z.number().int(),
  /** Products the import created, archived: they keep their history but no longer sell. */
  archived: z.number().int(),
  /**
   * The import was recorded before head office kept each product's data with it: only its prices
   * are put back, other changes stay and the products it created stay live.
   */
  pricesOnly: z.boolean(),
  /**
   * Products (or outlets' prices) changed again since the import, left as they are (unless forced,
   * then put back). The prices are null where the import did not set one (it changed other fields).
   */
  changedSince: z.array(z.object({ productId: z.string(), sku: z.string(), name: z.string(), outletCode: z.string().nullable(), importedPrice: z.number().int().nullable(), previousPrice: z.number().int().nullable() })),
});
export type PriceListUndoReport = z.infer<typeof PriceListUndoReportSchema>;
