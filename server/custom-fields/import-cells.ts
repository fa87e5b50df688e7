import { parseMoney } from '../../shared/money.ts';
import type { CustomFieldDefinition, CustomFieldValue } from '../../shared/schemas/custom-fields.ts';
import { customFieldValueSchema } from '../../shared/schemas/custom-fields.ts';
import type { DateFormat } from '../../shared/schemas/importexport.ts';
import { readDate } from '../importexport/dates.ts';
import { toColumns, type StoredValue } from './values.ts';

const YES = new Set(['yes', 'y', 'true', '1', 'x', 'да', 'так', 'taip', 'da', '是']);
const NO = new Set(['no', 'n', 'false', '0', 'нет', 'ні', 'ne', 'nu', '否']);

/** Which column of a file holds each custom field: the mapping given, else a header that is the field's key or label (any case). */
export function customFieldColumns(fields: CustomFieldDefinition[], headers: string[], given: Record<string, string> | undefined): { field: CustomFieldDefinition; column: number }[] {
  const lower = headers.map((h) => h.trim().toLowerCase());
  return fields.flatMap((field) => {
    const header = given ? given[field.key] : headers[lower.findIndex((h) => h === field.key || h === field.label.toLowerCase())];
    const column = header === undefined ? -1 : headers.indexOf(header);
    return column >= 0 ? [{ field, column }] : [];
  });
}

/**
 * A cell read as a value of its field (a number with a decimal comma, an amount in the currency's
 * units, a date as the file writes dates or as a workbook's date cell, yes/no in the UI's
 * languages), or why it is not one, naming the field. An empty cell is no value.
 */
export function readFieldCell(field: CustomFieldDefinition, text: string, options: { dateFormat: DateFormat; date1904: boolean; workbook: boolean; digits: number }): { value: StoredValue | null } | { reason: string } {
  const t = text.trim();
  if (!t) return { value: null };
  let value: unknown = t;
  if (field.type === 'number') value = /^-?\d+([.,]\d+)?$/.test(t.replace(/[\s\u00a0']/g, '')) ? Number(t.replace(/[\s\u00a0']/g, '').replace(',', '.')) : NaN;
  if (field.type === 'money') value = parseMoney(t.replace(/[^\d.,\-\s']/g, ''), options.digits) ?? NaN;
  if (field.type === 'date') value = readDate(t, options.dateFormat, options.date1904, options.workbook) ?? t;
  if (field.type === 'yes-no') value = YES.has(t.toLowerCase()) ? true : NO.has(t.toLowerCase()) ? false : t;
  const parsed = customFieldValueSchema(field).safeParse(value);
  if (!parsed.success) return { reason: `${field.label} (${field.key}): "${t}" is not a ${field.type === 'choice' ? `value of the list (${(field.choices ?? []).join(', ')})` : `${field.type} value`}` };
  return { value: toColumns(field, parsed.data as CustomFieldValue) };
}
