import { z } from 'zod';
import { ROLES } from '../permissions.ts';
import { IdSchema } from './common.ts';
import { PinSchema } from './auth.ts';

export const UserViewSchema = z.object({
  id: IdSchema,
  login: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  active: z.boolean(),
  /** Whether the user can sign in to the back office (has a password), not only at a register. */
  backOffice: z.boolean(),
  locale: z.string().nullable(),
});
export const UserListSchema = z.object({ items: z.array(UserViewSchema) });

const PasswordSchema = z.string().min(10, 'at least 10 characters').max(200);

export const NewUserSchema = z.object({
  login: z.string().trim().min(2).max(40).regex(/^[a-z0-9._-]+$/, 'lower-case letters, digits, . _ -'),
  name: z.string().trim().min(1).max(80),
  role: z.enum(ROLES),
  pin: PinSchema,
  password: PasswordSchema.optional(),
});

export const UserChangeSchema = z.object({
  name: z.string().trim().min(1).max(80).optional(),
  role: z.enum(ROLES).optional(),
  active: z.boolean().optional(),
  locale: z.string().trim().max(10).nullable().optional(),
});

export const SecretResetSchema = z.object({ pin: PinSchema.optional(), password: PasswordSchema.optional() }).refine((v) => v.pin !== undefined || v.password !== undefined, {
  message: 'give a new PIN or password',
  path: ['pin'],
});
