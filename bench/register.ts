// The register in headless Chromium, as a cashier waits for it: the built register (dist/ui) over
// an outlet of BENCH_REGISTER_PRODUCTS products (1,000,000), driven by keys like a wedge scanner and
// by taps at 1024×768, timed inside the page from the trusted input event to the frame after the
// screen changed: a scan's Enter to its line painted, a tile tap to its line, the sign-in tap to
// the scan field holding the keyboard. The same is measured on a shop of 1,000 products in the same run,
// which is the baseline: its ratio is what a big catalogue costs the cashier. Beside it, the scan's
// bare round trip (fetch of /api/scan from the page, no UI) says how much of a scan is the server.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../test/support/browser.ts';
import { startTestServer } from '../test/support/server.ts';
import { seedCatalogue } from './seed-catalogue.ts';
import { median, percentile, round } from './stats.ts';

const UI_DIR = path.resolve(import.meta.dirname, '../dist/ui');
/** Lines in one sale before it is paid and the next begins (a long receipt, not an endless one). */
const LINES_PER_SALE = 25;
const log = (msg: string) => process.stderr.write(`${msg}\n`);

export interface RegisterSamples {
  scans: number;
  taps: number;
  signIns: number;
}

const summary = (samples: number[]) => ({ p50: round(median(samples), 1), p99: round(percentile(samples, 99), 1), samples: samples.length });
type Summary = ReturnType<typeof summary>;

export interface RegisterFigures {
  products: number;
  seedSeconds: number;
  scanToLineMs: Summary;
  tileTapToLineMs: Summary;
  signInToReadyMs: Summary;
  scanRoundTripWithoutUiMs: Summary;
}

/** The register at `products` (the figures) and at `baselineProducts` (the baseline), in one browser. */
export async function benchRegister(products: number, baselineProducts: number, samples: RegisterSamples) {
  if (!fs.existsSync(path.join(UI_DIR, 'pos-ui', 'index.html'))) throw new Error('Build the UI first: npm run build');
  const browser = await launchChromium();
  try {
    const baseline = await measureRegister(browser, baselineProducts, samples);
    const big = await measureRegister(browser, products, samples);
    const ratio = (pick: (f: RegisterFigures) => Summary) => ({ p50: round(pick(big).p50 / pick(baseline).p50, 2), p99: round(pick(big).p99 / pick(baseline).p99, 2) });
    return {
      ...big,
      baseline,
      ratioToBaseline: {
        scanToLine: ratio((f) => f.scanToLineMs),
        tileTapToLine: ratio((f) => f.tileTapToLineMs),
        signInToReady: ratio((f) => f.signInToReadyMs),
      },
      aims: { lineP99Ms: 30, signInP99Ms: 1000 },
    };
  } finally {
    await browser.close();
  }
}

async function measureRegister(browser: Browser, products: number, samples: RegisterSamples): Promise<RegisterFigures> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'till-bench-register-'));
  const file = path.join(dir, 'outlet.db');
  log(`register: seeding ${products} products`);
  const t = Date.now();
  await seedCatalogue(file, products);
  const seedSeconds = (Date.now() - t) / 1000;
  log(`register: seeded in ${seedSeconds.toFixed(1)} s`);
  const server = await startTestServer({ uiDir: UI_DIR, databaseFile: file });
  const context = await browser.newContext({ viewport: { width: 1024, height: 768 }, hasTouch: true, locale: 'en-GB' });
  try {
    // Random piece goods with barcodes, from all over the catalogue.
    const barcodes = (
      await server.db.$queryRawUnsafe<{ code: string }[]>(
        `SELECT b."code" FROM "Barcode" b JOIN "Product" p ON p."id" = b."productId" WHERE p."unit" = 'piece' AND p."kind" = 'goods' AND p."active" = 1 AND p."plu" IS NULL ORDER BY random() LIMIT ?`,
        samples.scans,
      )
    ).map((b) => b.code);
    const tileProducts = await server.db.product.findMany({ where: { unit: 'piece', kind: 'goods', active: true, plu: null }, select: { id: true }, take: 8 });
    // Eight favourite products and four categories, as a shop lays out its sell screen.
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
    const figures = await measureOnPage(page, barcodes, tileProducts.length, samples);
    return { products, seedSeconds: round(seedSeconds, 1), ...figures };
  } finally {
    await context.close();
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function measureOnPage(page: Page, barcodes: string[], tileCount: number, samples: RegisterSamples) {
  /**
   * Starts watching the page for the next `event` (a trusted keydown Enter, or a click); `measured()`
   * then gives the milliseconds from it to the end of the first frame painted after `done` holds:
   * the change is caught as it happens (a DOM mutation, a focus), and a message posted from the
   * next animation frame runs once that frame has been painted.
   */
  async function watch(event: 'enter' | 'click', done: 'cart-changed' | 'scan-field-focused'): Promise<{ measured: () => Promise<number> }> {
    await page.evaluate(
      ([event, done]) => {
        const cart = () => document.querySelector('[data-testid="cart"]')?.textContent ?? '';
        const before = cart();
        const holds = () => (done === 'cart-changed' ? cart() !== before : document.activeElement?.getAttribute('data-testid') === 'scan-field');
        const type = event === 'click' ? 'click' : 'keydown';
        (window as unknown as { measured: Promise<number> }).measured = new Promise<number>((resolve) => {
          const started = (e: Event) => {
            if (!e.isTrusted || (event === 'enter' && (e as KeyboardEvent).key !== 'Enter')) return;
            removeEventListener(type, started, true);
            const start = performance.now();
            const afterPaint = new MessageChannel();
            afterPaint.port1.onmessage = () => resolve(performance.now() - start);
            const observer = new MutationObserver(() => check());
            const check = () => {
              if (!holds()) return;
              observer.disconnect();
              removeEventListener('focusin', check, true);
              requestAnimationFrame(() => afterPaint.port2.postMessage(null));
            };
            observer.observe(document.body, { subtree: true, childList: true, characterData: true });
            addEventListener('focusin', check, true);
          };
          addEventListener(type, started, true);
        });
      },
      [event, done] as const,
    );
    return {
      async measured() {
        let timer: NodeJS.Timeout | undefined;
        const stuck = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${done} did not happen within 30 s`)), 30_000)));
        try {
          return await Promise.race([page.evaluate(() => (window as unknown as { measured: Promise<number> }).measured), stuck]);
        } catch (err) {
          await page.screenshot({ path: path.join(import.meta.dirname, 'results', 'register-stuck.png') }).catch(() => {});
          throw err;
        } finally {
          clearTimeout(timer);
        }
      },
    };
  }

  const focusIsOn = (testId: string) => page.waitForFunction((id) => document.activeElement?.getAttribute('data-testid') === id || document.activeElement?.getAttribute('name') === id, testId);

  async function signIn(): Promise<number> {
    await page.getByTestId('user-tiles').getByRole('button', { name: /Anna Kassir/ }).tap();
    for (const digit of '3333') await page.getByTestId('number-pad').getByRole('button', { name: digit, exact: true }).tap();
    const ready = await watch('click', 'scan-field-focused');
    await page.getByRole('button', { name: 'Sign in', exact: true }).tap();
    return ready.measured();
  }

  async function payExactCash(): Promise<void> {
    await page.keyboard.press('F12');
    await focusIsOn('tendered');
    await page.keyboard.press('Enter');
    await page.getByTestId('paid').waitFor();
  }

  const signInMs: number[] = [];
  for (let i = 0; i < samples.signIns; i++) {
    signInMs.push(await signIn());
    if (i < samples.signIns - 1) {
      await page.keyboard.press('Shift+F12');
      await page.getByTestId('user-tiles').waitFor();
    }
  }
  log(`register: signed in ${samples.signIns} times`);

  const scanMs: number[] = [];
  for (const [i, code] of barcodes.entries()) {
    await focusIsOn('scan-field');
    const shown = await watch('enter', 'cart-changed');
    // A wedge scanner's keys come a few milliseconds apart, as the browser tests type them.
    await page.keyboard.type(code, { delay: 4 });
    await page.keyboard.press('Enter');
    scanMs.push(await shown.measured());
    if ((i + 1) % LINES_PER_SALE === 0) await payExactCash();
  }
  log(`register: scanned ${barcodes.length} items`);

  const tapMs: number[] = [];
  const tiles = page.getByTestId('product-tile');
  for (let i = 0; i < samples.taps; i++) {
    const shown = await watch('click', 'cart-changed');
    await tiles.nth(i % tileCount).tap();
    tapMs.push(await shown.measured());
  }
  log(`register: tapped ${samples.taps} tiles`);

  // The same codes looked up by the page itself with the cashier's session: the server and the network, without the register.
  const roundTripMs = await page.evaluate(async (codes) => {
    const { token } = JSON.parse(sessionStorage.getItem('till.session') ?? '{}') as { token: string };
    const times: number[] = [];
    for (const code of codes) {
      const start = performance.now();
      const res = await fetch(`/api/scan/${encodeURIComponent(code)}`, { headers: { authorization: `Bearer ${token}` } });
      await res.json();
      times.push(performance.now() - start);
    }
    return times;
  }, barcodes);

  return { scanToLineMs: summary(scanMs), tileTapToLineMs: summary(tapMs), signInToReadyMs: summary(signInMs), scanRoundTripWithoutUiMs: summary(roundTripMs) };
}
