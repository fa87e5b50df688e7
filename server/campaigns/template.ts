const PLACEHOLDERS = ['name', 'firstName', 'card', 'unsubscribe'] as const;
export type TemplateValues = Record<(typeof PLACEHOLDERS)[number], string>;

/** Placeholders a template uses that we cannot fill (a typo would otherwise reach customers). */
export function unknownPlaceholders(template: string): string[] {
  return [...template.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).filter((p) => !(PLACEHOLDERS as readonly string[]).includes(p));
}

export function renderTemplate(template: string, values: TemplateValues): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, key: keyof TemplateValues) => values[key] ?? '');
}
