import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCALE_CODES } from '../../shared/locales.ts';
import { formatMoney } from '../../shared/money.ts';
import { TEXTS as REGISTER_TEXTS } from '../../pos-ui/src/i18n/en.ts';
import { ru as registerRu } from '../../pos-ui/src/i18n/ru.ts';
import { uk as registerUk } from '../../pos-ui/src/i18n/uk.ts';
import { ro as registerRo } from '../../pos-ui/src/i18n/ro.ts';
import { lt as registerLt } from '../../pos-ui/src/i18n/lt.ts';
import { zh as registerZh } from '../../pos-ui/src/i18n/zh.ts';
import { TEXTS } from '../../backoffice-ui/src/i18n/en.ts';
import { ru } from '../../backoffice-ui/src/i18n/ru.ts';
import { uk } from '../../backoffice-ui/src/i18n/uk.ts';
import { ro } from '../../backoffice-ui/src/i18n/ro.ts';
import { lt } from '../../backoffice-ui/src/i18n/lt.ts';
import { zh } from '../../backoffice-ui/src/i18n/zh.ts';
import { CATALOGUES } from '../../shared/i18n/catalogues.ts';
import { placeholdersOf, VALUE_FORMATS } from '../../shared/i18n/texts.ts';
import { textParams } from '../../shared/plural.ts';
import { catalogs as headOfficeCatalogs } from '../../headoffice-ui/src/i18n/catalogs.ts';


/** Every catalogue has exactly the keys of every other, the same placeholders, and no empty text. */
function expectComplete(name: string, catalogues: Record<string, Record<string, string>>) {
  const all = new Set(Object.values(catalogues).flatMap((c) => Object.keys(c)));
  for (const [locale, catalogue] of Object.entries(catalogues)) {
    const missing = [...all].filter((k) => !(k in catalogue));
    expect(missing, `${name} ${locale} lacks keys`).toEqual([]);
  }
  const source = catalogues.en;
  for (const [locale, catalogue] of Object.entries(catalogues)) {
    for (const [key, text] of Object.entries(catalogue)) {
      expect(text.trim(), `${name} ${locale} "${key}" is empty`).not.toBe('');
      expect(textParams(text), `${name} ${locale} "${key}" placeholders`).toEqual(textParams(source[key]));
    }
  }
}

/** The texts a UI's code passes to t() or msg(). */
function textsInCode(dir: string): string[] {
  const found = new Set<string>();
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    const file = path.join(entry.parentPath, entry.name);
    if (!entry.isFile() || !/\.(svelte|ts)$/.test(entry.name) || file.includes(`${path.sep}i18n${path.sep}`)) continue;
    for (const m of fs.readFileSync(file, 'utf8').matchAll(/\b(?:t|msg)\((['"])((?:(?!\1).)+)\1/g)) found.add(m[2]);
  }
  return [...found];
}

describe('language catalogues', () => {
  it('cover all six languages in both UIs', () => {
    expect(LOCALE_CODES).toEqual(['en', 'ru', 'uk', 'ro', 'lt', 'zh']);
  });

  it('the register: every language translates every text, with the same placeholders', () => {
    const en = Object.fromEntries(REGISTER_TEXTS.map((text) => [text, text]));
    expectComplete('register', { en, ru: registerRu, uk: registerUk, ro: registerRo, lt: registerLt, zh: registerZh });
  });

  it('the register: every text the code shows is in the catalogues, and none is left unused', () => {
    const used = textsInCode(path.resolve('pos-ui/src'));
    const known = new Set<string>(REGISTER_TEXTS);
    expect(used.filter((text) => !known.has(text)), 'texts shown but not translated').toEqual([]);
    expect(REGISTER_TEXTS.filter((text) => !used.includes(text)), 'texts translated but no longer shown').toEqual([]);
  });

  it('the back office: every language translates every text, with the same placeholders', () => {
    const en = Object.fromEntries(TEXTS.map((text) => [text, text]));
    expectComplete('back office', { en, ru, uk, ro, lt, zh });
  });

  it('the back office: every text the code shows is in the catalogues, and none is left unused', () => {
    const used = textsInCode(path.resolve('backoffice-ui/src'));
    const known = new Set<string>(TEXTS);
    expect(used.filter((text) => !known.has(text)), 'texts shown but not translated').toEqual([]);
    expect(TEXTS.filter((text) => !used.includes(text)), 'texts translated but no longer shown').toEqual([]);
  });

  it('the texts of server answers (shared/i18n): every language has every text, with the same placeholders', () => {
    for (const section of Object.keys(CATALOGUES.en) as (keyof typeof CATALOGUES.en)[]) {
      const bySection = Object.fromEntries(LOCALE_CODES.map((l) => [l, CATALOGUES[l][section] as Record<string, string>]));
      expectComplete(`shared ${section}`, bySection);
      for (const [locale, texts] of Object.entries(bySection)) {
        for (const [key, text] of Object.entries(texts)) {
          expect(placeholdersOf(text), `shared ${section} ${locale} "${key}" placeholders and their types`).toEqual(placeholdersOf(CATALOGUES.en[section][key as never]));
        }
      }
    }
  });

  it('the texts of server answers write each placeholder in a known way', () => {
    const kinds = new Set(Object.keys(CATALOGUES.en.names).map((key) => key.split('.')[0]));
    const unknown = Object.values(CATALOGUES.en)
      .flatMap((texts) => Object.values(texts as Record<string, string>).flatMap(placeholdersOf))
      .map((p) => p.split(':')[1])
      .filter((type) => type && !(VALUE_FORMATS as readonly string[]).includes(type) && !kinds.has(type));
    expect(unknown, 'placeholder types that are neither a value format nor a kind of name').toEqual([]);
  });

  it("head office: every language translates every text, with the same placeholders", () => {
    expect(Object.keys(headOfficeCatalogs)).toEqual([...LOCALE_CODES]);
    expectComplete('head office', headOfficeCatalogs);
  });

  it('head office: every text the code shows is in the catalogues, and none is left unused', () => {
    const used = textsInCode(path.resolve('headoffice-ui/src'));
    const known = Object.keys(headOfficeCatalogs.en);
    expect(used.filter((key) => !known.includes(key)), 'texts shown but not translated').toEqual([]);
    expect(known.filter((key) => !used.includes(key)), 'texts translated but no longer shown').toEqual([]);
  });

  it('formats money the way each language writes it', () => {
    const shown = Object.fromEntries(LOCALE_CODES.map((l) => [l, formatMoney(123456, 'EUR', l).replace(/\s/g, ' ')]));
    // Decimal comma and a space or dot between thousands where the language writes it so.
    for (const l of ['en', 'zh'] as const) expect(shown[l]).toContain('1,234.56');
    for (const l of ['ru', 'uk', 'lt'] as const) expect(shown[l]).toContain('1 234,56');
    expect(shown.ro).toContain('1.234,56');
  });
});
