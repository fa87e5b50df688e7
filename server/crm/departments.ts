import { newId } from '../../shared/ids.ts';
import { customerScopeOf, type CustomerScope, type Role } from '../../shared/permissions.ts';
import type { DepartmentView, UserCrm } from '../../shared/schemas/crm.ts';
import type { AuthContext } from '../auth/context.ts';
import { writeAudit } from '../audit/service.ts';
import type { Db, Tx } from '../db/client.ts';
import { AppError, badRequest, notFound } from '../http/errors.ts';
import type { OutletInfo } from '../outlet.ts';

/** Departments (teams with a head) and each user's place in them and view of the customer base; audited. */
export class Departments {
  constructor(
    private readonly db: Db,
    private readonly outlet: OutletInfo,
  ) {}

  async list(): Promise<DepartmentView[]> {
    const [departments, members, users] = await Promise.all([
      this.db.department.findMany({ orderBy: { name: 'asc' } }),
      this.db.crmUser.findMany({ where: { departmentId: { not: null } } }),
      this.db.user.findMany({ select: { id: true, name: true } }),
    ]);
    const nameOf = new Map(users.map((u) => [u.id, u.name]));
    return departments.map((d) => ({
      id: d.id,
      name: d.name,
      headId: d.headId,
      headName: d.headId ? (nameOf.get(d.headId) ?? null) : null,
      members: members.filter((m) => m.departmentId === d.id).map((m) => ({ id: m.userId, name: nameOf.get(m.userId) ?? '?' })).sort((a, b) => a.name.localeCompare(b.name)),
    }));
  }

  async #assertUser(tx: Tx, id: string, field: string): Promise<{ role: string }> {
    const user = await tx.user.findUnique({ where: { id }, select: { outletId: true, role: true, name: true } });
    if (!user) throw badRequest('unknown-user', 'No such user', [{ path: field, message: 'unknown user' }]);
    if (user.outletId !== null && user.outletId !== this.outlet.id) throw badRequest('user-at-another-outlet', `${user.name} works at another outlet`, [{ path: field, message: 'a user of another outlet' }]);
    return user;
  }

  async #taken(tx: Tx, name: string, except: string | null): Promise<void> {
    const other = await tx.department.findUnique({ where: { name } });
    if (other && other.id !== except) throw new AppError(409, 'department-name-taken', `There is a department ${name} already`, [{ path: 'body.name', message: 'already used' }]);
  }

  async create(auth: AuthContext, input: { name: string; headId: string | null }): Promise<string> {
    const id = newId();
    await this.db.$transaction(async (tx) => {
      await this.#taken(tx, input.name, null);
      if (input.headId) await this.#assertUser(tx, input.headId, 'body.headId');
      await tx.department.create({ data: { id, name: input.name, headId: input.headId } });
      await writeAudit(tx, { outletId: this.outlet.id, userId: auth.userId, action: 'department-create', entityType: 'department', entityId: id, details: input });
    });
    return id;
  }

  async change(auth: AuthContext, id: string, input: { name: string; headId: string | null }): Promise<void> {
    await this.db.$transaction(async (tx) => {
      const before = await tx.department.findUnique({ where: { id } });
      if (!before) throw notFound('department-not-found', 'No such department', [{ path: 'id', message: 'unknown department' }]);
      await this.#taken(tx, input.name, id);
      if (input.headId) await this.#assertUser(tx, input.headId, 'body.headId');
      await tx.department.update({ where: { id }, data: { name: input.name, headId: input.headId } });
      await writeAudit(tx, { outletId: this.outlet.id, userId: auth.userId, action: 'department-change', entityType: 'department', entityId: id, details: { before: { name: before.name, headId: before.headId }, after: input } });
    });
  }

  /** Who can manage customers and do tasks: the active users of this outlet (a chain's others come down from head office too). */
  async people(): Promise<{ id: string; name: string }[]> {
    return this.db.user.findMany({ where: { active: true, OR: [{ outletId: null }, { outletId: this.outlet.id }] }, select: { id: true, name: true }, orderBy: { name: 'asc' } });
  }

  /** Every user's department and view of the customer base. */
  async users(): Promise<(UserCrm & { userId: string; effectiveScope: CustomerScope })[]> {
    const [users, rows] = await Promise.all([this.db.user.findMany({ select: { id: true, role: true }, orderBy: { name: 'asc' } }), this.db.crmUser.findMany()]);
    const byUser = new Map(rows.map((r) => [r.userId, r]));
    return users.map((u) => {
      const row = byUser.get(u.id);
      const customerScope = (row?.customerScope ?? null) as CustomerScope | null;
      return { userId: u.id, departmentId: row?.departmentId ?? null, customerScope, email: row?.email ?? null, effectiveScope: customerScopeOf(u.role as Role, customerScope) };
    });
  }

  /** Puts a user in a department (or none) and sets how much of the customer base they see. */
  async setUser(auth: AuthContext, userId: string, input: UserCrm): Promise<void> {
    await this.db.$transaction(async (tx) => {
      const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true, role: true } });
      if (!user) throw notFound('user-not-found', 'No such user', [{ path: 'id', message: 'unknown user' }]);
      await this.#assertUser(tx, userId, 'id');
      if (input.departmentId && !(await tx.department.findUnique({ where: { id: input.departmentId } }))) {
        throw badRequest('unknown-department', 'No such department', [{ path: 'body.departmentId', message: 'unknown department' }]);
      }
      if (input.customerScope && input.customerScope !== 'all' && (user.role === 'owner' || user.role === 'head_office_admin')) {
        throw badRequest('owner-sees-all-customers', 'Owners and head-office admins always see every customer', [{ path: 'body.customerScope', message: 'owners see all' }]);
      }
      const before = await tx.crmUser.findUnique({ where: { userId } });
      await tx.crmUser.upsert({ where: { userId }, create: { userId, ...input }, update: input });
      await writeAudit(tx, { outletId: this.outlet.id, userId: auth.userId, action: 'user-crm-change', entityType: 'user', entityId: userId, details: { before: before && { departmentId: before.departmentId, customerScope: before.customerScope, email: before.email }, after: input } });
    });
  }
}
