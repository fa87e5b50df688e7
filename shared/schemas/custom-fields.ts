import { z } from 'zod';
import { DaySchema, IdSchema, jsonParameter } from './common.ts';

export const CUSTOM_FIELD_ENTITIES = ['customer', 'product', 'invoice'] as const;
export type CustomFieldEntity = (typeof CUSTOM_FIELD_ENTITIES)[number];
export const CUSTOM_FIELD_TYPES = ['text', 'number', 'money', 'date', 'choice', 'yes-no'] as const;
export type CustomFieldType = (typeof CUSTOM_FIELD_TYPES)[number];

/** How a field is named in the API, imports, exports and print forms: `contract_no`. */
export const CustomFieldKeySchema = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'lower-case letters, digits and _, starting with a letter (at most 40)');

/** A value as the API carries it: text and choice as text, number, money in minor units, a day as YYYY-MM-DD, yes-no as a boolean. */
export type CustomFieldValue = string | number | boolean;
export type CustomFieldValues = Record<string, CustomFieldValue | null>;

const CHOICE = z.string().trim().min(1).max(80);

/** What a value of each type must be. */
export function customFieldValueSchema(field: { type: CustomFieldType; choices: string[] | null }): z.ZodType<CustomFieldValue> {
  switch (field.type) {
    case 'text':
      return z.string().trim().min(1).max(500);
    case 'number':
      return z.number().finite().min(-1e12).max(1e12);
    case 'money':
      return z.number().int('minor units: a whole number').min(-1e11).max(1e11);
    case 'date':
      return DaySchema;
    case 'choice':
      return z.enum((field.choices ?? []) as [string, ...string[]]);
    case 'yes-no':
      return z.boolean();
  }
}

const DefinitionShape = z.object({
  entity: z.enum(CUSTOM_FIELD_ENTITIES),
  key: CustomFieldKeySchema,
  label: z.string().trim().min(1).max(80),
  type: z.enum(CUSTOM_FIELD_TYPES),
  /** choice: the values allowed, in the order shown. */
  choices: z.array(CHOICE).min(1).max(100).nullable().default(null),
  /** The value a new record gets when none is given. */
  defaultValue: z.union([z.string(), z.number(), z.boolean()]).nullable().default(null),
  required: z.boolean().default(false),
  position: z.number().int().min(0).max(1000).default(0),
});

/** A definition holds together: a choice field has its values, a default is a value of the type. */
function checkDefinition(d: { type: CustomFieldType; choices: string[] | null; defaultValue: CustomFieldValue | null }, ctx: z.RefinementCtx): void {
  if (d.type === 'choice' && !d.choices) ctx.addIssue({ code: 'custom', path: ['choices'], message: 'a choice field needs its values' });
  if (d.type !== 'choice' && d.choices) ctx.addIssue({ code: 'custom', path: ['choices'], message: 'only a choice field has values to choose from' });
  if (d.choices && new Set(d.choices).size !== d.choices.length) ctx.addIssue({ code: 'custom', path: ['choices'], message: 'each value once' });
  if (d.defaultValue !== null && (d.type !== 'choice' || d.choices) && !customFieldValueSchema(d).safeParse(d.defaultValue).success) {
    ctx.addIssue({ code: 'custom', path: ['defaultValue'], message: `not a value of a ${d.type} field` });
  }
}

export const CustomFieldDefinitionInputSchema = DefinitionShape.superRefine(checkDefinition);

/** A customers' field as head office puts it for the chain (master data `custom-field`): the outlets' forms, filters and imports follow it. */
export const CustomFieldDataSchema = DefinitionShape.omit({ entity: true }).extend({ archived: z.boolean().default(false) }).superRefine(checkDefinition);
export type CustomFieldDefinitionInput = z.output<typeof CustomFieldDefinitionInputSchema>;

export const CustomFieldDefinitionSchema = z.object({
  id: IdSchema,
  entity: z.enum(CUSTOM_FIELD_ENTITIES),
  key: z.string(),
  label: z.string(),
  type: z.enum(CUSTOM_FIELD_TYPES),
  choices: z.array(z.string()).nullable(),
  defaultValue: z.union([z.string(), z.number(), z.boolean()]).nullable(),
  required: z.boolean(),
  position: z.number().int(),
  /** head-office: the chain's field, changed at head office only; outlet: this outlet's own. */
  origin: z.enum(['outlet', 'head-office']),
  /** Archived: no longer on forms or in imports; its values are kept and still shown where stored. */
  archivedAt: z.string().nullable(),
});
export type CustomFieldDefinition = z.infer<typeof CustomFieldDefinitionSchema>;

export const CustomFieldListQuerySchema = z.object({
  entity: z.enum(CUSTOM_FIELD_ENTITIES).optional(),
  archived: z.union([z.boolean(), z.stringbool()]).default(false),
});
export const CustomFieldListSchema = z.object({ items: z.array(CustomFieldDefinitionSchema) });
export type CustomFieldList = z.infer<typeof CustomFieldListSchema>;

/** Values given for a record: key → value, null clearing it; checked against the fields' definitions. */
export const CustomFieldValuesInputSchema = z.record(CustomFieldKeySchema, z.union([z.string(), z.number(), z.boolean(), z.null()]));
export const CustomFieldValuesSchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]));

/**
 * A filter by custom fields: key → the value itself (text, choice, yes-no, and exact numbers,
 * money and days) or a range `{ from, to }` (number, money, date), either end optional.
 */
const RangeSchema = z.object({ from: z.union([z.number(), z.string()]).optional(), to: z.union([z.number(), z.string()]).optional() }).strict();
export const CustomFieldFilterSchema = z.record(CustomFieldKeySchema, z.union([z.string().max(500), z.number(), z.boolean(), RangeSchema])).refine((f) => Object.keys(f).length <= 10, 'at most 10 fields');
export type CustomFieldFilter = z.infer<typeof CustomFieldFilterSchema>;

/** The filter as a query string carries it: JSON (`fields={"region":"north"}`). */
export const CustomFieldFilterQuerySchema = jsonParameter('fields', CustomFieldFilterSchema);
