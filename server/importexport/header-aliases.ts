import type { ImportField } from '../../shared/schemas/importexport.ts';
import { foldForSearch } from '../../shared/search-text.ts';

/**
 * A header as compared with the names below: folded (case, diacritics, ё), punctuation and "№"
 * taken out, spaces single. "Kortelės Nr.", "kortelės nr" and "Korteles nr" are one header.
 */
export const headerKey = (header: string): string =>
  foldForSearch(header)
    .replace(/[.,:;()№#*"'«»_\-/\\]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/**
 * What shops' files call each customer field, in English, Russian, Ukrainian, Lithuanian, Romanian
 * and Chinese (1C, Excel lists, loyalty programs and CRMs), folded as `headerKey` folds.
 */
const CUSTOMER_HEADERS: Record<ImportField, string[]> = {
  name: [
    'name', 'full name', 'customer', 'customer name', 'client', 'client name', 'buyer',
    'имя', 'фио', 'ф и о', 'клиент', 'покупатель', 'наименование', 'контрагент', 'наименование контрагента', 'полное наименование', 'имя клиента',
    'піб', 'п і б', 'клієнт', 'покупець', 'найменування', 'контрагент', "ім'я",
    'vardas pavarde', 'klientas', 'pirkejas', 'pavadinimas',
    'nume', 'nume complet', 'client', 'nume client', 'denumire',
    '姓名', '客户', '客户名称', '会员', '会员姓名', '名称', '顾客', '客戶', '姓名稱',
  ],
  firstName: ['first name', 'given name', 'firstname', 'имя', 'ім я', 'імя', 'vardas', 'prenume', '名', '名字'],
  middleName: ['middle name', 'patronymic', 'отчество', 'по батькові', 'по батькови', 'tevavardis', 'al doilea prenume'],
  lastName: ['last name', 'surname', 'family name', 'lastname', 'фамилия', 'прізвище', 'призвище', 'pavarde', 'nume de familie', '姓', '姓氏'],
  company: [
    'company', 'company name', 'organisation', 'organization', 'business',
    'организация', 'компания', 'юрлицо', 'юридическое лицо', 'наименование организации',
    'організація', 'компанія', 'юридична особа',
    'imone', 'imones pavadinimas', 'organizacija',
    'companie', 'firma', 'societate', 'denumire firma',
    '公司', '公司名称', '单位', '单位名称', '企业', '企業',
  ],
  companyCode: [
    'company code', 'registration code', 'registration number', 'reg no', 'company number',
    'инн', 'огрн', 'код организации', 'едрпоу', 'код едрпоу', 'єдрпоу', 'код єдрпоу',
    'imones kodas', 'kodas',
    'cui', 'cod fiscal', 'cod unic de inregistrare', 'nr reg com',
    '统一社会信用代码', '信用代码', '公司代码',
  ],
  vatCode: ['vat', 'vat code', 'vat number', 'vat no', 'кпп', 'ипн', 'іпн', 'код пдв', 'pvm kodas', 'pvm moketojo kodas', 'cod tva', 'cod de tva', '税号', '纳税人识别号'],
  phone: [
    'phone', 'phone number', 'mobile', 'mobile phone', 'tel', 'telephone', 'cell', 'cell phone',
    'телефон', 'тел', 'мобильный', 'мобильный телефон', 'сотовый', 'номер телефона', 'контактный телефон',
    'мобільний', 'мобільний телефон', 'номер телефону',
    'telefonas', 'tel nr', 'mobilus', 'mobilusis', 'mobilus telefonas', 'telefono nr',
    'telefon', 'telefon mobil', 'mobil', 'nr telefon', 'numar telefon',
    '电话', '手机', '手机号', '手机号码', '联系电话', '電話', '手機',
  ],
  phone2: ['phone 2', 'second phone', 'other phone', 'home phone', 'work phone', 'телефон 2', 'домашний телефон', 'рабочий телефон', 'телефон 2', 'робочий телефон', 'домашній телефон', 'telefonas 2', 'darbo telefonas', 'telefon 2', 'telefon fix', '电话2', '座机', '固定电话', '办公电话'],
  phone3: ['phone 3', 'телефон 3', 'telefonas 3', 'telefon 3', '电话3'],
  email: ['email', 'e mail', 'mail', 'email address', 'почта', 'эл почта', 'электронная почта', 'електронна пошта', 'ел пошта', 'пошта', 'el pastas', 'elektroninis pastas', 'el p', 'adresa de email', 'posta electronica', '邮箱', '电子邮件', '电子邮箱', '郵箱', '電子郵件'],
  card: [
    'card', 'card number', 'card no', 'loyalty card', 'discount card', 'club card', 'member card', 'membership card',
    'карта', 'номер карты', 'дисконтная карта', 'номер дисконтной карты', 'карта лояльности', 'клубная карта', 'бонусная карта',
    'картка', 'номер картки', 'дисконтна картка', 'бонусна картка', 'картка лояльності',
    'kortele', 'korteles nr', 'korteles numeris', 'nuolaidu kortele', 'lojalumo kortele',
    'card fidelitate', 'numar card', 'nr card', 'card de reducere',
    '会员卡', '会员卡号', '卡号', '积分卡', '會員卡', '卡號',
  ],
  birthday: [
    'birthday', 'date of birth', 'birth date', 'dob', 'born',
    'дата рождения', 'день рождения', 'др', 'дата народження', 'день народження',
    'gimimo data', 'gimtadienis', 'data nasterii', 'zi de nastere', 'ziua de nastere',
    '生日', '出生日期', '出生年月',
  ],
  registeredOn: [
    'registration date', 'registered', 'date registered', 'member since', 'customer since', 'created', 'date created', 'signup date',
    'дата регистрации', 'дата создания', 'зарегистрирован', 'клиент с', 'дата реєстрації', 'дата створення',
    'registracijos data', 'uzregistruotas', 'data inregistrarii', 'data inscrierii',
    '注册日期', '注册时间', '入会日期', '开卡日期', '註冊日期',
  ],
  category: [
    'category', 'group', 'customer group', 'type', 'level', 'tier', 'card type',
    'категория', 'группа', 'группа клиентов', 'вид карты', 'тип карты', 'статус', 'уровень',
    'категорія', 'група', 'тип картки', 'рівень',
    'kategorija', 'grupe', 'lygis', 'korteles tipas',
    'categorie', 'grup', 'nivel', 'tip card',
    '类别', '分类', '会员等级', '等级', '会员类型', '卡类型', '級別', '會員等級',
  ],
  address: ['address', 'адрес', 'адреса', 'adresas', 'adresa', '地址', '住址', '联系地址'],
  notes: ['notes', 'note', 'comment', 'comments', 'remarks', 'примечание', 'комментарий', 'примітка', 'коментар', 'pastabos', 'komentaras', 'note', 'observatii', 'comentariu', '备注', '備註', '说明'],
  locale: ['language', 'locale', 'язык', 'язык общения', 'мова', 'kalba', 'limba', '语言', '語言'],
  openingSpend: [
    'spend', 'total spend', 'total spent', 'purchases', 'turnover', 'sales total', 'amount spent',
    'сумма покупок', 'накопленная сумма', 'сумма накоплений', 'оборот', 'сумма продаж', 'куплено на сумму',
    'сума покупок', 'накопичена сума', 'pirkimu suma', 'apyvarta', 'suma cumparaturilor', 'total cumparaturi', 'rulaj',
    '消费金额', '累计消费', '消费总额', '累計消費',
  ],
  openingPoints: [
    'points', 'bonus', 'bonuses', 'points balance', 'bonus points', 'loyalty points',
    'баллы', 'бонусы', 'бонусные баллы', 'остаток баллов', 'баланс бонусов', 'бали', 'бонуси', 'залишок балів',
    'taskai', 'premijos', 'sukaupti taskai', 'puncte', 'puncte de fidelitate', 'sold puncte',
    '积分', '积分余额', '可用积分', '積分',
  ],
  giftCard: ['gift card', 'gift card number', 'certificate', 'подарочная карта', 'сертификат', 'подарочный сертификат', 'подарункова картка', 'сертифікат', 'dovanu kortele', 'dovanu kuponas', 'card cadou', 'certificat cadou', '礼品卡', '礼品卡号', '储值卡', '購物卡'],
  giftCardBalance: ['gift card balance', 'certificate balance', 'остаток сертификата', 'баланс сертификата', 'остаток на карте', 'залишок сертифіката', 'dovanu korteles likutis', 'sold card cadou', '礼品卡余额', '储值余额', '余额', '儲值餘額'],
  contactName: ['contact', 'contact person', 'контактное лицо', 'контакт', 'контактна особа', 'kontaktinis asmuo', 'persoana de contact', '联系人', '聯絡人'],
  contactRole: ['contact role', 'position', 'job title', 'должность', 'посада', 'pareigos', 'functie', '职务', '职位'],
  contactPhone: ['contact phone', 'телефон контактного лица', 'телефон контакту', 'kontaktinio asmens telefonas', 'telefon persoana de contact', '联系人电话', '联系人手机'],
  status: ['status', 'stage', 'lead status', 'customer status', 'funnel stage', 'статус клиента', 'стадия', 'этап', 'статус клієнта', 'стадія', 'етап', 'busena', 'kliento busena', 'etapas', 'statut', 'statut client', 'etapa', 'stadiu', '状态', '客户状态', '阶段', '狀態'],
  contactEmail: ['contact email', 'почта контактного лица', 'пошта контакту', 'kontaktinio asmens el pastas', 'email persoana de contact', '联系人邮箱'],
};

const BY_KEY = (() => {
  const map = new Map<string, ImportField>();
  for (const [field, names] of Object.entries(CUSTOMER_HEADERS) as [ImportField, string[]][]) {
    for (const name of names) {
      const key = headerKey(name);
      // A name listed under two fields goes to the first (a lone "имя" is a full name more often than a first name).
      if (!map.has(key)) map.set(key, field);
    }
  }
  return map;
})();

/**
 * Which column each customer field most likely comes from, by its header. A file with name parts
 * (first and last name) keeps the parts, not a column that only looks like a name.
 */
export function suggestMapping(headers: string[]): Partial<Record<ImportField, string>> {
  const mapping: Partial<Record<ImportField, string>> = {};
  for (const header of headers) {
    const field = BY_KEY.get(headerKey(header));
    if (field && !mapping[field]) mapping[field] = header;
  }
  // "Имя" beside "Фамилия" is a first name, and "Nume" beside "Prenume" a family name.
  if (mapping.name && mapping.lastName && !mapping.firstName) {
    mapping.firstName = mapping.name;
    delete mapping.name;
  } else if (mapping.name && mapping.firstName && !mapping.lastName) {
    mapping.lastName = mapping.name;
    delete mapping.name;
  }
  return mapping;
}
