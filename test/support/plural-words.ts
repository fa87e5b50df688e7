/** A phrase's expected forms per language and plural category, typed here. */
type Words = Record<string, Partial<Record<Intl.LDMLPluralRule, string>>>;
// How each language says a count of receipts and of items, by CLDR plural category: the grammar,
// written down by hand; which category a number takes comes from Intl.PluralRules.

export const RECEIPTS: Words = {
  en: { one: 'receipt', other: 'receipts' },
  ru: { one: 'чек', few: 'чека', many: 'чеков' },
  uk: { one: 'чек', few: 'чеки', many: 'чеків' },
  lt: { one: 'kvitas', few: 'kvitai', other: 'kvitų' },
  ro: { one: 'bon', few: 'bonuri', other: 'de bonuri' },
  zh: { other: '张' },
};
export const ITEMS: Words = {
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
export const PRODUCTS_CHANGED: Words = {
  en: { one: 'N product changed', other: 'N products changed' },
  ru: { one: 'Изменён N товар', few: 'Изменено N товара', many: 'Изменено N товаров' },
  uk: { one: 'Змінено N товар', few: 'Змінено N товари', many: 'Змінено N товарів' },
  lt: { one: 'Pakeista N prekė', few: 'Pakeistos N prekės', other: 'Pakeista N prekių' },
  ro: { one: 'N produs modificat', few: 'N produse modificate', other: 'N de produse modificate' },
  zh: { other: '已修改 N 个商品' },
};
export const TASKS_MADE: Words = {
  en: { one: 'N task made', other: 'N tasks made' },
  ru: { one: 'Создана N задача', few: 'Создано N задачи', many: 'Создано N задач' },
  uk: { one: 'Створено N завдання', few: 'Створено N завдання', many: 'Створено N завдань' },
  lt: { one: 'Sukurta N užduotis', few: 'Sukurtos N užduotys', other: 'Sukurta N užduočių' },
  ro: { one: 'N sarcină creată', few: 'N sarcini create', other: 'N de sarcini create' },
  zh: { other: '已创建 N 项任务' },
};
export const CUSTOMERS_GIVEN: Words = {
  en: { one: 'N customer given to {name}', other: 'N customers given to {name}' },
  ru: { one: 'N покупатель передан: {name}', few: 'N покупателя переданы: {name}', many: 'N покупателей передано: {name}' },
  uk: { one: 'N покупець переданий: {name}', few: 'N покупці передані: {name}', many: 'N покупців передано: {name}' },
  lt: { one: 'N klientas priskirtas: {name}', few: 'N klientai priskirti: {name}', other: 'N klientų priskirta: {name}' },
  ro: { one: 'N client atribuit lui {name}', few: 'N clienți atribuiți lui {name}', other: 'N de clienți atribuiți lui {name}' },
  zh: { other: '已将 N 位顾客交给 {name}' },
};
export const RECIPIENTS_QUEUED: Words = {
  en: { one: '{name}: N consenting recipient queued', other: '{name}: N consenting recipients queued' },
  ru: { one: '{name}: в очереди N получатель с согласием', few: '{name}: в очереди N получателя с согласием', many: '{name}: в очереди N получателей с согласием' },
  uk: { one: '{name}: у черзі N одержувач зі згодою', few: '{name}: у черзі N одержувачі зі згодою', many: '{name}: у черзі N одержувачів зі згодою' },
  lt: { one: '{name}: eilėje N sutikęs gavėjas', few: '{name}: eilėje N sutikę gavėjai', other: '{name}: eilėje N sutikusių gavėjų' },
  ro: { one: '{name}: N destinatar cu acord pus în coadă', few: '{name}: N destinatari cu acord puși în coadă', other: '{name}: N de destinatari cu acord puși în coadă' },
  zh: { other: '{name}：已为 N 位同意接收的顾客排队' },
};
export const LABELS_SENT: Words = {
  en: { one: 'N label × {copies} sent to the label printer', other: 'N labels × {copies} sent to the label printer' },
  ru: { one: 'N ценник × {copies} отправлено на принтер этикеток', few: 'N ценника × {copies} отправлено на принтер этикеток', many: 'N ценников × {copies} отправлено на принтер этикеток' },
  uk: { one: 'N цінник × {copies} надіслано на принтер етикеток', few: 'N цінники × {copies} надіслано на принтер етикеток', many: 'N цінників × {copies} надіслано на принтер етикеток' },
  lt: { one: 'N etiketė × {copies} išsiųsta į etikečių spausdintuvą', few: 'N etiketės × {copies} išsiųsta į etikečių spausdintuvą', other: 'N etikečių × {copies} išsiųsta į etikečių spausdintuvą' },
  ro: { one: 'N etichetă × {copies} trimise la imprimanta de etichete', few: 'N etichete × {copies} trimise la imprimanta de etichete', other: 'N de etichete × {copies} trimise la imprimanta de etichete' },
  zh: { other: 'N 张价签 × {copies} 已发送到标签打印机' },
};
export const PRICE_CHANGED: Words = {
  en: { one: 'The price of N product changed: print their labels?', other: 'The price of N products changed: print their labels?' },
  ru: { one: 'Цена изменилась у N товара. Напечатать ценники?', few: 'Цена изменилась у N товаров. Напечатать ценники?', many: 'Цена изменилась у N товаров. Напечатать ценники?' },
  uk: { one: 'Ціна змінилася у N товару. Надрукувати цінники?', few: 'Ціна змінилася у N товарів. Надрукувати цінники?', many: 'Ціна змінилася у N товарів. Надрукувати цінники?' },
  lt: { one: 'Pasikeitė N prekės kaina: spausdinti etiketes?', few: 'Pasikeitė N prekių kaina: spausdinti etiketes?', other: 'Pasikeitė N prekių kaina: spausdinti etiketes?' },
  ro: { one: 'Prețul s-a schimbat la N produs: tipăriți etichetele?', few: 'Prețul s-a schimbat la N produse: tipăriți etichetele?', other: 'Prețul s-a schimbat la N de produse: tipăriți etichetele?' },
  zh: { other: 'N 个商品价格已变：打印价签吗？' },
};
export const CHANGE_PRICE: Words = {
  en: { one: 'Change the price of N product', other: 'Change the price of N products' },
  ru: { one: 'Изменить цену N товара', few: 'Изменить цену N товаров', many: 'Изменить цену N товаров' },
  uk: { one: 'Змінити ціну N товару', few: 'Змінити ціну N товарів', many: 'Змінити ціну N товарів' },
  lt: { one: 'Keisti N prekės kainą', few: 'Keisti N prekių kainą', other: 'Keisti N prekių kainą' },
  ro: { one: 'Schimbă prețul pentru N produs', few: 'Schimbă prețul pentru N produse', other: 'Schimbă prețul pentru N de produse' },
  zh: { other: '修改 N 个商品的价格' },
};
export const BUYERS_SCORED: Words = {
  en: { one: 'N customer bought in the period: RFM and ABC score them.', other: 'N customers bought in the period: RFM and ABC score them.' },
  ru: { one: 'За период купил N покупатель. Их оценивают RFM и ABC.', few: 'За период купили N покупателя. Их оценивают RFM и ABC.', many: 'За период купили N покупателей. Их оценивают RFM и ABC.' },
  uk: { one: 'За період купував N покупець. Їх оцінюють RFM і ABC.', few: 'За період купували N покупці. Їх оцінюють RFM і ABC.', many: 'За період купували N покупців. Їх оцінюють RFM і ABC.' },
  lt: { one: 'Per laikotarpį pirko N klientas. Juos vertina RFM ir ABC.', few: 'Per laikotarpį pirko N klientai. Juos vertina RFM ir ABC.', other: 'Per laikotarpį pirko N klientų. Juos vertina RFM ir ABC.' },
  ro: { one: 'N client a cumpărat în perioadă: RFM și ABC îi evaluează.', few: 'N clienți au cumpărat în perioadă: RFM și ABC îi evaluează.', other: 'N de clienți au cumpărat în perioadă: RFM și ABC îi evaluează.' },
  zh: { other: '期间内有 N 位顾客购买：RFM 和 ABC 对其评分。' },
};
export const SHORT_COUNTED: Words = {
  en: { one: 'N product is counted below what arrived pre-orders hold for customers ({orders}): post anyway, then tell those customers.', other: 'N products are counted below what arrived pre-orders hold for customers ({orders}): post anyway, then tell those customers.' },
  ru: { one: 'N товар насчитан меньше, чем отложено по прибывшим заказам покупателей ({orders}): проведите всё равно и сообщите этим покупателям.', few: 'N товара насчитано меньше, чем отложено по прибывшим заказам покупателей ({orders}): проведите всё равно и сообщите этим покупателям.', many: 'N товаров насчитано меньше, чем отложено по прибывшим заказам покупателей ({orders}): проведите всё равно и сообщите этим покупателям.' },
  uk: { one: 'N товар нараховано менше, ніж відкладено за прибулими замовленнями покупців ({orders}): проведіть однаково й повідомте цим покупцям.', few: 'N товари нараховано менше, ніж відкладено за прибулими замовленнями покупців ({orders}): проведіть однаково й повідомте цим покупцям.', many: 'N товарів нараховано менше, ніж відкладено за прибулими замовленнями покупців ({orders}): проведіть однаково й повідомте цим покупцям.' },
  lt: { one: 'N prekė suskaičiuota mažiau, nei laikoma atvykusiems pirkėjų užsakymams ({orders}): vis tiek užregistruokite ir praneškite tiems pirkėjams.', few: 'N prekės suskaičiuotos mažiau, nei laikoma atvykusiems pirkėjų užsakymams ({orders}): vis tiek užregistruokite ir praneškite tiems pirkėjams.', other: 'N prekių suskaičiuota mažiau, nei laikoma atvykusiems pirkėjų užsakymams ({orders}): vis tiek užregistruokite ir praneškite tiems pirkėjams.' },
  ro: { one: 'N produs este numărat sub cât rețin precomenzile sosite pentru clienți ({orders}): înregistrați oricum, apoi anunțați acei clienți.', few: 'N produse sunt numărate sub cât rețin precomenzile sosite pentru clienți ({orders}): înregistrați oricum, apoi anunțați acei clienți.', other: 'N de produse sunt numărate sub cât rețin precomenzile sosite pentru clienți ({orders}): înregistrați oricum, apoi anunțați acei clienți.' },
  zh: { other: 'N 种商品盘点数量低于已到货预订为顾客保留的数量（{orders}）：仍可过账，然后通知这些顾客。' },
};
export const NOT_COUNTED: Words = {
  en: { one: 'N product with stock not counted yet (posted as none)', other: 'N products with stock not counted yet (posted as none)' },
  ru: { one: 'N товар с остатком ещё не посчитан (будет проведён как ноль)', few: 'N товара с остатком ещё не посчитаны (будут проведены как ноль)', many: 'N товаров с остатком ещё не посчитано (будут проведены как ноль)' },
  uk: { one: 'N товар із залишком ще не пораховано (буде проведено як нуль)', few: 'N товари із залишком ще не пораховано (буде проведено як нуль)', many: 'N товарів із залишком ще не пораховано (буде проведено як нуль)' },
  lt: { one: 'N prekė su likučiu dar nesuskaičiuota (bus užregistruota kaip nulis)', few: 'N prekės su likučiu dar nesuskaičiuotos (bus užregistruotos kaip nulis)', other: 'N prekių su likučiu dar nesuskaičiuota (bus užregistruota kaip nulis)' },
  ro: { one: 'N produs cu stoc încă nenumărat (se înregistrează ca zero)', few: 'N produse cu stoc încă nenumărate (se înregistrează ca zero)', other: 'N de produse cu stoc încă nenumărate (se înregistrează ca zero)' },
  zh: { other: 'N 个有库存的商品尚未盘点（按零过账）' },
};
// Hours, days and months all N, so one category names the three.
export const BACKUPS_KEPT: Words = {
  en: { one: 'Kept: the newest of each of the last N hour, N day and N month.', other: 'Kept: the newest of each of the last N hours, N days and N months.' },
  ru: { one: 'Хранятся: самая новая за каждый из последних N часа, N дня и N месяца.', few: 'Хранятся: самая новая за каждый из последних N часов, N дней и N месяцев.', many: 'Хранятся: самая новая за каждый из последних N часов, N дней и N месяцев.' },
  uk: { one: 'Зберігаються: найновіша за кожну з останніх N години, N дня і N місяця.', few: 'Зберігаються: найновіша за кожну з останніх N годин, N днів і N місяців.', many: 'Зберігаються: найновіша за кожну з останніх N годин, N днів і N місяців.' },
  lt: { one: 'Laikoma: naujausia iš kiekvienos paskutinių N valandos, N dienos ir N mėnesio.', few: 'Laikoma: naujausia iš kiekvienos paskutinių N valandų, N dienų ir N mėnesių.', other: 'Laikoma: naujausia iš kiekvienos paskutinių N valandų, N dienų ir N mėnesių.' },
  ro: { one: 'Păstrate: cea mai nouă din fiecare dintre ultimele N oră, N zi și N lună.', few: 'Păstrate: cea mai nouă din fiecare dintre ultimele N ore, N zile și N luni.', other: 'Păstrate: cea mai nouă din fiecare dintre ultimele N de ore, N de zile și N de luni.' },
  zh: { other: '保留：最近 N 小时、N 天和 N 个月中每个时段最新的一份。' },
};

const LINES: Words = {
  en: { one: 'line', other: 'lines' },
  ru: { one: 'строка', few: 'строки', many: 'строк' },
  uk: { one: 'рядок', few: 'рядки', many: 'рядків' },
  lt: { one: 'eilutė', few: 'eilutės', other: 'eilučių' },
  ro: { one: 'linie', few: 'linii', other: 'de linii' },
  zh: { other: '行' },
};
const ROWS: Words = { ...LINES, en: { one: 'row', other: 'rows' }, ro: { one: 'rând', few: 'rânduri', other: 'de rânduri' } };
const ADJUSTMENTS: Words = {
  en: { one: 'adjustment', other: 'adjustments' },
  ru: { one: 'корректировка', few: 'корректировки', many: 'корректировок' },
  uk: { one: 'коригування', few: 'коригування', many: 'коригувань' },
  lt: { one: 'koregavimas', few: 'koregavimai', other: 'koregavimų' },
  ro: { one: 'ajustare', few: 'ajustări', other: 'de ajustări' },
  zh: { other: '项' },
};
/** Phrases made of a counted word: `around[locale]` with W for "N word". */
const phrases = (words: Words, around: Record<string, string>): Words =>
  Object.fromEntries(Object.entries(words).map(([l, forms]) => [l, Object.fromEntries(Object.entries(forms).map(([c, w]) => [c, around[l].replace('W', `N ${w}`)]))]));
const POSTED = { en: '{number} posted: W', ru: '{number} проведён: W', uk: '{number} проведено: W', lt: '{number} užregistruotas: W', ro: '{number} înregistrat: W', zh: '{number} 已过账：W' };
export const LINES_POSTED = phrases(LINES, POSTED);
export const LINES_POSTED_AMOUNT = phrases(LINES, { en: '{number} posted: W, {amount}', ru: '{number} проведён: W, {amount}', uk: '{number} проведено: W, {amount}', lt: '{number} užregistruotas: W, {amount}', ro: '{number} înregistrat: W, {amount}', zh: '{number} 已过账：W，{amount}' });
export const LINES_DRAFTED = phrases(LINES, { en: '{number} drafted: W, {amount}', ru: '{number}: черновик, W, {amount}', uk: '{number}: чернетка, W, {amount}', lt: '{number} juodraštis: W, {amount}', ro: '{number} în ciornă: W, {amount}', zh: '{number} 草稿：W，{amount}' });
export const ADJUSTMENTS_POSTED: Words = { ...phrases(ADJUSTMENTS, POSTED), zh: { other: '{number} 已过账：调整 N 项' } };
export const ROWS_READ = phrases(ROWS, { en: 'W', ru: 'W', uk: 'W', lt: 'W', ro: 'W', zh: 'W' });
// Head office's price list undo: restored and created both N.
export const UNDO_WILL_RESTORE: Words = {
  en: { one: 'Undoing puts back, as before the import: N price, the data of N product; and archives N product it created.', other: 'Undoing puts back, as before the import: N prices, the data of N products; and archives N products it created.' },
  ru: {
    one: 'Отмена вернёт к тому, что было до импорта: N цену, данные N товара; и уберёт в архив N созданный им товар.',
    few: 'Отмена вернёт к тому, что было до импорта: N цены, данные N товаров; и уберёт в архив N созданных им товара.',
    many: 'Отмена вернёт к тому, что было до импорта: N цен, данные N товаров; и уберёт в архив N созданных им товаров.',
  },
  uk: {
    one: 'Скасування поверне до стану перед імпортом: N ціну, дані N товару; і перенесе в архів N створений ним товар.',
    few: 'Скасування поверне до стану перед імпортом: N ціни, дані N товарів; і перенесе в архів N створені ним товари.',
    many: 'Скасування поверне до стану перед імпортом: N цін, дані N товарів; і перенесе в архів N створених ним товарів.',
  },
  lt: {
    one: 'Atšaukus bus grąžinta, kaip buvo prieš importą: N kaina, N prekės duomenys; ir archyvuota N juo sukurta prekė.',
    few: 'Atšaukus bus grąžinta, kaip buvo prieš importą: N kainos, N prekių duomenys; ir archyvuota N juo sukurtos prekės.',
    other: 'Atšaukus bus grąžinta, kaip buvo prieš importą: N kainų, N prekių duomenys; ir archyvuota N juo sukurtų prekių.',
  },
  ro: {
    one: 'Anularea readuce la cum erau înainte de import: N preț, datele pentru N produs; și arhivează N produs creat de import.',
    few: 'Anularea readuce la cum erau înainte de import: N prețuri, datele pentru N produse; și arhivează N produse create de import.',
    other: 'Anularea readuce la cum erau înainte de import: N de prețuri, datele pentru N de produse; și arhivează N de produse create de import.',
  },
  zh: { other: '撤销将恢复到导入前：N 个价格、N 个商品的数据；并将导入新建的 N 个商品归档。' },
};
export const UNDO_PRICES_ONLY: Words = {
  en: {
    one: "Undoing puts back N price as before. This import was recorded before head office kept each product's data with it: its other changes and the products it created stay.",
    other: "Undoing puts back N prices as before. This import was recorded before head office kept each product's data with it: its other changes and the products it created stay.",
  },
  ru: {
    one: 'Отмена вернёт N цену, какой она была. Этот импорт записан до того, как головной офис стал хранить с ним данные товаров: другие его изменения и созданные им товары останутся.',
    few: 'Отмена вернёт N цены, какими они были. Этот импорт записан до того, как головной офис стал хранить с ним данные товаров: другие его изменения и созданные им товары останутся.',
    many: 'Отмена вернёт N цен, какими они были. Этот импорт записан до того, как головной офис стал хранить с ним данные товаров: другие его изменения и созданные им товары останутся.',
  },
  uk: {
    one: 'Скасування поверне N ціну, якою вона була. Цей імпорт записано до того, як головний офіс почав зберігати з ним дані товарів: інші його зміни та створені ним товари залишаться.',
    few: 'Скасування поверне N ціни, якими вони були. Цей імпорт записано до того, як головний офіс почав зберігати з ним дані товарів: інші його зміни та створені ним товари залишаться.',
    many: 'Скасування поверне N цін, якими вони були. Цей імпорт записано до того, як головний офіс почав зберігати з ним дані товарів: інші його зміни та створені ним товари залишаться.',
  },
  lt: {
    one: 'Atšaukus bus grąžinta N kaina, kokia buvo. Šis importas įrašytas anksčiau, nei centrinė būstinė pradėjo saugoti su juo prekių duomenis: kiti jo pakeitimai ir juo sukurtos prekės liks.',
    few: 'Atšaukus bus grąžintos N kainos, kokios buvo. Šis importas įrašytas anksčiau, nei centrinė būstinė pradėjo saugoti su juo prekių duomenis: kiti jo pakeitimai ir juo sukurtos prekės liks.',
    other: 'Atšaukus bus grąžinta N kainų, kokios buvo. Šis importas įrašytas anksčiau, nei centrinė būstinė pradėjo saugoti su juo prekių duomenis: kiti jo pakeitimai ir juo sukurtos prekės liks.',
  },
  ro: {
    one: 'Anularea readuce N preț la cum era înainte. Acest import a fost înregistrat înainte ca sediul central să păstreze cu el datele produselor: celelalte modificări ale lui și produsele create de import rămân.',
    few: 'Anularea readuce N prețuri la cum erau înainte. Acest import a fost înregistrat înainte ca sediul central să păstreze cu el datele produselor: celelalte modificări ale lui și produsele create de import rămân.',
    other: 'Anularea readuce N de prețuri la cum erau înainte. Acest import a fost înregistrat înainte ca sediul central să păstreze cu el datele produselor: celelalte modificări ale lui și produsele create de import rămân.',
  },
  zh: { other: '撤销将把 N 个价格恢复为导入前的值。此导入记录于总部开始保存商品数据之前：其他更改和导入新建的商品保留。' },
};
export const PRICES_PUT_BACK: Words = {
  en: { one: 'Put back: N price, the data of N product; archived: N product. Outlets get them by their next pull', other: 'Put back: N prices, the data of N products; archived: N products. Outlets get them by their next pull' },
  ru: {
    one: 'Возвращено: N цена, данные N товара; в архиве: N товар. Магазины получат их при следующей синхронизации',
    few: 'Возвращено: N цены, данные N товаров; в архиве: N товара. Магазины получат их при следующей синхронизации',
    many: 'Возвращено: N цен, данные N товаров; в архиве: N товаров. Магазины получат их при следующей синхронизации',
  },
  uk: {
    one: 'Повернуто: N ціну, дані N товару; в архіві: N товар. Магазини отримають їх під час наступної синхронізації',
    few: 'Повернуто: N ціни, дані N товарів; в архіві: N товари. Магазини отримають їх під час наступної синхронізації',
    many: 'Повернуто: N цін, дані N товарів; в архіві: N товарів. Магазини отримають їх під час наступної синхронізації',
  },
  lt: {
    one: 'Grąžinta: N kaina, N prekės duomenys; archyvuota: N prekė. Parduotuvės juos gaus kito sinchronizavimo metu',
    few: 'Grąžinta: N kainos, N prekių duomenys; archyvuota: N prekės. Parduotuvės juos gaus kito sinchronizavimo metu',
    other: 'Grąžinta: N kainų, N prekių duomenys; archyvuota: N prekių. Parduotuvės juos gaus kito sinchronizavimo metu',
  },
  ro: {
    one: 'Readus: N preț, datele pentru N produs; arhivat: N produs. Magazinele le primesc la următoarea sincronizare',
    few: 'Readus: N prețuri, datele pentru N produse; arhivat: N produse. Magazinele le primesc la următoarea sincronizare',
    other: 'Readus: N de prețuri, datele pentru N de produse; arhivat: N de produse. Magazinele le primesc la următoarea sincronizare',
  },
  zh: { other: '已恢复：N 个价格、N 个商品的数据；已归档：N 个商品。门店在下次同步时获得' },
};

// The server's audit sentences (shared/i18n), whole by category: N the count, @channel the channel's own name in the language.
export const STOCK_COUNT_POSTED: Words = {
  en: { one: 'Posted stock count IC-7: N product, 0 adjusted', other: 'Posted stock count IC-7: N products, 0 adjusted' },
  ru: { one: 'Провёл(а) инвентаризацию IC-7: N товар, исправлено 0', few: 'Провёл(а) инвентаризацию IC-7: N товара, исправлено 0', many: 'Провёл(а) инвентаризацию IC-7: N товаров, исправлено 0' },
  uk: { one: 'Провів(ла) інвентаризацію IC-7: N товар, виправлено 0', few: 'Провів(ла) інвентаризацію IC-7: N товари, виправлено 0', many: 'Провів(ла) інвентаризацію IC-7: N товарів, виправлено 0' },
  lt: { one: 'Užregistravo inventorizaciją IC-7: N prekė, pataisyta 0', few: 'Užregistravo inventorizaciją IC-7: N prekės, pataisyta 0', other: 'Užregistravo inventorizaciją IC-7: N prekių, pataisyta 0' },
  ro: { one: 'A înregistrat inventarul IC-7: N produs, corectate: 0', few: 'A înregistrat inventarul IC-7: N produse, corectate: 0', other: 'A înregistrat inventarul IC-7: N de produse, corectate: 0' },
  zh: { other: '盘点 IC-7 过账：N 个商品，调整 0' },
};
export const CAMPAIGN_CREATED: Words = {
  en: { one: 'Created the campaign Spring by @channel to N recipient', other: 'Created the campaign Spring by @channel to N recipients' },
  ru: { one: 'Создал(а) рассылку Spring по каналу @channel для N получателя', few: 'Создал(а) рассылку Spring по каналу @channel для N получателей', many: 'Создал(а) рассылку Spring по каналу @channel для N получателей' },
  uk: { one: 'Створив(ла) розсилку Spring каналом @channel для N отримувача', few: 'Створив(ла) розсилку Spring каналом @channel для N отримувачів', many: 'Створив(ла) розсилку Spring каналом @channel для N отримувачів' },
  lt: { one: 'Sukūrė kampaniją Spring kanalu @channel, N gavėjas', few: 'Sukūrė kampaniją Spring kanalu @channel, N gavėjai', other: 'Sukūrė kampaniją Spring kanalu @channel, N gavėjų' },
  ro: { one: 'A creat campania Spring prin @channel către N destinatar', few: 'A creat campania Spring prin @channel către N destinatari', other: 'A creat campania Spring prin @channel către N de destinatari' },
  zh: { other: '创建营销活动 Spring，渠道@channel，收件人 N' },
};

// The server's error and field texts (shared/i18n), whole by category; N the count.
export const AT_LEAST_CHARACTERS: Words = {
  en: { one: 'at least N character', other: 'at least N characters' },
  ru: { one: 'минимум N символ', few: 'минимум N символа', many: 'минимум N символов' },
  uk: { one: 'щонайменше N символ', few: 'щонайменше N символи', many: 'щонайменше N символів' },
  lt: { one: 'bent N simbolis', few: 'bent N simboliai', other: 'bent N simbolių' },
  ro: { one: 'cel puțin N caracter', few: 'cel puțin N caractere', other: 'cel puțin N de caractere' },
  zh: { other: '至少 N 个字符' },
};
export const AT_MOST_CHARACTERS: Words = {
  en: { one: 'at most N character', other: 'at most N characters' },
  ru: { one: 'максимум N символ', few: 'максимум N символа', many: 'максимум N символов' },
  uk: { one: 'щонайбільше N символ', few: 'щонайбільше N символи', many: 'щонайбільше N символів' },
  lt: { one: 'ne daugiau kaip N simbolis', few: 'ne daugiau kaip N simboliai', other: 'ne daugiau kaip N simbolių' },
  ro: { one: 'cel mult N caracter', few: 'cel mult N caractere', other: 'cel mult N de caractere' },
  zh: { other: '最多 N 个字符' },
};
export const AT_LEAST_ENTRIES: Words = {
  en: { one: 'at least N entry', other: 'at least N entries' },
  ru: { one: 'минимум N запись', few: 'минимум N записи', many: 'минимум N записей' },
  uk: { one: 'щонайменше N запис', few: 'щонайменше N записи', many: 'щонайменше N записів' },
  lt: { one: 'bent N įrašas', few: 'bent N įrašai', other: 'bent N įrašų' },
  ro: { one: 'cel puțin N înregistrare', few: 'cel puțin N înregistrări', other: 'cel puțin N de înregistrări' },
  zh: { other: '至少 N 项' },
};
export const AT_MOST_ENTRIES: Words = {
  en: { one: 'at most N entry', other: 'at most N entries' },
  ru: { one: 'максимум N запись', few: 'максимум N записи', many: 'максимум N записей' },
  uk: { one: 'щонайбільше N запис', few: 'щонайбільше N записи', many: 'щонайбільше N записів' },
  lt: { one: 'ne daugiau kaip N įrašas', few: 'ne daugiau kaip N įrašai', other: 'ne daugiau kaip N įrašų' },
  ro: { one: 'cel mult N înregistrare', few: 'cel mult N înregistrări', other: 'cel mult N de înregistrări' },
  zh: { other: '最多 N 项' },
};
export const QUERY_TOO_SHORT: Words = {
  en: { one: 'Type at least N character', other: 'Type at least N characters' },
  ru: { one: 'Введите минимум N символ', few: 'Введите минимум N символа', many: 'Введите минимум N символов' },
  uk: { one: 'Введіть щонайменше N символ', few: 'Введіть щонайменше N символи', many: 'Введіть щонайменше N символів' },
  lt: { one: 'Įveskite bent N simbolį', few: 'Įveskite bent N simbolius', other: 'Įveskite bent N simbolių' },
  ro: { one: 'Tastați cel puțin N caracter', few: 'Tastați cel puțin N caractere', other: 'Tastați cel puțin N de caractere' },
  zh: { other: '请至少输入 N 个字符' },
};
// The customer has N points and 500 were asked for.
export const INSUFFICIENT_POINTS: Words = {
  en: { one: 'The customer has N point, not 500', other: 'The customer has N points, not 500' },
  ru: { one: 'У покупателя N балл, а нужно 500', few: 'У покупателя N балла, а нужно 500', many: 'У покупателя N баллов, а нужно 500' },
  uk: { one: 'У покупця N бал, а потрібно 500', few: 'У покупця N бали, а потрібно 500', many: 'У покупця N балів, а потрібно 500' },
  lt: { one: 'Pirkėjas turi N tašką, o reikia 500', few: 'Pirkėjas turi N taškus, o reikia 500', other: 'Pirkėjas turi N taškų, o reikia 500' },
  ro: { one: 'Clientul are N punct, nu 500', few: 'Clientul are N puncte, nu 500', other: 'Clientul are N de puncte, nu 500' },
  zh: { other: '顾客有 N 积分，而不是 500' },
};
// The filter picks N customers and 500 is the most at once.
export const TOO_MANY_CUSTOMERS: Words = {
  en: { one: 'The filter picks N customer, more than 500 at once: narrow it', other: 'The filter picks N customers, more than 500 at once: narrow it' },
  ru: { one: 'Под фильтр попадает N покупатель — больше, чем 500 за раз: сузьте его', few: 'Под фильтр попадают N покупателя — больше, чем 500 за раз: сузьте его', many: 'Под фильтр попадает N покупателей — больше, чем 500 за раз: сузьте его' },
  uk: { one: 'Під фільтр потрапляє N покупець — більше, ніж 500 за раз: звузьте його', few: 'Під фільтр потрапляють N покупці — більше, ніж 500 за раз: звузьте його', many: 'Під фільтр потрапляє N покупців — більше, ніж 500 за раз: звузьте його' },
  lt: { one: 'Filtras parenka N pirkėją – daugiau nei 500 vienu kartu: susiaurinkite jį', few: 'Filtras parenka N pirkėjus – daugiau nei 500 vienu kartu: susiaurinkite jį', other: 'Filtras parenka N pirkėjų – daugiau nei 500 vienu kartu: susiaurinkite jį' },
  ro: { one: 'Filtrul alege N client, mai mult de 500 odată: restrângeți-l', few: 'Filtrul alege N clienți, mai mult de 500 odată: restrângeți-l', other: 'Filtrul alege N de clienți, mai mult de 500 odată: restrângeți-l' },
  zh: { other: '筛选选中了 N 位顾客，超过一次最多 500 位：请缩小范围' },
};
// N records hold a value of the field Size.
export const FIELD_TYPE_IN_USE: Words = {
  en: { one: 'N record holds a value of Size: its type cannot change; add a new field instead', other: 'N records hold a value of Size: its type cannot change; add a new field instead' },
  ru: { one: 'В N записи есть значение поля Size: его тип нельзя изменить, добавьте новое поле', few: 'В N записях есть значение поля Size: его тип нельзя изменить, добавьте новое поле', many: 'В N записях есть значение поля Size: его тип нельзя изменить, добавьте новое поле' },
  uk: { one: 'У N записі є значення поля Size: його тип не можна змінити, додайте нове поле', few: 'У N записах є значення поля Size: його тип не можна змінити, додайте нове поле', many: 'У N записах є значення поля Size: його тип не можна змінити, додайте нове поле' },
  lt: { one: 'N įrašas turi lauko Size reikšmę: jo tipo keisti negalima, pridėkite naują lauką', few: 'N įrašai turi lauko Size reikšmę: jo tipo keisti negalima, pridėkite naują lauką', other: 'N įrašų turi lauko Size reikšmę: jo tipo keisti negalima, pridėkite naują lauką' },
  ro: { one: 'N înregistrare are o valoare pentru Size: tipul nu se poate schimba; adăugați un câmp nou', few: 'N înregistrări au o valoare pentru Size: tipul nu se poate schimba; adăugați un câmp nou', other: 'N de înregistrări au o valoare pentru Size: tipul nu se poate schimba; adăugați un câmp nou' },
  zh: { other: 'N 条记录有字段 Size 的值：不能更改其类型，请新增一个字段' },
};
export const FIELD_CHOICE_IN_USE: Words = {
  en: { one: 'N record holds a value of Size that is no longer in the list', other: 'N records hold a value of Size that is no longer in the list' },
  ru: { one: 'В N записи у поля Size значение, которого больше нет в списке', few: 'В N записях у поля Size значение, которого больше нет в списке', many: 'В N записях у поля Size значение, которого больше нет в списке' },
  uk: { one: 'У N записі поле Size має значення, якого вже немає у списку', few: 'У N записах поле Size має значення, якого вже немає у списку', many: 'У N записах поле Size має значення, якого вже немає у списку' },
  lt: { one: 'N įrašas lauke Size turi reikšmę, kurios sąraše nebėra', few: 'N įrašai lauke Size turi reikšmę, kurios sąraše nebėra', other: 'N įrašų lauke Size turi reikšmę, kurios sąraše nebėra' },
  ro: { one: 'N înregistrare are pentru Size o valoare care nu mai este în listă', few: 'N înregistrări au pentru Size o valoare care nu mai este în listă', other: 'N de înregistrări au pentru Size o valoare care nu mai este în listă' },
  zh: { other: 'N 条记录的字段 Size 的值已不在列表中' },
};

// The audit log's product bulk actions: N products chosen (the product ids, counted), Dairy the category.
export const PRODUCTS_ARCHIVED: Words = {
  en: { one: 'Archived N product', other: 'Archived N products' },
  ru: { one: 'Убрал(а) в архив N товар', few: 'Убрал(а) в архив N товара', many: 'Убрал(а) в архив N товаров' },
  uk: { one: 'Переніс(ла) в архів N товар', few: 'Переніс(ла) в архів N товари', many: 'Переніс(ла) в архів N товарів' },
  lt: { one: 'Archyvavo N prekę', few: 'Archyvavo N prekes', other: 'Archyvavo N prekių' },
  ro: { one: 'A arhivat N produs', few: 'A arhivat N produse', other: 'A arhivat N de produse' },
  zh: { other: '归档了 N 个商品' },
};
export const PRODUCTS_RESTORED: Words = {
  en: { one: 'Restored N product', other: 'Restored N products' },
  ru: { one: 'Вернул(а) из архива N товар', few: 'Вернул(а) из архива N товара', many: 'Вернул(а) из архива N товаров' },
  uk: { one: 'Повернув(ла) з архіву N товар', few: 'Повернув(ла) з архіву N товари', many: 'Повернув(ла) з архіву N товарів' },
  lt: { one: 'Grąžino iš archyvo N prekę', few: 'Grąžino iš archyvo N prekes', other: 'Grąžino iš archyvo N prekių' },
  ro: { one: 'A restaurat N produs', few: 'A restaurat N produse', other: 'A restaurat N de produse' },
  zh: { other: '恢复了 N 个商品' },
};
export const PRODUCTS_FILED: Words = {
  en: { one: 'Filed N product under Dairy', other: 'Filed N products under Dairy' },
  ru: { one: 'Перенёс(ла) N товар в категорию Dairy', few: 'Перенёс(ла) N товара в категорию Dairy', many: 'Перенёс(ла) N товаров в категорию Dairy' },
  uk: { one: 'Переніс(ла) N товар до категорії Dairy', few: 'Переніс(ла) N товари до категорії Dairy', many: 'Переніс(ла) N товарів до категорії Dairy' },
  lt: { one: 'Perkėlė N prekę į kategoriją Dairy', few: 'Perkėlė N prekes į kategoriją Dairy', other: 'Perkėlė N prekių į kategoriją Dairy' },
  ro: { one: 'A mutat N produs în categoria Dairy', few: 'A mutat N produse în categoria Dairy', other: 'A mutat N de produse în categoria Dairy' },
  zh: { other: '将 N 个商品归入 Dairy' },
};
export const PRODUCTS_UNFILED: Words = {
  en: { one: 'Took N product out of its category', other: 'Took N products out of their category' },
  ru: { one: 'Убрал(а) N товар из категории', few: 'Убрал(а) N товара из категории', many: 'Убрал(а) N товаров из категории' },
  uk: { one: 'Прибрав(ла) N товар з категорії', few: 'Прибрав(ла) N товари з категорії', many: 'Прибрав(ла) N товарів з категорії' },
  lt: { one: 'Išėmė N prekę iš kategorijos', few: 'Išėmė N prekes iš kategorijos', other: 'Išėmė N prekių iš kategorijos' },
  ro: { one: 'A scos N produs din categorie', few: 'A scos N produse din categorie', other: 'A scos N de produse din categorie' },
  zh: { other: '将 N 个商品移出类别' },
};

/** Phrases whose counted part sits inside a fixed frame: `frame[locale]` with W for the part (the part holds N). */
const framed = (parts: Words, frame: Record<string, string>): Words =>
  Object.fromEntries(Object.entries(parts).map(([l, forms]) => [l, Object.fromEntries(Object.entries(forms).map(([c, p]) => [c, frame[l].replace('W', p!)]))]));
/** One phrase for every category of a language that says the count as a label ("Вариантов: N" reads right for any N). */
const every = (phrase: string) => ({ one: phrase, few: phrase, many: phrase, other: phrase });

// Back office leftovers (issues 13/20).
export const VARIANTS: Words = {
  en: { one: 'N variant', other: 'N variants' },
  ru: { one: 'N вариант', few: 'N варианта', many: 'N вариантов' },
  uk: { one: 'N варіант', few: 'N варіанти', many: 'N варіантів' },
  lt: { one: 'N variantas', few: 'N variantai', other: 'N variantų' },
  ro: { one: 'N variantă', few: 'N variante', other: 'N de variante' },
  zh: { other: 'N 个规格' },
};
export const BACKUPS_EVERY = framed({
  en: { one: 'every N minute', other: 'every N minutes' },
  ru: { one: 'каждую N минуту', few: 'каждые N минуты', many: 'каждые N минут' },
  uk: { one: 'кожну N хвилину', few: 'кожні N хвилини', many: 'кожні N хвилин' },
  lt: { one: 'kas N minutę', few: 'kas N minutes', other: 'kas N minučių' },
  ro: { one: 'la fiecare N minut', few: 'la fiecare N minute', other: 'la fiecare N de minute' },
  zh: { other: '每 N 分钟' },
}, {
  en: 'Backups are taken W, at every Z, before every upgrade and on demand, and checked by opening them.',
  ru: 'Резервные копии создаются W, при каждом Z-отчёте, перед каждым обновлением и по запросу и проверяются открытием.',
  uk: 'Резервні копії створюються W, при кожному Z-звіті, перед кожним оновленням і на запит та перевіряються відкриттям.',
  lt: 'Atsarginės kopijos daromos W, per kiekvieną Z, prieš kiekvieną atnaujinimą ir pareikalavus, ir tikrinamos jas atidarant.',
  ro: 'Copiile de siguranță se fac W, la fiecare Z, înainte de fiecare actualizare și la cerere și sunt verificate prin deschidere.',
  zh: 'W、每次 Z 报表、每次升级前以及按需进行备份，并通过打开来校验。',
});
export const CONTRACTS_ENDING: Words = {
  en: { one: 'N contract ends soon: renew it or let it end', other: 'N contracts end soon: renew them or let them end' },
  ru: { one: 'Скоро истекает N договор: продлите или дайте истечь', few: 'Скоро истекают N договора: продлите или дайте истечь', many: 'Скоро истекают N договоров: продлите или дайте истечь' },
  uk: { one: 'Незабаром спливає N договір: подовжте або дайте спливти', few: 'Незабаром спливають N договори: подовжте або дайте спливти', many: 'Незабаром спливають N договорів: подовжте або дайте спливти' },
  lt: { one: 'Greitai baigiasi N sutartis: pratęskite arba leiskite pasibaigti', few: 'Greitai baigiasi N sutartys: pratęskite arba leiskite pasibaigti', other: 'Greitai baigiasi N sutarčių: pratęskite arba leiskite pasibaigti' },
  ro: { one: 'N contract expiră curând: reînnoiți-l sau lăsați-l să expire', few: 'N contracte expiră curând: reînnoiți-le sau lăsați-le să expire', other: 'N de contracte expiră curând: reînnoiți-le sau lăsați-le să expire' },
  zh: { other: 'N 份合同即将到期：请续签或任其到期' },
};
export const TASKS_TO_MAKE: Words = {
  en: { one: 'Make N task…', other: 'Make N tasks…' },
  ru: { one: 'Создать N задачу…', few: 'Создать N задачи…', many: 'Создать N задач…' },
  uk: { one: 'Створити N завдання…', few: 'Створити N завдання…', many: 'Створити N завдань…' },
  lt: { one: 'Sukurti N užduotį…', few: 'Sukurti N užduotis…', other: 'Sukurti N užduočių…' },
  ro: { one: 'Creați N sarcină…', few: 'Creați N sarcini…', other: 'Creați N de sarcini…' },
  zh: { other: '创建 N 个任务…' },
};
export const CUSTOMERS_TO_ASSIGN: Words = {
  en: { one: 'Assign N customer…', other: 'Assign N customers…' },
  ru: { one: 'Передать менеджеру: N покупатель…', few: 'Передать менеджеру: N покупателя…', many: 'Передать менеджеру: N покупателей…' },
  uk: { one: 'Передати менеджеру: N покупець…', few: 'Передати менеджеру: N покупці…', many: 'Передати менеджеру: N покупців…' },
  lt: { one: 'Priskirti vadybininkui: N klientas…', few: 'Priskirti vadybininkui: N klientai…', other: 'Priskirti vadybininkui: N klientų…' },
  ro: { one: 'Atribuiți N client…', few: 'Atribuiți N clienți…', other: 'Atribuiți N de clienți…' },
  zh: { other: '指定 N 位客户…' },
};
export const LINES_DIFFER: Words = {
  en: { one: 'N line differs from what was sent', other: 'N lines differ from what was sent' },
  ru: { one: 'N строка отличается от отправленного', few: 'N строки отличаются от отправленного', many: 'N строк отличаются от отправленного' },
  uk: { one: 'N рядок відрізняється від надісланого', few: 'N рядки відрізняються від надісланого', many: 'N рядків відрізняються від надісланого' },
  lt: { one: 'N eilutė skiriasi nuo išsiųsto', few: 'N eilutės skiriasi nuo išsiųsto', other: 'N eilučių skiriasi nuo išsiųsto' },
  ro: { one: 'N rând diferă de ce s-a trimis', few: 'N rânduri diferă de ce s-a trimis', other: 'N de rânduri diferă de ce s-a trimis' },
  zh: { other: 'N 行与发出的不一致' },
};
// A customer's figures: "Returns: N" is a label in most languages; Romanian says the count with its noun.
export const RETURNS_COUNTED: Words = {
  en: { one: 'Returns: N', other: 'Returns: N' },
  ru: every('возвратов: N'),
  uk: every('повернень: N'),
  lt: every('grąžinimų: N'),
  ro: { one: 'N retur', few: 'N retururi', other: 'N de retururi' },
  zh: { other: '退货 N 次' },
};
// The purchase plan: lead time and cover both N days.
export const LEAD_AND_COVER = framed({
  en: { one: 'N day of lead time and N day of cover', other: 'N days of lead time and N days of cover' },
  ru: { one: 'срок поставки — N день, запас — N день', few: 'срок поставки — N дня, запас — N дня', many: 'срок поставки — N дней, запас — N дней' },
  uk: { one: 'термін постачання — N день, запас — N день', few: 'термін постачання — N дні, запас — N дні', many: 'термін постачання — N днів, запас — N днів' },
  lt: { one: 'pristatymo laikas – N diena, atsarga – N diena', few: 'pristatymo laikas – N dienos, atsarga – N dienos', other: 'pristatymo laikas – N dienų, atsarga – N dienų' },
  ro: { one: 'N zi termen de livrare și N zi de acoperire', few: 'N zile termen de livrare și N zile de acoperire', other: 'N de zile termen de livrare și N de zile de acoperire' },
  zh: { other: 'N 天的交货期和 N 天的备货期' },
}, {
  en: 'From the last 28 days of sales, W; stock held for arrived pre-orders counts as gone, goods on sent orders as here.',
  ru: 'По продажам за последние 28 дней; W; отложенное для поступивших заказов считается проданным, товары в отправленных заказах — уже на складе.',
  uk: 'За продажами останніх 28 днів; W; відкладене для замовлень, що надійшли, вважається проданим, товари в надісланих замовленнях — уже на складі.',
  lt: 'Pagal paskutinių 28 dienų pardavimus; W; atvykusiems užsakymams rezervuotos prekės laikomos parduotomis, išsiųstuose užsakymuose esančios — jau sandėlyje.',
  ro: 'Din vânzările ultimelor 28 de zile, W; stocul rezervat pentru comenzile sosite contează ca vândut, marfa din comenzile trimise ca existentă.',
  zh: '依据最近 28 天的销售、W；为已到货预订保留的库存视为已售出，已发送订单中的商品视为已到。',
});
export const PICTURE_SIDE: Words = {
  en: { one: 'The picture is too large: at most N pixel on its longest side', other: 'The picture is too large: at most N pixels on its longest side' },
  ru: { one: 'Картинка слишком большая: не более N точки по длинной стороне', few: 'Картинка слишком большая: не более N точек по длинной стороне', many: 'Картинка слишком большая: не более N точек по длинной стороне' },
  uk: { one: 'Зображення завелике: не більше N точки по довшій стороні', few: 'Зображення завелике: не більше N точок по довшій стороні', many: 'Зображення завелике: не більше N точок по довшій стороні' },
  lt: { one: 'Paveikslėlis per didelis: ilgiausia kraštinė ne daugiau kaip N taškas', few: 'Paveikslėlis per didelis: ilgiausia kraštinė ne daugiau kaip N taškai', other: 'Paveikslėlis per didelis: ilgiausia kraštinė ne daugiau kaip N taškų' },
  ro: { one: 'Imaginea este prea mare: cel mult N pixel pe latura cea mai lungă', few: 'Imaginea este prea mare: cel mult N pixeli pe latura cea mai lungă', other: 'Imaginea este prea mare: cel mult N de pixeli pe latura cea mai lungă' },
  zh: { other: '图片太大：最长边不超过 N 像素' },
};
// Customers given to a manager and their open tasks moved along, both N.
export const CUSTOMERS_ASSIGNED: Words = {
  en: { one: 'N customer now with {name}; N open task moved along', other: 'N customers now with {name}; N open tasks moved along' },
  ru: { one: 'Теперь у {name}: N покупатель; передана N открытая задача', few: 'Теперь у {name}: N покупателя; переданы N открытые задачи', many: 'Теперь у {name}: N покупателей; передано N открытых задач' },
  uk: { one: 'Тепер у {name}: N покупець; передано N відкрите завдання', few: 'Тепер у {name}: N покупці; передано N відкриті завдання', many: 'Тепер у {name}: N покупців; передано N відкритих завдань' },
  lt: { one: 'N klientas dabar priskirtas {name}; kartu perkelta N atvira užduotis', few: 'N klientai dabar priskirti {name}; kartu perkeltos N atviros užduotys', other: 'N klientų dabar priskirta {name}; kartu perkelta N atvirų užduočių' },
  ro: { one: 'N client este acum la {name}; N sarcină deschisă mutată', few: 'N clienți sunt acum la {name}; N sarcini deschise mutate', other: 'N de clienți sunt acum la {name}; N de sarcini deschise mutate' },
  zh: { other: 'N 位客户现归 {name} 负责；随之转移 N 项未完成任务' },
};
export const TASKS_MOVED: Words = {
  en: { one: 'Manager saved; N open task moved along', other: 'Manager saved; N open tasks moved along' },
  ru: { one: 'Менеджер сохранён; передана N открытая задача', few: 'Менеджер сохранён; переданы N открытые задачи', many: 'Менеджер сохранён; передано N открытых задач' },
  uk: { one: 'Менеджера збережено; передано N відкрите завдання', few: 'Менеджера збережено; передано N відкриті завдання', many: 'Менеджера збережено; передано N відкритих завдань' },
  lt: { one: 'Vadybininkas išsaugotas; kartu perkelta N atvira užduotis', few: 'Vadybininkas išsaugotas; kartu perkeltos N atviros užduotys', other: 'Vadybininkas išsaugotas; kartu perkelta N atvirų užduočių' },
  ro: { one: 'Manager salvat; N sarcină deschisă mutată odată cu clientul', few: 'Manager salvat; N sarcini deschise mutate odată cu clientul', other: 'Manager salvat; N de sarcini deschise mutate odată cu clientul' },
  zh: { other: '客户经理已保存；随之转移 N 项未完成任务' },
};
// The confirmations of bulk acts on the customers shown: Slavic and Baltic put the count in brackets (no agreement to make).
export const GIVE_SHOWN: Words = {
  en: { one: 'Give the N customer shown to {name}?', other: 'Give all N customers shown to {name}?' },
  ru: every('Передать всех показанных покупателей (N) менеджеру {name}?'),
  uk: every('Передати всіх показаних покупців (N) менеджеру {name}?'),
  lt: every('Priskirti visus rodomus klientus (N) vadybininkui {name}?'),
  ro: { one: 'Dați N client afișat lui {name}?', few: 'Dați toți cei N clienți afișați lui {name}?', other: 'Dați toți cei N de clienți afișați lui {name}?' },
  zh: { other: '将显示的全部 N 位客户交给 {name}？' },
};
export const TASK_FOR_SHOWN: Words = {
  en: { one: 'Make “{title}” for the N customer shown, for {name}?', other: 'Make “{title}” for all N customers shown, for {name}?' },
  ru: every('Создать «{title}» для всех показанных покупателей (N), исполнитель {name}?'),
  uk: every('Створити «{title}» для всіх показаних покупців (N), виконавець {name}?'),
  lt: every('Sukurti „{title}“ visiems rodomiems pirkėjams (N), vykdytojas {name}?'),
  ro: { one: 'Creați „{title}” pentru N client afișat, pentru {name}?', few: 'Creați „{title}” pentru toți cei N clienți afișați, pentru {name}?', other: 'Creați „{title}” pentru toți cei N de clienți afișați, pentru {name}?' },
  zh: { other: '为显示的全部 N 位顾客创建“{title}”，由 {name} 负责？' },
};
// Head office's dry run of a price list: N outlet prices it would set.
export const OUTLET_PRICES_SET: Words = {
  en: { one: 'Would create {created} · update {updated} · set N outlet price · skip {skipped} · refuse {rejected}', other: 'Would create {created} · update {updated} · set N outlet prices · skip {skipped} · refuse {rejected}' },
  ru: every('Будет создано {created} · обновлено {updated} · цен магазинов N · пропущено {skipped} · отклонено {rejected}'),
  uk: every('Буде створено {created} · оновлено {updated} · цін магазинів N · пропущено {skipped} · відхилено {rejected}'),
  lt: every('Bus sukurta {created} · atnaujinta {updated} · parduotuvių kainų N · praleista {skipped} · atmesta {rejected}'),
  ro: { one: 'Ar crea {created} · actualiza {updated} · stabili N preț de magazin · sări {skipped} · refuza {rejected}', few: 'Ar crea {created} · actualiza {updated} · stabili N prețuri de magazin · sări {skipped} · refuza {rejected}', other: 'Ar crea {created} · actualiza {updated} · stabili N de prețuri de magazin · sări {skipped} · refuza {rejected}' },
  zh: { other: '将新建 {created} · 更新 {updated} · 设定门店价格 N · 跳过 {skipped} · 拒绝 {rejected}' },
};

// Server leftovers: audit sentences (Acme the customer, @start and @end the contract's days as the language writes them, @pin the word PIN, whose N is no count).
export const INVOICE_DRAFTED: Words = {
  en: { one: 'Drafted an invoice for Acme: N receipt, N line', other: 'Drafted an invoice for Acme: N receipts, N lines' },
  ru: { one: 'Составил черновик счёта для Acme: N чек, N строка', few: 'Составил черновик счёта для Acme: N чека, N строки', many: 'Составил черновик счёта для Acme: N чеков, N строк' },
  uk: { one: 'Склав чернетку рахунку для Acme: N чек, N рядок', few: 'Склав чернетку рахунку для Acme: N чеки, N рядки', many: 'Склав чернетку рахунку для Acme: N чеків, N рядків' },
  lt: { one: 'Parengė sąskaitos juodraštį Acme: N kvitas, N eilutė', few: 'Parengė sąskaitos juodraštį Acme: N kvitai, N eilutės', other: 'Parengė sąskaitos juodraštį Acme: N kvitų, N eilučių' },
  ro: { one: 'A întocmit o ciornă de factură pentru Acme: N bon, N rând', few: 'A întocmit o ciornă de factură pentru Acme: N bonuri, N rânduri', other: 'A întocmit o ciornă de factură pentru Acme: N de bonuri, N de rânduri' },
  zh: { other: '为 Acme 起草发票：N 张收据，N 行' },
};
const AGREED_PRICES: Words = {
  en: { one: 'N agreed price', other: 'N agreed prices' },
  ru: { one: 'N согласованная цена', few: 'N согласованные цены', many: 'N согласованных цен' },
  uk: { one: 'N погоджена ціна', few: 'N погоджені ціни', many: 'N погоджених цін' },
  lt: { one: 'N sutarta kaina', few: 'N sutartos kainos', other: 'N sutartų kainų' },
  ro: { one: 'N preț convenit', few: 'N prețuri convenite', other: 'N de prețuri convenite' },
  zh: { other: 'N 个协议价' },
};
export const CONTRACT_MADE = framed(AGREED_PRICES, {
  en: 'Made contract K-1 with Acme from @start to @end, W',
  ru: 'Заключил договор K-1 с Acme с @start по @end, W',
  uk: 'Уклав договір K-1 з Acme з @start по @end, W',
  lt: 'Sudarė sutartį K-1 su Acme nuo @start iki @end, W',
  ro: 'A încheiat contractul K-1 cu Acme de la @start la @end, W',
  zh: '与 Acme 签订合同 K-1，@start 至 @end，W',
});
export const CONTRACT_RENEWED = framed(AGREED_PRICES, {
  en: 'Renewed as contract K-1 with Acme from @start to @end, W',
  ru: 'Продлил договором K-1 с Acme с @start по @end, W',
  uk: 'Продовжив договором K-1 з Acme з @start по @end, W',
  lt: 'Pratęsė sutartimi K-1 su Acme nuo @start iki @end, W',
  ro: 'A reînnoit prin contractul K-1 cu Acme de la @start la @end, W',
  zh: '以合同 K-1 续签 Acme，@start 至 @end，W',
});
export const PIN_SHARED: Words = {
  en: { one: 'Refused a @pin-only sign-in at the register R2: N user has that @pin', other: 'Refused a @pin-only sign-in at the register R2: N users have that @pin' },
  ru: { one: 'Отказано во входе только по @pin на кассе R2: этот @pin у N пользователя', few: 'Отказано во входе только по @pin на кассе R2: этот @pin у N пользователей', many: 'Отказано во входе только по @pin на кассе R2: этот @pin у N пользователей' },
  uk: { one: 'Відмовлено у вході лише за @pin на касі R2: цей @pin має N користувач', few: 'Відмовлено у вході лише за @pin на касі R2: цей @pin мають N користувачі', many: 'Відмовлено у вході лише за @pin на касі R2: цей @pin мають N користувачів' },
  lt: { one: 'Atmestas prisijungimas vien @pin kodu prie kasos R2: tokį @pin turi N naudotojas', few: 'Atmestas prisijungimas vien @pin kodu prie kasos R2: tokį @pin turi N naudotojai', other: 'Atmestas prisijungimas vien @pin kodu prie kasos R2: tokį @pin turi N naudotojų' },
  ro: { one: 'A refuzat o intrare doar cu @pin la casa R2: N utilizator are acel @pin', few: 'A refuzat o intrare doar cu @pin la casa R2: N utilizatori au acel @pin', other: 'A refuzat o intrare doar cu @pin la casa R2: N de utilizatori au acel @pin' },
  zh: { other: '拒绝了收银台 R2 的仅 @pin 登录：有 N 个用户使用该 @pin' },
};
// Server refusals: a variant's N options; a picture 900×700 whose longest side may be N pixels.
export const VARIANT_OPTIONS: Words = {
  en: { one: 'A variant needs one value of the N option', other: 'A variant needs one value of each of the N options' },
  ru: { one: 'Варианту нужно по одному значению каждого из N параметра', few: 'Варианту нужно по одному значению каждого из N параметров', many: 'Варианту нужно по одному значению каждого из N параметров' },
  uk: { one: 'Варіанту потрібно по одному значенню кожного з N параметра', few: 'Варіанту потрібно по одному значенню кожного з N параметрів', many: 'Варіанту потрібно по одному значенню кожного з N параметрів' },
  lt: { one: 'Variantui reikia po vieną kiekvieno iš N parametro reikšmę', few: 'Variantui reikia po vieną kiekvieno iš N parametrų reikšmę', other: 'Variantui reikia po vieną kiekvieno iš N parametrų reikšmę' },
  ro: { one: 'O variantă are nevoie de o valoare pentru N opțiune', few: 'O variantă are nevoie de câte o valoare pentru fiecare dintre cele N opțiuni', other: 'O variantă are nevoie de câte o valoare pentru fiecare dintre cele N de opțiuni' },
  zh: { other: '规格需要 N 个选项各一个取值' },
};
export const PICTURE_PIXELS: Words = {
  en: { one: 'The picture is 900×700: at most N pixel on its longest side', other: 'The picture is 900×700: at most N pixels on its longest side' },
  ru: { one: 'Картинка 900×700: не больше N пикселя по длинной стороне', few: 'Картинка 900×700: не больше N пикселей по длинной стороне', many: 'Картинка 900×700: не больше N пикселей по длинной стороне' },
  uk: { one: 'Зображення 900×700: не більше N пікселя за довшою стороною', few: 'Зображення 900×700: не більше N пікселів за довшою стороною', many: 'Зображення 900×700: не більше N пікселів за довшою стороною' },
  lt: { one: 'Paveikslėlis yra 900×700: ilgoji kraštinė ne daugiau kaip N taškas', few: 'Paveikslėlis yra 900×700: ilgoji kraštinė ne daugiau kaip N taškai', other: 'Paveikslėlis yra 900×700: ilgoji kraštinė ne daugiau kaip N taškų' },
  ro: { one: 'Imaginea are 900×700: cel mult N pixel pe latura cea mai lungă', few: 'Imaginea are 900×700: cel mult N pixeli pe latura cea mai lungă', other: 'Imaginea are 900×700: cel mult N de pixeli pe latura cea mai lungă' },
  zh: { other: '图片为 900×700：最长边不超过 N 像素' },
};
// Sizes the server allows, in MB as the language writes the number: a logo 0.5 MB (512 KB), an attachment 10 MB.
export const LOGO_AT_MOST: Record<string, string> = {
  en: 'The logo may be at most 0.5 MB', ru: 'Логотип может быть не больше 0,5 МБ', uk: 'Логотип може бути не більше 0,5 МБ',
  lt: 'Logotipas gali būti ne didesnis kaip 0,5 MB', ro: 'Sigla poate avea cel mult 0,5 MB', zh: '标志最多 0.5 MB',
};
export const ATTACHMENT_AT_MOST: Record<string, string> = {
  en: 'An attachment may be at most 10 MB', ru: 'Вложение может быть не больше 10 МБ', uk: 'Вкладення може бути не більше 10 МБ',
  lt: 'Priedas gali būti ne didesnis kaip 10 MB', ro: 'Un atașament poate avea cel mult 10 MB', zh: '附件最多 10 MB',
};

// Back office counts whose English was a plural group already but whose translations wrote an abbreviation ('5 дн.') or 'N+' beside a fixed noun.
export const DAYS: Words = {
  en: { one: 'N day', other: 'N days' },
  ru: { one: 'N день', few: 'N дня', many: 'N дней' },
  uk: { one: 'N день', few: 'N дні', many: 'N днів' },
  lt: { one: 'N diena', few: 'N dienos', other: 'N dienų' },
  ro: { one: 'N zi', few: 'N zile', other: 'N de zile' },
  zh: { other: 'N 天' },
};
export const DAYS_OVERDUE: Words = {
  en: { one: 'N day overdue', other: 'N days overdue' },
  ru: { one: 'просрочено на N день', few: 'просрочено на N дня', many: 'просрочено на N дней' },
  uk: { one: 'прострочено на N день', few: 'прострочено на N дні', many: 'прострочено на N днів' },
  lt: { one: 'pradelsta N dieną', few: 'pradelsta N dienas', other: 'pradelsta N dienų' },
  ro: { one: 'restant de N zi', few: 'restant de N zile', other: 'restant de N de zile' },
  zh: { other: '逾期 N 天' },
};
// An import's preview of a large file: at least N rows in its first MB ({size} its size).
export const ROWS_AT_LEAST: Words = {
  en: every('N+ rows in the first MB of {size} MB'),
  ru: { one: 'Не меньше N строки в первом МБ из {size} МБ', few: 'Не меньше N строк в первом МБ из {size} МБ', many: 'Не меньше N строк в первом МБ из {size} МБ' },
  uk: { one: 'Щонайменше N рядок у першому МБ з {size} МБ', few: 'Щонайменше N рядки у першому МБ з {size} МБ', many: 'Щонайменше N рядків у першому МБ з {size} МБ' },
  lt: { one: 'Bent N eilutė pirmame MB iš {size} MB', few: 'Bent N eilutės pirmame MB iš {size} MB', other: 'Bent N eilučių pirmame MB iš {size} MB' },
  ro: { one: 'Cel puțin N rând în primul MB din {size} MB', few: 'Cel puțin N rânduri în primul MB din {size} MB', other: 'Cel puțin N de rânduri în primul MB din {size} MB' },
  zh: every('前 1 MB 中有 N+ 行（共 {size} MB）'),
};
// The dashboard's pre-orders that arrived: Romanian's participle agrees with precomenzi (feminine).
export const PRE_ORDERS_ARRIVED: Words = {
  en: every('N arrived'), ru: every('поступило: N'), uk: every('надійшло: N'), lt: every('atvyko: N'),
  ro: { one: 'N sosită', few: 'N sosite', other: 'N sosite' },
  zh: { other: '已到货 N' },
};
// Romanian participles beside counts of things the text does not name (print jobs; an import's customers or products): said as labels, every count N.
export const RO_LABELS: Record<string, string> = {
  'Queue: {queued} waiting · {unknown} unknown · {failed} failed': 'Coadă: în așteptare N · necunoscute N · eșuate N',
  'Undone: {removed} removed, {restored} restored': 'Anulat — eliminate: N, restaurate: N',
  '{n} kept because they were sold or bought since': 'păstrate: N, pentru că între timp au fost vândute sau cumpărate',
};

// The server's refusal to undo a customer import in a chain: N customers and N cards at head office.
export const IMPORT_HELD: Words = {
  en: { one: 'Head office holds the N customer and N card this import brought: in a chain it cannot be undone (change or merge the customers instead)', other: 'Head office holds the N customers and N cards this import brought: in a chain it cannot be undone (change or merge the customers instead)' },
  ru: { one: 'В головном офисе уже есть N клиент и N карта из этого импорта: в сети его нельзя отменить (измените или объедините клиентов)', few: 'В головном офисе уже есть N клиента и N карты из этого импорта: в сети его нельзя отменить (измените или объедините клиентов)', many: 'В головном офисе уже есть N клиентов и N карт из этого импорта: в сети его нельзя отменить (измените или объедините клиентов)' },
  uk: { one: 'У головному офісі вже є N клієнт і N картка з цього імпорту: у мережі його не можна скасувати (змініть або об’єднайте клієнтів)', few: 'У головному офісі вже є N клієнти і N картки з цього імпорту: у мережі його не можна скасувати (змініть або об’єднайте клієнтів)', many: 'У головному офісі вже є N клієнтів і N карток з цього імпорту: у мережі його не можна скасувати (змініть або об’єднайте клієнтів)' },
  lt: { one: 'Centrinė būstinė jau turi N klientą ir N kortelę, kuriuos atnešė šis importas: tinkle jo atšaukti negalima (verčiau pakeiskite arba sujunkite klientus)', few: 'Centrinė būstinė jau turi N klientus ir N korteles, kuriuos atnešė šis importas: tinkle jo atšaukti negalima (verčiau pakeiskite arba sujunkite klientus)', other: 'Centrinė būstinė jau turi N klientų ir N kortelių, kuriuos atnešė šis importas: tinkle jo atšaukti negalima (verčiau pakeiskite arba sujunkite klientus)' },
  ro: { one: 'Sediul central deține deja N client și N card din acest import: într-o rețea nu poate fi anulat (modificați sau uniți clienții)', few: 'Sediul central deține deja N clienți și N carduri din acest import: într-o rețea nu poate fi anulat (modificați sau uniți clienții)', other: 'Sediul central deține deja N de clienți și N de carduri din acest import: într-o rețea nu poate fi anulat (modificați sau uniți clienții)' },
  zh: { other: '总部已保存此导入带来的 N 位顾客和 N 张卡：在连锁中无法撤销（请改为修改或合并顾客）' },
};
// Audit sentences whose counts stand as labels (Romanian's participles with them, which a count of one would need singular): every count N.
export const CUSTOMERS_IMPORTED: Words = {
  en: every('Imported customers from c.csv: N new, N changed, N rejected'),
  ru: every('Импортировал(а) покупателей из c.csv: новых N, изменено N, отклонено N'),
  uk: every('Імпортував(ла) покупців з c.csv: нових N, змінено N, відхилено N'),
  lt: every('Importavo pirkėjus iš c.csv: naujų N, pakeista N, atmesta N'),
  ro: every('A importat clienți din c.csv — noi: N, modificați: N, respinși: N'),
  zh: every('从 c.csv 导入顾客：新增 N，修改 N，拒绝 N'),
};
export const PRODUCTS_IMPORTED: Words = {
  en: every('Imported products from p.csv: N new, N changed, N rejected'),
  ru: every('Импортировал(а) товары из p.csv: новых N, изменено N, отклонено N'),
  uk: every('Імпортував(ла) товари з p.csv: нових N, змінено N, відхилено N'),
  lt: every('Importavo prekes iš p.csv: naujų N, pakeista N, atmesta N'),
  ro: every('A importat produse din p.csv — noi: N, modificate: N, respinse: N'),
  zh: every('从 p.csv 导入商品：新增 N，修改 N，拒绝 N'),
};
// A stock count of 3 products, N of them adjusted.
export const STOCK_COUNT_ADJUSTED: Words = {
  en: every('Posted stock count IC-7: 3 products, N adjusted'),
  ru: every('Провёл(а) инвентаризацию IC-7: 3 товара, исправлено N'),
  uk: every('Провів(ла) інвентаризацію IC-7: 3 товари, виправлено N'),
  lt: every('Užregistravo inventorizaciją IC-7: 3 prekės, pataisyta N'),
  ro: every('A înregistrat inventarul IC-7: 3 produse, corectate: N'),
  zh: every('盘点 IC-7 过账：3 个商品，调整 N'),
};
