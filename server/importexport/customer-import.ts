import type Database from 'better-sqlite3';
import { newId } from '../../shared/ids.ts';
import { normalisePhone } from '../../shared/phone.ts';
import { LOCALE_CODES, LOCALES } from '../../shared/locales.ts';
import { CustomerInputSchema } from '../../shared/schemas/customers.ts';
import type { CustomerImportOptions, CustomerImportReport, ImportField } from '../../shared/schemas/importexport.ts';
import { IMPORT_FIELDS } from '../../shared/schemas/importexport.ts';
import type { AuthContext } from '../auth/context.ts';
import { sqliteOf, type Db } from '../db/client.ts';
import { sqliteTimestamp, statement } from '../db/statements.ts';
import type { OutletInfo } from '../outlet.ts';
import { IMPORT_BATCH, ImportRun } from './import-run.ts';
import type { TableStream } from './table.ts';

const ALIASES: Record<ImportField, string[]> = {
  name: ['name', 'full name', 'customer', 'client', 'имя', 'фио', 'клиент', 'покупатель', 'vardas', 'vardas pavardė'],
  phone: ['phone', 'mobile', 'tel', 'telephone', 'телефон', 'тел', 'мобильный', 'telefonas'],
  email: ['email', 'e-mail', 'mail', 'почта', 'эл. почта', 'el. paštas'],
  card: ['card', 'card number', 'loyalty card', 'карта', 'номер карты', 'kortelė', 'kortelės nr'],
  birthday: ['birthday', 'date of birth', 'birth date', 'дата рождения', 'день рождения', 'gimimo data'],
  category: ['category', 'категория', 'группа', 'kategorija'],
  address: ['address', 'адрес', 'adresas'],
  notes: ['notes', 'note', 'comment', 'примечание', 'комментарий', 'pastabos'],
  locale: ['language', 'locale', 'язык', 'kalba'],
};

/** A language cell as its code: `lt`, `LT` or the language's own name (`Lietuvių`); other text is left for the schema to refuse. */
const localeOf = (text: string) => (text ? (LOCALE_CODES.find((code) => code === text.toLowerCase() || LOCALES[code].toLowerCase() === text.toLowerCase()) ?? text) : undefined);

/** Which column each field most likely comes from, by header name in English, Russian or Lithuanian. */
export function suggestMapping(headers: string[]): Partial<Record<ImportField, string>> {
  const mapping: Partial<Record<ImportField, string>> = {};
  for (const field of IMPORT_FIELDS) {
    const header = headers.find((h) => ALIASES[field].includes(h.trim().toLowerCase()));
    if (header) mapping[field] = header;
  }
  return mapping;
}

/** "1958-03-08", "08.03.1958", "08/03/1958" → "1958-03-08"; anything else stays as typed (and fails validation). */
function isoDate(text: string): string {
  const dmy = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$/.exec(text);
  if (dmy) return `${dmy[3]}-${dmy[2].padStart(2, '0')}-${dmy[1].padStart(2, '0')}`;
  return text;
}

/** Columns an import may set; only filled ones are written ("filled values win over empty ones"). */
type Fields = Partial<Record<'name' | 'searchName' | 'phone' | 'email' | 'birthday' | 'address' | 'notes' | 'categoryId' | 'locale', string>>;

interface Planned {
  action: 'create' | 'update';
  customerId: string;
  fields: Fields;
  card: string | null;
}

/**
 * Imports customers from a table read as a stream: maps columns, validates every row as a customer,
 * matches existing customers by the chosen key, and either reports what would happen (dry run) or
 * writes the accepted rows in batches, journalled so that the import can be undone as a whole. A
 * failure half-way undoes what was written, so the base is left as it was. Rejected rows are kept
 * with their cells and reasons for download.
 */
export async function importCustomers(db: Db, outlet: OutletInfo, auth: AuthContext, table: TableStream, options: CustomerImportOptions, phoneCountryCode: string): Promise<CustomerImportReport> {
  const mapping = options.mapping ?? suggestMapping(table.headers);
  const column = Object.fromEntries(IMPORT_FIELDS.map((f) => [f, mapping[f] ? table.headers.indexOf(mapping[f]!) : -1])) as Record<ImportField, number>;
  const unknownColumns = IMPORT_FIELDS.filter((f) => mapping[f] && column[f] === -1);
  const mappingProblem = column.name === -1 ? 'no column is mapped to the name' : unknownColumns.length ? `no column "${mapping[unknownColumns[0]]}" in the file` : null;
  if (mappingProblem) return unmappable(table, options, mappingProblem);

  const sql = sqliteOf(db);
  const lookups = customerLookups(sql);
  const categories = await db.customerCategory.findMany();
  const category = (text: string) => categories.find((c) => c.code.toLowerCase() === text.toLowerCase() || c.name.toLowerCase() === text.toLowerCase());
  const run = await ImportRun.start(db, 'customers', { fileName: options.fileName, dryRun: options.dryRun, options: { ...options, mapping, headers: table.headers }, createdById: auth.userId });
  const counts = run.counts;
  const report = (): CustomerImportReport => ({ ...counts, encoding: table.encoding, delimiter: table.delimiter });

  const writer = new BatchWriter(db, sql, outlet.id, auth.userId, counts.importId);
  const seenKeys = new Map<string, number>();
  const seenCards = new Map<string, number>();
  let pending: Planned[] = [];
  let row = 1; // the header is row 1, as a spreadsheet numbers them
  try {
    for await (const cells of table.rows) {
      row += 1;
      counts.rows += 1;
      const cell = (field: ImportField) => (column[field] >= 0 ? (cells[column[field]] ?? '').trim() : '');
      const reasons: string[] = [];
      const phoneText = cell('phone');
      const phone = phoneText ? normalisePhone(phoneText, phoneCountryCode) : null;
      if (phoneText && !phone) reasons.push(`phone: "${phoneText}" is not a phone number`);
      const categoryText = cell('category');
      const categoryRow = categoryText ? category(categoryText) : null;
      if (categoryText && !categoryRow) reasons.push(`category: no category "${categoryText}"`);
      const input = {
        name: cell('name'),
        email: cell('email').toLowerCase() || undefined,
        birthday: cell('birthday') ? isoDate(cell('birthday')) : undefined,
        address: cell('address') || undefined,
        notes: cell('notes') || undefined,
        card: cell('card') || undefined,
        locale: localeOf(cell('locale')),
      };
      const parsed = CustomerInputSchema.safeParse(input);
      if (!parsed.success) reasons.push(...parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));

      const keyValue = options.key === 'card' ? input.card : options.key === 'phone' ? phone : input.email;
      if (keyValue) {
        const first = seenKeys.get(keyValue);
        if (first) reasons.push(`${options.key}: the same as row ${first}`);
        else seenKeys.set(keyValue, row);
      }
      const existingId = keyValue ? lookups.byKey(options.key, keyValue) : undefined;
      if (input.card) {
        const owner = lookups.cardOwner(input.card);
        const firstRow = seenCards.get(input.card);
        if (owner && owner !== existingId) reasons.push(`card: ${input.card} belongs to another customer`);
        else if (firstRow) reasons.push(`card: the same as row ${firstRow}`);
        // With the card as the key, seenKeys already catches a card given twice (and holds it once).
        else if (options.key !== 'card') seenCards.set(input.card, row);
      }
      if (reasons.length) {
        await run.reject(row, cells, reasons);
        continue;
      }
      const fields: Fields = Object.fromEntries(
        Object.entries({ name: input.name, searchName: input.name.toLowerCase(), phone, email: input.email, birthday: input.birthday, address: input.address, notes: input.notes, categoryId: categoryRow?.id, locale: input.locale })
          .filter(([, v]) => v !== undefined && v !== null && v !== ''),
      );
      if (existingId && options.onExisting === 'skip') {
        counts.skipped += 1;
      } else if (existingId) {
        counts.updated += 1;
        pending.push({ action: 'update', customerId: existingId, fields, card: input.card && !lookups.cardOwner(input.card) ? input.card : null });
      } else {
        counts.created += 1;
        pending.push({ action: 'create', customerId: newId(), fields, card: input.card ?? null });
      }
      if (pending.length >= IMPORT_BATCH) {
        if (!options.dryRun) await writer.write(pending);
        pending = [];
      }
    }
    if (!options.dryRun && pending.length) await writer.write(pending);
  } catch (err) {
    await run.fail(err, report());
    throw err;
  }
  await run.finish(report(), { outletId: outlet.id, userId: auth.userId, action: 'customer-import', details: { key: options.key, fileName: options.fileName } });
  return report();
}

/** A report for a file whose columns cannot be mapped: nothing is read or stored. */
export function unmappable(table: TableStream, options: { dryRun: boolean }, problem: string) {
  return { importId: '', encoding: table.encoding, delimiter: table.delimiter, rows: 0, created: 0, updated: 0, skipped: 0, rejectedCount: 1, rejected: [{ row: 1, reasons: [problem] }], dryRun: options.dryRun };
}

/** Point look-ups an import needs per row: prepared statements, so a million rows need no map of the base. */
function customerLookups(sql: Database.Database) {
  const card = statement(sql, 'SELECT "customerId" FROM "CustomerCard" WHERE "code" = ?');
  const phone = statement(sql, 'SELECT "id" FROM "Customer" WHERE "phone" = ? AND "mergedIntoId" IS NULL ORDER BY "createdAt" LIMIT 1');
  const email = statement(sql, 'SELECT "id" FROM "Customer" WHERE "email" = ? AND "mergedIntoId" IS NULL ORDER BY "createdAt" LIMIT 1');
  const cardOwner = (code: string) => (card.get(code) as { customerId: string } | undefined)?.customerId;
  return {
    cardOwner,
    byKey(key: 'card' | 'phone' | 'email', value: string): string | undefined {
      if (key === 'card') return cardOwner(value);
      return ((key === 'phone' ? phone : email).get(value) as { id: string } | undefined)?.id;
    },
  };
}

/** Writes planned rows and the journal that undoes them, a batch per transaction. */
class BatchWriter {
  constructor(
    private readonly db: Db,
    private readonly sql: Database.Database,
    private readonly outletId: string,
    private readonly userId: string,
    private readonly importId: string,
  ) {}

  async write(batch: Planned[]): Promise<void> {
    const { sql } = this;
    await this.db.$transaction(
      async () => {
        const insertCustomer = statement(
          sql,
          `INSERT INTO "Customer" ("id","outletId","name","searchName","phone","email","categoryId","birthday","address","notes","locale","createdById","createdAt","updatedAt")
           VALUES (@id,@outletId,@name,@searchName,@phone,@email,@categoryId,@birthday,@address,@notes,@locale,@createdById,@now,@now)`,
        );
        const insertCard = statement(sql, `INSERT INTO "CustomerCard" ("code","customerId") VALUES (?, ?)`);
        const journal = statement(sql, `INSERT INTO "ImportChange" ("id","importId","entityId","action","before","after","card") VALUES (?,?,?,?,?,?,?)`);
        const current = statement(sql, `SELECT "name","searchName","phone","email","birthday","address","notes","categoryId","locale" FROM "Customer" WHERE "id" = ?`);
        const now = sqliteTimestamp();
        for (const p of batch) {
          const f = p.fields;
          if (p.action === 'create') {
            insertCustomer.run({
              id: p.customerId, outletId: this.outletId, name: f.name, searchName: f.searchName, phone: f.phone ?? null, email: f.email ?? null, categoryId: f.categoryId ?? null,
              birthday: f.birthday ?? null, address: f.address ?? '', notes: f.notes ?? '', locale: f.locale ?? null, createdById: this.userId, now,
            });
            journal.run(newId(), this.importId, p.customerId, 'create', '{}', '{}', p.card);
          } else {
            const before = current.get(p.customerId) as Record<string, unknown>;
            const changed = Object.keys(f).filter((k) => before[k] !== f[k as keyof Fields]) as (keyof Fields)[];
            if (changed.length) {
              statement(sql, `UPDATE "Customer" SET ${changed.map((k) => `"${k}" = @${k}`).join(', ')}, "updatedAt" = @now WHERE "id" = @id`).run({ ...pick(f, changed), now, id: p.customerId });
            }
            journal.run(newId(), this.importId, p.customerId, 'update', JSON.stringify(pick(before, changed)), JSON.stringify(pick(f, changed)), p.card);
          }
          if (p.card) insertCard.run(p.card, p.customerId);
        }
      },
      { timeout: 120_000 },
    );
  }
}

function pick<T extends object>(from: T, keys: string[]): Partial<T> {
  return Object.fromEntries(keys.map((k) => [k, (from as Record<string, unknown>)[k]])) as Partial<T>;
}
