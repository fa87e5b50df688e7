import { getCountries, getCountryCallingCode, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { z } from 'zod';

export type { CountryCode };

/** A phone number as it is stored and synced: E.164 ("+37061234567"); digits without "+" (as stored before) are taken with it. */
export const E164Schema = z
  .string()
  .regex(/^\+?[1-9]\d{5,14}$/, 'a phone number in E.164, +37061234567')
  .transform((phone) => (phone.startsWith('+') ? phone : `+${phone}`));

/** Whether a text names a country libphonenumber knows ("LT", "RU", "CN"). */
export const isPhoneCountry = (text: string): text is CountryCode => (getCountries() as string[]).includes(text);

/** The country whose numbers a calling code ("370", "7") is mainly for: the one libphonenumber lists first. */
export function countryOfCallingCode(callingCode: string): CountryCode {
  const country = getCountries().find((c) => getCountryCallingCode(c) === callingCode);
  if (!country) throw new Error(`No country has the calling code ${callingCode}`);
  return country;
}

/**
 * A phone number typed or imported in any common way, as E.164, or null when it is not a valid
 * number: with its country code ("+370 612 34567", "00370…", "370…") or in the national form of
 * `country` ("8 612 34567" in Lithuania, "8 912 345-67-89" in Russia, "0721 234 567" in Romania).
 * Valid means a number of the country's numbering plan (libphonenumber's full metadata).
 */
export function parsePhone(text: string, country: CountryCode): string | null {
  const trimmed = text.trim();
  if (!/^[+\d\s().\-/]+$/.test(trimmed)) return null;
  const phone = parsePhoneNumberFromString(trimmed.replace(/^00/, '+'), country);
  return phone?.isValid() ? phone.number : null;
}
