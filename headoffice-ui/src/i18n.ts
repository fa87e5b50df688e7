import { I18n } from '../../shared/i18n.svelte.ts';
import type { Locale } from '../../shared/locales.ts';

const en = {
  title: 'Head office',
  language: 'Language',
  login: 'Login',
  password: 'Password',
  signIn: 'Sign in',
  signOut: 'Sign out',
  from: 'From',
  to: 'To',
  chainSales: 'Chain sales',
  receipts: 'Receipts',
  margin: 'Margin',
  salesByDay: 'Sales by day',
  outlets: 'Outlets',
  outlet: 'Outlet',
  netSales: 'Net sales',
  link: 'Link',
  online: 'in touch',
  unreachableSince: 'silent since {time}',
  neverSeen: 'never seen',
  backlog: 'Waiting to send',
  clockSkew: 'Clock',
  lastError: 'Last error',
  revoke: 'Revoke',
  revokeConfirm: 'Revoke every credential of {code}? Its pushes are refused until it gets a new one.',
  revoked: 'no credential',
  addOutlet: 'Add an outlet',
  code: 'Code',
  name: 'Name',
  add: 'Add',
  tokenOnce: 'Credential for {code}: set it as HEAD_OFFICE_TOKEN on the outlet. It is shown only now.',
  nothing: 'No sales in this period.',
  stock: 'Stock per outlet',
  searchProduct: 'SKU, barcode or name',
  find: 'Find',
  product: 'Product',
  total: 'Total',
  noProducts: 'No product matches.',
  transfers: 'Transfers between outlets',
  transfer: 'Transfer',
  route: 'From → to',
  sent: 'Sent',
  value: 'Value at cost',
  received: 'Received',
  inTransit: 'in transit',
  noTransfers: 'No transfers in this period.',
};
export type Key = keyof typeof en;

const ru: Record<Key, string> = {
  transfers: 'Перемещения между магазинами', transfer: 'Перемещение', route: 'Откуда → куда', sent: 'Отправлено', value: 'Сумма по себестоимости', received: 'Получено', inTransit: 'в пути', noTransfers: 'За этот период перемещений нет.',
  stock: 'Остатки по магазинам', searchProduct: 'Артикул, штрихкод или название', find: 'Найти', product: 'Товар', total: 'Всего', noProducts: 'Товар не найден.',
  title: 'Головной офис', language: 'Язык', login: 'Логин', password: 'Пароль', signIn: 'Войти', signOut: 'Выйти', from: 'С', to: 'По',
  chainSales: 'Продажи сети', receipts: 'Чеки', margin: 'Маржа', salesByDay: 'Продажи по дням', outlets: 'Магазины', outlet: 'Магазин', netSales: 'Чистые продажи',
  link: 'Связь', online: 'на связи', unreachableSince: 'молчит с {time}', neverSeen: 'ещё не выходил на связь', backlog: 'Ждёт отправки', clockSkew: 'Часы',
  lastError: 'Последняя ошибка', revoke: 'Отозвать', revokeConfirm: 'Отозвать все ключи магазина {code}? Его данные не будут приниматься до выдачи нового ключа.',
  revoked: 'нет ключа', addOutlet: 'Добавить магазин', code: 'Код', name: 'Название', add: 'Добавить',
  tokenOnce: 'Ключ для {code}: задайте его в HEAD_OFFICE_TOKEN на сервере магазина. Он показывается только сейчас.', nothing: 'За этот период продаж нет.',
};
const uk: Record<Key, string> = {
  transfers: 'Переміщення між магазинами', transfer: 'Переміщення', route: 'Звідки → куди', sent: 'Відправлено', value: 'Сума за собівартістю', received: 'Отримано', inTransit: 'у дорозі', noTransfers: 'За цей період переміщень немає.',
  stock: 'Залишки за магазинами', searchProduct: 'Артикул, штрихкод або назва', find: 'Знайти', product: 'Товар', total: 'Усього', noProducts: 'Товар не знайдено.',
  title: 'Головний офіс', language: 'Мова', login: 'Логін', password: 'Пароль', signIn: 'Увійти', signOut: 'Вийти', from: 'З', to: 'По',
  chainSales: 'Продажі мережі', receipts: 'Чеки', margin: 'Маржа', salesByDay: 'Продажі за днями', outlets: 'Магазини', outlet: 'Магазин', netSales: 'Чисті продажі',
  link: "Зв'язок", online: "на зв'язку", unreachableSince: 'мовчить з {time}', neverSeen: "ще не виходив на зв'язок", backlog: 'Чекає відправлення', clockSkew: 'Годинник',
  lastError: 'Остання помилка', revoke: 'Відкликати', revokeConfirm: 'Відкликати всі ключі магазину {code}? Його дані не прийматимуться до видачі нового ключа.',
  revoked: 'немає ключа', addOutlet: 'Додати магазин', code: 'Код', name: 'Назва', add: 'Додати',
  tokenOnce: 'Ключ для {code}: задайте його в HEAD_OFFICE_TOKEN на сервері магазину. Він показується лише зараз.', nothing: 'За цей період продажів немає.',
};
const ro: Record<Key, string> = {
  transfers: 'Transferuri între magazine', transfer: 'Transfer', route: 'De la → la', sent: 'Trimis', value: 'Valoare la cost', received: 'Primit', inTransit: 'în tranzit', noTransfers: 'Niciun transfer în această perioadă.',
  stock: 'Stoc pe magazine', searchProduct: 'Cod, cod de bare sau nume', find: 'Caută', product: 'Produs', total: 'Total', noProducts: 'Niciun produs găsit.',
  title: 'Sediul central', language: 'Limba', login: 'Utilizator', password: 'Parolă', signIn: 'Autentificare', signOut: 'Ieșire', from: 'De la', to: 'Până la',
  chainSales: 'Vânzările rețelei', receipts: 'Bonuri', margin: 'Marjă', salesByDay: 'Vânzări pe zile', outlets: 'Magazine', outlet: 'Magazin', netSales: 'Vânzări nete',
  link: 'Legătură', online: 'conectat', unreachableSince: 'tăcut din {time}', neverSeen: 'niciodată conectat', backlog: 'De trimis', clockSkew: 'Ceas',
  lastError: 'Ultima eroare', revoke: 'Revocă', revokeConfirm: 'Revoci toate cheile magazinului {code}? Datele lui vor fi refuzate până primește o cheie nouă.',
  revoked: 'fără cheie', addOutlet: 'Adaugă un magazin', code: 'Cod', name: 'Nume', add: 'Adaugă',
  tokenOnce: 'Cheia pentru {code}: setați-o ca HEAD_OFFICE_TOKEN pe serverul magazinului. Este afișată doar acum.', nothing: 'Nicio vânzare în această perioadă.',
};
const lt: Record<Key, string> = {
  transfers: 'Perkėlimai tarp parduotuvių', transfer: 'Perkėlimas', route: 'Iš → į', sent: 'Išsiųsta', value: 'Vertė savikaina', received: 'Gauta', inTransit: 'kelyje', noTransfers: 'Šiuo laikotarpiu perkėlimų nėra.',
  stock: 'Likučiai parduotuvėse', searchProduct: 'Kodas, brūkšninis kodas ar pavadinimas', find: 'Ieškoti', product: 'Prekė', total: 'Iš viso', noProducts: 'Prekių nerasta.',
  title: 'Centrinė būstinė', language: 'Kalba', login: 'Prisijungimo vardas', password: 'Slaptažodis', signIn: 'Prisijungti', signOut: 'Atsijungti', from: 'Nuo', to: 'Iki',
  chainSales: 'Tinklo pardavimai', receipts: 'Kvitai', margin: 'Marža', salesByDay: 'Pardavimai pagal dienas', outlets: 'Parduotuvės', outlet: 'Parduotuvė', netSales: 'Grynieji pardavimai',
  link: 'Ryšys', online: 'ryšys yra', unreachableSince: 'tyli nuo {time}', neverSeen: 'dar nebuvo susisiekusi', backlog: 'Laukia siuntimo', clockSkew: 'Laikrodis',
  lastError: 'Paskutinė klaida', revoke: 'Atšaukti', revokeConfirm: 'Atšaukti visus parduotuvės {code} raktus? Jos duomenys nebus priimami, kol ji gaus naują raktą.',
  revoked: 'rakto nėra', addOutlet: 'Pridėti parduotuvę', code: 'Kodas', name: 'Pavadinimas', add: 'Pridėti',
  tokenOnce: 'Raktas parduotuvei {code}: nustatykite jį kaip HEAD_OFFICE_TOKEN parduotuvės serveryje. Jis rodomas tik dabar.', nothing: 'Šiuo laikotarpiu pardavimų nėra.',
};
const zh: Record<Key, string> = {
  transfers: '门店间调拨', transfer: '调拨单', route: '从 → 到', sent: '发出', value: '成本金额', received: '收到', inTransit: '在途', noTransfers: '此期间没有调拨。',
  stock: '各门店库存', searchProduct: '货号、条码或名称', find: '查找', product: '商品', total: '合计', noProducts: '没有匹配的商品。',
  title: '总部', language: '语言', login: '登录名', password: '密码', signIn: '登录', signOut: '退出', from: '从', to: '至',
  chainSales: '连锁销售额', receipts: '小票', margin: '毛利', salesByDay: '每日销售', outlets: '门店', outlet: '门店', netSales: '净销售额',
  link: '连接', online: '在线', unreachableSince: '自 {time} 起无响应', neverSeen: '从未连接', backlog: '待发送', clockSkew: '时钟',
  lastError: '最近错误', revoke: '吊销', revokeConfirm: '吊销门店 {code} 的所有凭证？在获得新凭证之前，它的推送将被拒绝。',
  revoked: '无凭证', addOutlet: '添加门店', code: '代码', name: '名称', add: '添加',
  tokenOnce: '{code} 的凭证：在门店服务器上设置为 HEAD_OFFICE_TOKEN。仅显示这一次。', nothing: '此期间没有销售。',
};

export const catalogs: Record<Locale, Record<Key, string>> = { en, ru, uk, ro, lt, zh };
export const i18n = new I18n<Key>(catalogs, 'till.headoffice.locale');
export const t = i18n.t;
