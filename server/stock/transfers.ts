import type { z } from 'zod';
import { newId } from '../../shared/ids.ts';
import type { PeerOutletRequestSchema, StockDocumentView, TransferKeysSchema, TransferNote, TransferSendRequest } from '../../shared/schemas/stock.ts';
import type { AuthContext } from '../auth/context.ts';
import { writeAudit } from '../audit/service.ts';
import type { Db } from '../db/client.ts';
import { requestFingerprint, type Created } from '../db/idempotent-requests.ts';
import { badRequest, notFound } from '../http/errors.ts';
import type { OutletInfo } from '../outlet.ts';
import { StockLedger } from './ledger.ts';
import { publicKeyOf, signedBy, signTransferNote } from './note-signing.ts';
import type { StockService } from './service.ts';

/**
 * Transfers between outlets. Sending takes the goods off this outlet's stock at once (in transit);
 * the transfer note travels with them, signed by this outlet, and the receiving outlet posts what
 * actually arrived, at the sender's cost. The receiver takes a note only at its destination, only
 * as the sender signed it (with the sender's public key from head office, or registered by the
 * owner), and only once: its receipt is a document of its own naming the signed transfer id.
 */
export class StockTransfers {
  readonly #ledger: StockLedger;

  constructor(
    private readonly db: Db,
    private readonly outlet: OutletInfo,
    private readonly stock: StockService,
  ) {
    this.#ledger = new StockLedger(db);
  }

  async send(auth: AuthContext, req: TransferSendRequest): Promise<Created<StockDocumentView>> {
    if (req.toOutletCode === this.outlet.view.code || this.outlet.settings.formerCodes.includes(req.toOutletCode)) throw badRequest('same-outlet', 'Goods are transferred to another outlet', [{ path: 'toOutletCode', message: 'this outlet' }]);
    return this.stock.takeOut(auth, 'transfer-out', req, { status: 'in-transit', counterpart: req.toOutletCode }, { to: req.toOutletCode });
  }

  /** The signed note for a transfer this outlet sent. */
  async note(id: string): Promise<TransferNote> {
    const doc = await this.stock.view(id);
    if (doc.kind !== 'transfer-out') throw notFound('transfer-not-found', 'No such transfer sent from here', [{ path: 'id', message: 'not a transfer out' }]);
    const note = {
      id: doc.id,
      number: doc.number,
      from: { code: this.outlet.view.code, name: this.outlet.view.name },
      to: doc.counterpart!,
      sentAt: doc.postedAt ?? doc.createdAt,
      lines: doc.lines.map((l) => ({ sku: l.sku, name: l.name, quantityMilli: l.quantityMilli, unitCost: l.unitCost ?? 0 })),
    };
    return signTransferNote(note, this.outlet.signingKey);
  }

  /** This outlet's public key (for the owners of other shops) and the outlets whose notes it takes. */
  async keys(): Promise<z.output<typeof TransferKeysSchema>> {
    const outlets = await this.db.peerOutlet.findMany({ orderBy: { code: 'asc' } });
    return {
      own: { code: this.outlet.view.code, name: this.outlet.view.name, publicKey: publicKeyOf(this.outlet.signingKey) },
      outlets: outlets.map((o) => ({ code: o.code, name: o.name, publicKey: o.publicKey, source: o.source as 'head-office' | 'owner' })),
    };
  }

  /** Trusts another outlet's notes: its public key, as its owner gave it (audited). */
  async registerOutlet(auth: AuthContext, code: string, { name, publicKey }: z.output<typeof PeerOutletRequestSchema>): Promise<void> {
    if (code === this.outlet.view.code) throw badRequest('same-outlet', 'This outlet signs its own notes', [{ path: 'code', message: 'this outlet' }]);
    await this.db.$transaction(async (tx) => {
      const before = await tx.peerOutlet.findUnique({ where: { code } });
      const fields = { name, publicKey, source: 'owner', updatedAt: new Date() };
      await tx.peerOutlet.upsert({ where: { code }, create: { code, ...fields }, update: fields });
      await writeAudit(tx, { outletId: this.outlet.id, userId: auth.userId, action: 'peer-outlet-key', entityType: 'outlet', entityId: code, details: { before: before?.publicKey ?? null, after: publicKey } });
    });
  }

  /**
   * Posts what arrived of a transfer note; the sent quantity and the difference stay on each line.
   * A note received before answers its receipt again (`replayed`), changing nothing; the same note
   * with other arrived quantities is refused (409 `replay-mismatch`).
   */
  async receive(auth: AuthContext, note: TransferNote, arrived?: { sku: string; quantityMilli: number }[]): Promise<Created<StockDocumentView>> {
    if (note.to !== this.outlet.view.code && !this.outlet.settings.formerCodes.includes(note.to)) throw badRequest('wrong-outlet', `Transfer ${note.number} is for outlet ${note.to}, not ${this.outlet.view.code}`, [{ path: 'note.to', message: 'another outlet' }], { number: note.number, to: note.to });
    const sender = await this.db.peerOutlet.findUnique({ where: { code: note.from.code } });
    if (!sender) throw badRequest('unknown-sender', `This outlet has no key of outlet ${note.from.code} to check its note with`, [{ path: 'note.from.code', message: 'no public key for this outlet' }], { from: note.from.code });
    if (!signedBy(note, sender.publicKey)) throw badRequest('invalid-signature', `Transfer note ${note.number} is not as outlet ${note.from.code} signed it`, [{ path: 'note.signature', message: 'does not match the note' }], { number: note.number, from: note.from.code });
    const fingerprint = requestFingerprint({ kind: 'transfer-in', request: { note, lines: arrived } });
    if (await this.stock.isReplay(note.id, fingerprint)) return { view: await this.#receiptOf(note.id), replayed: true };

    const products = await this.db.product.findMany({ where: { sku: { in: note.lines.map((l) => l.sku) } }, select: { id: true, sku: true } });
    const bySku = new Map(products.map((p) => [p.sku, p.id]));
    const counted = new Map((arrived ?? []).map((l) => [l.sku, l.quantityMilli]));
    for (const [i, l] of (arrived ?? []).entries()) {
      if (!note.lines.some((n) => n.sku === l.sku)) throw badRequest('not-on-transfer', `${l.sku} is not on transfer ${note.number}`, [{ path: `lines.${i}.sku`, message: 'not on the note' }], { sku: l.sku, number: note.number });
    }
    const lines = note.lines.map((l, i) => {
      const productId = bySku.get(l.sku);
      if (!productId) throw notFound('product-not-found', `${l.sku} (${l.name}) is not in this outlet's catalogue`, [{ path: `note.lines.${i}.sku`, message: 'unknown SKU' }], { sku: l.sku, name: l.name });
      const quantityMilli = counted.get(l.sku) ?? l.quantityMilli;
      return { productId, quantityMilli, unitCost: l.unitCost, sentMilli: l.quantityMilli };
    });
    this.stock.goods(lines.filter((l) => l.quantityMilli > 0));
    let id = newId();
    let replayed = false;
    await this.db.$transaction(async (tx) => {
      // Checked again inside: the same note sent twice at once is received once.
      const prior = await tx.stockDocument.findUnique({ where: { transferId: note.id }, select: { id: true } });
      if (prior && (await this.stock.isReplay(note.id, fingerprint))) {
        [id, replayed] = [prior.id, true];
        return;
      }
      const at = new Date();
      const inStock = lines.filter((l) => l.quantityMilli > 0);
      this.stock.recordRequest(note.id, fingerprint);
      await tx.stockDocument.create({
        data: {
          id,
          outletId: this.outlet.id,
          kind: 'transfer-in',
          number: await this.stock.number(tx, 'transfer-in'),
          status: 'posted',
          counterpart: note.from.code,
          transferId: note.id,
          note: `Transfer ${note.number} from ${note.from.name}`,
          createdById: auth.userId,
          createdAt: at,
          postedAt: at,
          totalCost: inStock.reduce((s, l) => s + Math.round((l.quantityMilli * l.unitCost) / 1000), 0),
          lines: { create: lines.map((l) => ({ id: newId(), productId: l.productId, quantityMilli: l.quantityMilli, unitCost: l.unitCost, expectedMilli: l.sentMilli, differenceMilli: l.quantityMilli - l.sentMilli })) },
        },
      });
      await this.stock.averageInCost(tx, inStock);
      this.#ledger.post(this.outlet.id, 'transfer-in', id, inStock, at);
      // Head office checks the receipt against the note the sender signed.
      await this.stock.toOutbox(tx, id, { transferNote: note });
      const short = lines.filter((l) => l.quantityMilli !== l.sentMilli).length;
      await writeAudit(tx, { outletId: this.outlet.id, userId: auth.userId, action: 'stock-transfer-in', entityType: 'stock-document', entityId: id, details: { from: note.from.code, transferId: note.id, number: note.number, lines: lines.length, differing: short } });
    });
    return { view: await this.stock.view(id), replayed };
  }

  async #receiptOf(transferId: string): Promise<StockDocumentView> {
    const receipt = await this.db.stockDocument.findUniqueOrThrow({ where: { transferId }, select: { id: true } });
    return this.stock.view(receipt.id);
  }
}
