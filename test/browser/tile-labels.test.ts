import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, requireBuiltUi, UI_DIR } from '../support/browser.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { RegisterPage } from './pages/register-page.ts';

// Product tiles whose names end in a bracketed size or kind, and category tiles with their count: on
// both tablets no line of a tile's text holds only punctuation (a ")" or "(" left by itself), and a
// word broken across lines is broken where its language lets it, with a hyphen drawn; measured from
// the text's line boxes.

const NAMES = [
  'Milk 2.5% (1 l)',
  'Молоко 2,5% (пастеризованное)',
  'Кефир 1% (ультрапастеризованный)',
  'Сливки 10% (стерилизованные)',
  'Pienas 2,5 % (pasterizuotas)',
  'Lapte 3,5% (pasteurizat)',
  'Йогурт (клубничный)',
  'Сметана 20% (фермерская)',
  'Ряжанка 4% (0,5 l)',
  'Vanduo (negazuotas)',
  'Молоко ультрапастеризованное',
  'Йогурт питьевой клубничный ультрапастеризованный 2,5% (фермерский)',
  'Jogurtas geriamasis braškinis ultrapasterizuotas 2,5 % (ūkininkų)',
];

/**
 * Where each word of the names may break, syllable by syllable as the languages' hyphenation rules
 * and dictionaries give them (typed here, not taken from the register's patterns). Alternatives both
 * allowed: "па-сте" and "пас-те". A word broken anywhere else, or broken with no hyphen, fails.
 */
const SYLLABLES: Record<string, string[]> = {
  Молоко: ['Мо-ло-ко'],
  Молочные: ['Мо-лоч-ные'],
  продукты: ['про-дук-ты'],
  Кулинария: ['Ку-ли-на-рия', 'Ку-ли-на-ри-я'],
  Бакалея: ['Ба-ка-лея', 'Ба-ка-ле-я'],
  пастеризованное: ['па-сте-ри-зо-ван-ное', 'пас-те-ри-зо-ван-ное'],
  ультрапастеризованный: ['уль-тра-па-сте-ри-зо-ван-ный', 'уль-тра-пас-те-ри-зо-ван-ный'],
  ультрапастеризованное: ['уль-тра-па-сте-ри-зо-ван-ное', 'уль-тра-пас-те-ри-зо-ван-ное'],
  Сливки: ['Слив-ки'],
  стерилизованные: ['сте-ри-ли-зо-ван-ные'],
  клубничный: ['клуб-нич-ный'],
  Сметана: ['Сме-та-на'],
  фермерская: ['фер-мер-ская', 'фер-мерс-кая'],
  Ряжанка: ['Ря-жан-ка'],
  Йогурт: ['Йо-гурт'],
  питьевой: ['пить-е-вой', 'пи-тье-вой'],
  фермерский: ['фер-мер-ский', 'фер-мерс-кий'],
  Jogurtas: ['Jo-gur-tas'],
  geriamasis: ['ge-ria-ma-sis'],
  braškinis: ['braš-ki-nis'],
  ultrapasterizuotas: ['ul-tra-pas-te-ri-zuo-tas', 'ul-tra-pa-ste-ri-zuo-tas'],
  ūkininkų: ['ū-ki-nin-kų'],
  Pienas: ['Pie-nas'],
  pasterizuotas: ['pas-te-ri-zuo-tas', 'pa-ste-ri-zuo-tas'],
  pasteurizat: ['pas-te-u-ri-zat', 'pa-ste-u-ri-zat'],
  Vanduo: ['Van-duo'],
  negazuotas: ['ne-ga-zuo-tas'],
};
const breaksOf = (word: string) => new Set((SYLLABLES[word] ?? []).flatMap((spelling) => [...spelling.matchAll(/-/g)].map((m, i) => m.index! - i)));
const SIZES = [
  { width: 1024, height: 768 },
  { width: 768, height: 1024 },
];

let server: TestServer;
let browser: Browser;
let page: Page;
let register: RegisterPage;

beforeAll(async () => {
  requireBuiltUi('pos-ui');
  server = await startTestServer({ uiDir: UI_DIR, productCount: 60 });
  const products = await server.db.product.findMany({ where: { unit: 'piece', kind: 'goods', active: true }, orderBy: { sku: 'asc' }, take: NAMES.length });
  for (const [i, p] of products.entries()) await server.db.product.update({ where: { id: p.id }, data: { name: NAMES[i] } });
  const manager = await server.login('manager', '2222', 'R2');
  const categories = await server.db.category.findMany({ where: { products: { some: { active: true } } }, orderBy: { code: 'asc' }, take: 3 });
  const tiles = [...products.map((p) => ({ productId: p.id, colour: null })), ...categories.map((c) => ({ categoryId: c.id }))];
  expect((await manager.put('/api/registers/R1/tiles', { tiles })).status).toBe(200);
  browser = await launchChromium();
  page = await (await browser.newContext({ viewport: SIZES[0], hasTouch: true, locale: 'en-GB' })).newPage();
  page.setDefaultTimeout(15_000);
  register = new RegisterPage(page);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

interface TileText {
  /** The text as the tile holds it, soft hyphens included. */
  name: string;
  lines: string[];
  /** Where one drawn line ends and the next begins: the offsets in `name` of the last character of one and the first of the next. */
  breaks: [number, number][];
  overflows: boolean;
  /** Lines of text hidden below the label's box (a cut name), and the size it is drawn at. */
  cut: boolean;
  fontPx: number;
}

/** Each tile text's lines as drawn (a product's name; a category's name and count): its characters grouped by the top of the line box each stands in. */
function tileLines(): Promise<TileText[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('[data-testid=product-tile] .name, [data-testid=category-tile] .name, [data-testid=category-tile] .price')].map((el) => {
      const lines = new Map<number, { text: string; first: number; last: number }>();
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      const range = document.createRange();
      let offset = 0;
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent ?? '';
        for (let i = 0; i < text.length; i++) {
          range.setStart(node, i);
          range.setEnd(node, i + 1);
          // The last box: after a soft hyphen drawn at a line's end, Chromium gives the next character
          // the hyphen's box first and its own after it.
          const box = [...range.getClientRects()].filter((r) => r.width > 0).at(-1);
          if (!box || text[i] === '\u00ad' || /\s/.test(text[i])) continue;
          const top = [...lines.keys()].find((t) => Math.abs(t - box.top) < 3) ?? Math.round(box.top);
          const line = lines.get(top) ?? { text: '', first: offset + i, last: offset + i };
          lines.set(top, { text: line.text + text[i], first: Math.min(line.first, offset + i), last: Math.max(line.last, offset + i) });
        }
        offset += text.length;
      }
      const drawn = [...lines.entries()].sort((a, b) => a[0] - b[0]).map(([, line]) => line);
      return {
        name: el.textContent ?? '',
        lines: drawn.map((line) => line.text),
        breaks: drawn.slice(1).map((line, i) => [drawn[i].last, line.first] as [number, number]),
        overflows: el.scrollWidth > el.clientWidth + 1,
        // A hidden line is a whole line's height below the box (a glyph's overhang is a few pixels).
        cut: el.scrollHeight - el.clientHeight >= parseFloat(getComputedStyle(el).lineHeight) / 2,
        fontPx: parseFloat(getComputedStyle(el).fontSize),
      };
    }),
  );
}

describe('product tiles with bracketed names', () => {
  it('wrap with no line of punctuation alone, on both tablets, in Romanian (whose counts are long: "20 de articole ›")', async () => {
    await page.addInitScript(() => localStorage.setItem('till.locale', 'ro'));
    await register.open(server.url);
    await register.login('anna', '3333');
    await register.openShift('0');
    await expect.poll(() => page.getByTestId('product-tile').count()).toBe(NAMES.length);
    for (const size of SIZES) {
      await page.setViewportSize(size);
      const tiles = await tileLines();
      expect(tiles.map((t) => t.name.replaceAll('\u00ad', ''))).toEqual(expect.arrayContaining(NAMES));
      expect(tiles).toHaveLength(NAMES.length + 3 * 2);
      // Some names do wrap here: the check is not empty.
      expect(tiles.some((t) => t.lines.length > 1), `${size.width}: ${JSON.stringify(tiles)}`).toBe(true);
      const lonePunctuation = tiles.filter((t) => t.lines.some((line) => /^[\p{P}\p{S}\s]+$/u.test(line)));
      expect(lonePunctuation, `${size.width}×${size.height}`).toEqual([]);
      await register.screenshot(`tile-labels-${size.width}x${size.height}`);
    }
  });

  for (const locale of ['ru', 'lt'] as const) {
    it(`break a long word only where ${locale === 'ru' ? 'Russian' : 'Lithuanian'} lets it, with a hyphen, and put only the name itself on the receipt line`, async () => {
      await page.addInitScript((l) => localStorage.setItem('till.locale', l), locale);
      await page.setViewportSize(SIZES[0]);
      await register.open(server.url);
      await expect.poll(() => page.getByTestId('product-tile').count()).toBe(NAMES.length);
      // The patterns are fetched on first use: the names are drawn again once they arrive.
      await expect.poll(() => page.evaluate(() => [...document.querySelectorAll('[data-testid=product-tile] .name')].some((el) => el.textContent?.includes('\u00ad')))).toBe(true);
      let wordBreaks = 0;
      for (const size of SIZES) {
        await page.setViewportSize(size);
        await register.screenshot(`tile-labels-hyphens-${locale}-${size.width}x${size.height}`);
        for (const tile of await tileLines()) {
          expect(tile.overflows, `${tile.name} overflows its tile at ${size.width}`).toBe(false);
          // The whole name is shown: a long one smaller, never cut, and still readable on a tablet.
          expect(tile.cut, `${tile.name} is cut at ${size.width}: ${JSON.stringify(tile.lines)}`).toBe(false);
          expect(tile.fontPx, `${tile.name} at ${size.width}`).toBeGreaterThanOrEqual(11);
          for (const [last, first] of tile.breaks) {
            const between = tile.name.slice(last + 1, first);
            if (/\s/.test(between) || !/\p{L}/u.test(tile.name[last] + tile.name[first])) continue;
            // A break inside a word: only at a soft hyphen, drawn as a hyphen, where the word's syllables allow.
            const clean = tile.name.replaceAll('\u00ad', '');
            const at = tile.name.slice(0, last + 1).replaceAll('\u00ad', '').length;
            const start = clean.slice(0, at).search(/[\p{L}\p{M}]+$/u);
            const word = clean.slice(start).match(/^[\p{L}\p{M}]+/u)![0];
            // A Latin word without Lithuanian or Romanian letters on a Russian register is broken by English rules (known gap).
            if (locale === 'ru' && /\p{Script=Latin}/u.test(word)) continue;
            expect(between, `${word} at ${size.width}: broken with no hyphen after "${clean.slice(start, at)}"`).toBe('\u00ad');
            expect([...breaksOf(word)], `${word} at ${size.width}: broken after "${clean.slice(start, at)}"`).toContain(at - start);
            wordBreaks++;
          }
        }
      }
      expect(wordBreaks, 'some word breaks across lines here: the check is not empty').toBeGreaterThan(0);

      if (locale === 'ru') {
        await page.getByTestId('product-tile').filter({ hasText: 'Молоко' }).filter({ hasText: 'пастер' }).last().tap();
        await expect.poll(() => page.getByTestId('cart').textContent()).toContain('ультрапастеризованное');
        expect(await page.getByTestId('cart').textContent()).not.toContain('\u00ad');
      }
    });
  }
});
