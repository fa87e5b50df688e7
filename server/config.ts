import { z } from 'zod';
import { countryOfCallingCode, isPhoneCountry, type CountryCode } from '../shared/phone.ts';

const ServerConfigSchema = z.object({
  /** outlet: a shop's server on SQLite; head-office: the chain's server on PostgreSQL (DATABASE_URL postgresql://…). */
  POS_MODE: z.enum(['outlet', 'head-office']).default('outlet'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().min(1).default('file:./data/outlet.db'),
  /** Seed the demo shop into an empty database at start. */
  POS_DEMO_DATA: z.enum(['true', 'false']).default('true'),
  /** The country of phone numbers typed or imported without a country code (ISO 3166, LT, RU, RO…). */
  POS_PHONE_COUNTRY: z.string().refine(isPhoneCountry, 'a country code libphonenumber knows, as LT or RU').optional(),
  /** The same as a calling code (370), as earlier versions took it: its main country. */
  POS_PHONE_COUNTRY_CODE: z.string().regex(/^\d{1,3}$/).default('370'),
  POS_LOGIN_RATE_LIMIT: z.coerce.number().int().min(1).default(20),
  /** Head office to push documents to (https in production) and this outlet's credential there; both or neither. */
  HEAD_OFFICE_URL: z.url().optional(),
  HEAD_OFFICE_TOKEN: z.string().min(16).optional(),
  /** Head office's administrator token (head-office mode; from a secret store, never the repository). */
  HEAD_OFFICE_ADMIN_TOKEN: z.string().min(24).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});
export type ServerConfig = z.infer<typeof ServerConfigSchema>;

/** Reads the server's settings from the environment; a bad value stops the start naming the variable. */
export function loadServerConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const parsed = ServerConfigSchema.refine((c) => !c.HEAD_OFFICE_URL === !c.HEAD_OFFICE_TOKEN, { path: ['HEAD_OFFICE_TOKEN'], message: 'set HEAD_OFFICE_URL and HEAD_OFFICE_TOKEN together' })
    .refine((c) => c.POS_MODE !== 'head-office' || c.HEAD_OFFICE_ADMIN_TOKEN, { path: ['HEAD_OFFICE_ADMIN_TOKEN'], message: 'head-office mode needs an administrator token (24 characters or more)' })
    .refine((c) => c.POS_MODE !== 'head-office' || /^postgres(ql)?:\/\//.test(c.DATABASE_URL), { path: ['DATABASE_URL'], message: 'head-office mode runs on PostgreSQL: postgresql://user:password@host/database' })
    .safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid server configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

/** The country of numbers without a country code: POS_PHONE_COUNTRY, else the main country of POS_PHONE_COUNTRY_CODE. */
export const phoneCountryOf = (config: Pick<ServerConfig, 'POS_PHONE_COUNTRY' | 'POS_PHONE_COUNTRY_CODE'>): CountryCode =>
  (config.POS_PHONE_COUNTRY as CountryCode | undefined) ?? countryOfCallingCode(config.POS_PHONE_COUNTRY_CODE);
