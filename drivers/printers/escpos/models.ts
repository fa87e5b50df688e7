import CodepageEncoder, { type Codepage } from '@point-of-sale/codepage-encoder';
import ReceiptPrinterEncoder, { type ReceiptPrinterEncoderOptions } from '@point-of-sale/receipt-printer-encoder';

/**
 * A receipt printer model. Code pages and their ESC t numbers, columns, dot width, QR and cutter
 * come from the printer database that @point-of-sale/receipt-printer-encoder carries; the database
 * does not say which models answer status, pulse the drawer in real time or confirm printing, so
 * those three come from the manufacturers' command references (Epson's lists the models for
 * DLE EOT, DLE DC4 fn 1 and GS ( H fn 48).
 */
export interface PrinterModel {
  id: string;
  name: string;
  /** Characters per line in font A. */
  columns: number;
  /** Printable width in dots. */
  dots: number;
  /** The code pages the model has, from the database. */
  codepages: Codepage[];
  hasQr: boolean;
  hasCutter: boolean;
  /** Answers DLE EOT real-time status requests. */
  hasStatus: boolean;
  /** Executes DLE DC4 1 m t (drawer pulse) on receipt, even while offline or out of paper. */
  realtimePulse: boolean;
  /** Sends a process ID response (GS ( H fn 48) when the data before it has been printed. */
  confirmsPrinting: boolean;
  /** A fresh encoder set up for this model. */
  encoder(): ReceiptPrinterEncoder;
}

interface Capabilities {
  hasStatus: boolean;
  realtimePulse: boolean;
  confirmsPrinting: boolean;
}

const EPSON: Capabilities = { hasStatus: true, realtimePulse: true, confirmsPrinting: true };
const STATUS_ONLY: Capabilities = { hasStatus: true, realtimePulse: false, confirmsPrinting: false };
const NOTHING_BACK: Capabilities = { hasStatus: false, realtimePulse: false, confirmsPrinting: false };

/** The models the product offers, by their database id. */
const OFFERED: Record<string, Capabilities> = {
  'epson-tm-t20ii': EPSON,
  'epson-tm-t20iii': EPSON,
  'epson-tm-t20iv': EPSON,
  'epson-tm-t88iv': EPSON,
  'epson-tm-t88v': EPSON,
  'epson-tm-t88vi': EPSON,
  'epson-tm-t88vii': EPSON,
  'epson-tm-m30ii': EPSON,
  'epson-tm-m30iii': EPSON,
  'xprinter-xp-n160ii': STATUS_ONLY,
  'xprinter-xp-t80q': STATUS_ONLY,
  'bixolon-srp350iii': STATUS_ONLY,
  'citizen-ct-s310ii': STATUS_ONLY,
  'pos-8360': STATUS_ONLY,
  'pos-5890': NOTHING_BACK,
};

/**
 * For a printer nobody could name: the ESC t numbers that Epson, Bixolon, Xprinter and the
 * POS-58/80 clone families all share (the database's "epson/legacy" table), 48 columns, no QR.
 * Whatever those pages lack prints as an image.
 */
export const GENERIC_MODEL_ID = 'generic-escpos';

/** Names of the profiles before the database: they still work, as these models. */
export const MODEL_ALIASES: Record<string, string> = {
  'epson-generic': 'epson-tm-t20iii',
  'clone-80': 'pos-8360',
  'clone-58': 'pos-5890',
};

interface DatabaseEntry {
  name: string;
  options: ReceiptPrinterEncoderOptions;
  capabilities: { qrcode?: { supported: boolean }; cutter?: unknown };
}

function databaseEntry(id: string): DatabaseEntry {
  if (id === GENERIC_MODEL_ID) {
    return { name: 'Generic ESC/POS printer, 80 mm', options: { language: 'esc-pos', columns: 48, codepageMapping: 'epson/legacy', feedBeforeCut: 4, imageMode: 'raster' }, capabilities: { qrcode: { supported: false }, cutter: { feed: 4 } } };
  }
  const info = ReceiptPrinterEncoder.printerModels.find((m) => m.id === id);
  if (!info) throw new Error(`the printer database has no model ${id}`);
  // GS v 0 raster images: every offered model prints them, in slices of at most 255 rows.
  const options = { printerModel: id, imageMode: 'raster' } as ReceiptPrinterEncoderOptions;
  return { name: info.name.trim(), options, capabilities: new ReceiptPrinterEncoder(options).printerCapabilities as DatabaseEntry['capabilities'] };
}

/** The code pages an encoder can select: the database's mapping, read through the encoder's own checks. */
function codepagesOf(options: ReceiptPrinterEncoderOptions): Codepage[] {
  const encoder = new ReceiptPrinterEncoder(options);
  return CodepageEncoder.getEncodings().filter((codepage) => {
    try {
      encoder.codepage(codepage);
      return true;
    } catch {
      return false;
    }
  });
}

function buildModel(id: string, capabilities: Capabilities): PrinterModel {
  const entry = databaseEntry(id);
  const probe = new ReceiptPrinterEncoder(entry.options);
  return {
    id,
    name: entry.name,
    columns: probe.columns,
    dots: probe.printableWidth,
    codepages: codepagesOf(entry.options),
    hasQr: entry.capabilities.qrcode?.supported === true,
    hasCutter: entry.capabilities.cutter !== undefined,
    ...capabilities,
    encoder: () => new ReceiptPrinterEncoder(entry.options),
  };
}

export const MODELS: Record<string, PrinterModel> = Object.fromEntries(
  [...Object.entries(OFFERED), [GENERIC_MODEL_ID, STATUS_ONLY] as const].map(([id, capabilities]) => [id, buildModel(id, capabilities)]),
);

/** Every name a configuration may use: model ids and the old profile names. */
export const MODEL_NAMES = [...Object.keys(MODELS), ...Object.keys(MODEL_ALIASES)] as [string, ...string[]];

/** The model for an id or an old profile name. */
export function getModel(name: string): PrinterModel {
  const model = MODELS[MODEL_ALIASES[name] ?? name];
  if (!model) throw new Error(`Unknown printer model "${name}"; known: ${Object.keys(MODELS).join(', ')}`);
  return model;
}
