import { z } from 'zod';
import { IdSchema } from './common.ts';

export const DeviceStateSchema = z.enum(['online', 'offline', 'paper-out', 'cover-open', 'error', 'unknown']);

export const DeviceStatusViewSchema = z.object({
  id: z.string(),
  kind: z.string(),
  name: z.string(),
  uri: z.string(),
  state: DeviceStateSchema,
  paperNearEnd: z.boolean(),
  drawerOpen: z.boolean().nullable(),
  queue: z.object({ queued: z.number().int(), unknown: z.number().int(), failed: z.number().int() }),
  /** Scales: the register it stands at, its capacity and the last reading. */
  registerCode: z.string().nullable().optional(),
  maxGrams: z.number().int().nullable().optional(),
  weight: z.object({ state: z.string(), grams: z.number().int().nullable(), ticket: z.string().optional() }).nullable().optional(),
});
export type DeviceStatusView = z.infer<typeof DeviceStatusViewSchema>;
export const DeviceStatusListSchema = z.object({ items: z.array(DeviceStatusViewSchema) });

export const PrintJobViewSchema = z.object({
  id: IdSchema,
  deviceId: z.string(),
  kind: z.string(),
  documentId: z.string().nullable(),
  status: z.string(),
  copy: z.boolean(),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
});
export type PrintJobView = z.infer<typeof PrintJobViewSchema>;
export const PrintJobListSchema = z.object({ items: z.array(PrintJobViewSchema) });
export const PrintJobQuerySchema = z.object({
  status: z.enum(['queued', 'sending', 'printed', 'sent', 'failed', 'unknown', 'cancelled']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const NoSaleRequestSchema = z.object({ reason: z.string().trim().min(1).max(200), approvalId: IdSchema.optional() });

export const DeviceIdParamsSchema = z.object({ id: z.string().regex(/^[a-z0-9-]{1,60}$/, 'a device id such as receipt-printer-1') });
export const TestPrintResponseSchema = z.object({ printJob: z.object({ id: IdSchema, status: z.string() }) });

export const PoleDisplayRequestSchema = z.object({ line1: z.string().max(40), line2: z.string().max(40) });
export const PoleDisplayResponseSchema = z.object({ shown: z.boolean() });

export const DeviceKindSchema = z.enum(['receipt-printer', 'label-printer', 'scanner', 'scale', 'pole-display']);
export const AddDeviceRequestSchema = z.object({
  kind: DeviceKindSchema,
  name: z.string().trim().min(1).max(80),
  /** Device URI, e.g. socket://192.168.1.50:9100 or serial:/dev/ttyUSB1?protocol=cas&register=R1 */
  uri: z.string().trim().min(3).max(300),
  profile: z.string().trim().max(40).optional(),
});
export type AddDeviceRequest = z.infer<typeof AddDeviceRequestSchema>;
export const ConfiguredDeviceSchema = z.object({
  id: z.string(),
  kind: z.string(),
  name: z.string(),
  uri: z.string(),
  profile: z.string().nullable(),
  /** environment: set on the server machine (POS_… variables or POS_DEVICES_FILE); back-office: added here. */
  source: z.enum(['environment', 'back-office']),
});
export const ConfiguredDeviceListSchema = z.object({ items: z.array(ConfiguredDeviceSchema) });

/** A receipt printer model a device can be set up as (from the printer database). */
export const PrinterModelViewSchema = z.object({ id: z.string(), name: z.string(), columns: z.number().int(), qr: z.boolean(), confirmsPrinting: z.boolean(), realtimeDrawer: z.boolean() });
export type PrinterModelView = z.infer<typeof PrinterModelViewSchema>;
export const PrinterModelListSchema = z.object({ items: z.array(PrinterModelViewSchema) });
