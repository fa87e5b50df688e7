/**
 * Counted words the way each language says them. A text names its forms by CLDR's plural
 * categories, as ICU messages do: `{n, plural, one {# чек} few {# чека} many {# чеков} other {# чека}}`;
 * the language's rules (Intl.PluralRules) pick the form for the number and `#` is the number written
 * the language's way. `=0 {…}` picks an exact number first. Plain `{name}` placeholders are filled
 * as they are. The UIs' catalogues, the printed words (shared/receipt-labels.ts) and the server's texts
 * (shared/i18n, where `{lines, plural, …}` stands beside typed placeholders like `{number}`) are written so.
 */
const PLURAL = /\{(\w+),\s*plural,((?:\s*(?:=\d+|zero|one|two|few|many|other)\s*\{[^{}]*\})+)\s*\}/g;
const FORM = /(=\d+|zero|one|two|few|many|other)\s*\{([^{}]*)\}/g;
const PLAIN = /\{(\w+)\}/g;

const rules = new Map<string, Intl.PluralRules>();
const numbers = new Map<string, Intl.NumberFormat>();
const cached = <T>(map: Map<string, T>, locale: string, make: () => T): T => map.get(locale) ?? map.set(locale, make()).get(locale)!;

/** The plural category of a number in a language (CLDR's rules as Intl.PluralRules gives them). */
export function pluralCategory(locale: string, n: number): Intl.LDMLPluralRule {
  return cached(rules, locale, () => new Intl.PluralRules(locale)).select(n);
}

/** A text with its plural groups replaced by the form each number (or list, by its length) takes; other placeholders left as they are. */
export function choosePluralForms(template: string, params: Record<string, unknown>, locale: string): string {
  return template.replace(PLURAL, (whole, name: string, body: string) => {
    // A list counts by its length (an audit entry's chosen ids: "archived 3 products").
    const given = params[name];
    const value = Array.isArray(given) ? given.length : Number(given);
    if (given === undefined || given === null || !Number.isFinite(value)) return whole;
    const forms = new Map([...body.matchAll(FORM)].map((m) => [m[1], m[2]]));
    const form = forms.get(`=${value}`) ?? forms.get(pluralCategory(locale, value)) ?? forms.get('other') ?? '';
    return form.replace(/#/g, cached(numbers, locale, () => new Intl.NumberFormat(locale)).format(value));
  });
}

/** The names a text's plural groups count by, in order. */
export function pluralNames(text: string): string[] {
  return [...text.matchAll(PLURAL)].map((m) => m[1]);
}

/** A text with its placeholders filled: plural groups by the number's category, then plain ones. */
export function formatText(template: string, params: Record<string, string | number>, locale: string): string {
  return choosePluralForms(template, params, locale).replace(PLAIN, (_, name: string) => String(params[name] ?? `{${name}}`));
}

/** The names a text fills, plain or plural, sorted: every language's text has the same. */
export function textParams(text: string): string[] {
  return [...new Set([...text.matchAll(/\{(\w+)(?:\}|,\s*plural,)/g)].map((m) => m[1]))].sort();
}
