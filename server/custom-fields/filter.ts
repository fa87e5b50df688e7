import { customFieldValueSchema, type CustomFieldDefinition, type CustomFieldFilter } from '../../shared/schemas/custom-fields.ts';
import { AppError } from '../http/errors.ts';
import { COLUMN, invalidField, toColumns } from './values.ts';

const RANGED = new Set(['number', 'money', 'date']);

/**
 * SQL conditions on `alias."id"` for a filter by custom fields: each field one look-up in the
 * value table's (field, column, record) index, so a filter stays an index range at any size of the
 * base. Values are checked against the fields' types; an unknown field or a value of the wrong type
 * is refused, naming it (`querystring.fields.region`).
 */
export function customFieldFilterSql(fields: CustomFieldDefinition[], filter: CustomFieldFilter, alias: string, path: string): { where: string[]; params: Record<string, unknown> } {
  const byKey = new Map(fields.map((f) => [f.key, f]));
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  Object.entries(filter).forEach(([key, wanted], i) => {
    const field = byKey.get(key);
    const at = `${path}.${key}`;
    if (!field) throw new AppError(422, 'custom-field-unknown', `${at}: there is no custom field ${key}`, [{ path: at, message: 'no such field' }], { field: key });
    const column = COLUMN[field.type];
    const checked = (value: unknown, where: string) => {
      const parsed = customFieldValueSchema(field).safeParse(value);
      if (!parsed.success) throw invalidField(field, where, parsed.error.issues[0].message);
      return Object.values(toColumns(field, parsed.data))[0];
    };
    params[`cf${i}`] = field.id;
    const values = `SELECT v."entityId" FROM "CustomFieldValue" v WHERE v."fieldId" = @cf${i}`;
    if (typeof wanted === 'object') {
      if (!RANGED.has(field.type)) throw invalidField(field, at, 'a value, not a range');
      const ends: string[] = [];
      if (wanted.from !== undefined) {
        params[`cf${i}from`] = checked(wanted.from, `${at}.from`);
        ends.push(`v."${column}" >= @cf${i}from`);
      }
      if (wanted.to !== undefined) {
        params[`cf${i}to`] = checked(wanted.to, `${at}.to`);
        ends.push(`v."${column}" <= @cf${i}to`);
      }
      where.push(`${alias}."id" IN (${values} AND ${ends.length ? ends.join(' AND ') : `v."${column}" IS NOT NULL`})`);
    } else {
      params[`cf${i}v`] = checked(wanted, at);
      where.push(`${alias}."id" IN (${values} AND v."${column}" = @cf${i}v)`);
    }
  });
  return { where, params };
}
