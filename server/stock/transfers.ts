import { newId } from '../../shared/ids.ts';
import type { StockDocumentView, TransferNote, TransferSendRequest } from '../../shared/schemas/stock.ts';
import type { AuthContext } from '../auth/context.ts';
import { writeAudit } from '../audit/service.ts';
import type { Db } from '../db/client.ts';
import { requestFingerprint, type Created } from '../db/idempotent-requests.ts';
import { badRequest, notFound } from '../http/errors.ts';
import type { OutletInfo } from '../outlet.ts';
import { StockLedger } from './ledger.ts';
import type { StockService } from './service.ts';

/**
 * Transfers between outlets. Sending takes the goods off this outlet's stock at once (in transit);
 * the transfer note travels with them and the receiving outlet posts what actually arrived, at the
 * sender's cost. The note's id is the received document's id too, so a note is received once.
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
    if (req.toOutletCode === this.outlet.view.code) throw badRequest('same-outlet', 'Goods are transferred to another outlet', [{ path: 'toOutletCode', message: 'this outlet' }]);
    return this.stock.takeOut(auth, 'transfer-out', req, { status: 'in-transit', counterpart: req.toOutletCode }, { to: req.toOutletCode });
  }

  /** The note for a transfer this outlet sent. */
  async note(id: string): Promise<TransferNote> {
    const doc = await this.stock.view(id);
    if (doc.kind !== 'transfer-out') throw notFound('transfer-not-found', 'No such transfer sent from here', [{ path: 'id', message: 'not a transfer out' }]);
    return {
      id: doc.id,
      number: doc.number,
      from: { code: this.outlet.view.code, name: this.outlet.view.name },
      to: doc.counterpart!,
      sentAt: doc.postedAt ?? doc.createdAt,
      lines: doc.lines.map((l) => ({ sku: l.sku, name: l.name, quantityMilli: l.quantityMilli, unitCost: l.unitCost ?? 0 })),
    };
  }

  /** Posts what arrived of a transfer note; the sent quantity and the difference stay on each line. */
  async receive(auth: AuthContext, note: TransferNote, arrived?: { sku: string; quantityMilli: number }[]): Promise<Created<StockDocumentView>> {
    const fingerprint = requestFingerprint({ kind: 'transfer-in', request: { note, lines: arrived } });
    if (await this.stock.isReplay(note.id, fingerprint)) return { view: await this.stock.view(note.id), replayed: true };
    if (note.to !== this.outlet.view.code) throw badRequest('wrong-outlet', `Transfer ${note.number} is for outlet ${note.to}, not ${this.outlet.view.code}`, [{ path: 'note.to', message: 'another outlet' }]);
    const products = await this.db.product.findMany({ where: { sku: { in: note.lines.map((l) => l.sku) } }, select: { id: true, sku: true } });
    const bySku = new Map(products.map((p) => [p.sku, p.id]));
    const counted = new Map((arrived ?? []).map((l) => [l.sku, l.quantityMilli]));
    for (const [i, l] of (arrived ?? []).entries()) {
      if (!note.lines.some((n) => n.sku === l.sku)) throw badRequest('not-on-transfer', `${l.sku} is not on transfer ${note.number}`, [{ path: `lines.${i}.sku`, message: 'not on the note' }]);
    }
    const lines = note.lines.map((l, i) => {
      const productId = bySku.get(l.sku);
      if (!productId) throw notFound('product-not-found', `${l.sku} (${l.name}) is not in this outlet's catalogue`, [{ path: `note.lines.${i}.sku`, message: 'unknown SKU' }]);
      const quantityMilli = counted.get(l.sku) ?? l.quantityMilli;
      return { productId, quantityMilli, unitCost: l.unitCost, sentMilli: l.quantityMilli };
    });
    this.stock.goods(lines.filter((l) => l.quantityMilli > 0));
    await this.db.$transaction(async (tx) => {
      const at = new Date();
      const inStock = lines.filter((l) => l.quantityMilli > 0);
      this.stock.recordRequest(note.id, fingerprint);
      await tx.stockDocument.create({
        data: {
          id: note.id,
          outletId: this.outlet.id,
          kind: 'transfer-in',
          number: await this.stock.number(tx, 'transfer-in'),
          status: 'posted',
          counterpart: note.from.code,
          note: `Transfer ${note.number} from ${note.from.name}`,
          createdById: auth.userId,
          createdAt: at,
          postedAt: at,
          totalCost: inStock.reduce((s, l) => s + Math.round((l.quantityMilli * l.unitCost) / 1000), 0),
          lines: { create: lines.map((l) => ({ id: newId(), productId: l.productId, quantityMilli: l.quantityMilli, unitCost: l.unitCost, expectedMilli: l.sentMilli, differenceMilli: l.quantityMilli - l.sentMilli })) },
        },
      });
      await this.stock.averageInCost(tx, inStock);
      this.#ledger.post(this.outlet.id, 'transfer-in', note.id, inStock, at);
      await this.stock.toOutbox(tx, note.id);
      const short = lines.filter((l) => l.quantityMilli !== l.sentMilli).length;
      await writeAudit(tx, { outletId: this.outlet.id, userId: auth.userId, action: 'stock-transfer-in', entityType: 'stock-document', entityId: note.id, details: { from: note.from.code, number: note.number, lines: lines.length, differing: short } });
    });
    return { view: await this.stock.view(note.id), replayed: false };
  }
}
