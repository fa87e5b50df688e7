import { randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProductView } from '../../shared/schemas/catalog.ts';
import type { ApiClient } from '../support/api-client.ts';
import { buildSale } from '../support/cart.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';
import { declaredSizes, xlsxOfNames, xlsxWithSharedStrings, xlsxWithSheet } from '../support/xlsx-bomb.ts';

// The server runs in a process of its own with a 1 GB heap: its memory is measured apart from the
// test's, and a server that would hold a bomb's strings dies instead of taking the machine down.
let server: ServerProcess;
let manager: ApiClient;

beforeAll(async () => {
  server = await startServerProcess({ maxHeapMb: 1024 });
  manager = await server.login('manager', '2222', 'R2');
});
afterAll(() => server?.stop());

/** What the server may grow by while it reads one hostile upload, in MB (it idles at about 200). */
const MEMORY_BOUND_MB = 100;

const ROUTES: { name: string; path: string; query: Record<string, string> }[] = [
  { name: 'customer preview', path: '/api/customers/import/preview', query: {} },
  { name: 'customer dry run', path: '/api/customers/import', query: { dryRun: 'true' } },
  { name: 'customer import', path: '/api/customers/import', query: { dryRun: 'false' } },
  { name: 'product preview', path: '/api/products/import/preview', query: {} },
  { name: 'product import', path: '/api/products/import', query: { dryRun: 'false', mapping: JSON.stringify({ sku: 'Name', name: 'Name' }) } },
];

async function send(path: string, body: BodyInit, query: Record<string, string>, type = 'application/octet-stream') {
  const res = await fetch(`${server.url}${path}?${new URLSearchParams(query)}`, { method: 'POST', headers: { authorization: `Bearer ${manager.token}`, 'content-type': type }, body, duplex: 'half' } as RequestInit);
  const text = await res.text();
  return { status: res.status, body: JSON.parse(text) };
}

const count = (table: string) => server.db.prepare(`SELECT COUNT(*) FROM "${table}"`).pluck().get() as number;
const written = () => ({ customers: count('Customer'), products: count('Product'), imports: count('ImportRun'), changes: count('ImportChange') });

/** Sends a file to a route and measures how much the server's resident memory grew meanwhile. */
async function measured(path: string, file: Buffer, query: Record<string, string>) {
  server.resetPeak();
  const before = server.rss();
  const res = await send(path, new Uint8Array(file), { fileName: 'customers.xlsx', ...query });
  return { ...res, grewMb: server.peakRss() - before };
}

describe('zip-bomb spreadsheets', () => {
  it('refuses a 5 MB workbook whose shared strings unpack to 3.5 GB, on every import route, within bounded memory', async () => {
    const bomb = xlsxWithSharedStrings(['Bomb Customer'], { fillers: 35_000, chars: 100_000 });
    expect(bomb.length).toBeLessThan(5 * 1024 * 1024);
    expect(declaredSizes(bomb, 'xl/sharedStrings.xml').unpacked).toBeGreaterThan(3.5e9);
    const before = written();
    for (const route of ROUTES) {
      const res = await measured(route.path, bomb, route.query);
      expect(res.status, route.name).toBe(413);
      expect(res.body.error).toMatchObject({ code: 'spreadsheet-too-large', fields: [{ path: 'body' }] });
      expect(res.body.error.message).toMatch(/xl\/sharedStrings\.xml unpacks to 3,339 MB; .* at most 256 MB/);
      expect(res.grewMb, route.name).toBeLessThan(MEMORY_BOUND_MB);
    }
    expect(server.alive()).toBe(true);
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    expect(written()).toEqual(before);
  });

  it('stops unpacking shared strings where the workbook says they end, when they go on for gigabytes', async () => {
    // The headers claim 10 MB (packed 5 MB: an ordinary ratio); the data inflates to 3.5 GB.
    const liar = xlsxWithSharedStrings(['Bomb Customer'], { fillers: 120_000, chars: 30_000, perSegment: 10, declare: { 'xl/sharedStrings.xml': 10 * 1024 * 1024 } });
    expect(liar.length).toBeLessThan(6 * 1024 * 1024);
    const before = written();
    for (const route of ROUTES.filter((r) => !r.path.endsWith('/preview'))) {
      const res = await measured(route.path, liar, route.query);
      expect(res.status, route.name).toBe(422);
      expect(res.body.error.code).toBe('spreadsheet-unreadable');
      expect(res.body.error.message).toContain('xl/sharedStrings.xml');
      expect(res.grewMb, route.name).toBeLessThan(MEMORY_BOUND_MB);
    }
    // A preview reads the shared strings only as far as the rows it shows.
    const preview = await measured('/api/customers/import/preview', liar, {});
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ encoding: 'xlsx', headers: ['Name'], rows: [['Bomb Customer']], total: 1 });
    expect(preview.grewMb).toBeLessThan(MEMORY_BOUND_MB);
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    expect(written()).toEqual(before);
  });

  it('refuses a genuine workbook packed just tighter than 100 to 1, and reads one packed 75 to 1', async () => {
    const tight = xlsxWithSharedStrings(['Ona Tight'], { fillers: 500, chars: 5_000 });
    const { packed, unpacked } = declaredSizes(tight, 'xl/sharedStrings.xml');
    expect(unpacked / packed).toBeGreaterThan(100);
    expect(unpacked / packed).toBeLessThan(150);
    // A spreadsheet opens it: it is a workbook, not just a zip.
    const opened = new ExcelJS.Workbook();
    await opened.xlsx.load(tight as unknown as ArrayBuffer);
    expect(opened.worksheets[0].getCell('A2').value).toBe('Ona Tight');

    const before = written();
    for (const route of ROUTES) {
      const res = await measured(route.path, tight, route.query);
      expect(res.status, route.name).toBe(422);
      expect(res.body.error).toMatchObject({ code: 'spreadsheet-compression-ratio', fields: [{ path: 'body' }] });
      expect(res.body.error.message).toMatch(/xl\/sharedStrings\.xml is packed 1\d\d to 1; .* at most 100 to 1/);
    }
    expect(written()).toEqual(before);

    const loose = xlsxWithSharedStrings(['Ona Loose'], { fillers: 800, chars: 3_000 });
    const ratio = declaredSizes(loose, 'xl/sharedStrings.xml');
    expect(ratio.unpacked / ratio.packed).toBeLessThan(100);
    expect((await measured('/api/customers/import/preview', loose, {})).body).toMatchObject({ headers: ['Name'], rows: [['Ona Loose']], total: 1 });
    expect((await measured('/api/customers/import', loose, { dryRun: 'true' })).body).toMatchObject({ rows: 1, created: 1, rejectedCount: 0 });
  });
});

describe('spreadsheets that would make a streaming reader hold too much at once', () => {
  const randomText = (chars: number) => randomBytes(chars / 2).toString('hex');
  const column = (n: number): string => (n < 26 ? String.fromCharCode(65 + n) : column(Math.floor(n / 26) - 1) + column(n % 26));
  const cases = [
    { what: 'a shared string longer than a cell may be', file: () => xlsxOfNames(['x'.repeat(40_000)]), message: /Shared string 1 is longer than a cell may be \(32,767 characters\)/ },
    { what: 'a row of 5 MB', file: () => xlsxWithSheet(`<row r="1">${Array.from({ length: 300 }, (_, i) => `<c r="${column(i)}1" t="inlineStr"><is><t>${randomText(16_000)}</t></is></c>`).join('')}</row>`), message: /xl\/worksheets\/sheet1\.xml holds a row longer than 4,194,304 characters/ },
    { what: 'a text of 1.5 MB', file: () => xlsxWithSheet(`<row r="1"><c r="A1" t="inlineStr"><is><t>${randomText(1_500_000)}</t></is></c></row>`), message: /xl\/worksheets\/sheet1\.xml holds a text or tag longer than 1,048,576 characters/ },
  ];

  it.each(cases)('refuses a workbook with $what on every import route', async ({ file, message }) => {
    const bytes = file();
    const before = written();
    for (const route of ROUTES) {
      const res = await measured(route.path, bytes, route.query);
      expect(res.status, route.name).toBe(413);
      expect(res.body.error.code).toBe('spreadsheet-too-large');
      expect(res.body.error.message).toMatch(message);
    }
    expect(written()).toEqual(before);
  });
});

describe('a big CSV preview while a register sells', () => {
  it('previews a 150 MB CSV by its first megabyte, while the register commits a sale for each 64 KB of it sent', async () => {
    const cashier = await server.login('anna', '3333', 'R1');
    expect((await cashier.post('/api/shifts', { openingFloat: 10_000 })).status).toBe(201);
    const sku = server.db.prepare(`SELECT p."sku" FROM "Product" p WHERE p."active" = 1 AND p."kind" = 'goods' AND p."unit" = 'piece' AND p."plu" IS NULL ORDER BY p."sku" LIMIT 1`).pluck().get() as string;
    const product = (await cashier.get<{ items: ProductView[] }>(`/api/products/search?q=${encodeURIComponent(sku)}`)).body.items.find((p) => p.sku === sku)!;
    const sell = async () => {
      const { request } = await buildSale(cashier, [{ product, quantityMilli: 1000 }]);
      return (await cashier.post('/api/sales', request)).status;
    };

    // Rows of one length, so that how many lie whole in the first megabyte is known.
    const header = 'Name;Phone;Card\n';
    const row = (n: number) => `Big File Customer ${String(n).padStart(7, '0')};+3706${String(n).padStart(7, '0')};99170${String(n).padStart(8, '0')}\n`;
    const rowLength = row(0).length;
    const rowsPerPiece = 1_024; // about 64 KB
    const rows = (from: number) => Buffer.from(Array.from({ length: rowsPerPiece }, (_, i) => row(from + i)).join(''));
    const head = 1024 * 1024;
    expect((head - header.length) % rowLength).not.toBe(0); // the first megabyte ends inside a row
    const tail = Buffer.concat(Array.from({ length: 16 }, (_, i) => rows(i * rowsPerPiece)));
    const total = 150 * 1024 * 1024;
    const salesBefore = count('Sale');
    const statuses: number[] = [];
    let sent = 0;
    let pieces = 0;
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (sent >= total) return controller.close();
        let bytes = tail;
        if (sent < head) {
          // Until the server has its first megabyte, the register sells (and asks for health) before each piece.
          statuses.push(await sell(), (await fetch(`${server.url}/api/health`)).status);
          bytes = pieces === 0 ? Buffer.concat([Buffer.from(header), rows(0)]) : rows(pieces * rowsPerPiece);
          pieces += 1;
        }
        controller.enqueue(new Uint8Array(bytes));
        sent += bytes.length;
      },
    });

    server.resetPeak();
    const before = server.rss();
    const res = await send('/api/customers/import/preview', body, { fileName: 'big.csv' }, 'text/csv');
    const grewMb = server.peakRss() - before;

    expect(res.status).toBe(200);
    expect(res.body.rows).toHaveLength(10);
    expect(res.body.rows[9]).toEqual(row(9).trim().split(';'));
    // Only the rows whole in the first megabyte are read and counted, of about 2.6 million.
    expect(res.body.total).toBe(Math.floor((head - header.length) / rowLength));
    expect(grewMb).toBeLessThan(MEMORY_BOUND_MB);
    // Every sale went through while the preview was waiting for the rest of its first megabyte.
    expect(pieces).toBeGreaterThanOrEqual(16);
    expect(statuses).toEqual(Array.from({ length: pieces }, () => [201, 200]).flat());
    expect(count('Sale') - salesBefore).toBe(pieces);
  });
});

describe('import routes given something else than a file', () => {
  const form = () => {
    const data = new FormData();
    data.append('note', 'no file here');
    return data;
  };
  const bodies: { name: string; init: () => RequestInit }[] = [
    { name: 'JSON', init: () => ({ headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Ona', rows: [] }) }) },
    { name: 'text', init: () => ({ headers: { 'content-type': 'text/plain' }, body: 'Name\nOna\n' }) },
    { name: 'nothing', init: () => ({}) },
    { name: 'an empty CSV', init: () => ({ headers: { 'content-type': 'text/csv' }, body: '' }) },
    { name: 'a form without a file', init: () => ({ body: form() }) },
    { name: 'invalid JSON', init: () => ({ headers: { 'content-type': 'application/json' }, body: '{"oops' }) },
  ];

  it('answers each in the error envelope, naming what it expects, and writes nothing', async () => {
    const before = written();
    for (const route of [...new Set(ROUTES.map((r) => r.path))]) {
      for (const body of bodies) {
        const init = body.init();
        const res = await fetch(`${server.url}${route}?fileName=x.csv`, { ...init, method: 'POST', headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${manager.token}` } });
        const json = await res.json();
        expect(res.status, `${route} ${body.name}`).toBeGreaterThanOrEqual(400);
        expect(res.status, `${route} ${body.name}`).toBeLessThan(500);
        expect(json.error, `${route} ${body.name}`).toMatchObject({ code: expect.any(String), requestId: expect.any(String), fields: [{ path: 'body' }] });
        expect(json.error.message, `${route} ${body.name}`).toMatch(/text\/csv/);
      }
    }
    expect(written()).toEqual(before);
  });

  it('describes the file the import operations take in the OpenAPI document', async () => {
    const doc = (await manager.get('/api/openapi.json')).body;
    for (const route of [...new Set(ROUTES.map((r) => r.path))]) {
      const content = doc.paths[route].post.requestBody?.content ?? {};
      expect(Object.keys(content).sort(), route).toEqual(['application/octet-stream', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/csv']);
      expect(content['text/csv'].schema).toMatchObject({ type: 'string', format: 'binary' });
    }
  });
});
