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
  ro: { one: 'A înregistrat inventarul IC-7: N produs, 0 corectate', few: 'A înregistrat inventarul IC-7: N produse, 0 corectate', other: 'A înregistrat inventarul IC-7: N de produse, 0 corectate' },
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
