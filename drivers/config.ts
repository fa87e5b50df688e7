import { z } from 'zod';
import { PROFILES } from './printers/escpos/profiles.ts';
import type { DrawerSettings } from './printers/escpos/render-job.ts';
import { parseDeviceUri, type DeviceAddress } from './transports/device-uri.ts';

/** A receipt printer as configured: CUPS-style device URI, model profile, drawer wiring. */
export interface ReceiptPrinterConfig {
  id: string;
  uri: string;
  address: DeviceAddress;
  profile: string;
  drawer: DrawerSettings;
  drawerOpenWhen: 'high' | 'low' | 'none';
}

export interface DeviceConfig {
  receiptPrinter: ReceiptPrinterConfig | null;
}

const DeviceEnvSchema = z.object({
  POS_RECEIPT_PRINTER: z.string().trim().optional(),
  POS_PRINTER_PROFILE: z.enum(Object.keys(PROFILES) as [string, ...string[]]).default('epson-generic'),
  POS_DRAWER: z.enum(['pin2', 'pin5', 'none']).default('pin2'),
  POS_DRAWER_PULSE_MS: z
    .string()
    .regex(/^\d{1,3}\/\d{1,3}$/, 'must be on/off milliseconds, e.g. 50/500')
    .default('50/500'),
  POS_DRAWER_SENSOR: z.enum(['high', 'low', 'none']).default('none'),
});

/** Reads devices from the environment (see README); a bad value throws naming the variable. */
export function loadDeviceConfig(env: NodeJS.ProcessEnv): DeviceConfig {
  const parsed = DeviceEnvSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${issue.path.join('.')}: ${issue.message}`);
  }
  const e = parsed.data;
  if (!e.POS_RECEIPT_PRINTER) return { receiptPrinter: null };
  const [onMs, offMs] = e.POS_DRAWER_PULSE_MS.split('/').map(Number);
  return {
    receiptPrinter: {
      id: 'receipt-printer-1',
      uri: e.POS_RECEIPT_PRINTER,
      address: named('POS_RECEIPT_PRINTER', () => parseDeviceUri(e.POS_RECEIPT_PRINTER!)),
      profile: e.POS_PRINTER_PROFILE,
      drawer: { pin: e.POS_DRAWER === 'pin5' ? 1 : 0, onMs, offMs },
      drawerOpenWhen: e.POS_DRAWER_SENSOR,
    },
  };
}

function named<T>(variable: string, read: () => T): T {
  try {
    return read();
  } catch (err) {
    throw new Error(`${variable}: ${(err as Error).message}`);
  }
}
