import { z } from 'zod';
import { PinSchema, RegisterViewSchema } from './auth.ts';
import { ProductViewSchema } from './catalog.ts';
import { IdSchema } from './common.ts';

export const RegisterCodeParamsSchema = z.object({ code: z.string().trim().min(1).max(20) });

/** The owner's choice when pairing a register: may its cashiers sign in by PIN alone (PINs unique at the outlet)? */
export const PairingCodeRequestSchema = z.object({ pinAlone: z.boolean().default(false) });

/** A one-time code the owner reads from the back office and types at the register, valid for minutes. */
export const PairingCodeSchema = z.object({ code: z.string().regex(/^\d{8}$/), expiresAt: z.string() });
export type PairingCode = z.infer<typeof PairingCodeSchema>;

export const PairRequestSchema = z.object({ code: z.string().trim().regex(/^\d{8}$/, 'the pairing code is 8 digits') });

/** What the register's browser keeps: its register token (sent as a bearer token) and which register it is. */
export const PairedRegisterSchema = z.object({ token: z.string(), register: RegisterViewSchema, pinAlone: z.boolean() });
export type PairedRegister = z.infer<typeof PairedRegisterSchema>;

export const RegisterPairingViewSchema = z.object({
  id: IdSchema,
  code: z.string(),
  name: z.string(),
  paired: z.boolean(),
  pairedAt: z.string().nullable(),
  pinAlone: z.boolean(),
});
export type RegisterPairingView = z.infer<typeof RegisterPairingViewSchema>;
export const RegisterPairingListSchema = z.object({ items: z.array(RegisterPairingViewSchema) });

/** What a paired register shows on its sign-in screen: its cashiers' names as tiles, never their logins. */
export const RegisterSignInViewSchema = z.object({
  register: RegisterViewSchema,
  pinAlone: z.boolean(),
  users: z.array(z.object({ id: IdSchema, name: z.string() })),
});
export type RegisterSignInView = z.infer<typeof RegisterSignInViewSchema>;

/** Signing in at a paired register: the tile's user and their PIN, or the PIN alone where the owner allows it. */
export const RegisterSignInRequestSchema = z.object({ userId: IdSchema.optional(), pin: PinSchema });

const ColourSchema = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour is #rrggbb');

/** One tile of a register's layout, as the owner sets it: a product or a category, and its colour. */
export const TileRequestSchema = z
  .object({ productId: IdSchema.optional(), categoryId: IdSchema.optional(), colour: ColourSchema.nullable().default(null) })
  .refine((t) => (t.productId === undefined) !== (t.categoryId === undefined), { message: 'a tile is a product or a category', path: ['productId'] });

export const TileLayoutRequestSchema = z.object({ tiles: z.array(TileRequestSchema).max(60) });
export type TileLayoutRequest = z.infer<typeof TileLayoutRequestSchema>;

/** A tile as the register shows it; a category tile carries its products (the first ones by name). */
export const TileViewSchema = z.discriminatedUnion('kind', [
  /** A product tile: its picture (a data URL) when the product has one. */
  z.object({ kind: z.literal('product'), id: IdSchema, colour: z.string().nullable(), product: ProductViewSchema, picture: z.string().nullable() }),
  z.object({ kind: z.literal('category'), id: IdSchema, colour: z.string().nullable(), category: z.object({ id: IdSchema, name: z.string() }), products: z.array(ProductViewSchema) }),
]);
export type TileView = z.infer<typeof TileViewSchema>;
export const TileListSchema = z.object({ items: z.array(TileViewSchema) });
