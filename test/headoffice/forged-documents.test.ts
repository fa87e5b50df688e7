import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../shared/ids.ts';
import type { SyncDocument } from '../../shared/schemas/sync.ts';
import { ApiClient } from '../support/api-client.ts';
import { buildSale, findProducts, sellSimpleSales } from '../support/cart.ts';
import { createPostgresDatabase, outletIdentity, startHeadOffice, type TestHeadOffice } from '../support/head-office.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

// Outlets that lie, against head office on real PostgreSQL. A1 is honest and pushes by itself; B1
// is a real outlet whose documents never leave it on their own: the test pushes them by hand with
// B1's real credential, genuine or edited. Every refusal must name the field, refuse the whole
// batch and leave head office's figures as the accepted documents (added up here) say.
interface Outlet {
  code: string;
  server: TestServer;
  cashier: ApiClient;
  owner: ApiClient;
}

let database: Awaited<ReturnType<typeof createPostgresDatabase>>;
let headOffice: TestHeadOffice;
let a1: Outlet;
let b1: Outlet;
const tokens: Record<string, string> = {};
/** What head office said it took from B1, oldest first: the figures must follow from these alone. */
const acceptedFromB1: SyncDocument[] = [];

async function startOutlet(code: string, linked: boolean): Promise<Outlet> {
  tokens[code] = await headOffice.addOutlet(code);
  const server = await startTestServer({
    outletCode: code,
    headOffice: linked ? { url: headOffice.url, token: tokens[code], batchSize: 10, intervalMs: 30, maxBackoffMs: 200, timeoutMs: 3000 } : null,
  });
  const cashier = await server.login('anna', '3333');
  expect((await cashier.post('/api/shifts', { openingFloat: 0 })).status).toBe(201);
  return { code, server, cashier, owner: await server.login('owner', '1111') };
}

/** The outlet's queued documents as its pusher sends them, oldest first. */
async function outbox(outlet: Outlet): Promise<SyncDocument[]> {
  const entries = await outlet.server.db.outboxEntry.findMany({ orderBy: { sequence: 'asc' } });
  return entries.map((e) => ({ documentId: e.documentId, type: e.type as SyncDocument['type'], createdAt: e.createdAt.toISOString(), payload: JSON.parse(e.payload) }));
}

/** The documents `act` made at the outlet. */
async function madeBy(outlet: Outlet, act: () => Promise<unknown>): Promise<SyncDocument[]> {
  const before = new Set((await outbox(outlet)).map((d) => d.documentId));
  await act();
  return (await outbox(outlet)).filter((d) => !before.has(d.documentId));
}

/** Pushes documents through the real API with an outlet's credential, as its pusher would (or as told). */
async function push(outlet: Outlet, documents: unknown[], options: { sentAt?: Date; as?: Outlet } = {}) {
  const identity = await outletIdentity((options.as ?? outlet).server.db);
  return new ApiClient(headOffice.url, tokens[outlet.code]).post<any>('/api/sync/push', {
    outletCode: outlet.code,
    ...identity,
    sentAt: (options.sentAt ?? new Date()).toISOString(),
    documents,
  });
}

/** Pushes genuine documents of B1 and notes them as accepted. */
async function pushGenuine(documents: SyncDocument[]) {
  const res = await push(b1, documents);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  acceptedFromB1.push(...documents);
}

const copy = <T>(value: T): T => structuredClone(value);
const caughtUp = (o: Outlet) => expect.poll(async () => (await o.cashier.get('/api/sync/status')).body.backlog, { timeout: 20_000, interval: 50 }).toBe(0);
async function pulledEverything(o: Outlet) {
  const { rows } = await headOffice.db.pool.query(`SELECT coalesce(max("seq"), 0)::int AS "seq" FROM "MasterChange"`);
  await expect.poll(async () => (await o.cashier.get('/api/sync/status')).body.masterDataCursor, { timeout: 20_000, interval: 50 }).toBeGreaterThanOrEqual(rows[0].seq);
}

/** What head office holds for an outlet, read from its tables: day figures, documents, stock. */
async function held(code: string) {
  const { rows: [figures] } = await headOffice.db.pool.query(
    `SELECT coalesce(sum(d."total"), 0)::float8 AS "total", coalesce(sum(d."receipts"), 0)::int AS "receipts", coalesce(sum(d."returns"), 0)::int AS "returns",
       coalesce(sum(d."taxTotal"), 0)::float8 AS "taxTotal"
     FROM "ChainSalesDay" d JOIN "Outlet" o ON o."id" = d."outletId" WHERE o."code" = $1`,
    [code],
  );
  const { rows: documents } = await headOffice.db.pool.query(`SELECT s."documentId" FROM "SyncedDocument" s JOIN "Outlet" o ON o."id" = s."outletId" WHERE o."code" = $1`, [code]);
  const { rows: stock } = await headOffice.db.pool.query(
    `SELECT s."productId", s."quantityMilli"::float8 AS "quantityMilli" FROM "ChainStock" s JOIN "Outlet" o ON o."id" = s."outletId" WHERE o."code" = $1 AND s."quantityMilli" <> 0`,
    [code],
  );
  return {
    ...figures,
    documents: documents.map((d) => d.documentId as string).sort(),
    stock: Object.fromEntries(stock.map((s) => [s.productId, s.quantityMilli])),
  };
}

/** The same figures added up from the documents head office took. */
function expectedFrom(documents: SyncDocument[]) {
  const sales = documents.filter((d) => d.type === 'sale' || d.type === 'return').map((d) => d.payload as any);
  const sign = (s: any) => (s.kind === 'sale' ? 1 : -1);
  const stock: Record<string, number> = {};
  for (const d of documents) {
    const p = d.payload as any;
    const direction = { sale: -1, return: 1, 'stock-delivery': 1, 'stock-transfer-in': 1, 'stock-write-off': -1, 'stock-transfer-out': -1 }[d.type as string];
    if (direction) for (const l of p.lines) stock[l.productId] = (stock[l.productId] ?? 0) + direction * l.quantityMilli;
  }
  return {
    total: sales.reduce((s, x) => s + sign(x) * x.total, 0),
    receipts: sales.filter((x) => x.kind === 'sale').length,
    returns: sales.filter((x) => x.kind === 'return').length,
    taxTotal: sales.reduce((s, x) => s + sign(x) * x.taxTotal, 0),
    documents: documents.map((d) => d.documentId).sort(),
    stock: Object.fromEntries(Object.entries(stock).filter(([, q]) => q !== 0)),
  };
}

const expectB1AsAccepted = async () => expect(await held('B1')).toEqual(expectedFrom(acceptedFromB1));

/** Pushes a batch of B1's and expects it refused whole, naming `path`, with nothing of it kept. */
async function expectRefused(documents: unknown[], status: number, code: string, path: string, options: { sentAt?: Date } = {}) {
  const before = await held('B1');
  const res = await push(b1, documents, options);
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.body.error.code).toBe(code);
  expect(res.body.error.fields[0].path).toBe(path);
  expect(await held('B1')).toEqual(before);
  await expectB1AsAccepted();
}

async function sellTo(o: Outlet, customerId: string) {
  const row = await o.server.db.product.findFirstOrThrow({ where: { unit: 'piece', kind: 'goods', plu: null }, orderBy: { sku: 'asc' } });
  const product = (await findProducts(o.cashier, row.sku)).find((p) => p.id === row.id)!;
  const customer = (await o.cashier.get(`/api/customers/${customerId}`)).body;
  const { request } = await buildSale(o.cashier, [{ product, quantityMilli: 2000 }], { customer });
  expect((await o.cashier.post('/api/sales', request)).status).toBe(201);
}

beforeAll(async () => {
  database = await createPostgresDatabase();
  headOffice = await startHeadOffice(database.url);
  a1 = await startOutlet('A1', true);
  b1 = await startOutlet('B1', false);
  // B1's first push, genuine, shows head office its id and key.
  await pushGenuine(await madeBy(b1, () => sellSimpleSales(b1.server.db, b1.cashier, 1)));
});

afterAll(async () => {
  for (const o of [a1, b1]) await o?.server.close();
  await headOffice?.close();
  await database?.drop();
});

describe('head office and an outlet that pushes what is not its own', () => {
  it('refuses another outlet’s sales pushed with its own credential, and counts nothing under it', async () => {
    await sellSimpleSales(a1.server.db, a1.cashier, 3);
    await caughtUp(a1);
    const fromA = (await outbox(a1)).filter((d) => d.type === 'sale');
    const heldForA = await held('A1');

    // A's sales as they are, pushed by B under its own code.
    await expectRefused(fromA, 409, 'held-for-another-outlet', 'documents.0.documentId');
    // A's sale again under a new id: its payload says whose it is.
    const renamed = copy(fromA[0]);
    renamed.documentId = newId();
    Object.assign(renamed.payload, { id: renamed.documentId, idempotencyKey: renamed.documentId });
    for (const l of renamed.payload.lines as any[]) l.saleId = renamed.documentId;
    for (const p of renamed.payload.payments as any[]) p.saleId = renamed.documentId;
    for (const d of renamed.payload.discounts as any[]) d.saleId = renamed.documentId;
    await expectRefused([renamed], 403, 'wrong-outlet', 'documents.0.payload.outletId');
    // B showing A's id and key with B's credential.
    const asA = await push(b1, [renamed], { as: a1 });
    expect(asA.status).toBe(409);
    expect(asA.body.error).toMatchObject({ code: 'outlet-identity-changed', fields: [{ path: 'outletId' }] });
    // A new outlet's first push showing A's id and key.
    tokens.C1 = await headOffice.addOutlet('C1');
    const newcomer = await new ApiClient(headOffice.url, tokens.C1).post<any>('/api/sync/push', { outletCode: 'C1', ...(await outletIdentity(a1.server.db)), sentAt: new Date().toISOString(), documents: [renamed] });
    expect(newcomer.status).toBe(409);
    expect(newcomer.body.error).toMatchObject({ code: 'outlet-identity-taken', fields: [{ path: 'outletId' }] });

    expect(await held('A1')).toEqual(heldForA);
    expect((await held('A1')).receipts).toBe(3);
    await expectB1AsAccepted();
    const outlets = (await headOffice.admin.get('/api/head-office/outlets')).body;
    expect(outlets.find((o: { code: string }) => o.code === 'B1').lastError).toMatch(/^outlet-identity-changed/);
  });
});

describe('head office and an outlet that edits its documents', () => {
  it('refuses every sale that does not add up, naming the field, and keeps the figures to what it took', async () => {
    const [first, second] = await madeBy(b1, () => sellSimpleSales(b1.server.db, b1.cashier, 2));
    const lying = (edit: (p: any, doc: SyncDocument) => void) => {
      const doc = copy(second);
      edit(doc.payload, doc);
      return [first, doc];
    };
    // A total one minor unit above its lines (paid in full, so only the total is off).
    await expectRefused(lying((p) => { p.total += 1; p.payments[0].amount += 1; p.payments[0].tendered += 1; }), 422, 'invalid-document', 'documents.1.payload.total');
    // 1,000,000.00 with lines that do not add up to it.
    await expectRefused(lying((p) => { p.total = 100_000_000; p.payments[0].amount = 100_000_000; p.payments[0].tendered = 100_000_000; }), 422, 'invalid-document', 'documents.1.payload.total');
    // Paid with nothing.
    await expectRefused(lying((p) => { p.payments = [{ ...p.payments[0], method: 'card', amount: 0, tendered: null, change: 0 }]; }), 422, 'invalid-document', 'documents.1.payload.payments');
    // A line dearer than its quantity × price, the total and payment raised with it.
    await expectRefused(lying((p) => { p.lines[0].grossAmount += 500; p.lines[0].amount += 500; p.subtotal += 500; p.total += 500; p.payments[0].amount += 500; p.payments[0].tendered += 500; }), 422, 'invalid-document', 'documents.1.payload.lines.0.grossAmount');
    // Taxes that do not add up, and a line's tax that is not its rate's.
    await expectRefused(lying((p) => { p.taxTotal += 1; }), 422, 'invalid-document', 'documents.1.payload.taxTotal');
    await expectRefused(lying((p) => { p.lines[0].taxAmount += 7; p.taxTotal += 7; }), 422, 'invalid-document', 'documents.1.payload.lines.0.taxAmount');
    // Sold in negative quantity, so the sale would put goods back on the shelf.
    await expectRefused(lying((p) => { const l = p.lines[0]; l.quantityMilli = -l.quantityMilli; }), 422, 'invalid-document', 'documents.1.payload.lines.0.quantityMilli');
    // Dated 2099: by the document, and by a batch whose clock says 2099 too.
    const in2099 = '2099-06-01T10:00:00.000Z';
    await expectRefused(lying((p, doc) => { p.createdAt = in2099; doc.createdAt = in2099; }), 422, 'implausible-date', 'documents.1.createdAt');
    await expectRefused(lying((p, doc) => { p.createdAt = in2099; doc.createdAt = in2099; }), 422, 'implausible-clock', 'sentAt', { sentAt: new Date(in2099) });
    // Dated now on the envelope, 2099 inside.
    await expectRefused(lying((p) => { p.createdAt = in2099; }), 422, 'invalid-document', 'documents.1.payload.createdAt');
    // A type head office does not know, with a junk payload.
    await expectRefused([first, { documentId: newId(), type: 'banana', createdAt: new Date().toISOString(), payload: { peel: true } }], 400, 'invalid-input', 'body.documents.1.type');
    // A sale that calls itself a return.
    await expectRefused(lying((_p, doc) => { doc.type = 'return'; }), 422, 'invalid-document', 'documents.1.payload.kind');

    await pushGenuine([first, second]);
    await expectB1AsAccepted();
    const own = await b1.server.db.sale.findMany({ where: { id: { in: [first.documentId, second.documentId] } } });
    expect((await held('B1')).total).toBe(expectedFrom(acceptedFromB1).total);
    expect(own.reduce((s, x) => s + x.total, 0)).toBe((first.payload.total as number) + (second.payload.total as number));
  });

  it('moves chain stock only the way each document type allows', async () => {
    const [product] = await b1.server.db.product.findMany({ where: { unit: 'piece', kind: 'goods', plu: null }, orderBy: { sku: 'asc' }, take: 1 });
    const [delivery] = await madeBy(b1, () => b1.owner.post('/api/stock/deliveries', { id: newId(), lines: [{ productId: product.id, quantityMilli: 10_000, unitCost: 120 }] }));
    expect(delivery.type).toBe('stock-delivery');
    const minusTen = copy(delivery);
    (minusTen.payload as any).lines[0].quantityMilli = -10_000;
    (minusTen.payload as any).totalCost = -1200;
    await expectRefused([minusTen], 422, 'invalid-document', 'documents.0.payload.lines.0.quantityMilli');
    const dearer = copy(delivery);
    (dearer.payload as any).totalCost = 99_999;
    await expectRefused([dearer], 422, 'invalid-document', 'documents.0.payload.totalCost');
    await pushGenuine([delivery]);

    const [sale] = await madeBy(b1, () => sellSimpleSales(b1.server.db, b1.cashier, 1));
    const saleLine = await b1.server.db.saleLine.findFirstOrThrow({ where: { saleId: sale.documentId } });
    const [ret] = await madeBy(b1, () => b1.owner.post('/api/returns', { id: newId(), originalSaleId: sale.documentId, lines: [{ saleLineId: saleLine.id, quantityMilli: 1000 }], refundMethod: 'cash' }));
    expect(ret.type).toBe('return');
    const negativeReturn = copy(ret);
    (negativeReturn.payload as any).lines[0].quantityMilli = -1000;
    await expectRefused([sale, negativeReturn], 422, 'invalid-document', 'documents.1.payload.lines.0.quantityMilli');
    const biggerRefund = copy(ret);
    (biggerRefund.payload as any).total += 1000;
    (biggerRefund.payload as any).payments[0].amount += 1000;
    await expectRefused([sale, biggerRefund], 422, 'invalid-document', 'documents.1.payload.total');
    await pushGenuine([sale, ret]);
    await expectB1AsAccepted();
    const own = await b1.server.db.stockBalance.findFirstOrThrow({ where: { productId: product.id } });
    expect((await held('B1')).stock[product.id]).toBe(expectedFrom(acceptedFromB1).stock[product.id]);
    expect(own.quantityMilli).toBeGreaterThan(0);
  });
});

describe('head office and customers edited at an outlet that lies', () => {
  let customerId: string;
  const notesAtHeadOffice = async () => (await headOffice.db.prisma.customer.findUniqueOrThrow({ where: { id: customerId } })).notes;
  const editNotes = (notes: string) => madeBy(b1, async () => expect((await b1.owner.put(`/api/customers/${customerId}`, { name: 'Rūta Rūtaitė', notes })).status).toBe(200));
  /** A genuine edit as a till whose clock is `ms` ahead would have made it. */
  const datedAhead = (doc: SyncDocument, ms: number) => {
    const moved = copy(doc);
    moved.createdAt = new Date(Date.parse(doc.createdAt) + ms).toISOString();
    (moved.payload as any).editedAt = moved.createdAt;
    return moved;
  };

  beforeAll(async () => {
    const made = await madeBy(b1, async () => {
      const res = await b1.owner.post('/api/customers', { name: 'Rūta Rūtaitė', phone: '+37069990001', card: 'B1-CARD-0001' });
      expect(res.status).toBe(201);
      customerId = res.body.id;
    });
    await pushGenuine(made);
  });

  it('takes an edit dated ahead by the outlet’s clock as made when head office received it, so a later edit wins', async () => {
    const [ahead] = await editNotes('dated a day ahead');
    const twentyHours = 20 * 3600_000;
    const forged = datedAhead(ahead, twentyHours);
    const res = await push(b1, [forged], { sentAt: new Date(Date.now() + twentyHours) });
    expect(res.status).toBe(200);
    acceptedFromB1.push(forged);
    expect(await notesAtHeadOffice()).toBe('dated a day ahead');
    const { rows: [clock] } = await headOffice.db.pool.query(`SELECT "clocks"->>'notes' AS "notes" FROM "CustomerFieldClock" WHERE "customerId" = $1`, [customerId]);
    expect(Date.parse(clock.notes)).toBeLessThanOrEqual(Date.now() + 2 * 60_000);

    // Made three minutes later by a till's clock: it wins over the one dated twenty hours ahead.
    const [later] = await editNotes('three minutes later');
    await pushGenuine([datedAhead(later, 3 * 60_000)]);
    expect(await notesAtHeadOffice()).toBe('three minutes later');
  });

  it('refuses an edit dated 9999-12-31', async () => {
    const [edit] = await editNotes('forever');
    const forever = copy(edit);
    (forever.payload as any).editedAt = '9999-12-31T00:00:00.000Z';
    await expectRefused([forever], 422, 'invalid-document', 'documents.0.payload.editedAt');
    forever.createdAt = '9999-12-31T00:00:00.000Z';
    await expectRefused([forever], 422, 'implausible-date', 'documents.0.createdAt');
    expect(await notesAtHeadOffice()).toBe('three minutes later');
  });

  it('holds a personal discount and a category set at an outlet for head office to decide, and sends head office’s values to every outlet', async () => {
    const VIP = newId();
    expect((await headOffice.admin.put(`/api/head-office/master/customer-category/${VIP}`, { code: 'chain-vip', name: 'Chain VIP', discountBp: 1000 })).status).toBe(204);
    expect((await b1.owner.put('/api/customer-categories/chain-vip', { name: 'Chain VIP', discountBp: 1000, pointsEarnBp: 0 })).status).toBe(200);
    const edits = await madeBy(b1, async () => {
      const res = await b1.owner.put(`/api/customers/${customerId}`, { name: 'Rūta Rūtaitė', phone: '+37061234567', email: 'attacker@example.com', personalDiscountBp: 10_000, categoryCode: 'chain-vip' });
      expect(res.status).toBe(200);
    });
    await pushGenuine(edits);
    const atHeadOffice = await headOffice.db.prisma.customer.findUniqueOrThrow({ where: { id: customerId } });
    expect(atHeadOffice).toMatchObject({ personalDiscountBp: 0, categoryId: null, phone: '+37061234567', email: 'attacker@example.com' });
    const waiting = (await headOffice.admin.get<any[]>('/api/head-office/customer-proposals')).body;
    expect(waiting.map((w) => [w.customerId, w.outletCode, w.field, w.value]).sort()).toEqual([
      [customerId, 'B1', 'categoryCode', 'chain-vip'],
      [customerId, 'B1', 'personalDiscountBp', 10_000],
    ]);
    await pulledEverything(a1);
    expect((await a1.cashier.get(`/api/customers/${customerId}`)).body).toMatchObject({ personalDiscountBp: 0, categoryCode: null });

    // Head office's administration rejects the discount and approves the category.
    const byField = Object.fromEntries(waiting.map((w) => [w.field, w.id]));
    expect((await headOffice.admin.post(`/api/head-office/customer-proposals/${byField.personalDiscountBp}/reject`)).status).toBe(204);
    expect((await headOffice.admin.post(`/api/head-office/customer-proposals/${byField.categoryCode}/approve`)).status).toBe(204);
    expect((await new ApiClient(headOffice.url, tokens.B1).post(`/api/head-office/customer-proposals/${byField.personalDiscountBp}/approve`)).status).toBe(401);
    expect(await headOffice.db.prisma.customer.findUniqueOrThrow({ where: { id: customerId } })).toMatchObject({ personalDiscountBp: 0, categoryId: VIP });
    await pulledEverything(a1);
    expect((await a1.cashier.get(`/api/customers/${customerId}`)).body).toMatchObject({ personalDiscountBp: 0, categoryCode: 'chain-vip' });
  });

  it('refuses a customer with a card head office holds for another customer', async () => {
    const holder = newId();
    expect((await headOffice.admin.put(`/api/head-office/master/customer/${holder}`, { name: 'Card Holder', cards: ['CHAIN-CARD-7'] })).status).toBe(204);
    const [taken] = await madeBy(b1, async () => expect((await b1.owner.post('/api/customers', { name: 'Card Thief', card: 'CHAIN-CARD-7' })).status).toBe(201));
    await expectRefused([taken], 422, 'card-of-another-customer', 'documents.0.payload.cardsAdded.0');
    expect((await headOffice.db.prisma.customerCard.findUniqueOrThrow({ where: { code: 'CHAIN-CARD-7' } })).customerId).toBe(holder);
    expect(await headOffice.db.prisma.customer.findUnique({ where: { id: (taken.payload as any).customerId } })).toBeNull();
  });
});

describe('head office and the spend a lying outlet would give a customer', () => {
  it('adds to a customer’s spend elsewhere only from sales it verified', async () => {
    let customerId = '';
    await pushGenuine(await madeBy(b1, async () => {
      const res = await b1.owner.post('/api/customers', { name: 'Spend Tier', phone: '+37069990002' });
      customerId = res.body.id;
    }));
    await pulledEverything(a1);
    const elsewhere = async () => (await a1.server.db.customer.findUniqueOrThrow({ where: { id: customerId } })).chainSpendElsewhere;
    expect(await elsewhere()).toBe(0);

    const [sale] = await madeBy(b1, () => sellTo(b1, customerId));
    const inflated = copy(sale);
    Object.assign(inflated.payload, { total: 100_000_000 });
    (inflated.payload as any).payments[0].amount = 100_000_000;
    (inflated.payload as any).payments[0].tendered = 100_000_000;
    await expectRefused([inflated], 422, 'invalid-document', 'documents.0.payload.total');
    expect((await headOffice.db.pool.query(`SELECT 1 FROM "CustomerSpendMonth" WHERE "customerId" = $1`, [customerId])).rowCount).toBe(0);
    await pulledEverything(a1);
    expect(await elsewhere()).toBe(0);

    await pushGenuine([sale]);
    await pulledEverything(a1);
    expect(await elsewhere()).toBe(sale.payload.total);
  });
});

describe('head office and transfers between outlets', () => {
  it('takes a receipt only as the sender signed it, and a transfer into stock once', async () => {
    const [row] = await a1.server.db.product.findMany({ where: { unit: 'piece', kind: 'goods', plu: null }, orderBy: { sku: 'asc' }, skip: 4, take: 1 });
    const manager = await a1.server.login('manager', '2222');
    const sent = await manager.post<any>('/api/stock/transfers', { id: newId(), toOutletCode: 'B1', lines: [{ productId: row.id, quantityMilli: 3000 }] });
    expect(sent.status).toBe(201);
    await caughtUp(a1);
    const note = (await manager.get<any>(`/api/stock/transfers/${sent.body.id}/note`)).body;
    const a1Key = (await manager.get<any>('/api/stock/transfer-keys')).body.own;
    expect((await b1.owner.put('/api/stock/transfer-keys/A1', { name: a1Key.name, publicKey: a1Key.publicKey })).status).toBe(200);
    const [receipt] = await madeBy(b1, async () => expect((await b1.owner.post('/api/stock/transfers/receive', { note })).status).toBe(201));
    expect(receipt).toMatchObject({ type: 'stock-transfer-in', payload: { transferId: sent.body.id } });

    // Ten times what was sent, the note edited to match: the sender did not sign that.
    const tenTimes = copy(receipt);
    const p = tenTimes.payload as any;
    p.transferNote.lines[0].quantityMilli *= 10;
    for (const l of p.lines) Object.assign(l, { quantityMilli: l.quantityMilli * 10, expectedMilli: l.expectedMilli * 10 });
    p.totalCost *= 10;
    await expectRefused([tenTimes], 422, 'invalid-signature', 'documents.0.payload.transferNote.signature');
    await pushGenuine([receipt]);
    // The same receipt again under a new id: the transfer was received.
    const again = copy(receipt);
    again.documentId = newId();
    (again.payload as any).id = again.documentId;
    await expectRefused([again], 409, 'transfer-received', 'documents.0.payload.transferId');
    const productAtB1 = (await b1.server.db.product.findUniqueOrThrow({ where: { sku: row.sku } })).id;
    expect((await held('B1')).stock[productAtB1]).toBe(expectedFrom(acceptedFromB1).stock[productAtB1]);
    const transfers = (await headOffice.admin.get('/api/head-office/transfers?from=2000-01-01&to=2999-12-31')).body;
    // The outlets' own demo products are not in head office's catalogue: their unit is unknown there, so no quantity is summed.
    expect(transfers).toEqual([expect.objectContaining({ id: sent.body.id, fromCode: 'A1', toCode: 'B1', sentMilli: null, receivedMilli: null, unit: null })]);
    expect(transfers[0].receivedAt).not.toBeNull();
  });
});
