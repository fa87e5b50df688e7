import type { OutletIdentityView } from '../../shared/schemas/registers.ts';
import type { AuthContext } from '../auth/context.ts';
import { writeAudit } from '../audit/service.ts';
import type { Db } from '../db/client.ts';
import { AppError } from '../http/errors.ts';
import type { OutletInfo } from '../outlet.ts';

/**
 * The outlet's code and name. The name is what receipts and messages say. The code is who the
 * outlet is to others: it signs transfer notes with it, other shops trust its key under it, and a
 * chain's head office knows it by it (its credential is for that code), so in a chain the code is
 * head office's to change. A standalone outlet may change it; notes addressed to a former code are
 * still taken, and other shops register its key again under the new one.
 */
export class OutletIdentity {
  constructor(
    private readonly db: Db,
    private readonly outlet: OutletInfo,
    private readonly inChain: boolean,
  ) {}

  view(): OutletIdentityView {
    return { code: this.outlet.view.code, name: this.outlet.view.name, inChain: this.inChain, formerCodes: [...this.outlet.settings.formerCodes] };
  }

  async change(auth: AuthContext, next: { code: string; name: string }): Promise<OutletIdentityView> {
    const before = { code: this.outlet.view.code, name: this.outlet.view.name };
    const recoded = next.code !== before.code;
    if (recoded && this.inChain) {
      throw new AppError(409, 'outlet-code-from-head-office', `This outlet is ${before.code} in its chain: head office changes its code`, [{ path: 'body.code', message: "set by head office" }]);
    }
    const formerCodes = recoded ? [...this.outlet.settings.formerCodes.filter((c) => c !== next.code), before.code] : this.outlet.settings.formerCodes;
    const settings = { ...this.outlet.settings, formerCodes };
    await this.db.$transaction(async (tx) => {
      if (recoded && (await tx.peerOutlet.findUnique({ where: { code: next.code }, select: { code: true } }))) {
        throw new AppError(409, 'outlet-code-taken', `Outlet ${next.code} is another shop this outlet takes transfer notes from`, [{ path: 'body.code', message: 'another outlet has it' }]);
      }
      await tx.outlet.update({ where: { id: this.outlet.id }, data: { code: next.code, name: next.name, settings: JSON.stringify(settings) } });
      await writeAudit(tx, { outletId: this.outlet.id, userId: auth.userId, action: 'outlet-identity-change', entityType: 'outlet', entityId: this.outlet.id, details: { before, after: next } });
    });
    this.outlet.view.code = next.code;
    this.outlet.view.name = next.name;
    this.outlet.settings.formerCodes = formerCodes;
    return this.view();
  }
}
