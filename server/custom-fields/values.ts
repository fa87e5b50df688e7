import type Database from 'better-sqlite3';
import { customFieldValueSchema, type CustomFieldDefinition, type CustomFieldType, type CustomFieldValue, type CustomFieldValues } from '../../shared/schemas/custom-fields.ts';
import type { Tx } from '../db/client.ts';
import { statement } from '../db/statements.ts';
import { AppError, type FieldIssue } from '../http/errors.ts';

/** The value table's column each type is kept in (see CustomFieldValue in prisma/schema.prisma). */
export const COLUMN: Record<CustomFieldType, 'text' | 'number' | 'integer' | 'day'> = { text: 'text', choice: 'text', number: 'number', money: 'integer', 'yes-no': 'integer', date: 'day' };

export type StoredValue = { text?: string; number?: number; integer?: number; day?: string };

export const toColumns = (field: { type: CustomFieldType }, value: CustomFieldValue): StoredValue => ({ [COLUMN[field.type]]: field.type === 'yes-no' ? (value ? 1 : 0) : value });

const fromColumns = (type: CustomFieldType, row: { text: string | null; number: number | null; integer: number | null; day: string | null }): CustomFieldValue | null => {
  const raw = row[COLUMN[type]];
  if (raw === null) return null;
  return type === 'yes-no' ? raw === 1 : raw;
};

/**
 * Checks values given for a record against its fields' definitions (each value by its field's zod
 * schema), and on a new record fills in defaults and demands the required ones. Returns what to
 * store per field id (null: clear it). Every problem is named by its field (`body.customFields.x`).
 */
export function checkValues(fields: CustomFieldDefinition[], given: CustomFieldValues | undefined, options: { creating: boolean; path: string }): Map<string, StoredValue | null> {
  const byKey = new Map(fields.map((f) => [f.key, f]));
  const issues: (FieldIssue & { kind: 'unknown' | 'invalid' | 'required'; field: CustomFieldDefinition | null })[] = [];
  const out = new Map<string, StoredValue | null>();
  for (const [key, value] of Object.entries(given ?? {})) {
    const field = byKey.get(key);
    const path = `${options.path}.${key}`;
    if (!field) {
      issues.push({ path, message: 'no such field', kind: 'unknown', field: null });
      continue;
    }
    if (value === null || value === '') {
      if (field.required) issues.push({ path, message: 'required', kind: 'required', field });
      else out.set(field.id, null);
      continue;
    }
    const parsed = customFieldValueSchema(field).safeParse(value);
    if (!parsed.success) issues.push({ path, message: parsed.error.issues[0].message, kind: 'invalid', field });
    else out.set(field.id, toColumns(field, parsed.data));
  }
  if (options.creating) {
    for (const field of fields) {
      if (given && key(given, field.key)) continue;
      if (field.defaultValue !== null) out.set(field.id, toColumns(field, field.defaultValue));
      else if (field.required) issues.push({ path: `${options.path}.${field.key}`, message: 'required', kind: 'required', field });
    }
  }
  if (issues.length) throw refusal(issues);
  return out;
}

const key = (values: CustomFieldValues, k: string) => Object.prototype.hasOwnProperty.call(values, k);

function refusal(issues: (FieldIssue & { kind: 'unknown' | 'invalid' | 'required'; field: CustomFieldDefinition | null })[]): AppError {
  const first = issues[0];
  const fields = issues.map(({ path, message }) => ({ path, message }));
  const name = first.path.split('.').at(-1)!;
  if (first.kind === 'unknown') return new AppError(422, 'custom-field-unknown', `${first.path}: there is no custom field ${name}`, fields, { field: name });
  if (first.kind === 'required') return new AppError(422, 'custom-field-required', `${first.path}: ${first.field!.label} is required`, fields, { field: first.field!.label });
  return invalidField(first.field!, first.path, first.message, fields);
}

/** The refusal of a value of the wrong type: its text in the user's language is the type's variant (`custom-field-invalid/date`). */
export function invalidField(field: CustomFieldDefinition, path: string, message: string, fields: FieldIssue[] = [{ path, message }]): AppError {
  const choices = field.type === 'choice' ? { choices: (field.choices ?? []).join(', ') } : {};
  return new AppError(422, 'custom-field-invalid', `${path}: ${message} (a ${field.type} field)`, fields, { field: field.label, variant: field.type, ...choices });
}

/** Stores checked values of one record, in the caller's transaction. */
export async function writeValues(tx: Tx, entityId: string, values: Map<string, StoredValue | null>): Promise<void> {
  for (const [fieldId, stored] of values) {
    if (stored === null) await tx.customFieldValue.deleteMany({ where: { fieldId, entityId } });
    else {
      const row = { text: null, number: null, integer: null, day: null, ...stored };
      await tx.customFieldValue.upsert({ where: { fieldId_entityId: { fieldId, entityId } }, create: { fieldId, entityId, ...row }, update: row });
    }
  }
}

/** Checked values (as checkValues returns them) by their fields' keys, the cleared ones left out. */
export function valuesByKey(fields: CustomFieldDefinition[], stored: Map<string, StoredValue | null>): Record<string, CustomFieldValue> {
  return Object.fromEntries(
    fields.flatMap((field) => {
      const value = stored.get(field.id);
      return value ? [[field.key, fromColumns(field.type, { text: null, number: null, integer: null, day: null, ...value })!]] : [];
    }),
  );
}

/** The values of the given fields held by each record, key → value. */
export function valuesOf(sql: Database.Database, fields: CustomFieldDefinition[], ids: string[]): Map<string, Record<string, CustomFieldValue>> {
  const out = new Map<string, Record<string, CustomFieldValue>>(ids.map((id) => [id, {}]));
  if (!fields.length || !ids.length) return out;
  const byId = new Map(fields.map((f) => [f.id, f]));
  const rows = statement(
    sql,
    `SELECT v."fieldId", v."entityId", v."text", v."number", v."integer", v."day" FROM json_each(@ids) j CROSS JOIN "CustomFieldValue" v ON v."entityId" = j.value
     WHERE v."fieldId" IN (SELECT value FROM json_each(@fields))`,
  ).all({ ids: JSON.stringify(ids), fields: JSON.stringify([...byId.keys()]) }) as { fieldId: string; entityId: string; text: string | null; number: number | null; integer: number | null; day: string | null }[];
  for (const r of rows) {
    const field = byId.get(r.fieldId)!;
    const value = fromColumns(field.type, r);
    if (value !== null) out.get(r.entityId)![field.key] = value;
  }
  return out;
}
