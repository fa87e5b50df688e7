import fc from 'fast-check';

/** JSON text put into a body as it is: what JSON.stringify cannot write (NaN, 1e309, 400-digit numbers, deep nesting). */
export class RawJson {
  constructor(readonly text: string) {}
}

/** Writes a value as JSON text, with RawJson pieces as they are and own `__proto__` keys kept. */
export function jsonText(value: unknown): string {
  if (value instanceof RawJson) return value.text;
  if (Array.isArray(value)) return `[${Array.from(value, jsonText).join(',')}]`;
  if (value !== null && typeof value === 'object') return `{${Object.keys(value).map((k) => `${JSON.stringify(k)}:${jsonText((value as Record<string, unknown>)[k])}`).join(',')}}`;
  return JSON.stringify(value) ?? 'null';
}

/** An object with an own property of any name, `__proto__` included (an object literal would set the prototype). */
export function withOwn(target: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  return target;
}

const nested = (depth: number) => new RawJson(`${'['.repeat(depth)}${']'.repeat(depth)}`);
const nestedObject = (depth: number) => new RawJson(`${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`);

/** Strings an attacker or a broken scanner sends: SQL and FTS syntax, NUL, odd Unicode, formulas, paths. */
export const HOSTILE_STRINGS = [
  '',
  ' ',
  "' OR '1'='1",
  '"; DROP TABLE "Sale"; --',
  "1' UNION SELECT \"pinHash\" FROM \"User\" --",
  '%',
  '_',
  '\\',
  '"',
  '*',
  'a OR b',
  'NEAR(a b)',
  '^a',
  '-a',
  'name:x',
  '(',
  ')"',
  'AND',
  'a*"b',
  'a\u0000b',
  '\u0000',
  '\ud800',
  '\udfff\ud800',
  '\u202eevil',
  'a\u200db',
  '\ufeffbom',
  '\uffff',
  'e\u0301\u0301\u0301',
  '👩🏽‍💻',
  '１２３',
  '٣٤٥',
  'line\nbreak\r\ttab',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  '=HYPERLINK("http://x","y")',
  '+1-1',
  '@SUM(A1)',
  '{{name}}',
  '${process.env}',
  'null',
  'true',
  '-1',
  '0x10',
  '1e308',
  'NaN',
  '2026-02-30',
  '9999-12-31',
  '0000-00-00',
  '25:61',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  'x'.repeat(5_000),
  'ж'.repeat(50_000),
];

/** Numbers that break naive money code: fractions, negatives, overflow, −0, beyond double precision. */
export const HOSTILE_NUMBERS: unknown[] = [
  0,
  -0,
  -1,
  0.5,
  -0.01,
  0.1 + 0.2,
  1e308,
  -1e308,
  2 ** 53,
  2 ** 53 + 2,
  -(2 ** 63),
  2 ** 31,
  1e21,
  Number.MIN_VALUE,
  new RawJson('1e309'),
  new RawJson('-1e309'),
  new RawJson(`1${'0'.repeat(400)}`),
  new RawJson('1.0000000000000000000000001'),
  new RawJson('-0.0'),
];

/** Values of the wrong kind for whatever field they replace. */
export const WRONG_TYPES: unknown[] = [null, true, false, '1', '', [], [1], {}, { a: 1 }, [[[]]], 'true', '[object Object]'];

/** Structures that stress a parser or a validator: deep nesting, wide arrays, prototype keys. */
export const HOSTILE_STRUCTURES: unknown[] = [
  nested(64),
  nested(5_000),
  nestedObject(2_000),
  new RawJson(`[${'1,'.repeat(50_000)}1]`),
  withOwn({}, '__proto__', { isAdmin: true, permissions: ['manage-users'] }),
  { constructor: { prototype: { isAdmin: true } } },
  withOwn({ toString: 1, valueOf: 'x', hasOwnProperty: null }, '__proto__', null),
];

/** Keys added to objects: prototype pollution and operator injection attempts. */
export const HOSTILE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '$where', '$gt', 'id', 'outletId', 'role', 'permissions', 'isAdmin', '', ' ', 'a\u0000b'];

export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: fc.constantFrom(...HOSTILE_STRINGS), weight: 4 },
  { arbitrary: fc.constantFrom(...HOSTILE_NUMBERS), weight: 3 },
  { arbitrary: fc.constantFrom(...WRONG_TYPES), weight: 3 },
  { arbitrary: fc.constantFrom(...HOSTILE_STRUCTURES), weight: 1 },
);

type Path = (string | number)[];

function pathsOf(value: unknown, at: Path = []): Path[] {
  const here = [at];
  if (Array.isArray(value)) return [...here, ...value.flatMap((v, i) => pathsOf(v, [...at, i]))];
  if (value !== null && typeof value === 'object' && !(value instanceof RawJson)) return [...here, ...Object.keys(value).flatMap((k) => pathsOf((value as Record<string, unknown>)[k], [...at, k]))];
  return here;
}

function clone(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(clone);
  if (value !== null && typeof value === 'object' && !(value instanceof RawJson)) {
    const copy: Record<string, unknown> = {};
    for (const k of Object.keys(value)) withOwn(copy, k, clone((value as Record<string, unknown>)[k]));
    return copy;
  }
  return value;
}

type Mutation = { kind: 'replace'; value: unknown } | { kind: 'remove' } | { kind: 'add'; key: string; value: unknown };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { arbitrary: hostileValue.map((value) => ({ kind: 'replace' as const, value })), weight: 6 },
  { arbitrary: fc.constant({ kind: 'remove' as const }), weight: 2 },
  { arbitrary: fc.tuple(fc.constantFrom(...HOSTILE_KEYS), hostileValue).map(([key, value]) => ({ kind: 'add' as const, key, value })), weight: 2 },
);

function apply(value: unknown, path: Path, m: Mutation): unknown {
  const root = clone(value);
  if (path.length === 0) {
    if (m.kind === 'replace') return m.value;
    if (m.kind === 'add' && root !== null && typeof root === 'object' && !Array.isArray(root)) return withOwn(root as Record<string, unknown>, m.key, m.value);
    return m.kind === 'remove' ? undefined : m.value;
  }
  let parent = root as Record<string | number, unknown>;
  for (const step of path.slice(0, -1)) parent = parent[step] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  const target = parent[last];
  if (m.kind === 'replace') parent[last] = m.value;
  else if (m.kind === 'remove') {
    if (Array.isArray(parent)) parent.splice(last as number, 1);
    else delete parent[last];
  } else if (target !== null && typeof target === 'object' && !Array.isArray(target) && !(target instanceof RawJson)) withOwn(target as Record<string, unknown>, m.key, m.value);
  else if (Array.isArray(parent)) parent.push(m.value);
  else withOwn(parent as Record<string, unknown>, m.key, m.value);
  return root;
}

/** A valid value with one to three hostile changes somewhere in it (a field replaced, removed or added). */
export function mutated(valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return valid.chain((v) => {
    const paths = pathsOf(v);
    return fc.array(fc.tuple(fc.constantFrom(...paths), mutation), { minLength: 1, maxLength: 3 }).map((changes) =>
      // Later changes may aim at a path an earlier one removed: such a change is skipped.
      changes.reduce((acc, [p, m]) => {
        try {
          return apply(acc, p, m);
        } catch {
          return acc;
        }
      }, v),
    );
  });
}

/** Bodies that are not the JSON they claim to be. */
export const BROKEN_JSON = [
  '{',
  '{"a":}',
  '[1,]',
  'NaN',
  '{"amount":NaN}',
  '{"amount":Infinity}',
  "{'a':1}",
  '{"a":1}{"b":2}',
  '\ufeff{}',
  '{"a":"\\ud800"}',
  '{"a":"\\u0000"}',
  '{"__proto__":{"isAdmin":true}}',
  '{"constructor":{"prototype":{"isAdmin":true}}}',
  '{"a":1,"a":2}',
  'null',
  '0',
  '"string"',
  '[]',
  ' ',
  `{"a":"${'\\'.repeat(3)}"}`,
];

/** Content types a client may send a JSON body with, right or wrong. */
export const CONTENT_TYPES = [
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/xml',
  'text/csv',
  'application/octet-stream',
  'application/json; charset=utf-16',
  'application/JSON',
  'application/vnd.api+json',
  'application/json, text/plain',
  ';;;',
  '',
];

/** Path segments that are not what a route expects: bad escapes, NUL, traversal, too long for the router. */
export const HOSTILE_SEGMENTS = ['%zz', '%', '%00', 'a%00b', '%ED%A0%80', '%C0%AF', '..', '%2e%2e', 'a%2Fb', '%20', "'%20OR%201=1", 'x'.repeat(101), 'y'.repeat(3_000), '%F0%9F%91%A9', '-1', '0', 'null', 'undefined', '%7B%7D'];

/** Raw query-string pieces: bad escapes, repeated and bracketed keys. */
export const HOSTILE_QUERY = ['%zz=1', 'q=%', 'q=%00', 'q=a%00b', 'q=%ED%A0%80', 'q=1&q=2', 'q[]=1', 'q[a]=1', '__proto__[x]=1', 'constructor[prototype][x]=1', '=', '&&&', 'limit=1e3', 'limit=-0', 'offset=99999999999999999999', `q=${'z'.repeat(10_000)}`];

/** Files for the import routes: honest rows, cells a spreadsheet would run, broken quoting, NUL, other encodings, not a file at all. */
export const HOSTILE_FILES: (string | Buffer)[] = [
  'name;phone;email;card\nOna Onaitė;+370 600 11111;ona@example.lt;CARD-FZ-1\nPetras;+370 600 22222;;\n',
  'sku;name;price;cost;barcode\nFZ-1;Fuzz tea;1.99;1.00;4006381333931\nFZ-2;Fuzz coffee;-5;abc;123\n',
  'name;phone;email;card\n=HYPERLINK("http://x","y");+1-1;@SUM(A1);\t=1+1\n\'; DROP TABLE "Customer"; --;%00;"a""b";\n',
  'name,phone\n"unterminated,+370 600 33333\nx,y,z,extra,cells\n',
  'name;phone\na\u0000b;\u0000\n\ud800;\u202e123\n',
  Buffer.from([0xef, 0xbb, 0xbf, ...Buffer.from('name;phone\nЖанна;+370 600 44444\n')]),
  Buffer.from([0xcd, 0xe0, 0xe7, 0xe2, 0xe0, 0xed, 0xe8, 0xe5, 0x3b, 0x0a, 0xc8, 0xe2, 0xe0, 0xed, 0x3b, 0x0a]),
  Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00, 0xff, 0xff, 0xff, 0xff, 0x00, 0x01]),
  `name;phone\n${Array.from({ length: 2000 }, (_, i) => `Customer ${i};+370 600 ${String(i).padStart(5, '0')}`).join('\n')}\n`,
  ';;;\n;;;\n',
];
