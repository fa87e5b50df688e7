/**
 * Normalises a phone number to digits with the country code (E.164 without "+"), so "8 612 34567",
 * "+370 612 34567" and "612 34567" find the same customer. Returns null for text that is not a number.
 */
export function normalisePhone(text: string, defaultCountryCode: string): string | null {
  const trimmed = text.trim();
  if (!/^[+\d\s().-]+$/.test(trimmed)) return null;
  let digits = trimmed.replace(/\D/g, '');
  if (digits.length < 5 || digits.length > 15) return null;
  if (trimmed.startsWith('+')) return digits;
  if (digits.startsWith('00')) return digits.slice(2);
  if (digits.startsWith(defaultCountryCode) && digits.length > 9) return digits;
  // Trunk prefix: a leading 0 (most of Europe) or 8 (Lithuania, the CIS) before a national number.
  if (digits.startsWith('0') || (digits.startsWith('8') && digits.length >= 9)) digits = digits.slice(1);
  return defaultCountryCode + digits;
}
