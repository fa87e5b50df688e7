/**
 * Whether a sale line takes its customer's contract price (agreed in the contract running that
 * day): a plain line of the product. A line priced otherwise keeps that price: a scanned code,
 * a price override, a gift card, a deposit, a pre-order's agreed price. The register and the
 * server both ask this, so they price the same.
 */
export function takesContractPrice(line: { scannedCode?: string | null; priceOverride?: unknown; giftCard?: unknown; deposit?: unknown; preOrderLineId?: string | null }): boolean {
  return !line.scannedCode && !line.priceOverride && !line.giftCard && !line.deposit && !line.preOrderLineId;
}
