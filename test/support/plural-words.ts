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
  en: { one: 'Undoing puts back N price as it was before; the N product it created stays.', other: 'Undoing puts back N prices as they were before; the N products it created stay.' },
  ru: { one: 'Отмена вернёт N цену, какой она была до импорта; созданные им товары (N) останутся.', few: 'Отмена вернёт N цены, какими они были до импорта; созданные им товары (N) останутся.', many: 'Отмена вернёт N цен, какими они были до импорта; созданные им товары (N) останутся.' },
  uk: { one: 'Скасування поверне N ціну, якою вона була до імпорту; створені ним товари (N) залишаться.', few: 'Скасування поверне N ціни, якими вони були до імпорту; створені ним товари (N) залишаться.', many: 'Скасування поверне N цін, якими вони були до імпорту; створені ним товари (N) залишаться.' },
  lt: { one: 'Atšaukus bus grąžinta N kaina, kokia buvo prieš importą; juo sukurtos prekės (N) liks.', few: 'Atšaukus bus grąžintos N kainos, kokios buvo prieš importą; juo sukurtos prekės (N) liks.', other: 'Atšaukus bus grąžinta N kainų, kokios buvo prieš importą; juo sukurtos prekės (N) liks.' },
  ro: { one: 'Anularea readuce N preț la cum era înainte; cel N produs creat de import rămâne.', few: 'Anularea readuce N prețuri la cum erau înainte; cele N produse create de import rămân.', other: 'Anularea readuce N de prețuri la cum erau înainte; cele N de produse create de import rămân.' },
  zh: { other: '撤销将把 N 个价格恢复为导入前的值；导入新建的 N 个商品保留。' },
};
export const PRICES_PUT_BACK: Words = {
  en: { one: 'Put back N price: outlets get them by their next pull', other: 'Put back N prices: outlets get them by their next pull' },
  ru: { one: 'Возвращена N цена; магазины получат их при следующей синхронизации', few: 'Возвращены N цены; магазины получат их при следующей синхронизации', many: 'Возвращено N цен; магазины получат их при следующей синхронизации' },
  uk: { one: 'Повернуто N ціну; магазини отримають їх під час наступної синхронізації', few: 'Повернуто N ціни; магазини отримають їх під час наступної синхронізації', many: 'Повернуто N цін; магазини отримають їх під час наступної синхронізації' },
  lt: { one: 'Grąžinta N kaina; parduotuvės jas gaus kito sinchronizavimo metu', few: 'Grąžintos N kainos; parduotuvės jas gaus kito sinchronizavimo metu', other: 'Grąžinta N kainų; parduotuvės jas gaus kito sinchronizavimo metu' },
  ro: { one: 'S-a readus N preț: magazinele le primesc la următoarea sincronizare', few: 'S-au readus N prețuri: magazinele le primesc la următoarea sincronizare', other: 'S-au readus N de prețuri: magazinele le primesc la următoarea sincronizare' },
  zh: { other: '已恢复 N 个价格：门店在下次同步时获得' },
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
