import { z } from 'zod';
import { InStoreLayoutSchema } from '../shared/barcodes.ts';
import type { OutletView } from '../shared/schemas/auth.ts';
import type { Db } from './db/client.ts';

export const OutletSettingsSchema = z.object({
  receiptHeader: z.array(z.string()).default([]),
  receiptFooter: z.array(z.string()).default([]),
  inStoreLayouts: z.array(InStoreLayoutSchema).default([]),
  rounding: z.enum(['half-up']).default('half-up'),
});
export type OutletSettings = z.infer<typeof OutletSettingsSchema>;

/** The outlet this server runs, loaded once at start. */
export interface OutletInfo {
  id: string;
  view: OutletView;
  settings: OutletSettings;
}

export async function loadOutlet(db: Db): Promise<OutletInfo> {
  const outlet = await db.outlet.findFirst({ orderBy: { createdAt: 'asc' } });
  if (!outlet) throw new Error('The database has no outlet: start the server with demo data or import one');
  return {
    id: outlet.id,
    view: {
      id: outlet.id,
      code: outlet.code,
      name: outlet.name,
      currency: outlet.currency,
      locale: outlet.locale,
      timezone: outlet.timezone,
    },
    settings: OutletSettingsSchema.parse(JSON.parse(outlet.settings)),
  };
}
