// Printed words of receipts and shift reports, by receipt locale: the printer drivers and the e-mailed receipt share them.

const en = {
  receipt: 'RECEIPT', return: 'RETURN', copy: '*** COPY ***', originalReceipt: 'Original receipt', subtotal: 'Subtotal', discount: 'Discount', total: 'TOTAL',
  refundTotal: 'REFUND', vatRate: 'VAT', net: 'Net', tax: 'Tax', gross: 'Gross', cash: 'Cash', card: 'Card', points: 'Points', giftCard: 'Gift card', deposit: 'Pre-order deposit', onAccount: 'On account', pointsEarned: 'Points earned', pointsBalance: 'Points balance', tendered: 'Tendered', change: 'Change',
  cashier: 'Cashier', register: 'Register', number: 'No.', customer: 'Customer', card_: 'Card', xReport: 'X REPORT', zReport: 'Z REPORT',
  shift: 'Shift', opened: 'Opened', closed: 'Closed', printed: 'Printed', sales: 'Sales', returns: 'Returns', discounts: 'Discounts',
  tenders: 'Tenders', refunds: 'refunds', taxes: 'Taxes', float: 'Opening float', cashIn: 'Cash in', cashOut: 'Cash out',
  expectedCash: 'Expected cash', countedCash: 'Counted cash', difference: 'Difference',
  openedBy: 'Opened by', countedBy: 'Counted by', deposits: 'Pre-order deposits', depositsTaken: 'Taken', depositsRefunded: 'Refunded', depositsUsed: 'Used at collection', receiptsCount: '{n, plural, one {# receipt} other {# receipts}}', cashMovements: 'Cash movements', in_: 'in', out_: 'out', sourceManual: 'Manual', sourceCategory: 'Customer category', sourceCardTier: 'Card tier', sourceReceiptTotal: 'Receipt total', sourcePromotion: 'Promotion', sourcePersonal: 'Personal', sourcePoints: 'Points',
};

const ru: typeof en = {
  receipt: 'ЧЕК', return: 'ВОЗВРАТ', copy: '*** КОПИЯ ***', originalReceipt: 'Исходный чек', subtotal: 'Подытог', discount: 'Скидка', total: 'ИТОГ',
  refundTotal: 'К ВОЗВРАТУ', vatRate: 'НДС', net: 'Без НДС', tax: 'НДС', gross: 'Всего', cash: 'Наличные', card: 'Карта', points: 'Баллы', giftCard: 'Подарочная карта', deposit: 'Предоплата заказа', onAccount: 'В кредит (по счёту)', pointsEarned: 'Начислено баллов', pointsBalance: 'Баланс баллов', tendered: 'Получено', change: 'Сдача',
  cashier: 'Кассир', register: 'Касса', number: '№', customer: 'Покупатель', card_: 'Карта', xReport: 'X-ОТЧЁТ', zReport: 'Z-ОТЧЁТ',
  shift: 'Смена', opened: 'Открыта', closed: 'Закрыта', printed: 'Напечатано', sales: 'Продажи', returns: 'Возвраты', discounts: 'Скидки',
  tenders: 'Оплаты', refunds: 'возвраты', taxes: 'Налоги', float: 'Размен', cashIn: 'Внесение', cashOut: 'Изъятие',
  expectedCash: 'Ожидается наличных', countedCash: 'Пересчитано', difference: 'Разница',
  openedBy: 'Открыл', countedBy: 'Пересчитал', deposits: 'Предоплаты заказов', depositsTaken: 'Принято', depositsRefunded: 'Возвращено', depositsUsed: 'Зачтено при выдаче', receiptsCount: '{n, plural, one {# чек} few {# чека} many {# чеков} other {# чека}}', cashMovements: 'Движение наличных', in_: 'внесение', out_: 'изъятие', sourceManual: 'Ручная', sourceCategory: 'Категория покупателя', sourceCardTier: 'Уровень карты', sourceReceiptTotal: 'Сумма чека', sourcePromotion: 'Акция', sourcePersonal: 'Персональная', sourcePoints: 'Баллы',
};

const uk: typeof en = {
  receipt: 'ЧЕК', return: 'ПОВЕРНЕННЯ', copy: '*** КОПІЯ ***', originalReceipt: 'Початковий чек', subtotal: 'Проміжний підсумок', discount: 'Знижка', total: 'РАЗОМ',
  refundTotal: 'ДО ПОВЕРНЕННЯ', vatRate: 'ПДВ', net: 'Без ПДВ', tax: 'ПДВ', gross: 'Усього', cash: 'Готівка', card: 'Картка', points: 'Бали', giftCard: 'Подарункова картка', deposit: 'Передоплата замовлення', onAccount: 'У кредит (за рахунком)', pointsEarned: 'Нараховано балів', pointsBalance: 'Баланс балів', tendered: 'Отримано', change: 'Решта',
  cashier: 'Касир', register: 'Каса', number: '№', customer: 'Покупець', card_: 'Картка', xReport: 'X-ЗВІТ', zReport: 'Z-ЗВІТ',
  shift: 'Зміна', opened: 'Відкрита', closed: 'Закрита', printed: 'Надруковано', sales: 'Продажі', returns: 'Повернення', discounts: 'Знижки',
  tenders: 'Оплати', refunds: 'повернення', taxes: 'Податки', float: 'Розмінна сума', cashIn: 'Внесення', cashOut: 'Вилучення',
  expectedCash: 'Очікується готівки', countedCash: 'Пораховано', difference: 'Різниця',
  openedBy: 'Відкрив', countedBy: 'Перерахував', deposits: 'Передоплати замовлень', depositsTaken: 'Прийнято', depositsRefunded: 'Повернено', depositsUsed: 'Зараховано при видачі', receiptsCount: '{n, plural, one {# чек} few {# чеки} many {# чеків} other {# чека}}', cashMovements: 'Рух готівки', in_: 'внесення', out_: 'вилучення', sourceManual: 'Ручна', sourceCategory: 'Категорія покупця', sourceCardTier: 'Рівень картки', sourceReceiptTotal: 'Сума чека', sourcePromotion: 'Акція', sourcePersonal: 'Персональна', sourcePoints: 'Бали',
};

const ro: typeof en = {
  receipt: 'BON FISCAL', return: 'RETUR', copy: '*** COPIE ***', originalReceipt: 'Bon inițial', subtotal: 'Subtotal', discount: 'Reducere', total: 'TOTAL',
  refundTotal: 'DE RESTITUIT', vatRate: 'TVA', net: 'Fără TVA', tax: 'TVA', gross: 'Total', cash: 'Numerar', card: 'Card', points: 'Puncte', giftCard: 'Card cadou', deposit: 'Avans comandă', onAccount: 'Pe factură (credit)', pointsEarned: 'Puncte câștigate', pointsBalance: 'Sold puncte', tendered: 'Primit', change: 'Rest',
  cashier: 'Casier', register: 'Casa', number: 'Nr.', customer: 'Client', card_: 'Card', xReport: 'RAPORT X', zReport: 'RAPORT Z',
  shift: 'Tura', opened: 'Deschisă', closed: 'Închisă', printed: 'Tipărit', sales: 'Vânzări', returns: 'Retururi', discounts: 'Reduceri',
  tenders: 'Plăți', refunds: 'restituiri', taxes: 'Taxe', float: 'Fond inițial', cashIn: 'Intrări numerar', cashOut: 'Ieșiri numerar',
  expectedCash: 'Numerar așteptat', countedCash: 'Numerar numărat', difference: 'Diferență',
  openedBy: 'Deschisă de', countedBy: 'Numărat de', deposits: 'Avansuri comenzi', depositsTaken: 'Încasate', depositsRefunded: 'Restituite', depositsUsed: 'Folosite la ridicare', receiptsCount: '{n, plural, one {# bon} few {# bonuri} other {# de bonuri}}', cashMovements: 'Mișcări de numerar', in_: 'intrare', out_: 'ieșire', sourceManual: 'Manuală', sourceCategory: 'Categorie client', sourceCardTier: 'Nivel card', sourceReceiptTotal: 'Total bon', sourcePromotion: 'Promoție', sourcePersonal: 'Personală', sourcePoints: 'Puncte',
};

const lt: typeof en = {
  receipt: 'KVITAS', return: 'GRĄŽINIMAS', copy: '*** KOPIJA ***', originalReceipt: 'Pradinis kvitas', subtotal: 'Tarpinė suma', discount: 'Nuolaida', total: 'IŠ VISO',
  refundTotal: 'GRĄŽINTI', vatRate: 'PVM', net: 'Be PVM', tax: 'PVM', gross: 'Su PVM', cash: 'Grynieji', card: 'Kortelė', points: 'Taškai', giftCard: 'Dovanų kortelė', deposit: 'Užsakymo avansas', onAccount: 'Skolon (pagal sąskaitą)', pointsEarned: 'Gauta taškų', pointsBalance: 'Taškų likutis', tendered: 'Gauta', change: 'Grąža',
  cashier: 'Kasininkas', register: 'Kasa', number: 'Nr.', customer: 'Pirkėjas', card_: 'Kortelė', xReport: 'X ATASKAITA', zReport: 'Z ATASKAITA',
  shift: 'Pamaina', opened: 'Atidaryta', closed: 'Uždaryta', printed: 'Atspausdinta', sales: 'Pardavimai', returns: 'Grąžinimai', discounts: 'Nuolaidos',
  tenders: 'Mokėjimai', refunds: 'grąžinimai', taxes: 'Mokesčiai', float: 'Pradinė suma', cashIn: 'Įnešta', cashOut: 'Išimta',
  expectedCash: 'Turi būti grynųjų', countedCash: 'Suskaičiuota', difference: 'Skirtumas',
  openedBy: 'Atidarė', countedBy: 'Suskaičiavo', deposits: 'Užsakymų avansai', depositsTaken: 'Gauta', depositsRefunded: 'Grąžinta', depositsUsed: 'Įskaityta atsiimant', receiptsCount: '{n, plural, one {# kvitas} few {# kvitai} many {# kvito} other {# kvitų}}', cashMovements: 'Grynųjų judėjimas', in_: 'įnešta', out_: 'išimta', sourceManual: 'Rankinė', sourceCategory: 'Pirkėjo kategorija', sourceCardTier: 'Kortelės lygis', sourceReceiptTotal: 'Kvito suma', sourcePromotion: 'Akcija', sourcePersonal: 'Asmeninė', sourcePoints: 'Taškai',
};

const zh: typeof en = {
  receipt: '收据', return: '退货单', copy: '*** 副本 ***', originalReceipt: '原小票', subtotal: '小计', discount: '折扣', total: '合计',
  refundTotal: '退款', vatRate: '增值税', net: '不含税', tax: '税额', gross: '含税', cash: '现金', card: '银行卡', points: '积分', giftCard: '礼品卡', deposit: '预订订金', onAccount: '挂账', pointsEarned: '本次积分', pointsBalance: '积分余额', tendered: '实收', change: '找零',
  cashier: '收银员', register: '收银台', number: '单号', customer: '顾客', card_: '会员卡', xReport: 'X 报表', zReport: 'Z 报表',
  shift: '班次', opened: '开班', closed: '交班', printed: '打印时间', sales: '销售', returns: '退货', discounts: '折扣',
  tenders: '付款方式', refunds: '退款', taxes: '税额', float: '备用金', cashIn: '存入现金', cashOut: '取出现金',
  expectedCash: '应有现金', countedCash: '实点现金', difference: '差额',
  openedBy: '开班人', countedBy: '点钞人', deposits: '预订订金', depositsTaken: '收取', depositsRefunded: '退还', depositsUsed: '取货抵扣', receiptsCount: '{n} 张', cashMovements: '现金存取', in_: '存入', out_: '取出', sourceManual: '手动', sourceCategory: '顾客类别', sourceCardTier: '会员等级', sourceReceiptTotal: '满额', sourcePromotion: '促销', sourcePersonal: '个人', sourcePoints: '积分',
};

export type Labels = typeof en;

const BY_LANGUAGE: Record<string, Labels> = { en, ru, uk, ro, lt, zh };

/** Receipt words in the receipt's language (its first subtag: "lt-LT" → Lithuanian), English otherwise. */
export function labelsFor(locale: string): Labels {
  return BY_LANGUAGE[locale.toLowerCase().split('-')[0]] ?? en;
}
