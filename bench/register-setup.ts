// The register as both register benches start it (bench/register.ts, bench/register-trace.ts): an
// outlet of `products` products in a throw-away database, served with a build of the register; R1
// paired to the browser, its sell screen laid out with tiles, Anna's shift open; and the cashier's
// sign-in by taps on her name and the PIN pad.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../test/support/server.ts';
import { seedCatalogue } from './seed-catalogue.ts';

export interface BenchRegister {
  server: TestServer;
  context: BrowserContext;
  /** The register's page, on the sign-in screen. */
  page: Page;
  /** Barcodes of random piece goods from all over the catalogue, as many as asked for. */
  barcodes: string[];
  /** How many product tiles the sell screen shows (before the category tiles). */
  productTiles: number;
  seedSeconds: number;
  close(): Promise<void>;
}

export async function openBenchRegister(browser: Browser, options: { products: number; barcodes: number; uiDir: string; log?: (msg: string) => void }): Promise<BenchRegister> {
  const log = options.log ?? (() => {});
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'till-bench-register-'));
  const file = path.join(dir, 'outlet.db');
  log(`register: seeding ${options.products} products`);
  const t = Date.now();
  await seedCatalogue(file, options.products);
  const seedSeconds = (Date.now() - t) / 1000;
  log(`register: seeded in ${seedSeconds.toFixed(1)} s`);
  const server = await startTestServer({ uiDir: options.uiDir, databaseFile: file });
  const context = await browser.newContext({ viewport: { width: 1024, height: 768 }, hasTouch: true, locale: 'en-GB' });
  const close = async () => {
    await context.close();
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    const barcodes = (
      await server.db.$queryRawUnsafe<{ code: string }[]>(
        `SELECT b."code" FROM "Barcode" b JOIN "Product" p ON p."id" = b."productId" WHERE p."unit" = 'piece' AND p."kind" = 'goods' AND p."active" = 1 AND p."plu" IS NULL ORDER BY random() LIMIT ?`,
        options.barcodes,
      )
    ).map((b) => b.code);
    // Eight favourite products and four categories, as a shop lays out its sell screen.
    const tileProducts = await server.db.product.findMany({ where: { unit: 'piece', kind: 'goods', active: true, plu: null }, select: { id: true }, take: 8 });
    const tileCategories = await server.db.category.findMany({ select: { id: true }, orderBy: { code: 'asc' }, take: 4 });
    const manager = await server.login('manager', '2222');
    await manager.put('/api/registers/R1/tiles', { tiles: [...tileProducts.map((p) => ({ productId: p.id })), ...tileCategories.map((c) => ({ categoryId: c.id }))] });
    const { body: pairing } = await manager.post<{ code: string }>('/api/registers/R1/pairing-code', { pinAlone: false });
    const paired = (await server.anonymous.post('/api/registers/pair', { code: pairing.code })).body;
    await (await server.login('anna', '3333')).post('/api/shifts', { openingFloat: 10_000 });

    const page = await context.newPage();
    page.setDefaultTimeout(60_000);
    // tsx names the functions it compiles through a __name helper, which the page's copy must have too.
    await page.addInitScript({ content: 'globalThis.__name = (fn) => fn;' });
    await page.goto(`${server.url}/pos-ui/`);
    await page.evaluate((value) => localStorage.setItem('till.pairedRegister', value), JSON.stringify(paired));
    await page.reload();
    return { server, context, page, barcodes, productTiles: tileProducts.length, seedSeconds, close };
  } catch (err) {
    await close();
    throw err;
  }
}

/** Anna's name tapped on the sign-in screen and her PIN on its pad; `tapSignIn` then signs her in. */
export async function tapNameAndPin(page: Page): Promise<void> {
  await page.getByTestId('user-tiles').getByRole('button', { name: /Anna Kassir/ }).tap();
  for (const digit of '3333') await page.getByTestId('number-pad').getByRole('button', { name: digit, exact: true }).tap();
}

export async function tapSignIn(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign in', exact: true }).tap();
}
