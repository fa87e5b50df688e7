/** A code or number shown by its last four characters only (`••••••••4567`), as receipts show a card. */
export function lastFour(text: string): string {
  return text.length <= 4 ? text : '•'.repeat(text.length - 4) + text.slice(-4);
}

/** An e-mail address shown by its first character and its domain (`o•••@example.com`), for a register that does not show customers' addresses. */
export function maskedEmail(address: string): string {
  const at = address.lastIndexOf('@');
  return at <= 0 ? lastFour(address) : `${address[0]}•••${address.slice(at)}`;
}
