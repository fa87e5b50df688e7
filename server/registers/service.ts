import { newId } from '../../shared/ids.ts';
import type { AssignableDevice, NewRegister, RegisterChange, RegisterSetupView } from '../../shared/schemas/registers.ts';
import type { AuthContext } from '../auth/context.ts';
import type { AuthService } from '../auth/service.ts';
import { writeAudit } from '../audit/service.ts';
import type { Db, Tx } from '../db/client.ts';
import type { DeviceHub } from '../devices/hub.ts';
import { AppError, badRequest, notFound } from '../http/errors.ts';
import type { OutletInfo } from '../outlet.ts';

type DeviceField = 'receiptPrinterId' | 'scaleId' | 'displayId';
const KIND_OF: Record<DeviceField, AssignableDevice['kind']> = { receiptPrinterId: 'receipt-printer', scaleId: 'scale', displayId: 'pole-display' };

/**
 * The outlet's registers: added, renamed, given their devices, retired and restored by the owner.
 * A retired register signs nobody in and its sessions end; its shifts and sales stay as they were.
 */
export class RegisterService {
  constructor(
    private readonly db: Db,
    private readonly outlet: OutletInfo,
    private readonly auth: AuthService,
    private readonly devices: DeviceHub | null,
  ) {}

  /** The running devices a register can name. */
  assignable(): AssignableDevice[] {
    return this.devices?.assignable() ?? [];
  }

  async list(): Promise<RegisterSetupView[]> {
    const rows = await this.db.register.findMany({ where: { outletId: this.outlet.id }, orderBy: { code: 'asc' }, select: { id: true } });
    return Promise.all(rows.map((r) => this.view(r.id)));
  }

  async view(id: string): Promise<RegisterSetupView> {
    const register = await this.#find(this.db, id);
    const [open, shifts] = await Promise.all([
      this.db.shift.findFirst({ where: { registerId: id, closedAt: null } }),
      this.db.shift.count({ where: { registerId: id } }),
    ]);
    const openedBy = open ? await this.db.user.findUnique({ where: { id: open.openedById }, select: { name: true } }) : null;
    return {
      id: register.id, code: register.code, name: register.name, active: register.active,
      receiptPrinterId: register.receiptPrinterId, scaleId: register.scaleId, displayId: register.displayId,
      openShift: open ? { number: open.number, openedAt: open.openedAt.toISOString(), openedBy: openedBy?.name ?? '?' } : null,
      shifts,
    };
  }

  async #find(tx: Tx | Db, id: string) {
    const register = await tx.register.findUnique({ where: { id } });
    if (!register || register.outletId !== this.outlet.id) throw notFound('register-not-found', 'No such register', [{ path: 'id', message: 'unknown register' }]);
    return register;
  }

  /**
   * Devices named must be running and of their kind; a scale or display serves one register, so
   * one another active register names is refused.
   */
  async #checkDevices(tx: Tx, registerId: string | null, devices: Partial<Record<DeviceField, string | null>>): Promise<void> {
    const running = this.assignable();
    for (const field of Object.keys(KIND_OF) as DeviceField[]) {
      const id = devices[field];
      if (!id) continue;
      if (!running.some((d) => d.id === id && d.kind === KIND_OF[field])) {
        throw badRequest('unknown-device', `No ${KIND_OF[field]} ${id} is configured: add it in Devices first`, [{ path: `body.${field}`, message: `not a configured ${KIND_OF[field]}` }], { choices: running.filter((d) => d.kind === KIND_OF[field]).map((d) => d.id) });
      }
      if (field === 'receiptPrinterId') continue;
      const other = await tx.register.findFirst({ where: { outletId: this.outlet.id, active: true, [field]: id, ...(registerId ? { id: { not: registerId } } : {}) }, select: { code: true } });
      if (other) throw new AppError(409, 'device-in-use', `${id} is at register ${other.code}`, [{ path: `body.${field}`, message: `used by ${other.code}` }], { registerCode: other.code });
    }
  }

  async create(auth: AuthContext, input: NewRegister): Promise<RegisterSetupView> {
    const id = newId();
    await this.db.$transaction(async (tx) => {
      const taken = await tx.register.findUnique({ where: { outletId_code: { outletId: this.outlet.id, code: input.code } }, select: { id: true, active: true } });
      if (taken) throw new AppError(409, 'register-exists', `A register ${input.code} exists${taken.active ? '' : ' (retired: restore it)'}`, [{ path: 'body.code', message: 'already used' }], { registerId: taken.id });
      await this.#checkDevices(tx, null, input);
      await tx.register.create({ data: { id, outletId: this.outlet.id, ...input } });
      await writeAudit(tx, { outletId: this.outlet.id, userId: auth.userId, action: 'register-create', entityType: 'register', entityId: id, details: { ...input } });
    });
    await this.devices?.registersChanged();
    return this.view(id);
  }

  async update(auth: AuthContext, id: string, change: RegisterChange): Promise<RegisterSetupView> {
    await this.db.$transaction(async (tx) => {
      const before = await this.#find(tx, id);
      if (!before.active) throw new AppError(409, 'register-retired', `Register ${before.code} is retired: restore it first`, [{ path: 'id', message: 'retired register' }], { registerCode: before.code });
      await this.#checkDevices(tx, id, change);
      await tx.register.update({ where: { id }, data: change });
      const was = Object.fromEntries(Object.keys(change).map((k) => [k, before[k as keyof typeof before]]));
      await writeAudit(tx, { outletId: this.outlet.id, userId: auth.userId, action: 'register-edit', entityType: 'register', entityId: id, details: { code: before.code, before: was, after: change } });
    });
    await this.devices?.registersChanged();
    return this.view(id);
  }

  /** Retires a register with no open shift (close it first) and ends the sessions signed in at it. */
  async retire(auth: AuthContext, id: string): Promise<RegisterSetupView> {
    const changed = await this.db.$transaction(async (tx) => {
      const register = await this.#find(tx, id);
      if (!register.active) return false;
      const open = await tx.shift.findFirst({ where: { registerId: id, closedAt: null }, select: { number: true, openedAt: true } });
      if (open) {
        throw new AppError(409, 'register-shift-open', `Shift ${open.number} is open at register ${register.code}: close it (Z) before retiring the register`, [{ path: 'id', message: 'open shift' }], {
          shiftNumber: open.number,
          openedAt: open.openedAt.toISOString(),
        });
      }
      await tx.register.update({ where: { id }, data: { active: false } });
      const sessions = await tx.session.updateMany({ where: { registerId: id, revokedAt: null }, data: { revokedAt: new Date() } });
      await writeAudit(tx, { outletId: this.outlet.id, userId: auth.userId, action: 'register-retire', entityType: 'register', entityId: id, details: { code: register.code, sessionsEnded: sessions.count } });
      return true;
    });
    if (changed) {
      this.auth.forgetSessionsAt(id);
      await this.devices?.registersChanged();
    }
    return this.view(id);
  }

  /** Brings a retired register back; devices it named that another register took meanwhile are let go. */
  async restore(auth: AuthContext, id: string): Promise<RegisterSetupView> {
    await this.db.$transaction(async (tx) => {
      const register = await this.#find(tx, id);
      if (register.active) return;
      const released: Partial<Record<DeviceField, null>> = {};
      for (const field of ['scaleId', 'displayId'] as const) {
        const deviceId = register[field];
        if (deviceId && (await tx.register.findFirst({ where: { outletId: this.outlet.id, active: true, [field]: deviceId }, select: { id: true } }))) released[field] = null;
      }
      await tx.register.update({ where: { id }, data: { active: true, ...released } });
      await writeAudit(tx, { outletId: this.outlet.id, userId: auth.userId, action: 'register-restore', entityType: 'register', entityId: id, details: { code: register.code, released: Object.keys(released) } });
    });
    await this.devices?.registersChanged();
    return this.view(id);
  }
}
