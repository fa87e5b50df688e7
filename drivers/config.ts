import fs from 'node:fs';
import { z } from 'zod';
import { MAX_PULSE_MS } from './printers/escpos/commands.ts';
import { GENERIC_MODEL_ID, MODEL_ALIASES, MODEL_NAMES } from './printers/escpos/models.ts';
import type { DrawerSettings } from './printers/receipt-printer.ts';
import { parseDeviceUri, type DeviceAddress } from './transports/device-uri.ts';
import { SCALE_PROTOCOLS } from './scales/protocols.ts';
import type { LabelMedia } from './labels/label.ts';
import { layOutLabel } from './labels/label-layout.ts';

/** A receipt printer as configured: CUPS-style device URI, printer model, drawer wiring. */
export interface ReceiptPrinterConfig {
  id: string;
  uri: string;
  address: DeviceAddress;
  /** A model id of the printer database (an old profile name is read as its model). */
  model: string;
  drawer: DrawerSettings;
  drawerOpenWhen: 'high' | 'low' | 'none';
}

/** A scanner read by the server, whose codes go to one register. */
export interface ScannerConfig {
  id: string;
  uri: string;
  registerCode: string;
  source: { kind: 'serial'; address: Extract<DeviceAddress, { transport: 'serial' }> } | { kind: 'hid'; vendorId?: number; productId?: number };
}

/** A serial scale and the register it stands at. */
export interface ScaleConfig {
  id: string;
  uri: string;
  registerCode: string;
  address: Extract<DeviceAddress, { transport: 'serial' }>;
  maxGrams: number;
}

/** A label printer: where it is and the label stock loaded in it. */
export interface LabelPrinterConfig {
  id: string;
  uri: string;
  address: DeviceAddress;
  media: LabelMedia;
}

/** A customer-facing pole display at a register. */
export interface PoleDisplayConfig {
  id: string;
  uri: string;
  registerCode: string;
  address: Extract<DeviceAddress, { transport: 'serial' }>;
}

export interface DeviceConfig {
  poleDisplays: PoleDisplayConfig[];
  receiptPrinter: ReceiptPrinterConfig | null;
  labelPrinter: LabelPrinterConfig | null;
  scanners: ScannerConfig[];
  scales: ScaleConfig[];
}

const PrinterModelSchema = z.enum(MODEL_NAMES, { message: `must be a printer model: ${MODEL_NAMES.join(', ')}` });

const DeviceEnvSchema = z.object({
  POS_RECEIPT_PRINTER: z.string().trim().optional(),
  /** The printer's model when its URI has no ?model= (old profile names still work). */
  POS_PRINTER_PROFILE: PrinterModelSchema.optional(),
  POS_DRAWER: z.enum(['pin2', 'pin5', 'none']).default('pin2'),
  POS_DRAWER_PULSE_MS: z
    .string()
    .regex(/^\d{1,4}\/\d{1,4}$/, 'must be on/off milliseconds, e.g. 50/500')
    // ESC p cannot pulse longer; a longer pulse cut short could leave a heavy drawer shut.
    .refine((v) => v.split('/').every((ms) => Number(ms) >= 2 && Number(ms) <= MAX_PULSE_MS), `each pulse must be 2–${MAX_PULSE_MS} ms`)
    .default('50/500'),
  POS_DRAWER_SENSOR: z.enum(['high', 'low', 'none']).default('none'),
  /** Comma-separated scanner URIs: serial:/dev/ttyACM0?suffix=CR&register=R1 or hid:pos?register=R2 */
  POS_SCANNERS: z.string().trim().optional(),
  /** Comma-separated scale URIs: serial:/dev/ttyUSB1?baud=9600&framing=7E1&protocol=toledo&register=R1&max=15000 */
  POS_SCALES: z.string().trim().optional(),
  /** socket://host:9100?language=zpl&width=58&height=40&gap=2&dpi=203 (also file: and serial:) */
  POS_LABEL_PRINTER: z.string().trim().optional(),
  /** Comma-separated VFD pole displays: serial:/dev/ttyUSB2?baud=9600&register=R1 */
  POS_POLE_DISPLAYS: z.string().trim().optional(),
});

/** Reads devices from the environment (see README); a bad value throws naming the variable. */
export function loadDeviceConfig(env: NodeJS.ProcessEnv): DeviceConfig {
  const parsed = DeviceEnvSchema.safeParse({ ...readConfigFile(env.POS_DEVICES_FILE), ...definedOnly(env) });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${issue.path.join('.')}: ${issue.message}`);
  }
  const e = parsed.data;
  const scanners = list(e.POS_SCANNERS).map((uri, i) => named('POS_SCANNERS', () => parseScanner(uri, i + 1)));
  const scales = list(e.POS_SCALES).map((uri, i) => named('POS_SCALES', () => parseScale(uri, i + 1)));
  const labelPrinter = e.POS_LABEL_PRINTER ? named('POS_LABEL_PRINTER', () => parseLabelPrinter(e.POS_LABEL_PRINTER!)) : null;
  const poleDisplays = list(e.POS_POLE_DISPLAYS).map((uri, i) => named('POS_POLE_DISPLAYS', () => parsePoleDisplay(uri, i + 1)));
  if (!e.POS_RECEIPT_PRINTER) return { receiptPrinter: null, labelPrinter, scanners, scales, poleDisplays };
  const [onMs, offMs] = e.POS_DRAWER_PULSE_MS.split('/').map(Number);
  const address = named('POS_RECEIPT_PRINTER', () => parseDeviceUri(e.POS_RECEIPT_PRINTER!));
  const model = named('POS_RECEIPT_PRINTER', () => {
    const inUri = address.params.model;
    if (inUri !== undefined && !PrinterModelSchema.safeParse(inUri).success) throw new Error(`model ${inUri} is not a printer model: ${MODEL_NAMES.join(', ')}`);
    const name = inUri ?? e.POS_PRINTER_PROFILE ?? GENERIC_MODEL_ID;
    return MODEL_ALIASES[name] ?? name;
  });
  return {
    receiptPrinter: {
      id: 'receipt-printer-1',
      uri: e.POS_RECEIPT_PRINTER,
      address,
      model,
      drawer: { pin: e.POS_DRAWER === 'pin5' ? 1 : 0, onMs, offMs },
      drawerOpenWhen: e.POS_DRAWER_SENSOR,
    },
    labelPrinter,
    scanners,
    scales,
    poleDisplays,
  };
}

function parsePoleDisplay(uri: string, n: number): PoleDisplayConfig {
  const address = parseDeviceUri(uri);
  if (address.transport !== 'serial') throw new Error(`a pole display is serial:/dev/…, not ${uri}`);
  return { id: `pole-display-${n}`, uri, registerCode: address.params.register ?? 'R1', address };
}

const LabelMediaSchema = z.object({
  language: z.enum(['zpl', 'tspl', 'escpos']).default('zpl'),
  width: z.coerce.number().min(10).max(120).default(58),
  height: z.coerce.number().min(10).max(200).default(40),
  gap: z.coerce.number().min(0).max(20).default(2),
  dpi: z.coerce.number().pipe(z.union([z.literal(203), z.literal(300)])).default(203),
  ean13: z.enum(['gs1', 'truncated']).default('gs1'),
});

function parseLabelPrinter(uri: string): LabelPrinterConfig {
  const [base, query = ''] = uri.split('?');
  const params = Object.fromEntries(new URLSearchParams(query));
  const media = LabelMediaSchema.safeParse(params);
  if (!media.success) throw new Error(`${media.error.issues[0].path.join('.')}: ${media.error.issues[0].message}`);
  // Serial settings stay in the device URI; the label stock is read from the same query.
  const address = parseDeviceUri(base.startsWith('serial:') ? uri : base);
  const m = media.data;
  const labelMedia: LabelMedia = { language: m.language, widthMm: m.width, heightMm: m.height, gapMm: m.gap, dpi: m.dpi as 203 | 300, ean13: m.ean13 };
  // Checked here so that a label stock that cannot carry its barcode is refused when configured, not at the first job.
  if (m.language !== 'escpos') layOutLabel(labelMedia);
  return { id: 'label-printer-1', uri, address, media: labelMedia };
}

const DeviceFileSchema = z.record(z.string().regex(/^POS_[A-Z_]+$/, 'keys are the POS_… variable names'), z.union([z.string(), z.number()]).transform(String));

/**
 * Devices can also come from a JSON file named by POS_DEVICES_FILE, with the same keys as the
 * environment ({"POS_RECEIPT_PRINTER": "socket://…"}); a variable set in the environment wins.
 */
function readConfigFile(file: string | undefined): Record<string, string> {
  if (!file) return {};
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`POS_DEVICES_FILE: cannot read ${file}: ${(err as Error).message}`);
  }
  const parsed = DeviceFileSchema.safeParse(json);
  if (!parsed.success) throw new Error(`POS_DEVICES_FILE: ${parsed.error.issues[0].path.join('.') || 'file'}: ${parsed.error.issues[0].message}`);
  return parsed.data;
}

function definedOnly(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== ''));
}

function list(value: string | undefined): string[] {
  return (value ?? '').split(',').map((uri) => uri.trim()).filter(Boolean);
}

function parseScale(uri: string, n: number): ScaleConfig {
  const address = parseDeviceUri(uri);
  if (address.transport !== 'serial') throw new Error(`a scale is serial:/dev/…, not ${uri}`);
  const protocol = address.params.protocol ?? 'toledo';
  if (!(protocol in SCALE_PROTOCOLS)) throw new Error(`protocol ${protocol} is not one of ${Object.keys(SCALE_PROTOCOLS).join(', ')}`);
  const maxGrams = Number(address.params.max ?? 15_000);
  if (!Number.isInteger(maxGrams) || maxGrams <= 0) throw new Error(`max ${address.params.max} is not a weight in grams`);
  return { id: `scale-${n}`, uri, registerCode: address.params.register ?? 'R1', address, maxGrams };
}

function parseScanner(uri: string, n: number): ScannerConfig {
  const hid = /^hid:(pos|([0-9a-f]{4}):([0-9a-f]{4}))(?:\?(.*))?$/i.exec(uri);
  if (hid) {
    const params = new URLSearchParams(hid[4] ?? '');
    return {
      id: `scanner-${n}`,
      uri,
      registerCode: params.get('register') ?? 'R1',
      source: { kind: 'hid', ...(hid[2] ? { vendorId: parseInt(hid[2], 16), productId: parseInt(hid[3], 16) } : {}) },
    };
  }
  const address = parseDeviceUri(uri);
  if (address.transport !== 'serial') throw new Error(`a scanner is serial:/dev/… or hid:pos, not ${uri}`);
  return { id: `scanner-${n}`, uri, registerCode: address.params.register ?? 'R1', source: { kind: 'serial', address } };
}

function named<T>(variable: string, read: () => T): T {
  try {
    return read();
  } catch (err) {
    throw new Error(`${variable}: ${(err as Error).message}`);
  }
}
