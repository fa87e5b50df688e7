import fc from 'fast-check';

/** The part of JSON Schema (OpenAPI 3.0 flavour) that the server's document uses. */
export interface JsonSchema {
  $ref?: string;
  type?: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean' | 'null';
  nullable?: boolean;
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: boolean | number;
  exclusiveMaximum?: boolean | number;
  minItems?: number;
  maxItems?: number;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  default?: unknown;
}

/** Where values come from that the schema alone cannot make: ids of records that exist. */
export interface ValueContext {
  resolve(ref: string): JsonSchema;
  /** Real keys for a field of this name (customerId, productIds, …), or none. */
  realKeys(field: string): string[];
}

const DATE = '^\\d{4}-\\d{2}-\\d{2}$';
const MAX_STRING = 60;

/** A calendar day within a month or so of today, so reports and pre-orders meet real data. */
const recentDay = fc.integer({ min: -40, max: 40 }).map((d) => new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 10));

/** Keys of real records half the time (when there are any), otherwise what `made` makes. */
function realOr(field: string, ctx: ValueContext, made: fc.Arbitrary<string>): fc.Arbitrary<string> {
  const keys = ctx.realKeys(field);
  return keys.length ? fc.oneof(fc.constantFrom(...keys), made) : made;
}

function stringValue(schema: JsonSchema, field: string, ctx: ValueContext): fc.Arbitrary<string> {
  const minLength = schema.minLength ?? 0;
  const maxLength = Math.max(minLength, Math.min(schema.maxLength ?? MAX_STRING, MAX_STRING));
  if (schema.format === 'uuid') return realOr(field, ctx, fc.uuid({ version: 7 }));
  if (schema.format === 'email' || field === 'email') return fc.stringMatching(/^[a-z]{1,10}\.[a-z]{1,10}@example\.(com|lt)$/);
  if (schema.format === 'date' || schema.pattern === DATE) return fc.oneof(recentDay, fc.stringMatching(new RegExp(schema.pattern ?? DATE)));
  const fits = (s: string) => s.length >= minLength && s.length <= (schema.maxLength ?? Infinity);
  if (schema.pattern) return realOr(field, ctx, fc.stringMatching(new RegExp(schema.pattern), { size: 'xsmall' }).filter(fits));
  return realOr(field, ctx, fc.string({ minLength, maxLength, unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz ÄčŠжЖ中0123456789-.'.split('')) }));
}

function numberValue(schema: JsonSchema): fc.Arbitrary<number> {
  const excludeMin = schema.exclusiveMinimum === true;
  const excludeMax = schema.exclusiveMaximum === true;
  const min = typeof schema.exclusiveMinimum === 'number' ? schema.exclusiveMinimum : schema.minimum;
  const max = typeof schema.exclusiveMaximum === 'number' ? schema.exclusiveMaximum : schema.maximum;
  if (schema.type === 'integer') {
    const lo = Math.max(Number.MIN_SAFE_INTEGER, min === undefined ? -1_000_000 : Math.ceil(min) + (excludeMin || typeof schema.exclusiveMinimum === 'number' ? 1 : 0));
    const hi = Math.min(Number.MAX_SAFE_INTEGER, max === undefined ? 1_000_000 : Math.floor(max) - (excludeMax || typeof schema.exclusiveMaximum === 'number' ? 1 : 0));
    // Mostly small amounts near the lower bound (a price, a quantity), sometimes anywhere in range.
    return fc.oneof({ arbitrary: fc.integer({ min: lo, max: Math.min(hi, lo + 5_000) }), weight: 3 }, { arbitrary: fc.integer({ min: lo, max: hi }), weight: 1 });
  }
  return fc.double({ min: min ?? -1e6, max: max ?? 1e6, noNaN: true, noDefaultInfinity: true, minExcluded: excludeMin, maxExcluded: excludeMax });
}

/** Values the schema accepts (as far as JSON Schema can say: zod refinements may still refuse some). */
export function schemaValue(schema: JsonSchema, ctx: ValueContext, field = '', depth = 0): fc.Arbitrary<unknown> {
  if (schema.$ref) return schemaValue(ctx.resolve(schema.$ref), ctx, field, depth);
  const { nullable, ...rest } = schema;
  if (nullable) return fc.oneof({ arbitrary: schemaValue(rest, ctx, field, depth), weight: 4 }, { arbitrary: fc.constant(null), weight: 1 });
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  if (schema.anyOf || schema.oneOf) return fc.oneof(...(schema.anyOf ?? schema.oneOf)!.map((s) => schemaValue(s, ctx, field, depth)));
  if (schema.allOf) {
    return fc.tuple(...schema.allOf.map((s) => schemaValue(s, ctx, field, depth))).map((parts) => Object.assign({}, ...parts.filter((p) => typeof p === 'object' && p !== null)));
  }
  switch (schema.type) {
    case 'string':
      return stringValue(schema, field, ctx);
    case 'integer':
    case 'number':
      return numberValue(schema);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const minLength = schema.minItems ?? 0;
      const maxLength = Math.max(minLength, Math.min(schema.maxItems ?? 4, minLength + 3, depth > 2 ? minLength : 4));
      return fc.array(schemaValue(schema.items ?? {}, ctx, field, depth + 1), { minLength, maxLength });
    }
    case 'object':
    case undefined: {
      if (!schema.properties && schema.type === undefined) return fc.jsonValue({ maxDepth: 2 });
      const properties = schema.properties ?? {};
      const record = fc.record(
        Object.fromEntries(Object.entries(properties).map(([name, s]) => [name, schemaValue(s, ctx, name, depth + 1)])),
        { requiredKeys: (schema.required ?? []).filter((k) => k in properties) },
      );
      if (typeof schema.additionalProperties !== 'object') return record;
      const extra = fc.dictionary(fc.stringMatching(/^[a-z][a-z0-9_]{0,11}$/), schemaValue(schema.additionalProperties, ctx, field, depth + 1), { maxKeys: 3 });
      return fc.tuple(record, extra).map(([r, e]) => ({ ...e, ...r }));
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}
