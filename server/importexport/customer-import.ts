import type Database from 'better-sqlite3';
import { newId } from '../../shared/ids.ts';
import type { CountryCode } from '../../shared/phone.ts';
import type { CustomerImportOptions, CustomerImportReport, DateFormat, ImportField, UpdatableField, UpdateRule } from '../../shared/schemas/importexport.ts';
import { IMPORT_FIELDS } from '../../shared/schemas/importexport.ts';
import type { AuthContext } from '../auth/context.ts';
import { sqliteOf, type Db } from '../db/client.ts';
import { statement } from '../db/statements.ts';
import { AppError } from '../http/errors.ts';
import type { OutletInfo } from '../outlet.ts';
import { MoveRules } from '../crm/funnel/rules.ts';
import { funnelDefinition } from '../crm/funnel/statuses.ts';
import { CustomerBatchWriter, type PlannedCustomer } from './customer-import-writer.ts';
import { readCustomerRow, type IncomingCustomer } from './customer-rows.ts';
import { detectDateFormat } from './dates.ts';
import { IMPORT_BATCH, ImportRun } from './import-run.ts';
import type { TableRow } from './csv-records.ts';
import type { TableStream } from './table.ts';

import { suggestMapping } from './header-aliases.ts';
import { currencyDigits } from '../../shared/money.ts';
import { fieldsOf } from '../custom-fields/definitions.ts';
import { customFieldColumns, readFieldCell } from '../custom-fields/import-cells.ts';
import { toColumns, type StoredValue } from '../custom-fields/values.ts';
import { customerEditIssues } from '../customers/sync-edits.ts';

export { suggestMapping };

/** Rows read ahead to tell the date format of a file whose format was not given. */
const DATE_DETECTION_ROWS = 1_000;

/** The columns' date format: the one given, else the one the first rows' birthdays and registration days are written in. */
function dateFormatOf(rows: string[][], columns: number[], locale: string, workbook: boolean, given?: DateFormat): DateFormat {
  if (given) return given;
  const values = columns.filter((c) => c >= 0).flatMap((c) => rows.map((r) => r[c] ?? ''));
  return detectDateFormat(values, locale === 'en-US', workbook) ?? 'dmy';
}

/**
 * Imports customers from a table read as a stream: maps columns (name parts joined, company
 * columns and legal forms making companies, category values through the value table), checks
 * every row as the customer form does, takes rows with the same key into one customer, matches
 * existing customers by the key and updates them field by field by the chosen rule (an empty cell
 * never blanks a field), and brings opening spend, points, gift-card balances and registration days
 * along for the customers it creates. A dry run only reports; a real one writes the accepted rows
 * in batches, journalled so that the import can be undone as a whole. A failure half-way (or a
 * malformed row, when the user chose to stop at one) undoes what was written, so the base is left
 * as it was. Rejected rows are kept with their cells and reasons for download.
 */
export async function importCustomers(db: Db, outlet: OutletInfo, chain: boolean, auth: AuthContext, table: TableStream, options: CustomerImportOptions, phoneCountry: CountryCode): Promise<CustomerImportReport> {
  const mapping = options.mapping ?? suggestMapping(table.headers);
  const column = Object.fromEntries(IMPORT_FIELDS.map((f) => [f, mapping[f] ? table.headers.indexOf(mapping[f]!) : -1])) as Record<ImportField, number>;
  const unknownColumn = IMPORT_FIELDS.find((f) => mapping[f] && column[f] === -1);
  const named = ['name', 'firstName', 'lastName', 'company'].some((f) => column[f as ImportField] >= 0);
  const fields = fieldsOf(sqliteOf(db), 'customer');
  const customColumns = customFieldColumns(fields, table.headers, options.customFields);
  const unknownField = Object.keys(options.customFields ?? {}).find((key) => !fields.some((f) => f.key === key));
  const unknownFieldColumn = Object.entries(options.customFields ?? {}).find(([, header]) => !table.headers.includes(header));
  const mappingProblem = !named
    ? 'no column is mapped to the name (or its parts, or the company)'
    : unknownColumn
      ? `no column "${mapping[unknownColumn]}" in the file`
      : unknownField
        ? `no custom field ${unknownField}`
        : unknownFieldColumn
          ? `no column "${unknownFieldColumn[1]}" in the file (for the custom field ${unknownFieldColumn[0]})`
          : null;
  if (mappingProblem) return unmappable(table, options, mappingProblem);

  // The first rows are read ahead: they tell how the file writes dates.
  const batches = table.batches[Symbol.asyncIterator]();
  const ahead: TableRow[][] = [];
  let aheadRows = 0;
  for (let b = await batches.next(); !b.done; b = aheadRows < DATE_DETECTION_ROWS ? await batches.next() : { done: true, value: undefined }) {
    ahead.push(b.value);
    aheadRows += b.value.length;
  }
  const dateFormat = dateFormatOf(ahead.flat().slice(0, DATE_DETECTION_ROWS).flatMap((r) => ('malformed' in r ? [] : [r.cells])), [column.birthday, column.registeredOn], outlet.view.locale, table.encoding === 'xlsx', options.dateFormat);

  const sql = sqliteOf(db);
  const digits = currencyDigits(outlet.view.currency);
  const lookups = customerLookups(sql);
  const categories = await db.customerCategory.findMany();
  const categoryOf = (text: string) => {
    const mapped = options.categoryValues?.[text];
    const wanted = (mapped ?? text).toLowerCase();
    if (mapped === '') return { id: null };
    return categories.find((c) => c.code.toLowerCase() === wanted || c.name.toLowerCase() === wanted) ?? null;
  };
  const funnel = new MoveRules(await funnelDefinition(db, outlet.id, chain));
  const run = await ImportRun.start(db, 'customers', { fileName: options.fileName, dryRun: options.dryRun, options: { ...options, mapping, headers: table.headers }, createdById: auth.userId });
  const counts = run.counts;
  const extra = { merged: 0, malformed: 0 };
  const report = (): CustomerImportReport => ({ ...counts, ...extra, encoding: table.encoding, delimiter: table.delimiter, sheet: table.sheet, dateFormat });
  const ruleOf = (field: UpdatableField): UpdateRule => options.fieldRules?.[field] ?? options.updateRule;

  const writer = new CustomerBatchWriter(db, sql, outlet.id, auth.userId, counts.importId, ruleOf, options.updateRule);
  /** This file's customers by key, with the row that first named them. */
  const byKey = new Map<string, { customerId: string; row: number }>();
  const cardRows = new Map<string, number>();
  const createdHere = new Set<string>();
  let pending = new Map<string, PlannedCustomer>();
  try {
    const all = (async function* () {
      yield* ahead;
      for (let b = await batches.next(); !b.done; b = await batches.next()) yield b.value;
    })();
    for await (const batch of all) for (const row of batch) {
      counts.rows += 1;
      // A file already received is read without waiting for anything: let the registers' requests in between.
      if (counts.rows % IMPORT_BATCH === 0) await new Promise((resolve) => setImmediate(resolve));
      if ('malformed' in row) {
        extra.malformed += 1;
        if (options.malformed === 'stop' && !options.dryRun) throw malformedStop(row.line, row.malformed);
        await run.reject(row.line, row.cells, [`line ${row.line}: ${row.malformed}`]);
        continue;
      }
      const cells = row.cells;
      const cell = (field: ImportField) => (column[field] >= 0 ? (cells[column[field]] ?? '').trim() : '');
      const { customer, reasons } = readCustomerRow(cell, (field) => mapping[field] ?? field, { phoneCountry, dateFormat, date1904: table.date1904, workbook: table.encoding === 'xlsx' });
      const category = customer.category ? categoryOf(customer.category) : undefined;
      if (category === null) reasons.push(`category: no category "${customer.category}" (map the file's values to categories in the value table)`);
      const custom = new Map<string, StoredValue>();
      for (const { field, column: at } of customColumns) {
        const read = readFieldCell(field, cells[at] ?? '', { dateFormat, date1904: table.date1904, workbook: table.encoding === 'xlsx', digits });
        if ('reason' in read) reasons.push(read.reason);
        else if (read.value) custom.set(field.id, read.value);
      }

      const keyValue = keyOf(customer, options.key);
      const inFile = keyValue ? byKey.get(keyValue) : undefined;
      const existingId = inFile?.customerId ?? (keyValue ? lookups.byKey(options.key, keyValue) : undefined);
      const statusId = customer.status ? funnel.byName(customer.status) : undefined;
      if (customer.status && !statusId) reasons.push(`status: no status "${customer.status}" in the funnel`);
      // A customer the file brings, or one without a status yet, takes the file's status as it is; one in the funnel moves only as it allows.
      const currentStatus = existingId && !createdHere.has(existingId) ? lookups.statusOf(existingId) : null;
      // In a chain head office checks every move: a customer without a status there starts at an initial one.
      if (statusId && currentStatus !== statusId) {
        const refusal = funnel.refusal(currentStatus, statusId);
        if (refusal?.code === 'customer-status-move-not-allowed') reasons.push(`status: the funnel does not allow a move from ${refusal.from} to ${refusal.to}`);
        if (chain && refusal?.code === 'customer-status-not-initial') reasons.push(`status: a customer without a status starts at an initial status of head office's funnel: ${refusal.to} is not one`);
      }
      for (const card of customer.cards) {
        // The key's card was looked up just above (as it is, when it is in upper case already).
        const owner = options.key === 'card' && card === keyValue && !inFile ? existingId : lookups.cardOwner(card);
        const firstRow = cardRows.get(card.toUpperCase());
        if (owner && owner !== existingId) reasons.push(`card: ${card} belongs to another customer`);
        else if (firstRow && !inFile) reasons.push(`card: the same as row ${firstRow}, which is another customer`);
      }
      if (customer.giftCard && lookups.giftCardExists(customer.giftCard.code)) reasons.push(`giftCard: ${customer.giftCard.code} is issued already`);
      if (!existingId && !inFile) {
        for (const field of fields) {
          if (custom.has(field.id)) continue;
          if (field.defaultValue !== null) custom.set(field.id, toColumns(field, field.defaultValue));
          else if (field.required) reasons.push(`${field.label} (${field.key}): required for a new customer`);
        }
      }
      const known = inFile?.customerId ?? existingId;
      // Last, so that a field wrong by the form's own checks is named once.
      if (!reasons.length) reasons.push(...headOfficeRefusals(customer, [...(known ? (pending.get(known)?.cards ?? []) : []), ...customer.cards]));
      if (reasons.length) {
        await run.reject(row.line, cells, reasons);
        continue;
      }
      for (const card of customer.cards) if (!cardRows.has(card.toUpperCase())) cardRows.set(card.toUpperCase(), row.line);

      if (inFile) {
        extra.merged += 1;
      } else if (existingId && options.onExisting === 'skip') {
        counts.skipped += 1;
        continue;
      } else if (existingId) {
        counts.updated += 1;
      } else {
        counts.created += 1;
      }
      const customerId = existingId ?? newId();
      if (keyValue && !inFile) byKey.set(keyValue, { customerId, row: row.line });
      if (!existingId) createdHere.add(customerId);
      // A dry run writes nothing: what it reports is counted above.
      if (options.dryRun) continue;
      const planned = plan(customerId, existingId ? 'update' : 'create', customer, category?.id ?? null, statusId ?? null, createdHere.has(customerId), custom);
      const earlier = pending.get(customerId);
      pending.set(customerId, earlier ? writer.combine(earlier, planned) : planned);
      if (pending.size >= IMPORT_BATCH) {
        await writer.write([...pending.values()]);
        pending = new Map();
      }
    }
    if (!options.dryRun && pending.size) await writer.write([...pending.values()]);
  } catch (err) {
    await run.fail(err, report());
    throw err;
  }
  await run.finish(report(), { outletId: outlet.id, userId: auth.userId, action: 'customer-import', details: { key: options.key, fileName: options.fileName } });
  return report();
}

/** The error that ends an import at a malformed row when the user chose to stop at one (what was written is undone). */
export const malformedStop = (line: number, why: string) =>
  new AppError(422, 'malformed-row', `Line ${line} cannot be read (${why}); nothing was imported, as chosen`, [{ path: 'body', message: `line ${line}: ${why}` }], { line });

/** The row's value of the key customers are matched by: its first card (in any case), phone or e-mail. */
function keyOf(customer: IncomingCustomer, key: CustomerImportOptions['key']): string | null {
  if (key === 'card') return customer.cards[0]?.toUpperCase() ?? null;
  if (key === 'phone') return customer.phones[0]?.phone ?? null;
  return customer.email;
}

/** Stands for the customer in the edit a row is checked as (the check reads no id). */
const ANY_CUSTOMER = newId();

/**
 * What head office would refuse of the customer a row brings (shared/document-checks.ts, the
 * schema it reads customer edits with), with `cards` all the cards the customer gets in this
 * batch: the row is rejected naming the field, rather than an edit queued that holds up the
 * outbox for ever or an import that fails as a whole.
 */
function headOfficeRefusals(c: IncomingCustomer, cards: string[]): string[] {
  const fields = { name: c.name, kind: c.kind, phone: c.phones[0]?.phone ?? null, email: c.email, birthday: c.birthday, address: c.address, notes: c.notes, companyCode: c.companyCode, vatCode: c.vatCode, locale: c.locale };
  const issues = customerEditIssues({ customerId: ANY_CUSTOMER, editedAt: new Date().toISOString(), fields, cardsAdded: [...new Set(cards)], customFields: {} });
  return issues.map((i) => `${i.path.startsWith('cardsAdded') ? 'card' : i.path.replace(/^fields\./, '')}: ${i.message} (head office's limit)`);
}

/** What a row would write, before it is combined with earlier rows of the same customer. */
function plan(customerId: string, action: 'create' | 'update', c: IncomingCustomer, categoryId: string | null, statusId: string | null, opens: boolean, customFields: Map<string, StoredValue>): PlannedCustomer {
  const fields: PlannedCustomer['fields'] = {
    name: c.name || undefined,
    phone: c.phones[0]?.phone,
    email: c.email ?? undefined,
    birthday: c.birthday ?? undefined,
    address: c.address || undefined,
    notes: c.notes || undefined,
    categoryId: categoryId ?? undefined,
    companyCode: c.companyCode ?? undefined,
    vatCode: c.vatCode ?? undefined,
    locale: c.locale ?? undefined,
  };
  return {
    customerId,
    action,
    kind: c.kind,
    fields: Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)),
    phones: c.phones,
    cards: c.cards,
    contacts: c.contact ? [c.contact] : [],
    statusId,
    customFields,
    // Balances open only for customers this import brings: an existing customer's are already here.
    openings: opens
      ? { spend: c.openingSpend, points: c.openingPoints, registeredOn: c.registeredOn, giftCards: c.giftCard ? [c.giftCard] : [] }
      : { spend: 0, points: 0, registeredOn: null, giftCards: [] },
  };
}

/** A report for a file whose columns cannot be mapped: nothing is read or stored. */
export function unmappable(table: TableStream, options: { dryRun: boolean }, problem: string): CustomerImportReport {
  return {
    importId: '', encoding: table.encoding, delimiter: table.delimiter, sheet: table.sheet, dateFormat: null, rows: 0, created: 0, updated: 0, skipped: 0, merged: 0, malformed: 0,
    rejectedCount: 1, rejected: [{ row: 1, reasons: [problem] }], dryRun: options.dryRun,
  };
}

/** Point look-ups an import needs per row: prepared statements, so a million rows need no map of the base. */
function customerLookups(sql: Database.Database) {
  // A card as typed, or (with letters in it) in upper or lower case: look-ups by the primary key.
  const card = statement(sql, 'SELECT "customerId" FROM "CustomerCard" WHERE "code" = @code');
  const cardAnyCase = statement(sql, 'SELECT "customerId" FROM "CustomerCard" WHERE "code" IN (@code, upper(@code), lower(@code)) LIMIT 1');
  const phone = statement(sql, 'SELECT "id" FROM "Customer" WHERE "phone" = ? AND "mergedIntoId" IS NULL ORDER BY "createdAt" LIMIT 1');
  const email = statement(sql, 'SELECT "id" FROM "Customer" WHERE "email" = ? AND "mergedIntoId" IS NULL ORDER BY "createdAt" LIMIT 1');
  const giftCard = statement(sql, 'SELECT 1 FROM "GiftCard" WHERE "code" = ?');
  const stage = statement(sql, 'SELECT "statusId" FROM "CustomerStage" WHERE "customerId" = ?');
  const cardOwner = (code: string) => ((/\p{L}/u.test(code) ? cardAnyCase : card).get({ code }) as { customerId: string } | undefined)?.customerId;
  return {
    cardOwner,
    giftCardExists: (code: string) => giftCard.get(code) !== undefined,
    statusOf: (customerId: string) => (stage.get(customerId) as { statusId: string } | undefined)?.statusId ?? null,
    byKey(key: 'card' | 'phone' | 'email', value: string): string | undefined {
      if (key === 'card') return cardOwner(value);
      return ((key === 'phone' ? phone : email).get(value) as { id: string } | undefined)?.id;
    },
  };
}
