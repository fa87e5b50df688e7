import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../shared/ids.ts';
import { ProductListQuerySchema } from '../../shared/schemas/products.ts';
import { HeadOfficeCatalogue } from '../../server/headoffice/catalogue.ts';
import { createPostgresDatabase, startHeadOffice, type TestHeadOffice } from '../support/head-office.ts';

// Head office's product search reads a name's words as an outlet's does: a word of three
// characters or more through a trigram index, so among many products PostgreSQL's own plan reads
// the index, not every row; the words in any order, wildcards in them taken as letters.

let database: Awaited<ReturnType<typeof createPostgresDatabase>>;
let headOffice: TestHeadOffice;
const VAT = newId();

beforeAll(async () => {
  database = await createPostgresDatabase();
  headOffice = await startHeadOffice(database.url);
  expect((await headOffice.admin.put(`/api/head-office/master/tax-rate/${VAT}`, { code: 'HO-VAT21', name: 'VAT 21 %', rateBp: 2100 })).status).toBe(204);
  const put = (sku: string, name: string) => headOffice.admin.put(`/api/head-office/master/product/${newId()}`, { sku, name, taxRateId: VAT, price: 100 });
  for (const [sku, name] of [['S-GREEN', 'Green Tea Sencha'], ['S-COCOA', 'Chocolate 50% cocoa'], ['S-GRAMS', 'Chocolate 500 grams'], ['S-UNDER', 'Tea_bags x20']]) expect((await put(sku, name)).status).toBe(204);
  // Many other products, written straight into the table: the plan is PostgreSQL's for a catalogue of this size.
  await headOffice.db.pool.query(
    `INSERT INTO "Product" ("id", "sku", "name", "searchName", "taxRateId", "price", "updatedAt")
     SELECT 'filler-' || n, 'F-' || n, 'Filler product ' || n, 'filler product ' || n, $1, 100, now() FROM generate_series(1, 50000) AS n`,
    [VAT],
  );
  await headOffice.db.pool.query('ANALYZE "Product"');
}, 120_000);

afterAll(async () => {
  await headOffice?.close();
  await database?.drop();
});

const names = async (q: string) => ((await headOffice.admin.get(`/api/head-office/products?q=${encodeURIComponent(q)}`)).body.items as { name: string }[]).map((p) => p.name).sort();

describe("head office's product search", () => {
  it('finds a name by its words in any order, case folded, and takes % and _ in a word as letters', async () => {
    expect(await names('sencha GREEN')).toEqual(['Green Tea Sencha']);
    expect(await names('50% chocolate')).toEqual(['Chocolate 50% cocoa']);
    expect(await names('tea_')).toEqual(['Tea_bags x20']);
    expect(await names('choc 50')).toEqual(['Chocolate 50% cocoa', 'Chocolate 500 grams']);
  });

  it('reads the trigram index for the words, by PostgreSQL’s own plan, not every product', async () => {
    const { sql, params } = await new HeadOfficeCatalogue(headOffice.db).query(ProductListQuerySchema.parse({ q: 'sencha green' }));
    const plan = (await headOffice.db.pool.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${sql}`, params)).rows.map((r) => r['QUERY PLAN']).join('\n');
    expect(plan).toContain('Product_searchName_trgm');
    expect(plan).not.toMatch(/Seq Scan on "Product" x/);
  });
});
