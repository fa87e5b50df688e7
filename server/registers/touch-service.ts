import { createHash, randomBytes, randomInt } from 'node:crypto';
import { newId } from '../../shared/ids.ts';
import type { PairedRegister, PairingCode, RegisterPairingView, TileLayoutRequest, TileView } from '../../shared/schemas/register-touch.ts';
import type { AuthContext } from '../auth/context.ts';
import { AttemptCounters } from '../auth/attempts.ts';
import type { Client } from '../auth/service.ts';
import { writeAudit } from '../audit/service.ts';
import { ProductRepository, toProductView } from '../catalog/repository.ts';
import type { Db } from '../db/client.ts';
import { badRequest, notFound, unauthorized } from '../http/errors.ts';
import type { OutletInfo } from '../outlet.ts';

const PAIRING_MINUTES = 15;
/** Wrong pairing codes from one address before it backs off, and from everyone together. */
const PAIRING_ATTEMPTS_PER_ADDRESS = 5;
const PAIRING_ATTEMPTS_IN_ALL = 50;
const PRODUCTS_PER_CATEGORY_TILE = 30;

const hash = (secret: string) => createHash('sha256').update(secret).digest('hex');
const notPaired = () => unauthorized('This browser is not a paired register: the owner pairs it in the back office');

/** A register as its paired browser proves it is (by its register token). */
export interface PairedRegisterRef {
  id: string;
  code: string;
  name: string;
  pinAlone: boolean;
}

/**
 * Registers as devices the owner sets up: pairing a register's browser (a one-time code from the
 * back office, exchanged at the register for a register token), and the tiles on its sell screen.
 */
export class RegisterTouch {
  readonly #attempts: AttemptCounters;
  readonly #products: ProductRepository;

  constructor(
    private readonly db: Db,
    private readonly outlet: OutletInfo,
  ) {
    this.#attempts = new AttemptCounters(db);
    this.#products = new ProductRepository(db, outlet.id, outlet.settings);
  }

  async #register(code: string) {
    const register = await this.db.register.findUnique({ where: { outletId_code: { outletId: this.outlet.id, code } }, include: { pairing: true } });
    if (!register || !register.active) throw notFound('register-not-found', `No register ${code}`, [{ path: 'code', message: 'unknown register' }]);
    return register;
  }

  async pairings(): Promise<RegisterPairingView[]> {
    const registers = await this.db.register.findMany({ where: { outletId: this.outlet.id, active: true }, include: { pairing: true }, orderBy: { code: 'asc' } });
    return registers.map((r) => ({
      id: r.id,
      code: r.code,
      name: r.name,
      paired: !!r.pairing?.tokenHash,
      pairedAt: r.pairing?.pairedAt?.toISOString() ?? null,
      pinAlone: r.pairing?.pinAlone ?? false,
    }));
  }

  /** A new pairing code for a register (the last one given stops working); the browser that takes it becomes the register. */
  async pairingCode(auth: AuthContext, code: string, pinAlone: boolean): Promise<PairingCode> {
    const register = await this.#register(code);
    const pairingCode = String(randomInt(0, 100_000_000)).padStart(8, '0');
    const expiresAt = new Date(Date.now() + PAIRING_MINUTES * 60_000);
    await this.db.$transaction(async (tx) => {
      const data = { codeHash: hash(pairingCode), codeExpiresAt: expiresAt, pinAlone };
      await tx.registerPairing.upsert({ where: { registerId: register.id }, create: { registerId: register.id, ...data }, update: data });
      await writeAudit(tx, { outletId: this.outlet.id, userId: auth.userId, action: 'register-pairing-code', entityType: 'register', entityId: register.id, details: { register: code, pinAlone } });
    });
    return { code: pairingCode, expiresAt: expiresAt.toISOString() };
  }

  /** The register's browser takes the code once and gets the register token; the browser paired before is no longer the register. */
  async pair(pairingCode: string, client: Client): Promise<PairedRegister> {
    const attempt = await this.#attempts.begin([
      { subject: 'register-pairing', source: `address:${client.address}`, limit: PAIRING_ATTEMPTS_PER_ADDRESS, startsOverOnSuccess: true },
      { subject: 'register-pairing', source: 'everyone', limit: PAIRING_ATTEMPTS_IN_ALL, startsOverOnSuccess: false },
    ]);
    const token = randomBytes(32).toString('base64url');
    const paired = await this.db.$transaction(async (tx) => {
      const pairing = await tx.registerPairing.findUnique({ where: { codeHash: hash(pairingCode) }, include: { register: true } });
      if (!pairing || !pairing.codeExpiresAt || pairing.codeExpiresAt <= new Date() || !pairing.register.active) return null;
      await tx.registerPairing.update({ where: { registerId: pairing.registerId }, data: { tokenHash: hash(token), pairedAt: new Date(), codeHash: null, codeExpiresAt: null } });
      await writeAudit(tx, { outletId: this.outlet.id, userId: null, action: 'register-paired', entityType: 'register', entityId: pairing.registerId, details: { register: pairing.register.code, address: client.address } });
      return pairing;
    });
    if (!paired) throw badRequest('pairing-code-invalid', 'The pairing code is wrong or has expired: ask for a new one in the back office', [{ path: 'body.code', message: 'not accepted' }]);
    await attempt.succeeded();
    const { register } = paired;
    return { token, register: { id: register.id, code: register.code, name: register.name }, pinAlone: paired.pinAlone };
  }

  /** Forgets the paired browser: its register token stops working at once. */
  async unpair(auth: AuthContext, code: string): Promise<void> {
    const register = await this.#register(code);
    await this.db.$transaction(async (tx) => {
      await tx.registerPairing.updateMany({ where: { registerId: register.id }, data: { tokenHash: null, pairedAt: null, codeHash: null, codeExpiresAt: null } });
      await writeAudit(tx, { outletId: this.outlet.id, userId: auth.userId, action: 'register-unpaired', entityType: 'register', entityId: register.id, details: { register: code } });
    });
  }

  /** The register a register token belongs to, or 401. */
  async byToken(token: string): Promise<PairedRegisterRef> {
    const pairing = await this.db.registerPairing.findUnique({ where: { tokenHash: hash(token) }, include: { register: true } });
    if (!pairing || !pairing.register.active || pairing.register.outletId !== this.outlet.id) throw notPaired();
    return { id: pairing.register.id, code: pairing.register.code, name: pairing.register.name, pinAlone: pairing.pinAlone };
  }

  /** The tiles of a register's sell screen in the owner's order; tiles of products or categories gone since are left out. */
  async tiles(registerId: string): Promise<TileView[]> {
    const rows = await this.db.registerTile.findMany({ where: { registerId }, orderBy: { position: 'asc' } });
    const products = new Map(this.#products.byIds(rows.flatMap((r) => (r.productId ? [r.productId] : []))).filter((p) => p.active && p.kind !== 'deposit').map((p) => [p.id, toProductView(p)]));
    const categoryIds = rows.flatMap((r) => (r.categoryId ? [r.categoryId] : []));
    const categories = new Map((await this.db.category.findMany({ where: { id: { in: categoryIds } }, select: { id: true, name: true } })).map((c) => [c.id, c]));
    const pictures = new Map((await this.db.productPicture.findMany({ where: { productId: { in: [...products.keys()] } } })).map((p) => [p.productId, p.dataUrl]));
    const tiles: TileView[] = [];
    for (const row of rows) {
      const product = row.productId ? products.get(row.productId) : undefined;
      if (product) tiles.push({ kind: 'product', id: row.id, colour: row.colour, product, picture: pictures.get(product.id) ?? null });
      const category = row.categoryId ? categories.get(row.categoryId) : undefined;
      if (category) {
        // What sells, by the folded name: the (categoryId, searchName, id) index walks a category of a
        // million-product catalogue in order and stops at the tile's count, instead of sorting it all.
        const ids = await this.db.product.findMany({
          where: { categoryId: category.id, active: true, kind: { notIn: ['deposit', 'family'] } },
          orderBy: [{ searchName: 'asc' }, { id: 'asc' }],
          take: PRODUCTS_PER_CATEGORY_TILE,
          select: { id: true },
        });
        tiles.push({ kind: 'category', id: row.id, colour: row.colour, category, products: this.#products.byIds(ids.map((p) => p.id)).map(toProductView) });
      }
    }
    return tiles;
  }

  async tilesOf(code: string): Promise<TileView[]> {
    return this.tiles((await this.#register(code)).id);
  }

  /** Replaces a register's tiles with these, in this order. */
  async setTiles(auth: AuthContext, code: string, layout: TileLayoutRequest): Promise<TileView[]> {
    const register = await this.#register(code);
    const productIds = layout.tiles.flatMap((t) => (t.productId ? [t.productId] : []));
    const categoryIds = layout.tiles.flatMap((t) => (t.categoryId ? [t.categoryId] : []));
    const known = new Set([
      ...(await this.db.product.findMany({ where: { id: { in: productIds }, active: true, kind: { not: 'deposit' } }, select: { id: true } })).map((p) => p.id),
      ...(await this.db.category.findMany({ where: { id: { in: categoryIds } }, select: { id: true } })).map((c) => c.id),
    ]);
    const unknown = layout.tiles.findIndex((t) => !known.has((t.productId ?? t.categoryId)!));
    if (unknown >= 0) {
      const field = layout.tiles[unknown].productId ? 'productId' : 'categoryId';
      throw badRequest('tile-target-unknown', `Tile ${unknown + 1} names no product or category that is sold here`, [{ path: `body.tiles.${unknown}.${field}`, message: 'unknown' }], { tile: unknown + 1 });
    }
    await this.db.$transaction(async (tx) => {
      await tx.registerTile.deleteMany({ where: { registerId: register.id } });
      await tx.registerTile.createMany({
        data: layout.tiles.map((t, position) => ({ id: newId(), registerId: register.id, position, productId: t.productId ?? null, categoryId: t.categoryId ?? null, colour: t.colour?.toLowerCase() ?? null })),
      });
      await writeAudit(tx, { outletId: this.outlet.id, userId: auth.userId, action: 'register-tiles', entityType: 'register', entityId: register.id, details: { register: code, tiles: layout.tiles.length } });
    });
    return this.tiles(register.id);
  }
}
