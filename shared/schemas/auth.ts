import { z } from 'zod';
import { PERMISSIONS, ROLES, APPROVABLE, APPROVAL_BINDING } from '../permissions.ts';
import { BasisPointsSchema, IdSchema, NonNegativeMoneySchema } from './common.ts';

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
  /** The country of phone numbers written without a country code (ISO 3166: LT, RU…). */
  phoneCountry: z.string().default('LT'),
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

const ApprovalScopeFields = z.object({
  action: z.enum(APPROVABLE),
  /** The sale, return or pre-order being made: the id its client gave it. */
  documentId: IdSchema.optional(),
  lineId: IdSchema.optional(),
  /** Minor units: a voided line's or a refund's amount at most, a unit price at least. */
  amount: NonNegativeMoneySchema.optional(),
  /** A manual discount's share of what it is given on, at most. */
  valueBp: BasisPointsSchema.optional(),
});

/** Each act names exactly what APPROVAL_BINDING binds it to. */
function refineScope(scope: z.infer<typeof ApprovalScopeFields>, ctx: z.RefinementCtx): void {
  const binding = APPROVAL_BINDING[scope.action];
  const need = (path: 'documentId' | 'lineId' | 'amount' | 'valueBp', wanted: boolean) => {
    if (wanted && scope[path] === undefined) ctx.addIssue({ code: 'custom', path: [path], message: `required to approve ${scope.action}` });
    if (!wanted && scope[path] !== undefined) ctx.addIssue({ code: 'custom', path: [path], message: `not part of approving ${scope.action}` });
  };
  need('documentId', binding.document);
  if (binding.line !== 'optional') need('lineId', binding.line === 'required');
  need('amount', binding.measure === 'amount');
  need('valueBp', binding.measure === 'valueBp');
}

/** What a supervisor approves: one act on one document (and line), as far as the amount or share given. */
export const ApprovalScopeSchema = ApprovalScopeFields.superRefine(refineScope);

export const ApprovalRequestSchema = ApprovalScopeFields.extend({
  login: z.string().trim().min(1).max(64),
  pin: PinSchema,
}).superRefine(refineScope);
export type ApprovalRequest = z.infer<typeof ApprovalRequestSchema>;

export const ApprovalResponseSchema = z.object({
  approvalId: IdSchema,
  approver: z.object({ id: IdSchema, name: z.string() }),
  expiresAt: z.string(),
});
export type ApprovalResponse = z.infer<typeof ApprovalResponseSchema>;
