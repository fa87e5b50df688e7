// The register in headless Chromium, as a cashier waits for it: the built register (dist/ui) over
// an outlet of BENCH_REGISTER_PRODUCTS products (1,000,000), driven by keys like a wedge scanner and
// by taps at 1024×768, timed inside the page from the trusted input event to the frame after the
// screen changed: a scan's Enter to its line painted, a tile tap to its line, the sign-in tap to
// the scan field holding the keyboard. The same is measured on a shop of 1,000 products in the same run,
// which is the baseline: its ratio is what a big catalogue costs the cashier. Beside it, the scan's
// bare round trip (fetch of /api/scan from the page, no UI) says how much of a scan is the server.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../test/support/browser.ts';
import { openBenchRegister, tapNameAndPin, tapSignIn } from './register-setup.ts';
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
  const register = await openBenchRegister(browser, { products, barcodes: samples.scans, uiDir: UI_DIR, log });
  try {
    const figures = await measureOnPage(register.page, register.barcodes, register.productTiles, samples);
    return { products, seedSeconds: round(register.seedSeconds, 1), ...figures };
  } finally {
    await register.close();
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
    await tapNameAndPin(page);
    const ready = await watch('click', 'scan-field-focused');
    await tapSignIn(page);
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
