import { currencyDigits, formatAmount, parseMoney } from '../../../shared/money.ts';
import type { CustomFieldDefinition, CustomFieldValue, CustomFieldValues } from '../../../shared/schemas/custom-fields.ts';

/** What a field's input holds while it is typed: text (an amount in the currency's units for money), a yes-no switch's state. */
export type FieldDrafts = Record<string, string | boolean>;

/** The inputs of fields showing values (or, for a new record, the fields' defaults). */
export function draftsOf(fields: CustomFieldDefinition[], values: Record<string, CustomFieldValue> | null, currency: string): FieldDrafts {
  return Object.fromEntries(fields.map((f) => [f.key, draftOf(f, values ? (values[f.key] ?? null) : f.defaultValue, currency)]));
}

export function draftOf(field: Pick<CustomFieldDefinition, 'type'>, value: CustomFieldValue | null, currency: string): string | boolean {
  if (field.type === 'yes-no') return value === true;
  if (value === null) return '';
  return field.type === 'money' && typeof value === 'number' ? formatAmount(value, currencyDigits(currency)) : String(value);
}

/**
 * A typed input as the API's value: a number or an amount read as such, else the text as typed, so
 * the server's check refuses it naming the field; an empty input is no value (null).
 */
export function valueOf(field: Pick<CustomFieldDefinition, 'type'>, draft: string | boolean, currency: string): CustomFieldValue | null {
  if (typeof draft === 'boolean') return draft;
  const text = draft.trim();
  if (!text) return null;
  if (field.type === 'number') return /^-?\d+([.,]\d+)?$/.test(text) ? Number(text.replace(',', '.')) : text;
  if (field.type === 'money') return parseMoney(text, currencyDigits(currency)) ?? text;
  return text;
}

/** The values a form sends: every field on a change (an emptied one clears it), the ones filled in on a new record (the server fills defaults). */
export function valuesFrom(fields: CustomFieldDefinition[], drafts: FieldDrafts, currency: string, creating: boolean): CustomFieldValues {
  const out: CustomFieldValues = {};
  for (const f of fields) {
    const value = valueOf(f, drafts[f.key] ?? '', currency);
    if (value !== null || !creating) out[f.key] = value;
  }
  return out;
}
