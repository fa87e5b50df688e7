import { z } from 'zod';
import { PERMISSIONS, ROLES, APPROVABLE } from '../permissions.ts';
import { IdSchema } from './common.ts';

export const RoleSchema = z.enum(ROLES);
export const PermissionSchema = z.enum(PERMISSIONS);
export const PinSchema = z.string().regex(/^\d{4,8}$/, 'PIN must be 4 to 8 digits');

export const LoginRequestSchema = z
  .object({
    login: z.string().trim().min(1).max(64),
    pin: PinSchema.optional(),
    password: z.string().min(1).max(200).optional(),
    /** The register this browser is (cashier logins). */
    registerCode: z.string().trim().min(1).max(20).optional(),
  })
  .refine((v) => v.pin !== undefined || v.password !== undefined, {
    message: 'Give a PIN or a password',
    path: ['pin'],
  });
export type LoginRequest = z.infer<typeof LoginRequestSchema>;

export const UserViewSchema = z.object({
  id: IdSchema,
  login: z.string(),
  name: z.string(),
  role: RoleSchema,
  locale: z.string().nullable(),
});
export type UserView = z.infer<typeof UserViewSchema>;

export const OutletViewSchema = z.object({
  id: IdSchema,
  code: z.string(),
  name: z.string(),
  currency: z.string(),
  locale: z.string(),
  timezone: z.string(),
});
export type OutletView = z.infer<typeof OutletViewSchema>;

export const RegisterViewSchema = z.object({ id: IdSchema, code: z.string(), name: z.string() });
export type RegisterView = z.infer<typeof RegisterViewSchema>;

export const SessionViewSchema = z.object({
  user: UserViewSchema,
  outlet: OutletViewSchema,
  register: RegisterViewSchema.nullable(),
  permissions: z.array(PermissionSchema),
  /** How far the role goes on its own: beyond, a supervisor approves (null: no limit). */
  limits: z.object({ refundLimit: z.number().int().nullable(), discountLimitBp: z.number().int().nullable() }),
});
export type SessionView = z.infer<typeof SessionViewSchema>;

export const LoginResponseSchema = SessionViewSchema.extend({ token: z.string() });
export type LoginResponse = z.infer<typeof LoginResponseSchema>;

export const ApprovalRequestSchema = z.object({
  action: z.enum(APPROVABLE as [string, ...string[]]),
  login: z.string().trim().min(1).max(64),
  pin: PinSchema,
});
export type ApprovalRequest = z.infer<typeof ApprovalRequestSchema>;

export const ApprovalResponseSchema = z.object({
  approvalId: IdSchema,
  approver: z.object({ id: IdSchema, name: z.string() }),
  expiresAt: z.string(),
});
export type ApprovalResponse = z.infer<typeof ApprovalResponseSchema>;
