import { Liquid, LiquidError, Tag, type TagToken, type TopLevelToken } from 'liquidjs';
import { currencyDigits, formatMoney, formatQuantity } from '../../shared/money.ts';
import type { CustomFieldValue } from '../../shared/schemas/custom-fields.ts';
import type { Locale } from '../../shared/locales.ts';
import { MAX_TEMPLATE_LENGTH } from '../../shared/schemas/print-forms.ts';
import { PRINT_LABELS } from './labels.ts';
import { LITERAL_CLOSE, LITERAL_OPEN, MarkupError, parseMarkup, type Block } from './markup.ts';

/** The most markup a template may print. */
const MAX_MARKUP_LENGTH = 2_000_000;

/** What kind of fault a template has, for a UI to say in its user's language (`subject`: the placeholder, filter or tag). */
export type TemplateFault = 'unknown-placeholder' | 'unknown-filter' | 'forbidden-tag' | 'syntax' | 'markup' | 'too-large';

/** Why a template cannot print: the line of the template (from 1) and the reason. */
export class TemplateError extends Error {
  constructor(
    readonly line: number | null,
    readonly reason: string,
    readonly fault: TemplateFault = 'syntax',
    readonly subject: string | null = null,
  ) {
    super(line ? `line ${line}: ${reason}` : reason);
  }
}

/** What a template is rendered with: the document, and the words and formats of its language. */
export interface TemplateData {
  doc: Record<string, unknown> & { language: Locale; currency: string };
  /** The document's customer as the owner describes them: their custom fields by key (`customer.fields.contract_no`). */
  customer: { fields: Record<string, CustomFieldValue> };
  /** An invoice's own custom fields as issued (`invoice.fields.po_number`); none on other documents. */
  invoice: { fields: Record<string, CustomFieldValue> };
}

// A template reads only what it is given: no file, no other template, no layout. The engine is given
// no file system and no templates to look up, and these tags refuse at once with the line.
const FORBIDDEN_TAGS = ['include', 'render', 'layout'];

class ForbiddenTagError extends Error {
  constructor(readonly tag: string) {
    super(`the tag "${tag}" is not allowed: a print form cannot read other files`);
  }
}

class ForbiddenTag extends Tag {
  constructor(token: TagToken, remain: TopLevelToken[], liquid: Liquid) {
    super(token, remain, liquid);
    throw new ForbiddenTagError(token.name);
  }
  *render(): Generator<unknown, void, unknown> {}
}

function amount(value: unknown, filter: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw new Error(`${filter} needs a whole number (an amount in minor units, a quantity in thousandths, basis points), not ${JSON.stringify(value)}`);
  return value;
}

function engine(language: Locale, currency: string, strict: boolean): Liquid {
  const liquid = new Liquid({
    templates: {},
    relativeReference: false,
    dynamicPartials: false,
    strictFilters: true,
    strictVariables: strict,
    lenientIf: true,
    ownPropertyOnly: true,
    greedy: false,
    parseLimit: MAX_TEMPLATE_LENGTH * 2,
    renderLimit: 5_000,
    memoryLimit: 20_000_000,
    outputEscape: (value: unknown) => LITERAL_OPEN + String(value ?? '').replace(/[\uE000-\uE002]/g, '').replace(/\s*[\r\n]+\s*/g, ' ') + LITERAL_CLOSE,
  });
  for (const tag of FORBIDDEN_TAGS) liquid.registerTag(tag, ForbiddenTag);
  // `raw` would print without the literal marks, letting data become markup: here it changes nothing.
  liquid.registerFilter('raw', (value: unknown) => value);
  liquid.registerFilter('money', (value: unknown, code?: unknown) => formatMoney(amount(value, 'money'), typeof code === 'string' ? code : currency, language));
  liquid.registerFilter('amount', (value: unknown) => {
    const digits = currencyDigits(currency);
    return new Intl.NumberFormat(language, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(amount(value, 'amount') / 10 ** digits);
  });
  liquid.registerFilter('quantity', (value: unknown, unit?: unknown) => formatQuantity(amount(value, 'quantity'), unit === 'kg' || unit === 'l' || unit === 'm' ? unit : 'piece', language));
  liquid.registerFilter('percent', (value: unknown) => new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 2 }).format(amount(value, 'percent') / 10_000));
  liquid.registerFilter('unit', (value: unknown) => {
    if (value !== 'piece' && value !== 'kg' && value !== 'l' && value !== 'm') throw new Error(`unit needs piece, kg, l or m, not ${JSON.stringify(value)}`);
    return PRINT_LABELS[language][value];
  });
  liquid.registerFilter('day', (value: unknown) => {
    if (value === null || value === undefined || value === '') return '';
    if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new Error(`day needs a day as YYYY-MM-DD, not ${JSON.stringify(value)}`);
    return new Intl.DateTimeFormat(language, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${value}T00:00:00Z`));
  });
  liquid.registerFilter('paragraphs', (value: unknown) => String(value ?? '').split(/\r?\n/).map((p) => p.trim()).filter(Boolean));
  return liquid;
}

function lineOf(error: LiquidError): number | null {
  const [line] = error.token?.getPosition?.() ?? [];
  return typeof line === 'number' ? line : null;
}

function faultOf(error: LiquidError): TemplateError {
  const message = (error.originalError?.message ?? error.message).replace(/, line:\d+, col:\d+$/, '');
  const line = lineOf(error);
  if (error.originalError instanceof ForbiddenTagError) return new TemplateError(line, message, 'forbidden-tag', error.originalError.tag);
  const variable = /^undefined variable: (.+)$/.exec(message);
  if (variable) return new TemplateError(line, `unknown placeholder: ${variable[1]}`, 'unknown-placeholder', variable[1]);
  const filter = /^undefined filter: (.+)$/.exec(message);
  if (filter) return new TemplateError(line, `unknown filter: ${filter[1]}`, 'unknown-filter', filter[1]);
  return new TemplateError(line, message, /limit exceeded/i.test(message) ? 'too-large' : 'syntax');
}

/** The template's line a markup error came from: the first line that starts with its keyword. */
function templateLineOf(template: string, error: MarkupError): number | null {
  const index = template.split('\n').findIndex((line) => line.trimStart().startsWith(error.keyword));
  return index < 0 ? null : index + 1;
}

/**
 * Renders a template for one document into print-form blocks, or throws a TemplateError. `strict`
 * refuses an unknown placeholder (saving, previewing); printing a saved template is lenient, so a
 * value the document does not have (no contract) prints as nothing.
 */
export async function renderTemplate(template: string, data: TemplateData, strict: boolean): Promise<Block[]> {
  if (template.length > MAX_TEMPLATE_LENGTH) throw new TemplateError(null, `the template is longer than ${MAX_TEMPLATE_LENGTH} characters`, 'too-large');
  const text = template.replace(/\r\n?/g, '\n');
  const marked = text.split('\n').findIndex((line) => /[\uE000-\uE002]/.test(line));
  if (marked >= 0) throw new TemplateError(marked + 1, 'the template holds a reserved character (U+E000–U+E002)');
  const liquid = engine(data.doc.language, data.doc.currency, strict);
  let markup: string;
  try {
    const parsed = liquid.parse(text);
    markup = await liquid.render(parsed, { doc: data.doc, customer: data.customer, invoice: data.invoice, t: PRINT_LABELS[data.doc.language] });
  } catch (error) {
    if (error instanceof LiquidError) throw faultOf(error);
    throw new TemplateError(null, error instanceof Error ? error.message : String(error));
  }
  if (markup.length > MAX_MARKUP_LENGTH) throw new TemplateError(null, 'the template prints more than a form can hold', 'too-large');
  try {
    return parseMarkup(markup);
  } catch (error) {
    if (error instanceof MarkupError) throw new TemplateError(templateLineOf(text, error), error.message, 'markup');
    throw error;
  }
}
