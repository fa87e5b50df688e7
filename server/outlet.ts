import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { InStoreLayoutSchema } from '../shared/barcodes.ts';
import { CombinationSchema } from '../shared/schemas/pricing.ts';
import { RoleMatrixSchema } from '../shared/schemas/settings.ts';
import { InvoicingSettingsSchema } from '../shared/schemas/invoicing.ts';
import type { OutletView } from '../shared/schemas/auth.ts';
import type { Db } from './db/client.ts';
import { newSigningKey } from './stock/note-signing.ts';

export const OutletSettingsSchema = z.object({
  receiptHeader: z.array(z.string()).default([]),
  receiptFooter: z.array(z.string()).default([]),
  inStoreLayouts: z.array(InStoreLayoutSchema).default([]),
  rounding: z.enum(['half-up']).default('half-up'),
  /** How automatic discounts combine on a line. */
  discountCombination: CombinationSchema.default({ mode: 'best' }),
  /** Automatic discounts stop at cost plus this margin (basis points of cost)… */
  minMarginBp: z.number().int().min(0).max(100_000).default(0),
  /** …unless the owner allows selling below that. */
  allowBelowFloor: z.boolean().default(false),
  /**
   * How far under the list price a price read from a scanned code may be without a supervisor
   * (basis points; null: any). Only price-labelled products take one, never below the floor.
   */
  codePriceMaxBelowBp: z.number().int().min(0).max(10_000).nullable().default(0),
  /** Whether stock may go below zero (a write-off of more than is on the books is refused otherwise). */
  allowNegativeStock: z.boolean().default(true),
  /** Whether a GS1 code whose expiry (AI 17, 7003) has passed is refused at the register, not only warned of. */
  refuseExpiredGoods: z.boolean().default(false),
  /**
   * Whether the shop is registered for VAT: then revenue is reported net of VAT (VAT apart) and
   * costs are entered net of the VAT it recovers; otherwise revenue is what customers paid.
   */
  vatRegistered: z.boolean().default(true),
  /** The window of purchases that counts for spend tiers. */
  spendPeriodDays: z.number().int().min(1).max(3660).default(365),
  /** The owner's matrix of what cashiers, senior cashiers and managers may do, and their limits. */
  roles: RoleMatrixSchema.partial().optional(),
  /** Signs unsubscribe links and (through a key derived from it) scale readings; made at the first start, kept in the database, never in the repo. */
  messagingSecret: z.string().min(32).optional(),
  /** Signs this outlet's transfer notes (Ed25519, PKCS#8 in base64); made at the first start, like the messaging secret. */
  signingKey: z.string().min(40).optional(),
  /** Codes the outlet had before its owner changed it: transfer notes addressed to them are still taken. */
  formerCodes: z.array(z.string()).default([]),
  /** The seller's details on invoices, numbering series, payment terms and what an overpayment becomes. */
  invoicing: InvoicingSettingsSchema.prefault({}),
});
export type OutletSettings = z.infer<typeof OutletSettingsSchema>;

/** The outlet this server runs, loaded once at start. */
export interface OutletInfo {
  id: string;
  view: OutletView;
  settings: OutletSettings;
  /** The key this outlet signs its transfer notes with (settings.signingKey, made at the first start). */
  signingKey: string;
}

/** The outlet this database is: the first one made in it. */
export async function thisOutlet(db: Db) {
  const outlet = await db.outlet.findFirst({ orderBy: { createdAt: 'asc' } });
  if (!outlet) throw new Error('The database has no outlet: start the server with demo data or import one');
  return outlet;
}

export async function loadOutlet(db: Db): Promise<OutletInfo> {
  const outlet = await thisOutlet(db);
  const settings = OutletSettingsSchema.parse(JSON.parse(outlet.settings));
  if (!settings.signingKey) {
    settings.signingKey = newSigningKey();
    await db.$transaction((tx) => tx.outlet.update({ where: { id: outlet.id }, data: { settings: JSON.stringify(settings) } }));
  }
  return {
    id: outlet.id,
    view: {
      id: outlet.id,
      code: outlet.code,
      name: outlet.name,
      currency: outlet.currency,
      locale: outlet.locale,
      timezone: outlet.timezone,
      // The configured country (buildApp sets it); Lithuania's until then.
      phoneCountry: 'LT',
    },
    settings,
    signingKey: settings.signingKey,
  };
}

/** The outlet's secret for signed links, created and stored on first use. */
export async function messagingSecret(db: Db, outlet: OutletInfo): Promise<string> {
  if (outlet.settings.messagingSecret) return outlet.settings.messagingSecret;
  const secret = randomBytes(32).toString('base64url');
  outlet.settings.messagingSecret = secret;
  await db.$transaction((tx) => tx.outlet.update({ where: { id: outlet.id }, data: { settings: JSON.stringify(outlet.settings) } }));
  return secret;
}
