import { z } from 'zod';
import { LOCALE_CODES, type Locale } from '../locales.ts';

/** The documents the owner has a print form for. */
export const PRINT_FORM_TYPES = ['invoice', 'credit-note', 'contract', 'statement'] as const;
export const PrintFormTypeSchema = z.enum(PRINT_FORM_TYPES);
export type PrintFormType = z.infer<typeof PrintFormTypeSchema>;

export const PrintFormParamsSchema = z.object({ type: PrintFormTypeSchema });

/** The longest template the owner may save. */
export const MAX_TEMPLATE_LENGTH = 100_000;
const TemplateTextSchema = z.string().min(1).max(MAX_TEMPLATE_LENGTH);

export const PrintFormSchema = z.object({
  type: PrintFormTypeSchema,
  template: z.string(),
  /** false: the shop prints this type with the default shipped with the product. */
  customised: z.boolean(),
  updatedAt: z.iso.datetime().nullable(),
});
export type PrintForm = z.infer<typeof PrintFormSchema>;

export const PrintFormListSchema = z.object({ items: z.array(PrintFormSchema), logo: z.object({ mimeType: z.string(), bytes: z.number().int(), updatedAt: z.iso.datetime() }).nullable() });
export type PrintFormList = z.infer<typeof PrintFormListSchema>;

export const PrintFormSaveSchema = z.object({ template: TemplateTextSchema });

export const PrintFormPreviewSchema = z.object({
  type: PrintFormTypeSchema,
  template: TemplateTextSchema,
  /** The sample document's language (the form's words and formats follow it); English by default. */
  language: z.enum(LOCALE_CODES as [Locale, ...Locale[]]).default('en'),
});
export type PrintFormPreview = z.infer<typeof PrintFormPreviewSchema>;

/** The largest logo the owner may upload (the decoded file). */
export const MAX_LOGO_BYTES = 512 * 1024;

export const PrintLogoUploadSchema = z.object({
  /**
   * The image as a data URL: data:image/png;base64,… or data:image/jpeg;base64,… Its length is
   * bounded loosely here (the request's size) and the decoded image exactly by the server.
   */
  dataUrl: z.string().max(1_500_000),
});
