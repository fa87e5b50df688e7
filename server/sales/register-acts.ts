import type { z } from 'zod';
import type { LineVoidRequestSchema } from '../../shared/schemas/sales.ts';
import type { AuthContext } from '../auth/context.ts';
import { authorise } from '../auth/service.ts';
import { writeAudit } from '../audit/service.ts';
import type { Db } from '../db/client.ts';
import type { OutletInfo } from '../outlet.ts';

/** Sensitive acts at the register that change no document but must be authorised and audited. */
export class RegisterActs {
  constructor(
    private readonly db: Db,
    private readonly outlet: OutletInfo,
  ) {}

  async voidLine(auth: AuthContext, registerId: string, line: z.infer<typeof LineVoidRequestSchema>): Promise<void> {
    await this.db.$transaction(async (tx) => {
      const act = { action: 'void-line', documentId: line.saleId, lineId: line.lineId, amount: line.amount } as const;
      const approvedById = await authorise(tx, auth, act, line.approvalId, 'approvalId');
      await writeAudit(tx, {
        outletId: this.outlet.id,
        userId: auth.userId,
        approvedById,
        action: 'void-line',
        entityType: 'product',
        entityId: line.productId,
        details: { registerId, saleId: line.saleId, lineId: line.lineId, name: line.name, quantityMilli: line.quantityMilli, amount: line.amount },
      });
    });
  }
}
