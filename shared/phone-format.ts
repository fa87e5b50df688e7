import { parsePhoneNumberFromString } from 'libphonenumber-js/min';

/**
 * A stored (E.164) number written the way its country writes it: nationally for the outlet's own
 * country, internationally otherwise. The small metadata is enough to format; the server validates
 * with the full one (phone.ts).
 */
export function formatPhone(e164: string, outletCountry?: string): string {
  const phone = parsePhoneNumberFromString(e164);
  if (!phone) return e164;
  return phone.country && phone.country === outletCountry ? phone.formatNational() : phone.formatInternational();
}
