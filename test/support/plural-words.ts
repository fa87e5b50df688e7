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
export const RECIPIENTS_QUEUED: Record<string, Partial<Record<Intl.LDMLPluralRule, string>>> = {
  en: { one: '{name}: N consenting recipient queued', other: '{name}: N consenting recipients queued' },
  ru: { one: '{name}: в очереди N получатель с согласием', few: '{name}: в очереди N получателя с согласием', many: '{name}: в очереди N получателей с согласием' },
  uk: { one: '{name}: у черзі N одержувач зі згодою', few: '{name}: у черзі N одержувачі зі згодою', many: '{name}: у черзі N одержувачів зі згодою' },
  lt: { one: '{name}: eilėje N sutikęs gavėjas', few: '{name}: eilėje N sutikę gavėjai', other: '{name}: eilėje N sutikusių gavėjų' },
  ro: { one: '{name}: N destinatar cu acord pus în coadă', few: '{name}: N destinatari cu acord puși în coadă', other: '{name}: N de destinatari cu acord puși în coadă' },
  zh: { other: '{name}：已为 N 位同意接收的顾客排队' },
};
export const LABELS_SENT: Record<string, Partial<Record<Intl.LDMLPluralRule, string>>> = {
  en: { one: 'N label × {copies} sent to the label printer', other: 'N labels × {copies} sent to the label printer' },
  ru: { one: 'N ценник × {copies} отправлено на принтер этикеток', few: 'N ценника × {copies} отправлено на принтер этикеток', many: 'N ценников × {copies} отправлено на принтер этикеток' },
  uk: { one: 'N цінник × {copies} надіслано на принтер етикеток', few: 'N цінники × {copies} надіслано на принтер етикеток', many: 'N цінників × {copies} надіслано на принтер етикеток' },
  lt: { one: 'N etiketė × {copies} išsiųsta į etikečių spausdintuvą', few: 'N etiketės × {copies} išsiųsta į etikečių spausdintuvą', other: 'N etikečių × {copies} išsiųsta į etikečių spausdintuvą' },
  ro: { one: 'N etichetă × {copies} trimise la imprimanta de etichete', few: 'N etichete × {copies} trimise la imprimanta de etichete', other: 'N de etichete × {copies} trimise la imprimanta de etichete' },
  zh: { other: 'N 张价签 × {copies} 已发送到标签打印机' },
};
export const PRICE_CHANGED: Record<string, Partial<Record<Intl.LDMLPluralRule, string>>> = {
  en: { one: 'The price of N product changed: print their labels?', other: 'The price of N products changed: print their labels?' },
  ru: { one: 'Цена изменилась у N товара. Напечатать ценники?', few: 'Цена изменилась у N товаров. Напечатать ценники?', many: 'Цена изменилась у N товаров. Напечатать ценники?' },
  uk: { one: 'Ціна змінилася у N товару. Надрукувати цінники?', few: 'Ціна змінилася у N товарів. Надрукувати цінники?', many: 'Ціна змінилася у N товарів. Надрукувати цінники?' },
  lt: { one: 'Pasikeitė N prekės kaina: spausdinti etiketes?', few: 'Pasikeitė N prekių kaina: spausdinti etiketes?', other: 'Pasikeitė N prekių kaina: spausdinti etiketes?' },
  ro: { one: 'Prețul s-a schimbat la N produs: tipăriți etichetele?', few: 'Prețul s-a schimbat la N produse: tipăriți etichetele?', other: 'Prețul s-a schimbat la N de produse: tipăriți etichetele?' },
  zh: { other: 'N 个商品价格已变：打印价签吗？' },
};
export const CHANGE_PRICE: Record<string, Partial<Record<Intl.LDMLPluralRule, string>>> = {
  en: { one: 'Change the price of N product', other: 'Change the price of N products' },
  ru: { one: 'Изменить цену N товара', few: 'Изменить цену N товаров', many: 'Изменить цену N товаров' },
  uk: { one: 'Змінити ціну N товару', few: 'Змінити ціну N товарів', many: 'Змінити ціну N товарів' },
  lt: { one: 'Keisti N prekės kainą', few: 'Keisti N prekių kainą', other: 'Keisti N prekių kainą' },
  ro: { one: 'Schimbă prețul pentru N produs', few: 'Schimbă prețul pentru N produse', other: 'Schimbă prețul pentru N de produse' },
  zh: { other: '修改 N 个商品的价格' },
};
export const BUYERS_SCORED: Record<string, Partial<Record<Intl.LDMLPluralRule, string>>> = {
  en: { one: 'N customer bought in the period: RFM and ABC score them.', other: 'N customers bought in the period: RFM and ABC score them.' },
  ru: { one: 'За период купил N покупатель. Их оценивают RFM и ABC.', few: 'За период купили N покупателя. Их оценивают RFM и ABC.', many: 'За период купили N покупателей. Их оценивают RFM и ABC.' },
  uk: { one: 'За період купував N покупець. Їх оцінюють RFM і ABC.', few: 'За період купували N покупці. Їх оцінюють RFM і ABC.', many: 'За період купували N покупців. Їх оцінюють RFM і ABC.' },
  lt: { one: 'Per laikotarpį pirko N klientas. Juos vertina RFM ir ABC.', few: 'Per laikotarpį pirko N klientai. Juos vertina RFM ir ABC.', other: 'Per laikotarpį pirko N klientų. Juos vertina RFM ir ABC.' },
  ro: { one: 'N client a cumpărat în perioadă: RFM și ABC îi evaluează.', few: 'N clienți au cumpărat în perioadă: RFM și ABC îi evaluează.', other: 'N de clienți au cumpărat în perioadă: RFM și ABC îi evaluează.' },
  zh: { other: '期间内有 N 位顾客购买：RFM 和 ABC 对其评分。' },
};
