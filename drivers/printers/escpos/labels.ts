// Printed words of receipts and shift reports, by receipt locale.

const en = {
  receipt: 'RECEIPT', return: 'RETURN', copy: '*** COPY ***', originalReceipt: 'Original receipt', subtotal: 'Subtotal', discount: 'Discount', total: 'TOTAL',
  refundTotal: 'REFUND', vatRate: 'VAT', net: 'Net', tax: 'Tax', gross: 'Gross', cash: 'Cash', card: 'Card', points: 'Points', giftCard: 'Gift card', deposit: 'Pre-order deposit', preOrder: 'Pre-order', pointsEarned: 'Points earned', pointsBalance: 'Points balance', tendered: 'Tendered', change: 'Change',
  cashier: 'Cashier', register: 'Register', number: 'No.', customer: 'Customer', card_: 'Card', xReport: 'X REPORT', zReport: 'Z REPORT',
  shift: 'Shift', opened: 'Opened', closed: 'Closed', printed: 'Printed', sales: 'Sales', returns: 'Returns', discounts: 'Discounts',
  tenders: 'Tenders', refunds: 'refunds', taxes: 'Taxes', float: 'Opening float', cashIn: 'Cash in', cashOut: 'Cash out',
  expectedCash: 'Expected cash', countedCash: 'Counted cash', difference: 'Difference', count: 'count',
};

const ru: typeof en = {
  receipt: 'ЧЕК', return: 'ВОЗВРАТ', copy: '*** КОПИЯ ***', originalReceipt: 'Исходный чек', subtotal: 'Подытог', discount: 'Скидка', total: 'ИТОГ',
  refundTotal: 'К ВОЗВРАТУ', vatRate: 'НДС', net: 'Без НДС', tax: 'НДС', gross: 'Всего', cash: 'Наличные', card: 'Карта', points: 'Баллы', giftCard: 'Подарочная карта', deposit: 'Предоплата заказа', preOrder: 'Заказ', pointsEarned: 'Начислено баллов', pointsBalance: 'Баланс баллов', tendered: 'Получено', change: 'Сдача',
  cashier: 'Кассир', register: 'Касса', number: '№', customer: 'Покупатель', card_: 'Карта', xReport: 'X-ОТЧЁТ', zReport: 'Z-ОТЧЁТ',
  shift: 'Смена', opened: 'Открыта', closed: 'Закрыта', printed: 'Напечатано', sales: 'Продажи', returns: 'Возвраты', discounts: 'Скидки',
  tenders: 'Оплаты', refunds: 'возвраты', taxes: 'Налоги', float: 'Размен', cashIn: 'Внесение', cashOut: 'Изъятие',
  expectedCash: 'Ожидается наличных', countedCash: 'Пересчитано', difference: 'Разница', count: 'шт.',
};

export type Labels = typeof en;

export function labelsFor(locale: string): Labels {
  return locale.toLowerCase().startsWith('ru') ? ru : en;
}
