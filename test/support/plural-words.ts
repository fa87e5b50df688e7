// How each language says a count of receipts and of items, by CLDR plural category: the grammar,
// written down by hand; which category a number takes comes from Intl.PluralRules.

export const RECEIPTS: Record<string, Partial<Record<Intl.LDMLPluralRule, string>>> = {
  en: { one: 'receipt', other: 'receipts' },
  ru: { one: 'чек', few: 'чека', many: 'чеков' },
  uk: { one: 'чек', few: 'чеки', many: 'чеків' },
  lt: { one: 'kvitas', few: 'kvitai', other: 'kvitų' },
  ro: { one: 'bon', few: 'bonuri', other: 'de bonuri' },
  zh: { other: '张' },
};
export const ITEMS: Record<string, Partial<Record<Intl.LDMLPluralRule, string>>> = {
  en: { one: 'item', other: 'items' },
  ru: { one: 'позиция', few: 'позиции', many: 'позиций' },
  uk: { one: 'позиція', few: 'позиції', many: 'позицій' },
  lt: { one: 'prekė', few: 'prekės', other: 'prekių' },
  ro: { one: 'articol', few: 'articole', other: 'de articole' },
  zh: { other: '件商品' },
};

/** "N items" as the language says it. */
export const itemsText = (locale: string, n: number): string => `${n} ${ITEMS[locale][new Intl.PluralRules(locale).select(n)]}`;
