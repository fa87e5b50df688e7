import { z } from 'zod';
import { IdSchema } from './common.ts';
import { OutletCodeSchema } from './headoffice.ts';

/** A register's code: on its receipt numbers (R1-0001-0042), in device URIs (register=R1) and the register's address (?register=R1). */
export const RegisterCodeSchema = z.string().trim().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,19}$/, 'letters, digits, - and _ (at most 20)');
const DeviceRefSchema = z.string().regex(/^[a-z0-9-]{1,60}$/, 'a device id such as scale-1').nullable();
const RegisterNameSchema = z.string().trim().min(1, 'a register needs a name').max(60);

/** The devices a register names (null: the outlet's receipt printer; the scale or display whose URI names the register). */
export const RegisterDevicesSchema = z.object({
  receiptPrinterId: DeviceRefSchema.default(null),
  scaleId: DeviceRefSchema.default(null),
  displayId: DeviceRefSchema.default(null),
});

export const NewRegisterSchema = RegisterDevicesSchema.extend({ code: RegisterCodeSchema, name: RegisterNameSchema });
export type NewRegister = z.infer<typeof NewRegisterSchema>;

/**
 * What changes of a register: any of its name and devices (a register's set-up grows by fields
 * here). Its code stays: receipts, device URIs and the register's address carry it.
 */
export const RegisterChangeSchema = z
  .object({ name: RegisterNameSchema, receiptPrinterId: DeviceRefSchema, scaleId: DeviceRefSchema, displayId: DeviceRefSchema })
  .partial()
  .refine((change) => Object.keys(change).length > 0, 'nothing to change');
export type RegisterChange = z.infer<typeof RegisterChangeSchema>;

export const RegisterSetupViewSchema = z.object({
  id: IdSchema,
  code: z.string(),
  name: z.string(),
  /** Retired registers sign nobody in; their shifts and sales stay. */
  active: z.boolean(),
  receiptPrinterId: z.string().nullable(),
  scaleId: z.string().nullable(),
  displayId: z.string().nullable(),
  openShift: z.object({ number: z.number().int(), openedAt: z.string(), openedBy: z.string() }).nullable(),
  shifts: z.number().int(),
});
export type RegisterSetupView = z.infer<typeof RegisterSetupViewSchema>;

/** A running device a register can name, with the register its URI names (null: none, a printer). */
export const AssignableDeviceSchema = z.object({
  id: z.string(),
  kind: z.enum(['receipt-printer', 'scale', 'pole-display']),
  name: z.string(),
  uri: z.string(),
  uriRegister: z.string().nullable(),
});
export type AssignableDevice = z.infer<typeof AssignableDeviceSchema>;
export const RegisterListSchema = z.object({ items: z.array(RegisterSetupViewSchema), devices: z.array(AssignableDeviceSchema) });

/** The outlet's code and name. */
export const OutletIdentitySchema = z.object({ code: OutletCodeSchema, name: z.string().trim().min(1, 'the outlet needs a name').max(120) });
export const OutletIdentityViewSchema = OutletIdentitySchema.extend({
  /** In a chain the code is the one head office knows the outlet by, and is changed there. */
  inChain: z.boolean(),
  /** Codes this outlet had: transfer notes addressed to them are still taken. */
  formerCodes: z.array(z.string()),
});
export type OutletIdentityView = z.infer<typeof OutletIdentityViewSchema>;
