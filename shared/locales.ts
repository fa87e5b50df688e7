// The languages both UIs speak, by the code stored on a user and sent to Intl.

export const LOCALES = { en: 'English', ru: 'Русский', uk: 'Українська', ro: 'Română', lt: 'Lietuvių', zh: '简体中文' } as const;
export type Locale = keyof typeof LOCALES;
export const LOCALE_CODES = Object.keys(LOCALES) as Locale[];

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && value in LOCALES;
}

/** The first of these that is one of our languages (a customer's, then the outlet's), English when none is. */
export function firstLocale(...candidates: unknown[]): Locale {
  return candidates.find(isLocale) ?? 'en';
}

/** The best of our languages for a browser's language list, English when none fits. */
export function pickLocale(preferred: readonly string[]): Locale {
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLocale(base)) return base;
  }
  return 'en';
}
