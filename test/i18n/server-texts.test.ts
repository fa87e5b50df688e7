import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS } from '../../shared/audit-actions.ts';
import { ERROR_CODES } from '../../shared/error-codes.ts';
import { CATALOGUES } from '../../shared/i18n/catalogues.ts';
import { LOCALE_CODES } from '../../shared/locales.ts';
import { PERMISSIONS, ROLES } from '../../shared/permissions.ts';
import { DeviceKindSchema, DeviceStateSchema } from '../../shared/schemas/devices.ts';
import { PRE_ORDER_STATUSES } from '../../shared/schemas/pre-orders.ts';
import { CombinationSchema, DiscountRuleSchema } from '../../shared/schemas/pricing.ts';
import { PaymentMethodSchema } from '../../shared/schemas/sales.ts';
import { STOCK_DOCUMENT_KINDS, WRITE_OFF_REASONS } from '../../shared/schemas/stock.ts';
import { SYNC_DOCUMENT_TYPES } from '../../shared/schemas/sync.ts';

/** The server's own sources (tests excluded), as text. */
function serverSources(): { file: string; text: string }[] {
  const dir = path.resolve('server');
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.test.ts'))
    .map((e) => path.join(e.parentPath, e.name))
    .map((file) => ({ file: path.relative(process.cwd(), file), text: fs.readFileSync(file, 'utf8') }));
}

/** The text from an opening parenthesis at `open` to its match. */
function callBody(text: string, open: number): string {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return text.slice(open + 1, i);
  }
  return text.slice(open + 1);
}

/** The top-level arguments of a call's body (commas inside brackets, braces, strings and templates do not split). */
function argumentsOf(body: string): string[] {
  const args: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
      continue;
    }
    if (c === "'" || c === '"' || c === '`') quote = c;
    else if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) depth--;
    else if (c === ',' && depth === 0) {
      args.push(body.slice(start, i).trim());
      start = i + 1;
    }
  }
  args.push(body.slice(start).trim());
  return args;
}

const KEBAB = /'([a-z][a-z0-9]*(?:-[a-z0-9]+)*)'/g;
const literalsIn = (expression: string) => [...expression.matchAll(KEBAB)].map((m) => m[1]);

/**
 * Every error code the server can send, read from its sources: the code argument of badRequest,
 * notFound, conflict, forbidden, new AppError, the head office's refusal and the error handler's
 * envelope; where that argument is a name, the literals the file passes for it to its function.
 */
function serverErrorCodes(): { codes: Set<string>; unreadable: string[] } {
  const codes = new Set<string>(['unauthenticated']);
  const unreadable: string[] = [];
  const makers: [RegExp, number][] = [
    [/\b(?:badRequest|notFound|conflict|forbidden|errorBody)\(/g, 0],
    [/\bnew AppError\(/g, 1],
    [/\brefusal\(/g, 1],
  ];
  for (const { file, text } of serverSources()) {
    for (const [pattern, index] of makers) {
      for (const m of text.matchAll(pattern)) {
        if (text.slice(Math.max(0, m.index - 9), m.index).endsWith('function ')) continue;
        const args = argumentsOf(callBody(text, m.index + m[0].length - 1));
        // A refusal or an AppError made with a status first; auth's `refusal()` is another thing.
        if (index === 1 && !/^(?:\d+|status)$/.test(args[0])) continue;
        const arg = args[index] ?? '';
        const found = literalsIn(arg);
        if (found.length) found.forEach((c) => codes.add(c));
        else if (/^\w+$/.test(arg) && new RegExp(`\\b${arg}: ErrorCode\\b`).test(text)) forwarded(text, arg).forEach((c) => codes.add(c));
        else unreadable.push(`${file}: ${m[0]}${arg}`);
      }
    }
    // The HTTP parser's refusals, answered as [status, code, message].
    for (const m of text.matchAll(/\[\d{3}, '([a-z-]+)', /g)) codes.add(m[1]);
  }
  return { codes, unreadable };
}

/**
 * Literals passed for a function's parameter `name: ErrorCode` where that function is called: in the
 * file itself, and in every server file when the function is exported (shared refusal makers).
 */
function forwarded(text: string, name: string): string[] {
  const out: string[] = [];
  for (const decl of text.matchAll(/(export\s+)?(?:function\s+(\w+)\s*\(|const\s+(\w+)\s*=\s*\()/g)) {
    const fn = decl[2] ?? decl[3];
    const params = argumentsOf(callBody(text, decl.index + decl[0].length - 1));
    const at = params.findIndex((p) => p.startsWith(`${name}:`) && p.includes('ErrorCode'));
    if (at < 0) continue;
    const callers = decl[1] ? serverSources().map((source) => source.text) : [text];
    for (const caller of callers) {
      for (const call of caller.matchAll(new RegExp(`\\b${fn}\\(`, 'g'))) {
        if (caller === text && call.index === decl.index + decl[0].indexOf(fn)) continue;
        out.push(...literalsIn(argumentsOf(callBody(caller, call.index + call[0].length - 1))[at] ?? ''));
      }
    }
  }
  return out;
}

/** Every audit action the server writes: the `action` of each writeAudit call and each import run's finish. */
function auditActions(): { actions: Set<string>; prefixes: string[] } {
  const actions = new Set<string>();
  const prefixes: string[] = [];
  for (const { text } of serverSources()) {
    for (const m of text.matchAll(/\b(?:writeAudit|run\.finish)\(/g)) {
      const body = callBody(text, m.index + m[0].length - 1);
      for (const a of body.matchAll(/\baction:\s*([^,}]+)/g)) {
        const value = a[1].trim();
        const template = /^`([a-z-]+)\$\{/.exec(value);
        if (template) prefixes.push(template[1]);
        else literalsIn(value).forEach((x) => actions.add(x));
      }
    }
  }
  return { actions, prefixes };
}

describe('texts of what the server answers and records', () => {
  it('every error code the server sends has a text in every language', () => {
    const { codes, unreadable } = serverErrorCodes();
    expect(unreadable, 'error sites whose code the scan cannot read').toEqual([]);
    expect(codes.size).toBeGreaterThan(100);
    const known = new Set<string>(ERROR_CODES);
    expect([...codes].filter((c) => !known.has(c)), 'codes sent but not in shared/error-codes.ts').toEqual([]);
    for (const locale of LOCALE_CODES) {
      const errors = CATALOGUES[locale].errors as Record<string, string>;
      expect([...codes].filter((c) => !errors[c]), `codes without a ${locale} text`).toEqual([]);
    }
    const client = ['network', 'http-error'];
    expect(ERROR_CODES.filter((c) => !codes.has(c) && !client.includes(c)), 'codes listed that nothing sends').toEqual([]);
  });

  it('every act the server writes to the audit log has a sentence in every language', () => {
    const { actions, prefixes } = auditActions();
    expect(actions.size).toBeGreaterThan(40);
    const listed = new Set<string>(AUDIT_ACTIONS);
    expect([...actions].filter((a) => !listed.has(a)), 'actions written but not in shared/audit-actions.ts').toEqual([]);
    for (const prefix of prefixes) expect(AUDIT_ACTIONS.some((a) => a.startsWith(prefix)), `actions made as ${prefix}…`).toBe(true);
    for (const locale of LOCALE_CODES) {
      const audit = CATALOGUES[locale].audit as Record<string, string>;
      expect([...actions].filter((a) => !audit[a]), `actions without a ${locale} sentence`).toEqual([]);
      expect(AUDIT_ACTIONS.filter((a) => !audit[a]), `listed actions without a ${locale} sentence`).toEqual([]);
    }
    const written = (a: string) => actions.has(a) || prefixes.some((p) => a.startsWith(p));
    expect(AUDIT_ACTIONS.filter((a) => !written(a)), 'actions listed that nothing writes').toEqual([]);
  });

  it('every role, right, device, tender, status and kind the server names has a name in every language', () => {
    const ids: Record<string, readonly string[]> = {
      role: ROLES,
      right: PERMISSIONS,
      device: DeviceKindSchema.options,
      'device-state': DeviceStateSchema.options,
      tender: PaymentMethodSchema.options,
      'pre-order': PRE_ORDER_STATUSES,
      'stock-document': STOCK_DOCUMENT_KINDS,
      document: SYNC_DOCUMENT_TYPES,
      'write-off': WRITE_OFF_REASONS,
      rule: DiscountRuleSchema.options.map((o) => o.shape.kind.value),
      combination: CombinationSchema.options.map((o) => o.shape.mode.value),
    };
    for (const locale of LOCALE_CODES) {
      const names = CATALOGUES[locale].names as Record<string, string>;
      const missing = Object.entries(ids).flatMap(([kind, list]) => list.map((id) => `${kind}.${id}`)).filter((key) => !names[key]);
      expect(missing, `${locale} lacks names`).toEqual([]);
    }
  });
});
