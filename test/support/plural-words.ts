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

// Back office counts, whole phrases by category (N stands for the number).
export const PRODUCTS_CHANGED: Record<string, Partial<Record<Intl.LDMLPluralRule, string>>> = {
  en: { one: 'N product changed', other: 'N products changed' },
  ru: { one: 'Изменён N товар', few: 'Изменено N товара', many: 'Изменено N товаров' },
  uk: { one: 'Змінено N товар', few: 'Змінено N товари', many: 'Змінено N товарів' },
  lt: { one: 'Pakeista N prekė', few: 'Pakeistos N prekės', other: 'Pakeista N prekių' },
  ro: { one: 'N produs modificat', few: 'N produse modificate', other: 'N de produse modificate' },
  zh: { other: '已修改 N 个商品' },
};
export const TASKS_MADE: Record<string, Partial<Record<Intl.LDMLPluralRule, string>>> = {
  en: { one: 'N task made', other: 'N tasks made' },
  ru: { one: 'Создана N задача', few: 'Создано N задачи', many: 'Создано N задач' },
  uk: { one: 'Створено N завдання', few: 'Створено N завдання', many: 'Створено N завдань' },
  lt: { one: 'Sukurta N užduotis', few: 'Sukurtos N užduotys', other: 'Sukurta N užduočių' },
  ro: { one: 'N sarcină creată', few: 'N sarcini create', other: 'N de sarcini create' },
  zh: { other: '已创建 N 项任务' },
};
export const CUSTOMERS_GIVEN: Record<string, Partial<Record<Intl.LDMLPluralRule, string>>> = {
  en: { one: 'N customer given to {name}', other: 'N customers given to {name}' },
  ru: { one: 'N покупатель передан: {name}', few: 'N покупателя переданы: {name}', many: 'N покупателей передано: {name}' },
  uk: { one: 'N покупець переданий: {name}', few: 'N покупці передані: {name}', many: 'N покупців передано: {name}' },
  lt: { one: 'N klientas priskirtas: {name}', few: 'N klientai priskirti: {name}', other: 'N klientų priskirta: {name}' },
  ro: { one: 'N client atribuit lui {name}', few: 'N clienți atribuiți lui {name}', other: 'N de clienți atribuiți lui {name}' },
  zh: { other: '已将 N 位顾客交给 {name}' },
};
