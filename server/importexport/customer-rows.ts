import { z } from 'zod';
import { parseMoney } from '../../shared/money.ts';
import { LOCALE_CODES, LOCALES } from '../../shared/locales.ts';
import { parsePhone, type CountryCode } from '../../shared/phone.ts';
import { CustomerInputSchema } from '../../shared/schemas/customers.ts';
import type { DateFormat, ImportField } from '../../shared/schemas/importexport.ts';
import { CJK } from '../../shared/search-text.ts';
import { readDate } from './dates.ts';

/** What one row of a customer file says about a customer, read and checked. */
export interface IncomingCustomer {
  name: string;
  kind: 'person' | 'company';
  /** Phones in E.164, the first one the main phone. */
  phones: { phone: string; label: string }[];
  email: string | null;
  cards: string[];
  birthday: string | null;
  registeredOn: string | null;
  /** The category cell's text (matched to a category by the caller). */
  category: string;
  /** The status cell's text (matched to a status of the funnel by the caller). */
  status: string;
  address: string;
  notes: string;
  companyCode: string | null;
  vatCode: string | null;
  /** The language's code, from a code (`lt`, `LT`) or the language's own name (`Lietuvių`). */
  locale: string | null;
  contact: { name: string; role: string; phone: string | null; email: string | null } | null;
  openingSpend: number;
  openingPoints: number;
  giftCard: { code: string; balance: number } | null;
}

/**
 * Legal forms that make a name a company's: Russian and Ukrainian (ООО, ТОВ, ИП, ФОП…), Lithuanian
 * (UAB, AB, MB, IĮ, VšĮ), Romanian (SRL, SA, PFA), English and German, and Chinese (有限公司).
 */
const LEGAL_FORM = /(?:^|[\s"«(,])(?:ООО|ОАО|ЗАО|ПАО|АО|НКО|ИП|ТОВ|ПП|ПрАТ|ПАТ|ФОП|UAB|AB|MB|IĮ|VšĮ|VŠĮ|SRL|S\.R\.L\.|SA|S\.A\.|PFA|II|LLC|Ltd|Ltd\.|Inc|Inc\.|GmbH|OÜ|SIA)(?=$|[\s"»),.])|有限公司|股份公司|有限责任公司|集团/u;

export const looksLikeCompany = (name: string): boolean => LEGAL_FORM.test(name);

/**
 * A person's name from its parts as a file splits it: "First Middle Last" (patronymic after the
 * first name), or family name first and no spaces for CJK names ("王" + "小明" → "王小明").
 */
export function joinName(first: string, middle: string, last: string): string {
  if (CJK.test(first + last) && !middle) return `${last}${first}`;
  return [first, middle, last].filter(Boolean).join(' ');
}

/** Several values in one cell (phones, e-mails, cards), as people write lists. */
const listOf = (text: string, separators: RegExp) => text.split(separators).map((v) => v.trim()).filter(Boolean);

const EmailSchema = z.email();
/** The fields of a row checked as the customer form checks them (built once: zod compiles each schema it is given). */
const CheckedFieldsSchema = CustomerInputSchema.pick({ name: true, address: true, notes: true, companyCode: true, vatCode: true, locale: true });

/** A language cell as its code: `lt`, `LT` or the language's own name (`Lietuvių`); other text is left for the schema to refuse. */
const localeOf = (text: string) => (text ? (LOCALE_CODES.find((code) => code === text.toLowerCase() || LOCALES[code].toLowerCase() === text.toLowerCase()) ?? text) : null);

/** Reads the cells of a row into a customer; `reasons` collects what is wrong, field by field. */
export function readCustomerRow(cell: (field: ImportField) => string, headerOf: (field: ImportField) => string, options: { phoneCountry: CountryCode; dateFormat: DateFormat; date1904: boolean; workbook: boolean }): { customer: IncomingCustomer; reasons: string[] } {
  const reasons: string[] = [];
  const personName = cell('name') || joinName(cell('firstName'), cell('middleName'), cell('lastName'));
  const company = cell('company');
  const name = company || personName;
  if (!name) reasons.push('name: empty (no name, name parts or company)');

  const phones: IncomingCustomer['phones'] = [];
  for (const field of ['phone', 'phone2', 'phone3'] as const) {
    for (const text of listOf(cell(field), /[,;\n]+/)) {
      const phone = parsePhone(text, options.phoneCountry);
      if (!phone) reasons.push(`${field}: "${text}" is not a valid phone number (numbers without a country code are read as ${options.phoneCountry})`);
      else if (!phones.some((p) => p.phone === phone)) phones.push({ phone, label: field === 'phone' ? '' : headerOf(field) });
    }
  }

  const emails = listOf(cell('email'), /[,;\s]+/).map((e) => e.toLowerCase());
  for (const email of emails) if (!EmailSchema.safeParse(email).success) reasons.push(`email: "${email}" is not an e-mail address`);
  const notes = [cell('notes'), ...emails.slice(1).map((e) => `E-mail: ${e}`)].filter(Boolean).join('\n');

  const date = (field: 'birthday' | 'registeredOn') => {
    const text = cell(field);
    if (!text) return null;
    const day = readDate(text, options.dateFormat, options.date1904, options.workbook);
    if (!day) reasons.push(`${field}: "${text}" is not a date written ${DATE_FORMAT_NAMES[options.dateFormat]}`);
    return day;
  };

  const money = (field: 'openingSpend' | 'giftCardBalance') => {
    const text = cell(field).replace(/[^\d.,\-\s']/g, '');
    if (!cell(field)) return 0;
    const amount = parseMoney(text);
    if (amount === null || amount < 0) reasons.push(`${field}: "${cell(field)}" is not an amount`);
    return amount ?? 0;
  };
  const pointsText = cell('openingPoints').replace(/[\s\u00a0']/g, '');
  const openingPoints = pointsText ? Number(pointsText) : 0;
  if (pointsText && (!/^-?\d+$/.test(pointsText) || Math.abs(openingPoints) > 1e9)) reasons.push(`openingPoints: "${cell('openingPoints')}" is not a whole number of points`);

  const giftCode = cell('giftCard');
  const giftBalance = money('giftCardBalance');
  if (!giftCode && giftBalance) reasons.push('giftCardBalance: a balance needs the gift card’s number');
  if (giftCode && (giftCode.length < 4 || giftCode.length > 64)) reasons.push(`giftCard: "${giftCode}" is not a gift card number (4 to 64 characters)`);

  const contactPhoneText = cell('contactPhone');
  const contactPhone = contactPhoneText ? parsePhone(contactPhoneText, options.phoneCountry) : null;
  if (contactPhoneText && !contactPhone) reasons.push(`contactPhone: "${contactPhoneText}" is not a valid phone number`);
  const contactEmail = cell('contactEmail').toLowerCase() || null;
  if (contactEmail && !EmailSchema.safeParse(contactEmail).success) reasons.push(`contactEmail: "${contactEmail}" is not an e-mail address`);
  // A company row's person is its contact; a contact column names one too.
  const contactName = cell('contactName') || (company ? personName : '');

  const cards = [...new Set(listOf(cell('card'), /[,;\s]+/))];
  const customer: IncomingCustomer = {
    name,
    kind: company || cell('companyCode') || looksLikeCompany(name) ? 'company' : 'person',
    phones,
    email: emails[0] ?? null,
    cards,
    birthday: date('birthday'),
    registeredOn: date('registeredOn'),
    category: cell('category'),
    status: cell('status'),
    address: cell('address'),
    notes,
    companyCode: cell('companyCode') || null,
    vatCode: cell('vatCode') || null,
    locale: localeOf(cell('locale')),
    contact: contactName || contactPhone || contactEmail ? { name: contactName || name, role: cell('contactRole'), phone: contactPhone, email: contactEmail } : null,
    openingSpend: money('openingSpend'),
    openingPoints,
    giftCard: giftCode ? { code: giftCode, balance: giftBalance } : null,
  };
  // Lengths and shapes as the customer form checks them.
  const checked = CheckedFieldsSchema.safeParse({
    name: customer.name || 'x',
    address: customer.address,
    notes: customer.notes,
    companyCode: customer.companyCode,
    vatCode: customer.vatCode,
    locale: customer.locale,
  });
  if (!checked.success) reasons.push(...checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  for (const card of cards) if (card.length < 4 || card.length > 40) reasons.push(`card: "${card}" is not a card number (4 to 40 characters)`);
  return { customer, reasons };
}

export const DATE_FORMAT_NAMES: Record<DateFormat, string> = {
  dmy: 'day first (31.12.1980)',
  mdy: 'month first (12/31/1980)',
  ymd: 'year first (1980/12/31)',
  serial: 'as an Excel day number',
};
