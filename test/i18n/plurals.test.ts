import { describe, expect, it } from 'vitest';
import { sampleShiftReport } from '../../drivers/testing/sample-documents.ts';
import { getModel } from '../../drivers/printers/escpos/models.ts';
import { layoutShiftReport } from '../../drivers/printers/escpos/render-shift-report.ts';
import { formatText } from '../../shared/plural.ts';
import { CATALOGUES } from '../../shared/i18n/catalogues.ts';
import { auditText, errorText, fieldErrors, nameOf, placeholdersOf } from '../../shared/i18n/texts.ts';
import type { Locale } from '../../shared/locales.ts';
import {
  ADJUSTMENTS_POSTED, BACKUPS_KEPT, BUYERS_SCORED, CHANGE_PRICE, CUSTOMERS_GIVEN, itemsText, LABELS_SENT, LINES_DRAFTED, LINES_POSTED, LINES_POSTED_AMOUNT,
  CAMPAIGN_CREATED, NOT_COUNTED, AT_LEAST_CHARACTERS, AT_MOST_CHARACTERS, AT_LEAST_ENTRIES, AT_MOST_ENTRIES, QUERY_TOO_SHORT, INSUFFICIENT_POINTS, TOO_MANY_CUSTOMERS,
  FIELD_TYPE_IN_USE, FIELD_CHOICE_IN_USE, PRODUCTS_ARCHIVED, PRODUCTS_RESTORED, PRODUCTS_FILED, PRODUCTS_UNFILED, PRICE_CHANGED, PRICES_PUT_BACK, UNDO_PRICES_ONLY, UNDO_WILL_RESTORE, PRODUCTS_CHANGED, RECEIPTS, RECIPIENTS_QUEUED, ROWS_READ, SHORT_COUNTED, STOCK_COUNT_POSTED, TASKS_MADE,
  VARIANTS, BACKUPS_EVERY, CONTRACTS_ENDING, TASKS_TO_MAKE, CUSTOMERS_TO_ASSIGN, LINES_DIFFER, RETURNS_COUNTED, LEAD_AND_COVER, PICTURE_SIDE, CUSTOMERS_ASSIGNED, TASKS_MOVED, GIVE_SHOWN, TASK_FOR_SHOWN,
  DAYS, DAYS_OVERDUE, ROWS_AT_LEAST, PRE_ORDERS_ARRIVED, RO_LABELS, IMPORT_HELD, CUSTOMERS_IMPORTED, PRODUCTS_IMPORTED, STOCK_COUNT_ADJUSTED,
  OUTLET_PRICES_SET, INVOICE_DRAFTED, CONTRACT_MADE, CONTRACT_RENEWED, PIN_SHARED, VARIANT_OPTIONS, PICTURE_PIXELS, LOGO_AT_MOST, ATTACHMENT_AT_MOST,
} from '../support/plural-words.ts';
import { catalogs as headOffice } from '../../headoffice-ui/src/i18n/catalogs.ts';
import { ru as officeRu } from '../../backoffice-ui/src/i18n/ru.ts';
import { uk as officeUk } from '../../backoffice-ui/src/i18n/uk.ts';
import { ro as officeRo } from '../../backoffice-ui/src/i18n/ro.ts';
import { lt as officeLt } from '../../backoffice-ui/src/i18n/lt.ts';
import { zh as officeZh } from '../../backoffice-ui/src/i18n/zh.ts';
import { ru as registerRu } from '../../pos-ui/src/i18n/ru.ts';
import { uk as registerUk } from '../../pos-ui/src/i18n/uk.ts';
import { ro as registerRo } from '../../pos-ui/src/i18n/ro.ts';
import { lt as registerLt } from '../../pos-ui/src/i18n/lt.ts';
import { zh as registerZh } from '../../pos-ui/src/i18n/zh.ts';

/** The counts whose forms differ somewhere: 1 and 21 (one in Slavic and Baltic, not 11), 2 and 22 (few; 5 and 25 too in Lithuanian), 5, 25, 11 and 12 (many in Slavic), 21 and up (other in Romanian). */
const COUNTS = [1, 2, 5, 21, 22, 25, 11, 12];
const register: Record<string, Record<string, string>> = { en: Object.fromEntries(Object.keys(registerRu).map((k) => [k, k])), ru: registerRu, uk: registerUk, ro: registerRo, lt: registerLt, zh: registerZh };
const category = (locale: string, n: number) => new Intl.PluralRules(locale).select(n);

describe('counted words', () => {
  it('CLDR puts the counts where the tables expect (ru 21 one, 11 many; lt 5 few, 12 other; ro 21 other)', () => {
    expect(COUNTS.map((n) => category('ru', n))).toEqual(['one', 'few', 'many', 'one', 'few', 'many', 'many', 'many']);
    expect(COUNTS.map((n) => category('lt', n))).toEqual(['one', 'few', 'few', 'one', 'few', 'few', 'other', 'other']);
    expect(COUNTS.map((n) => category('ro', n))).toEqual(['one', 'few', 'few', 'other', 'other', 'other', 'few', 'few']);
  });

  for (const locale of Object.keys(RECEIPTS)) {
    it(`the printed Z says the deposit receipts in ${locale} by the language's plural rules`, () => {
      for (const n of COUNTS) {
        const doc = sampleShiftReport({ locale, deposits: { receipts: n, taken: 3_000, refunded: 0, used: 0 } });
        const printed = layoutShiftReport(doc, getModel('epson-tm-t20iii')).printed.map((l) => l.text);
        const word = RECEIPTS[locale][category(locale, n)];
        expect(word, `${locale} ${n}: ${category(locale, n)}`).toBeDefined();
        expect(printed.some((l) => l.includes(`(${n} ${word})`)), `${locale} ${n}: ${printed.join('\n')}`).toBe(true);
      }
    });

    it(`the register's counts of items read right in ${locale}`, () => {
      const key = Object.keys(registerRu).find((k) => k.startsWith('{n, plural, one {# item}'))!;
      for (const n of COUNTS) expect(formatText(register[locale][key], { n }, locale)).toBe(itemsText(locale, n));
    });
  }

  // Back office texts keyed by English: the text whose English reads "1 product changed" / "2 products changed".
  const office: Record<string, Record<string, string>> = { en: Object.fromEntries(Object.keys(officeRu).map((k) => [k, k])), ru: officeRu, uk: officeUk, ro: officeRo, lt: officeLt, zh: officeZh };
  const OFFICE = {
    'products changed': PRODUCTS_CHANGED, 'tasks made': TASKS_MADE, 'customers given': CUSTOMERS_GIVEN,
    'recipients queued': RECIPIENTS_QUEUED, 'labels sent': LABELS_SENT, 'prices changed': PRICE_CHANGED, 'prices to change': CHANGE_PRICE, 'buyers scored': BUYERS_SCORED,
    'products counted short': SHORT_COUNTED, 'products not counted': NOT_COUNTED, 'backups kept': BACKUPS_KEPT, 'lines posted': LINES_POSTED,
    'lines posted with the amount': LINES_POSTED_AMOUNT, 'lines drafted': LINES_DRAFTED, 'adjustments posted': ADJUSTMENTS_POSTED, 'rows read': ROWS_READ,
    'variants': VARIANTS, 'backups every N minutes': BACKUPS_EVERY, 'contracts ending': CONTRACTS_ENDING, 'tasks to make': TASKS_TO_MAKE, 'customers to assign': CUSTOMERS_TO_ASSIGN,
    'lines differing from the note': LINES_DIFFER, 'returns': RETURNS_COUNTED, 'days of lead time and cover': LEAD_AND_COVER, 'picture side': PICTURE_SIDE,
    'customers given and tasks moved': CUSTOMERS_ASSIGNED, 'tasks moved': TASKS_MOVED, 'customers shown to give': GIVE_SHOWN, 'task for the customers shown': TASK_FOR_SHOWN,
    'days': DAYS, 'days overdue': DAYS_OVERDUE, 'rows at least in a large file': ROWS_AT_LEAST, 'pre-orders arrived': PRE_ORDERS_ARRIVED,
  };
  /** Every count the text chooses a form by is n (the other placeholders stay as written). */
  const counts = (text: string, n: number) => Object.fromEntries([...text.matchAll(/\{(\w+),\s*plural,/g)].map((m) => [m[1], n]));
  /** The counts of a back office text and of its translation, and a plain {n} (a label such as 'Returns: {n}' that one language counts). */
  const officeCounts = (key: string, text: string, n: number) => ({ n, ...counts(key, n), ...counts(text, n) });
  const said = (phrase: string, n: number) => phrase.replaceAll('N', String(n));
  for (const [what, words] of Object.entries(OFFICE)) {
    for (const locale of Object.keys(words)) {
      it(`the back office's ${what} read right in ${locale} for 1, 2, 5, 11, 21, 22, 25`, () => {
        const key = Object.keys(officeRu).find((k) => formatText(k, officeCounts(k, k, 1), 'en') === said(words.en.one!, 1) && formatText(k, officeCounts(k, k, 2), 'en') === said(words.en.other!, 2));
        expect(key, what).toBeDefined();
        for (const n of [1, 2, 5, 11, 21, 22, 25]) {
          const phrase = words[locale][category(locale, n)];
          expect(phrase, `${locale} ${n}: ${category(locale, n)}`).toBeDefined();
          expect(formatText(office[locale][key!], officeCounts(key!, office[locale][key!], n), locale), `${locale} ${n}`).toBe(said(phrase!, n));
        }
      });
    }
  }

  for (const [key, phrase] of Object.entries(RO_LABELS)) {
    it(`the back office's Romanian says '${key}' as a label, with no participle to agree, for ${COUNTS.join(', ')}`, () => {
      expect(office.ro[key], key).toBeDefined();
      const names = [...key.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      for (const n of COUNTS) expect(formatText(office.ro[key], Object.fromEntries(names.map((name) => [name, n])), 'ro'), `ro ${n}`).toBe(said(phrase, n));
    });
  }

  const HEAD_OFFICE = { rowsInFile: ROWS_READ, undoWillRestore: UNDO_WILL_RESTORE, undoPricesOnly: UNDO_PRICES_ONLY, undoneReport: PRICES_PUT_BACK, dryRunReport: OUTLET_PRICES_SET } as const;
  for (const [key, words] of Object.entries(HEAD_OFFICE)) {
    for (const locale of Object.keys(words)) {
      it(`head office's ${key} reads right in ${locale} for 1, 2, 5, 11, 21, 22, 25`, () => {
        const text = headOffice[locale as keyof typeof headOffice][key as keyof typeof HEAD_OFFICE];
        for (const n of [1, 2, 5, 11, 21, 22, 25]) {
          const phrase = words[locale][category(locale, n)];
          expect(phrase, `${locale} ${n}: ${category(locale, n)}`).toBeDefined();
          expect(formatText(text, { ...counts(text, n), ...counts(headOffice.en[key as keyof typeof HEAD_OFFICE], n) }, locale), `${locale} ${n}`).toBe(said(phrase!, n));
        }
      });
    }
  }


  // The server's own texts choose the form the same way: a plural group beside typed placeholders.
  const SERVER = {
    'stock-count': { words: STOCK_COUNT_POSTED, details: (n: number) => ({ number: 'IC-7', lines: n, adjusted: 0 }) },
    'campaign-create': { words: CAMPAIGN_CREATED, details: (n: number) => ({ name: 'Spring', channel: 'email', recipients: n }) },
    'invoice-draft': { words: INVOICE_DRAFTED, details: (n: number) => ({ customerId: 'c1', receipts: n, lines: n }) },
    'contract-create': { words: CONTRACT_MADE, details: (n: number) => ({ number: 'K-1', customerId: 'c1', startDate: '2026-01-15', endDate: '2026-12-31', prices: n }) },
    'contract-renew': { words: CONTRACT_RENEWED, details: (n: number) => ({ number: 'K-1', customerId: 'c1', startDate: '2026-01-15', endDate: '2026-12-31', prices: n, renewsId: 'k0' }) },
    'pin-alone-shared': { words: PIN_SHARED, details: (n: number) => ({ register: 'R2', users: n }) },
    'customer-import': { words: CUSTOMERS_IMPORTED, details: (n: number) => ({ fileName: 'c.csv', created: n, updated: n, rejected: n }) },
    'product-import': { words: PRODUCTS_IMPORTED, details: (n: number) => ({ fileName: 'p.csv', created: n, updated: n, rejected: n }) },
    'stock-count/adjusted': { words: STOCK_COUNT_ADJUSTED, details: (n: number) => ({ number: 'IC-7', lines: 3, adjusted: n }) },
  };
  /** A day as the language writes it (Intl's medium date, as a person reads the audit log). */
  const day = (iso: string, locale: string) => new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(new Date(iso));
  for (const [action, { words, details }] of Object.entries(SERVER)) {
    for (const locale of Object.keys(words) as Locale[]) {
      it(`the server's audit sentence ${action} reads right in ${locale} for 1, 2, 5, 11, 21, 22, 25`, () => {
        for (const n of [1, 2, 5, 11, 21, 22, 25]) {
          const phrase = words[locale][category(locale, n)];
          expect(phrase, `${locale} ${n}: ${category(locale, n)}`).toBeDefined();
          const expected = said(phrase!, n).replace('@channel', nameOf('channel', 'email', locale)).replace('@start', day('2026-01-15', locale)).replace('@end', day('2026-12-31', locale)).replaceAll('@pin', 'PIN');
          expect(auditText({ action: action.split('/')[0], details: details(n) }, locale, { c1: 'Acme' }), `${locale} ${n}`).toBe(expected);
        }
      });
    }
  }

  // A bulk action's audit entry holds the chosen products' ids: the sentence counts them.
  const ids = (n: number) => Array.from({ length: n }, (_, i) => `p${i}`);
  const BULK = {
    'product-bulk-archive': { words: PRODUCTS_ARCHIVED, details: (n: number) => ({ productIds: ids(n), kind: 'archive' }) },
    'product-bulk-restore': { words: PRODUCTS_RESTORED, details: (n: number) => ({ productIds: ids(n), kind: 'restore' }) },
    'product-bulk-category': { words: PRODUCTS_FILED, details: (n: number) => ({ productIds: ids(n), kind: 'category', categoryId: 'c1' }) },
    'product-bulk-category/none': { words: PRODUCTS_UNFILED, details: (n: number) => ({ productIds: ids(n), kind: 'category', categoryId: null }) },
  };
  for (const [action, { words, details }] of Object.entries(BULK)) {
    for (const locale of Object.keys(words) as Locale[]) {
      it(`the audit sentence ${action} counts the products chosen in ${locale} for ${COUNTS.join(', ')}`, () => {
        for (const n of COUNTS) {
          const phrase = words[locale][category(locale, n)];
          expect(phrase, `${locale} ${n}: ${category(locale, n)}`).toBeDefined();
          expect(auditText({ action: action.split('/')[0], details: details(n) }, locale, { c1: 'Dairy' }), `${locale} ${n}`).toBe(said(phrase!, n));
        }
      });
    }
  }

  // The server's refusals and field problems that count.
  const ERRORS = {
    'query-too-short': { words: QUERY_TOO_SHORT, details: (n: number) => ({ minLength: n }) },
    'insufficient-points': { words: INSUFFICIENT_POINTS, details: (n: number) => ({ points: n, requested: 500 }) },
    'too-many-customers': { words: TOO_MANY_CUSTOMERS, details: (n: number) => ({ count: n, max: 500 }) },
    'custom-field-type-in-use': { words: FIELD_TYPE_IN_USE, details: (n: number) => ({ count: n, field: 'Size' }) },
    'custom-field-choice-in-use': { words: FIELD_CHOICE_IN_USE, details: (n: number) => ({ count: n, field: 'Size' }) },
    'variant-options-mismatch': { words: VARIANT_OPTIONS, details: (n: number) => ({ options: n }) },
    'picture-too-large': { words: PICTURE_PIXELS, details: (n: number) => ({ width: 900, height: 700, max: n }) },
    'import-not-undoable-in-chain': { words: IMPORT_HELD, details: (n: number) => ({ created: n, cards: n }) },
  };
  for (const [code, { words, details }] of Object.entries(ERRORS)) {
    for (const locale of Object.keys(words) as Locale[]) {
      it(`the server's error ${code} reads right in ${locale} for ${COUNTS.join(', ')}`, () => {
        for (const n of COUNTS) {
          const phrase = words[locale][category(locale, n)];
          expect(phrase, `${locale} ${n}: ${category(locale, n)}`).toBeDefined();
          expect(errorText({ error: { code, message: '', details: details(n) } }, locale), `${locale} ${n}`).toBe(said(phrase!, n));
        }
      });
    }
  }
  // Sizes are said in MB, whatever the server counts them in (bytes in the details).
  const SIZES = {
    'logo-too-large': { words: LOGO_AT_MOST, details: { maxBytes: 512 * 1024, bytes: 600_000 } },
    'attachment-too-large': { words: ATTACHMENT_AT_MOST, details: { maxBytes: 10 * 1024 * 1024 } },
  };
  for (const [code, { words, details }] of Object.entries(SIZES)) {
    it(`the server's error ${code} says the size in MB in every language`, () => {
      for (const locale of Object.keys(words) as Locale[]) expect(errorText({ error: { code, message: '', details } }, locale), locale).toBe(words[locale]);
    });
  }
  const ISSUES = {
    'too_small/string': { words: AT_LEAST_CHARACTERS, issue: (n: number) => ({ code: 'too_small', origin: 'string', minimum: n }) },
    'too_big/string': { words: AT_MOST_CHARACTERS, issue: (n: number) => ({ code: 'too_big', origin: 'string', maximum: n }) },
    'too_small/array': { words: AT_LEAST_ENTRIES, issue: (n: number) => ({ code: 'too_small', origin: 'array', minimum: n }) },
    'too_big/array': { words: AT_MOST_ENTRIES, issue: (n: number) => ({ code: 'too_big', origin: 'array', maximum: n }) },
  };
  for (const [key, { words, issue }] of Object.entries(ISSUES)) {
    for (const locale of Object.keys(words) as Locale[]) {
      it(`the field problem ${key} reads right in ${locale} for ${COUNTS.join(', ')}`, () => {
        for (const n of COUNTS) {
          const phrase = words[locale][category(locale, n)];
          expect(phrase, `${locale} ${n}: ${category(locale, n)}`).toBeDefined();
          const err = { code: 'invalid-input', message: '', fields: [{ path: 'body.name', ...issue(n) }] };
          expect(fieldErrors(err, locale).name, `${locale} ${n}`).toBe(said(phrase!, n));
        }
      });
    }
  }

  it("the server's catalogue check tells a plural group from a plain count, and a text that lost one", () => {
    expect(placeholdersOf(CATALOGUES.en.audit['stock-count'])).toEqual(['adjusted:count', 'lines:plural', 'number']);
    expect(placeholdersOf('{number}: {lines:count} товаров, исправлено {adjusted:count}')).not.toEqual(placeholdersOf(CATALOGUES.en.audit['stock-count']));
    expect(placeholdersOf('{lines, plural, one {line} other {lines}}')).toEqual(['lines:plural']);
  });
});
