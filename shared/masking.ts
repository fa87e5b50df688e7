/** A code or number shown by its last four characters only (`••••••••4567`), as receipts show a card. */
export function lastFour(text: string): string {
  return text.length <= 4 ? text : '•'.repeat(text.length - 4) + text.slice(-4);
}
