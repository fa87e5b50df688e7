import { formatMoney, formatQuantity } from '../money.ts';
import { isLocale, LOCALES, type Locale } from '../locales.ts';
import { choosePluralForms, pluralNames } from '../plural.ts';
import { en, type SharedCatalogue } from './en.ts';

/** How a language writes money, quantities, numbers and moments: a UI's I18n is one. */
export interface Formatter {
  readonly locale: Locale;
  money(minor: number): string;
  quantity(quantityMilli: number, unit: 'piece' | 'kg'): string;
  number(value: number, digits?: number): string;
  date(iso: string): string;
  dateTime(iso: string): string;
}

/** A formatter for where no UI's I18n is at hand (the server writing to a customer). */
export function formatterFor(locale: Locale, currency = 'EUR', timeZone?: string): Formatter {
  return {
    locale,
    money: (minor) => formatMoney(minor, currency, locale),
    quantity: (milli, unit) => `${formatQuantity(milli, unit, locale)}${unit === 'kg' ? ' kg' : ''}`,
    number: (value, digits = 0) => new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value),
    date: (iso) => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone }).format(new Date(iso)),
    dateTime: (iso) => new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short', timeZone }).format(new Date(iso)),
  };
}

type Values = Record<string, unknown>;
/** Names of records by their id (users, products, customers…), looked up by whoever shows the text. */
export type Refs = Record<string, string>;

const PLACEHOLDER = /\{(\w+)(?::([\w-]+))?\}/g;

/** The placeholders of a text as `name` or `name:type` (a plural group `name:plural`), sorted: every language's text has the same. */
export function placeholdersOf(text: string): string[] {
  const plurals = pluralNames(text);
  // The groups replaced by a form (which holds no placeholder), so only the typed placeholders are left to read.
  const plain = choosePluralForms(text, Object.fromEntries(plurals.map((name) => [name, 0])), 'en');
  return [...plurals.map((name) => `${name}:plural`), ...[...plain.matchAll(PLACEHOLDER)].map((m) => (m[2] ? `${m[1]}:${m[2]}` : m[1]))].sort();
}

/** The ways a placeholder's value is written; any other type is a kind of name (role, right, …). */
export const VALUE_FORMATS = ['text', 'money', 'quantity', 'count', 'plural', 'percent', 'megabytes', 'time', 'day', 'ref', 'changes'] as const;

const filled = (value: unknown) => value !== undefined && value !== null && value !== '' && !(Array.isArray(value) && value.length === 0);

/**
 * The languages at hand: English always; the server has every one (catalogues.ts), a UI the one
 * its user reads (catalogue-loader.ts), so a page does not download six languages to show one.
 */
const present: Partial<Record<Locale, SharedCatalogue>> = { en };

/** Puts a language's catalogue at hand; until then its texts are written in English. */
export function addCatalogue(locale: Locale, catalogue: SharedCatalogue): void {
  present[locale] = catalogue;
}

function catalogue(locale: Locale): SharedCatalogue {
  return present[locale] ?? en;
}

/** A server identifier's name in a language: nameOf('role', 'senior_cashier', 'ru') is «старший кассир». */
export function nameOf(kind: string, id: string, locale: Locale): string {
  const names = catalogue(locale).names as Record<string, string>;
  return names[`${kind}.${id}`] ?? (en.names as Record<string, string>)[`${kind}.${id}`] ?? id;
}

function writeValue(value: unknown, type: string, values: Values, fmt: Formatter, refs: Refs): string {
  if (Array.isArray(value)) return value.map((v) => writeValue(v, type, values, fmt, refs)).join(', ');
  switch (type) {
    case 'money':
      return fmt.money(Number(value));
    case 'quantity': {
      const unit = values.unit === 'kg' || values.unit === 'piece' ? values.unit : null;
      return unit ? fmt.quantity(Number(value), unit) : fmt.number(Number(value) / 1000, Number(value) % 1000 ? 3 : 0);
    }
    case 'count':
      return fmt.number(Number(value));
    case 'percent':
      return `${fmt.number(Number(value) / 100, Number(value) % 100 ? 2 : 0)} %`;
    case 'megabytes': {
      // A size given in bytes, said in MB (the text writes the unit): 512 KB is 0.5, 10 MiB is 10.
      const mb = Number(value) / (1024 * 1024);
      return fmt.number(mb, Number.isInteger(mb) ? 0 : 1);
    }
    case 'time':
      return fmt.dateTime(String(value));
    case 'day':
      return fmt.date(String(value));
    case 'ref':
      return refs[String(value)] ?? '—';
    case 'text':
      return String(value);
    default:
      return nameOf(type, String(value), fmt.locale);
  }
}

/** A text with its placeholders filled (a plural group by its count's form, shared/plural.ts); null when a placeholder has no value. */
function fill(text: string, values: Values, fmt: Formatter, refs: Refs): string | null {
  if (pluralNames(text).some((name) => !filled(values[name]))) return null;
  let missing = false;
  const out = choosePluralForms(text, values, fmt.locale).replace(PLACEHOLDER, (_, name: string, type = 'text') => {
    if (type === 'changes') return changes(values.before, values.after, fmt) || nameOf('value', 'changed', fmt.locale);
    const value = values[name];
    if (!filled(value)) {
      missing = true;
      return '';
    }
    return writeValue(value, type, values, fmt, refs);
  });
  return missing ? null : out;
}

/**
 * The text of `key` in a section, filled: the variant `variant` names when there is one, else
 * the first of `key` and its variants (in the catalogue's order) whose placeholders are all given.
 */
function pick(section: Record<string, string>, key: string, variant: unknown, values: Values, fmt: Formatter, refs: Refs): string | null {
  const keys = Object.keys(section).filter((k) => k === key || k.startsWith(`${key}/`));
  if (!keys.length) return null;
  const named = typeof variant === 'string' && section[`${key}/${variant}`] !== undefined ? [`${key}/${variant}`] : [];
  for (const k of [...named, ...keys]) {
    const text = fill(section[k], values, fmt, refs);
    if (text !== null) return text;
  }
  return section[key] ? section[key].replace(PLACEHOLDER, '…') : section[keys[0]].replace(PLACEHOLDER, '…');
}

const asFormatter = (fmt: Formatter | Locale): Formatter => (typeof fmt === 'string' ? formatterFor(isLocale(fmt) ? fmt : 'en') : fmt);

/** An error as the API gives it: the envelope, its `error`, or the web client's ApiError. */
export type ErrorLike =
  | { error: { code: string; message?: string; details?: Record<string, unknown> } }
  | { code: string; message?: string; details?: Record<string, unknown>; fields?: unknown }
  | unknown;

function errorOf(err: ErrorLike): { code: string; message: string; details: Values } | null {
  if (!err || typeof err !== 'object') return null;
  const inner = 'error' in err && err.error && typeof err.error === 'object' ? err.error : err;
  const { code, message, details } = inner as { code?: unknown; message?: unknown; details?: unknown };
  if (typeof code !== 'string') return null;
  return { code, message: typeof message === 'string' ? message : '', details: details && typeof details === 'object' ? (details as Values) : {} };
}

/**
 * What went wrong, for a person, in their language: the text of the error's code with its details
 * filled in (for invalid input, with what is wrong with which field). A code this catalogue does not
 * know yet (a newer server) shows the server's message.
 */
export function errorText(err: ErrorLike, fmt: Formatter | Locale): string {
  const f = asFormatter(fmt);
  const error = errorOf(err);
  const errors = catalogue(f.locale).errors as Record<string, string>;
  // An Error a UI throws itself (a line it cannot read) carries its text, in the user's language already.
  if (!error) return err instanceof Error && err.message ? err.message : errors['http-error'];
  const text = pick(errors, error.code, error.details.variant, error.details, f, {}) ?? (error.message || errors['http-error']);
  if (error.code !== 'invalid-input') return text;
  const problems = Object.entries(fieldErrors(err, f)).slice(0, 3).map(([path, problem]) => `${fieldLabel(path, f.locale)}: ${problem}`);
  return problems.length ? `${text} (${problems.join('; ')})` : text;
}

/** A field's name for a person: its last named part (`lines.0.quantityMilli` is the quantity). */
export function fieldLabel(path: string, locale: Locale): string {
  const name = path.split('.').filter((part) => !/^\d+$/.test(part) && !['body', 'querystring', 'params'].includes(part)).at(-1) ?? path;
  return nameOf('field', name, locale);
}

type FieldIssue = { path: string; message?: string; code?: string; origin?: string; minimum?: number; maximum?: number };

/**
 * What is wrong with each field an error names, by its path without the `body.` part: for invalid
 * input, the kind of problem of each field; for a refusal, the error's own text at its fields.
 */
export function fieldErrors(err: ErrorLike, fmt: Formatter | Locale): Record<string, string> {
  const f = asFormatter(fmt);
  const fields = (err && typeof err === 'object' && 'fields' in err ? (err as { fields?: FieldIssue[] }).fields : (errorOf(err) as { fields?: FieldIssue[] } | null)?.fields) ?? [];
  const error = errorOf(err);
  const issues = catalogue(f.locale).issues as Record<string, string>;
  const out: Record<string, string> = {};
  for (const issue of fields) {
    const path = issue.path.replace(/^(body|querystring|params)\./, '');
    if (error?.code !== 'invalid-input' || !issue.code) {
      out[path] = errorText(err, f);
      continue;
    }
    const key = issues[`${issue.code}/${issue.origin}`] !== undefined ? `${issue.code}/${issue.origin}` : issues[issue.code] !== undefined ? issue.code : 'other';
    out[path] = fill(issues[key], issue as unknown as Values, f, {}) ?? issues.other;
  }
  return out;
}

/** One act of the audit log as a sentence, its money, dates and names written the language's way. */
export function auditText(entry: { action: string; details: Values; entityId?: string | null }, fmt: Formatter | Locale, refs: Refs = {}): string {
  const f = asFormatter(fmt);
  const audit = catalogue(f.locale).audit as Record<string, string>;
  const values = { ...entry.details, entityId: entry.entityId ?? undefined };
  return pick(audit, entry.action, undefined, values, f, refs) ?? nameOf('value', 'changed', f.locale);
}

/** A text the shop sends a customer, in the customer's language. */
export function noticeText(key: keyof SharedCatalogue['notices'], values: Values, fmt: Formatter | Locale): string {
  const f = asFormatter(fmt);
  return fill(catalogue(f.locale).notices[key], values, f, {}) ?? en.notices[key];
}

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const MONEY_FIELDS = new Set(['refundLimit', 'openingFloat', 'amount']);

/** A setting's or a field's value as a person reads it. */
function fieldValue(key: string, value: unknown, fmt: Formatter): string {
  if (value === null || value === undefined || value === '') return nameOf('value', 'none', fmt.locale);
  if (typeof value === 'boolean') return nameOf('value', value ? 'yes' : 'no', fmt.locale);
  if (key === 'role') return nameOf('role', String(value), fmt.locale);
  if (key === 'mode') return nameOf('combination', String(value), fmt.locale);
  if (key === 'locale' && isLocale(value)) return LOCALES[value];
  if (typeof value === 'number') return key.endsWith('Bp') ? `${fmt.number(value / 100, value % 100 ? 2 : 0)} %` : MONEY_FIELDS.has(key) ? fmt.money(value) : fmt.number(value);
  if (Array.isArray(value) && value.every((v) => typeof v !== 'object')) return value.join(' / ') || nameOf('value', 'none', fmt.locale);
  if (typeof value === 'object') return nameOf('value', 'changed', fmt.locale);
  return String(value);
}

/** An in-store barcode layout as a person reads it: its prefix, what the code carries, and the digits of the item and of the value ("21… weight 5 + 5"). */
function layoutText(layout: unknown, fmt: Formatter): string {
  const { prefix, kind, itemDigits, valueDigits } = (isObject(layout) ? layout : {}) as Record<string, unknown>;
  return `${String(prefix)}… ${nameOf('layout', String(kind), fmt.locale)} ${fmt.number(Number(itemDigits))} + ${fmt.number(Number(valueDigits))}`;
}

/**
 * What changed between two versions of a record (settings, a user, the roles' rights): each field
 * named, with its old and new value; a list tells what was added and removed; nested records
 * (the rights of each role) are named and their changes listed.
 */
function changes(before: unknown, after: unknown, fmt: Formatter): string {
  if (!isObject(after)) return '';
  const old = isObject(before) ? before : {};
  const label = (key: string) => (en.names as Record<string, string>)[`role.${key}`] ? nameOf('role', key, fmt.locale) : nameOf('field', key, fmt.locale);
  const parts: string[] = [];
  for (const [key, next] of Object.entries(after)) {
    const prev = old[key];
    if (same(prev, next)) continue;
    if (isObject(next) && isObject(prev)) {
      const inner = changes(prev, next, fmt);
      if (inner) parts.push(`${label(key)}: ${inner}`);
    } else if (Array.isArray(next) && Array.isArray(prev) && key === 'permissions') {
      const added = next.filter((p) => !prev.includes(p)).map((p) => `+${nameOf('right', String(p), fmt.locale)}`);
      const removed = prev.filter((p) => !next.includes(p)).map((p) => `−${nameOf('right', String(p), fmt.locale)}`);
      parts.push(`${label(key)}: ${[...added, ...removed].join(', ')}`);
    } else if (key === 'inStoreLayouts' && Array.isArray(next)) {
      const was = Array.isArray(prev) ? prev : [];
      const added = next.filter((l) => !was.some((o) => same(o, l))).map((l) => `+${layoutText(l, fmt)}`);
      const removed = was.filter((o) => !next.some((l) => same(o, l))).map((o) => `−${layoutText(o, fmt)}`);
      parts.push(`${label(key)}: ${[...added, ...removed].join(', ')}`);
    } else {
      parts.push(`${label(key)}: ${fieldValue(key, prev, fmt)} → ${fieldValue(key, next, fmt)}`);
    }
  }
  return parts.join('; ');
}
