import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../shared/ids.ts';
import type { ApiClient } from '../support/api-client.ts';
import { buildSale } from '../support/cart.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

// The catalogue as a shop owner keeps it, attacked with the input a careless or hurried person
// types: products with every field, variants, barcodes of every kind, the category tree, the
// list a million products must not slow down. Real HTTP, real SQLite; expectations come from the
// database and from GS1's check-digit rule written out again here.

let server: TestServer;
let manager: ApiClient;
let cashier: ApiClient;
let taxRateId: string;
let taxRateBp: number;
let supplierId: string;

/** GS1's check digit (weights 3,1,3,… from the right of the data), independent of shared/barcodes.ts. */
function gs1(data: string): string {
  const sum = [...data].reverse().reduce((s, d, i) => s + Number(d) * (i % 2 === 0 ? 3 : 1), 0);
  return data + String((10 - (sum % 10)) % 10);
}
let serial = 0;
/** A fresh EAN-13 under the 479 prefix nothing in the demo uses. */
const ean13 = () => gs1(`479${String(++serial).padStart(9, '0')}`);
const sku = (name: string) => `T-${name}-${++serial}`;

const product = (overrides: Record<string, unknown> = {}) => ({ name: `Test item ${++serial}`, sku: sku('item'), taxRateId, price: 199, cost: 80, ...overrides });

/** Counts of what a refused save must not have left behind. */
async function footprint() {
  const db = server.db;
  return {
    products: await db.product.count(),
    barcodes: await db.barcode.count(),
    prices: await db.priceChange.count(),
    levels: await db.stockLevel.count(),
    suppliers: await db.supplierProduct.count(),
    pictures: await db.productPicture.count(),
    audit: await db.auditLog.count(),
  };
}

async function expectRefused(res: { status: number; body: any }, status: number, code: string, path: string, before: Awaited<ReturnType<typeof footprint>>) {
  expect({ status: res.status, code: res.body.error?.code }).toEqual({ status, code });
  expect(res.body.error.fields.map((f: { path: string }) => f.path)).toContain(path);
  expect(await footprint()).toEqual(before);
}

/** A 1×1 PNG, as a browser's canvas would export it. */
const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

beforeAll(async () => {
  server = await startTestServer();
  manager = await server.login('manager', '2222');
  cashier = await server.login('anna', '3333');
  await cashier.post('/api/shifts', { openingFloat: 0 });
  const vat = await server.db.taxRate.findFirstOrThrow({ where: { rateBp: 2100 } });
  taxRateId = vat.id;
  taxRateBp = vat.rateBp;
  supplierId = newId();
  await server.db.$transaction((tx) => tx.supplier.create({ data: { id: supplierId, code: 'TEST-SUP', name: 'Test supplier' } }));
});
afterAll(() => server?.close());

describe('POST /api/products', () => {
  it('creates a product with every field; its barcodes are stored as a scan looks them up and the register sells it', async () => {
    const upcA = '036000291452';
    const categoryId = (await server.db.category.findFirstOrThrow()).id;
    const res = await manager.post('/api/products', product({
      name: 'Cola 0,5 l', sku: 'T-COLA-05', categoryId, price: 129, cost: 60, minMilli: 12_000, discountable: false, barcodes: ['4006381333931', upcA],
      suppliers: [{ supplierId, supplierSku: 'SUP-77', packMilli: 24_000 }], tileColour: '#cc0000', picture: PNG,
    }));
    expect(res.status).toBe(201);
    const id = res.body.product.id;
    expect(res.body.product).toMatchObject({ name: 'Cola 0,5 l', sku: 'T-COLA-05', categoryId, price: 129, cost: 60, minMilli: 12_000, discountable: false, tileColour: '#cc0000', picture: PNG, kind: 'goods', unit: 'piece', taxRateBp });
    expect(res.body.priceChangedIds).toEqual([id]);
    // UPC-A is stored as its 13-digit EAN form, the form a scanner's 12 digits are looked up by.
    expect((await server.db.barcode.findMany({ where: { productId: id }, orderBy: { code: 'asc' } })).map((b) => b.code)).toEqual([`0${upcA}`, '4006381333931']);
    expect(await server.db.supplierProduct.findUniqueOrThrow({ where: { supplierId_productId: { supplierId, productId: id } } })).toMatchObject({ supplierSku: 'SUP-77', packMilli: 24_000, unitCost: 60 });
    expect((await server.db.stockLevel.findFirstOrThrow({ where: { productId: id } })).minMilli).toBe(12_000);
    expect(await server.db.priceChange.findMany({ where: { productId: id } })).toMatchObject([{ price: 129, previousPrice: null }]);
    expect(await server.db.auditLog.count({ where: { action: 'product-create', entityId: id } })).toBe(1);

    const scanned = await cashier.get(`/api/scan/${upcA}`);
    expect(scanned.status).toBe(200);
    expect(scanned.body.product).toMatchObject({ id, price: 129, tileColour: '#cc0000', discountable: false });
    const { request } = await buildSale(cashier, [{ product: scanned.body.product, quantityMilli: 2000 }]);
    const sale = await cashier.post('/api/sales', request);
    expect(sale.status).toBe(201);
    expect(sale.body.total).toBe(258);
  });

  it('is for those who manage the catalogue: a cashier may not create a product', async () => {
    const before = await footprint();
    const res = await cashier.post('/api/products', product());
    expect(res.status).toBe(403);
    expect(await footprint()).toEqual(before);
  });

  it('refuses bad input with an error naming the field, and leaves nothing half-saved', async () => {
    const taken = await server.db.product.findFirstOrThrow({ where: { barcodes: { some: {} } }, include: { barcodes: true } });
    const weighed = await server.db.product.findFirstOrThrow({ where: { unit: 'kg', plu: { not: null } } });
    const inStore = gs1('210010100500'); // the demo shop's weight layout: prefix 21, PLU 101, 500 g
    const twice = ean13();
    const cases: [Record<string, unknown>, number, string, string][] = [
      [{ barcodes: [ean13(), '4006381333932'] }, 422, 'invalid-barcode', 'barcodes.1'],
      [{ barcodes: ['036000291453'] }, 422, 'invalid-barcode', 'barcodes.0'],
      [{ barcodes: [inStore] }, 422, 'invalid-barcode', 'barcodes.0'],
      [{ barcodes: ['WITH SPACE'] }, 422, 'invalid-barcode', 'barcodes.0'],
      [{ barcodes: [taken.barcodes[0].code] }, 409, 'duplicate-barcode', 'barcodes.0'],
      [{ barcodes: [twice, twice] }, 409, 'duplicate-barcode', 'barcodes.1'],
      [{ sku: taken.sku }, 409, 'duplicate-sku', 'sku'],
      [{ price: -1 }, 422, 'price-negative', 'price'],
      [{ price: 100_000_001 }, 422, 'price-absurd', 'price'],
      [{ cost: -5 }, 422, 'cost-negative', 'cost'],
      [{ unit: 'kg', priceLabelled: true, plu: null }, 422, 'plu-required', 'plu'],
      [{ unit: 'kg', plu: weighed.plu }, 409, 'duplicate-plu', 'plu'],
      [{ variants: [{ values: [], sku: sku('v'), price: 100 }] }, 422, 'variant-without-options', 'variants.0.values'],
      [{ options: [{ name: 'Size', values: ['S'] }], variants: [{ values: [], sku: sku('v'), price: 100 }] }, 422, 'variant-without-options', 'variants.0.values'],
      [{ options: [{ name: 'Size', values: ['S'] }], variants: [{ values: ['XL'], sku: sku('v'), price: 100 }] }, 422, 'variant-value-unknown', 'variants.0.values.0'],
      [{ taxRateId: newId() }, 404, 'tax-rate-not-found', 'taxRateId'],
      [{ categoryId: newId() }, 404, 'category-not-found', 'categoryId'],
      [{ suppliers: [{ supplierId: newId() }] }, 404, 'supplier-not-found', 'suppliers.0.supplierId'],
      [{ picture: 'data:image/png;base64,SGVsbG8=' }, 422, 'invalid-picture', 'picture'],
    ];
    for (const [fields, status, code, path] of cases) {
      const before = await footprint();
      const res = await manager.post('/api/products', product({ barcodes: [ean13()], suppliers: [{ supplierId }], minMilli: 1000, picture: PNG, ...fields }));
      await expectRefused(res, status, code, path, before);
      if (code === 'duplicate-barcode' && fields.barcodes && (fields.barcodes as string[])[0] === taken.barcodes[0].code) {
        // The other product is named, so the person knows where the code already is.
        expect(res.body.error.message).toContain(taken.name);
        expect(res.body.error.details).toMatchObject({ productId: taken.id, sku: taken.sku });
      }
    }
  });

  it('warns of a price below cost (net of VAT), and sells below cost only when confirmed by someone with the right', async () => {
    // 1.00 with 21 % VAT holds 0.17 of tax: 0.83 net, below a cost of 0.90.
    const body = product({ price: 100, cost: 90 });
    const before = await footprint();
    const warned = await manager.post('/api/products', body);
    await expectRefused(warned, 409, 'price-below-cost', 'price', before);
    expect(warned.body.error.details).toMatchObject({ price: 100, cost: 90 });

    const owner = await server.login('owner', '1111');
    const roles = (await owner.get('/api/roles')).body;
    expect((await owner.put('/api/roles', { ...roles, manager: { ...roles.manager, permissions: roles.manager.permissions.filter((p: string) => p !== 'price-below-cost') } })).status).toBe(200);
    const withoutTheRight = await footprint();
    await expectRefused(await manager.post('/api/products', { ...body, acknowledge: ['price-below-cost'] }), 403, 'price-below-cost-not-permitted', 'price', withoutTheRight);
    expect((await owner.put('/api/roles', roles)).status).toBe(200);

    const confirmed = await manager.post('/api/products', { ...body, acknowledge: ['price-below-cost'] });
    expect(confirmed.status).toBe(201);
    expect(await server.db.auditLog.findFirstOrThrow({ where: { action: 'product-create', entityId: confirmed.body.product.id } })).toMatchObject({ details: expect.stringContaining('price-below-cost') });
  });
});

describe('products with variants', () => {
  const sizes = ['S', 'M', 'L'];
  const colours = ['Red', 'Blue'];
  let familyId: string;
  const codes = new Map<string, string>();

  it('creates a product with a 3 × 2 matrix of variants, each with its own SKU, barcodes and price', async () => {
    const variants = sizes.flatMap((size, i) => colours.map((colour, j) => {
      const code = ean13();
      codes.set(`${size}/${colour}`, code);
      return { values: [size, colour], sku: `T-SHIRT-${size}-${colour}`, barcodes: [code], price: 1000 + i * 100 + j * 10, cost: 400 };
    }));
    const res = await manager.post('/api/products', product({ name: 'T-shirt', sku: 'T-SHIRT', price: 1000, cost: 400, options: [{ name: 'Size', values: sizes }, { name: 'Colour', values: colours }], variants }));
    expect(res.status).toBe(201);
    familyId = res.body.product.id;
    expect(res.body.product.variants.map((v: { name: string; price: number }) => [v.name, v.price])).toEqual(variants.map((v) => [`T-shirt ${v.values.join(' / ')}`, v.price]));
    expect(res.body.priceChangedIds).toHaveLength(6);
    const rows = await server.db.product.findMany({ where: { parentId: familyId } });
    expect(rows).toHaveLength(6);
    expect(new Set(rows.map((r) => r.kind))).toEqual(new Set(['goods']));
    expect((await server.db.product.findUniqueOrThrow({ where: { id: familyId } })).kind).toBe('family');
  });

  it('sells a variant by its barcode; the product itself does not sell, and stock moves on the variant', async () => {
    const scanned = await cashier.get(`/api/scan/${codes.get('M/Blue')}`);
    expect(scanned.status).toBe(200);
    expect(scanned.body.product).toMatchObject({ name: 'T-shirt M / Blue', price: 1110, parentId: familyId });
    const { request } = await buildSale(cashier, [{ product: scanned.body.product, quantityMilli: 1000 }]);
    expect((await cashier.post('/api/sales', request)).status).toBe(201);
    expect((await server.db.stockBalance.findFirstOrThrow({ where: { productId: scanned.body.product.id } })).quantityMilli).toBe(-1000);

    expect((await cashier.get('/api/scan/T-SHIRT')).body.error.code).toBe('product-has-variants');
    const asFamily = structuredClone(request);
    asFamily.id = newId();
    asFamily.lines[0].productId = familyId;
    const refused = await cashier.post('/api/sales', asFamily);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'product-has-variants', fields: [{ path: 'lines.0.productId' }] });
    // The register's search offers the variants, never the product they belong to.
    const found = (await cashier.get('/api/products/search?q=t-shirt%20blue')).body.items.map((p: { name: string }) => p.name);
    expect(found.sort()).toEqual(['T-shirt L / Blue', 'T-shirt M / Blue', 'T-shirt S / Blue']);
  });

  it('reports by variant, or by product with its variants together', async () => {
    const l = await cashier.get(`/api/scan/${codes.get('L/Red')}`);
    const { request } = await buildSale(cashier, [{ product: l.body.product, quantityMilli: 2000 }]);
    expect((await cashier.post('/api/sales', request)).status).toBe(201);
    const day = (await server.db.productSalesDay.findFirstOrThrow({ where: { productId: l.body.product.id } })).day;
    const byVariant = (await manager.get(`/api/reports/sales?from=${day}&to=${day}&groupBy=variant`)).body.rows;
    const byProduct = (await manager.get(`/api/reports/sales?from=${day}&to=${day}&groupBy=product`)).body.rows;
    expect(byVariant.filter((r: { label: string }) => r.label.startsWith('T-shirt ')).map((r: { label: string; quantityMilli: number }) => [r.label, r.quantityMilli]).sort()).toEqual([['T-shirt L / Red', 2000], ['T-shirt M / Blue', 1000]]);
    expect(byProduct.find((r: { label: string }) => r.label === 'T-shirt')).toMatchObject({ key: familyId, quantityMilli: 3000, revenue: 1110 + 2 * 1200 });
  });

  it('edits the matrix: a variant left out is archived with its history, a new one is added, a SKU moves between variants', async () => {
    const details = (await manager.get(`/api/products/${familyId}/details`)).body;
    const [first, second, ...rest] = details.variants;
    const kept = rest.filter((v: { values: string[] }) => v.values.join('/') !== 'L/Blue');
    const dropped = rest.find((v: { values: string[] }) => v.values.join('/') === 'L/Blue');
    const body = {
      ...details,
      options: [{ name: 'Size', values: [...sizes, 'XL'] }, { name: 'Colour', values: colours }],
      variants: [
        { ...first, sku: second.sku },
        { ...second, sku: first.sku },
        ...kept,
        { values: ['XL', 'Red'], sku: 'T-SHIRT-XL-Red', barcodes: [ean13()], price: 1500, cost: 400 },
      ],
    };
    const res = await manager.put(`/api/products/${familyId}`, body);
    expect(res.status).toBe(200);
    expect((await server.db.product.findUniqueOrThrow({ where: { id: first.id } })).sku).toBe(second.sku);
    expect((await server.db.product.findUniqueOrThrow({ where: { id: dropped.id } })).active).toBe(false);
    expect((await cashier.get(`/api/scan/${codes.get('L/Blue')}`)).body.error.code).toBe('product-archived');
    expect(await server.db.product.count({ where: { parentId: familyId } })).toBe(7);
    // A variant is changed through its product's form, never on its own.
    expect((await manager.put(`/api/products/${first.id}`, body)).body.error.code).toBe('edit-the-product');
  });
});

describe('kinds', () => {
  it('keeps gift cards and deposits what they are', async () => {
    const gift = await server.db.product.findFirstOrThrow({ where: { kind: 'gift-card' } });
    const details = (await manager.get(`/api/products/${gift.id}/details`)).body;
    const before = await footprint();
    await expectRefused(await manager.put(`/api/products/${gift.id}`, { ...details, kind: 'goods' }), 422, 'kind-not-editable', 'kind', before);
    await expectRefused(await manager.post('/api/products', product({ kind: 'gift-card', options: [{ name: 'Size', values: ['S'] }], variants: [{ values: ['S'], sku: sku('g'), price: 0 }] })), 422, 'variants-not-allowed', 'options', before);
  });

  it('sells a service without moving stock', async () => {
    const res = await manager.post('/api/products', product({ name: 'Gift wrapping', kind: 'service', price: 300, cost: 0 }));
    expect(res.status).toBe(201);
    const view = (await cashier.get(`/api/products/${res.body.product.id}`)).body;
    expect(view.kind).toBe('service');
    const { request } = await buildSale(cashier, [{ product: view, quantityMilli: 1000 }]);
    expect((await cashier.post('/api/sales', request)).status).toBe(201);
    expect(await server.db.stockMovement.count({ where: { productId: view.id } })).toBe(0);
    expect(await server.db.saleLine.count({ where: { productId: view.id } })).toBe(1);
  });
});

describe('archiving', () => {
  it('archives a product with stock only after the warning; it keeps its history and is refused at scan and at sale', async () => {
    const row = await server.db.product.findFirstOrThrow({ where: { kind: 'goods', unit: 'piece', active: true, sku: { startsWith: 'SKU-' }, barcodes: { some: {} } }, include: { barcodes: true }, orderBy: { sku: 'desc' } });
    const view = (await cashier.get(`/api/products/${row.id}`)).body;
    const { request } = await buildSale(cashier, [{ product: view, quantityMilli: 1000 }]);
    expect((await cashier.post('/api/sales', request)).status).toBe(201);
    const stock = (await server.db.stockBalance.findFirstOrThrow({ where: { productId: row.id } })).quantityMilli;
    expect(stock).toBeGreaterThan(0);

    const details = (await manager.get(`/api/products/${row.id}/details`)).body;
    const before = await footprint();
    const warned = await manager.put(`/api/products/${row.id}`, { ...details, active: false });
    await expectRefused(warned, 409, 'product-has-stock', 'active', before);
    expect(warned.body.error.details.stockMilli).toBe(stock);
    expect((await manager.put(`/api/products/${row.id}`, { ...details, active: false, acknowledge: ['archive-with-stock'] })).status).toBe(200);

    const scan = await cashier.get(`/api/scan/${row.barcodes[0].code}`);
    expect(scan.status).toBe(409);
    expect(scan.body.error.code).toBe('product-archived');
    const again = await buildSale(cashier, [{ product: view, quantityMilli: 1000 }]);
    const refused = await cashier.post('/api/sales', again.request);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'product-archived', fields: [{ path: 'lines.0.productId' }] });
    expect(refused.body.error.message).toContain(row.name);
    // The sale made before stays as it was.
    expect((await cashier.get(`/api/sales/${request.id}`)).body.lines[0].productId).toBe(row.id);
    expect((await manager.get(`/api/products?q=${encodeURIComponent(row.sku)}&status=archived`)).body.items.map((p: { id: string }) => p.id)).toEqual([row.id]);
  });
});

describe('GET /api/products', () => {
  const topLevel = (where: object = {}) =>
    server.db.product.findMany({ where: { parentId: null, active: true, ...where }, orderBy: [{ searchName: 'asc' }, { id: 'asc' }], select: { id: true, searchName: true, price: true, sku: true } });

  async function everyPage(query: string) {
    const ids: string[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 100; pages++) {
      const res: { status: number; body: { items: { id: string }[]; next: string | null } } = await manager.get(`/api/products?${query}&limit=17${after ? `&after=${after}` : ''}`);
      expect(res.status).toBe(200);
      ids.push(...res.body.items.map((p: { id: string }) => p.id));
      after = res.body.next;
      if (!after) return ids;
    }
    throw new Error('more than 100 pages');
  }

  it('pages through every product exactly once, in name order and by price downwards', async () => {
    expect(await everyPage('sort=name')).toEqual((await topLevel()).map((p) => p.id));
    const byPrice = (await topLevel()).sort((a, b) => b.price - a.price || (a.id < b.id ? 1 : -1)).map((p) => p.id);
    expect(await everyPage('sort=price&dir=desc')).toEqual(byPrice);
  });

  it('finds names by their words in any order, a SKU by its beginning, and a variant’s barcode as its product', async () => {
    const named = (await server.db.product.findMany({ where: { parentId: null, active: true, name: { contains: ' ' } }, take: 50 })).find((p) => p.name.split(' ').length >= 2 && p.name.split(' ').every((w) => w.length >= 3))!;
    const words = named.searchName.split(' ');
    const res = await manager.get(`/api/products?q=${encodeURIComponent([...words].reverse().join(' '))}&limit=200`);
    const expected = (await topLevel()).filter((p) => words.every((w) => p.searchName.includes(w))).map((p) => p.id);
    expect(res.body.items.map((p: { id: string }) => p.id)).toEqual(expected);
    expect(expected).toContain(named.id);

    const prefix = (await manager.get('/api/products?q=T-SHIRT')).body.items;
    expect(prefix.map((p: { name: string }) => p.name)).toEqual(['T-shirt']);
    expect(prefix[0].variants).toHaveLength(7);
    const variant = await server.db.barcode.findFirstOrThrow({ where: { product: { parentId: { not: null } } }, include: { product: true } });
    expect((await manager.get(`/api/products?q=${variant.code}`)).body.items.map((p: { id: string }) => p.id)).toEqual([variant.product.parentId]);
  });

  it('filters by category (with the categories under it), supplier, kind, minimum level, missing barcode and missing cost', async () => {
    const ids = async (query: string) => (await everyPage(query)).sort();
    const [dairy] = await server.db.category.findMany({ where: { code: 'dairy' } });
    const sub = await manager.post('/api/categories', { name: 'Cheese', parentId: dairy.id });
    expect(sub.status).toBe(201);
    const moved = await server.db.product.findFirstOrThrow({ where: { categoryId: dairy.id, parentId: null } });
    const details = (await manager.get(`/api/products/${moved.id}/details`)).body;
    expect((await manager.put(`/api/products/${moved.id}`, { ...details, categoryId: sub.body.id })).status).toBe(200);
    expect(await ids(`categoryId=${dairy.id}`)).toEqual((await topLevel({ categoryId: { in: [dairy.id, sub.body.id] } })).map((p) => p.id).sort());
    expect(await ids(`categoryId=${sub.body.id}`)).toEqual([moved.id]);

    expect(await ids(`supplierId=${supplierId}`)).toEqual((await topLevel({ id: { in: (await server.db.supplierProduct.findMany({ where: { supplierId } })).map((s) => s.productId) } })).map((p) => p.id).sort());
    expect(await ids('kind=weighed')).toEqual((await topLevel({ kind: 'goods', unit: 'kg' })).map((p) => p.id).sort());
    expect(await ids('kind=service')).toEqual((await topLevel({ kind: 'service' })).map((p) => p.id).sort());
    expect(await ids('noBarcode=true')).toEqual((await topLevel({ kind: { in: ['goods', 'service'] }, barcodes: { none: {} } })).map((p) => p.id).sort());
    expect(await ids('noCost=true')).toEqual((await topLevel({ kind: { in: ['goods', 'service'] }, cost: 0 })).map((p) => p.id).sort());

    const low = await server.db.stockBalance.findFirstOrThrow({ where: { quantityMilli: { gt: 0 }, productId: { in: (await topLevel({ kind: 'goods' })).map((p) => p.id) } } });
    const lowDetails = (await manager.get(`/api/products/${low.productId}/details`)).body;
    expect((await manager.put(`/api/products/${low.productId}`, { ...lowDetails, minMilli: low.quantityMilli + 1000 })).status).toBe(200);
    const levels = await server.db.stockLevel.findMany();
    const balances = new Map((await server.db.stockBalance.findMany()).map((b) => [b.productId, b.quantityMilli]));
    const belowIds = levels.filter((l) => (balances.get(l.productId) ?? 0) < l.minMilli).map((l) => l.productId);
    expect(await ids('belowMinimum=true')).toEqual((await topLevel({ id: { in: belowIds } })).map((p) => p.id).sort());
    expect(belowIds).toContain(low.productId);
  });

  it('refuses a cursor it did not give, naming the field', async () => {
    const res = await manager.get('/api/products?after=bm90LWEtY3Vyc29y');
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: 'invalid-cursor', fields: [{ path: 'after' }] });
  });

  it('is the back office’s: a cashier may not list the catalogue this way', async () => {
    expect((await cashier.get('/api/products')).status).toBe(403);
  });
});

describe('categories', () => {
  it('make a tree: added, renamed, moved but never under itself, archived with what is under it', async () => {
    const top = (await manager.post('/api/categories', { name: 'Garden' })).body;
    expect(top).toMatchObject({ name: 'Garden', code: 'garden', parentId: null, active: true });
    const child = (await manager.post('/api/categories', { name: 'Seeds', parentId: top.id })).body;
    const grandchild = (await manager.post('/api/categories', { name: 'Flower seeds', parentId: child.id })).body;
    expect((await manager.put(`/api/categories/${child.id}`, { name: 'Seeds and bulbs' })).body.name).toBe('Seeds and bulbs');
    const cycle = await manager.put(`/api/categories/${top.id}`, { parentId: grandchild.id });
    expect(cycle.status).toBe(422);
    expect(cycle.body.error).toMatchObject({ code: 'category-cycle', fields: [{ path: 'parentId' }] });
    expect((await server.db.category.findUniqueOrThrow({ where: { id: top.id } })).parentId).toBeNull();
    expect((await manager.put(`/api/categories/${grandchild.id}`, { parentId: null })).body.parentId).toBeNull();
    expect((await manager.put(`/api/categories/${grandchild.id}`, { parentId: child.id })).body.parentId).toBe(child.id);

    expect((await manager.put(`/api/categories/${top.id}`, { active: false })).status).toBe(200);
    expect((await server.db.category.findMany({ where: { id: { in: [top.id, child.id, grandchild.id] } } })).map((c) => c.active)).toEqual([false, false, false]);
    const before = await footprint();
    await expectRefused(await manager.post('/api/products', product({ categoryId: grandchild.id })), 422, 'category-archived', 'categoryId', before);
    expect((await manager.put(`/api/categories/${child.id}`, { active: true })).body.error.code).toBe('category-parent-archived');
    expect((await manager.post('/api/categories', { name: 'Garden' })).body.code).toBe('garden-2');
    expect((await manager.post('/api/categories', { name: 'Tools', code: 'garden' })).body.error.code).toBe('duplicate-category-code');
    expect((await cashier.post('/api/categories', { name: 'Nope' })).status).toBe(403);
  });
});

describe('POST /api/products/bulk', () => {
  it('archives a selection only after the stock warning, and files a selection under a category', async () => {
    const chosen = (await server.db.product.findMany({ where: { kind: 'goods', parentId: null, active: true, unit: 'piece' }, orderBy: { sku: 'asc' }, take: 3 })).map((p) => p.id);
    const stock = (await server.db.stockBalance.aggregate({ where: { productId: { in: chosen }, quantityMilli: { gt: 0 } }, _sum: { quantityMilli: true } }))._sum.quantityMilli;
    const warned = await manager.post('/api/products/bulk', { productIds: chosen, action: { kind: 'archive' } });
    expect(warned.status).toBe(409);
    expect(warned.body.error.details.stockMilli).toBe(stock);
    expect(await server.db.product.count({ where: { id: { in: chosen }, active: true } })).toBe(3);
    expect((await manager.post('/api/products/bulk', { productIds: chosen, action: { kind: 'archive' }, acknowledge: ['archive-with-stock'] })).body.changed).toBe(3);
    expect((await manager.post('/api/products/bulk', { productIds: chosen, action: { kind: 'restore' } })).body.changed).toBe(3);
    const category = (await manager.post('/api/categories', { name: 'Bulk filed' })).body;
    expect((await manager.post('/api/products/bulk', { productIds: chosen, action: { kind: 'category', categoryId: category.id } })).status).toBe(200);
    expect(await server.db.product.count({ where: { id: { in: chosen }, categoryId: category.id, active: true } })).toBe(3);
    const unknown = await manager.post('/api/products/bulk', { productIds: [chosen[0], newId()], action: { kind: 'restore' } });
    expect(unknown.body.error.fields[0].path).toBe('productIds.1');
  });
});
