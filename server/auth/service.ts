import { createHash, randomBytes } from 'node:crypto';
import { newId } from '../../shared/ids.ts';
import { APPROVAL_BINDING, rightsCover, type BoundAct, type Role } from '../../shared/permissions.ts';
import { rightsOf } from './roles.ts';
import type { LoginRequest, SessionView } from '../../shared/schemas/auth.ts';
import type { Db, Tx } from '../db/client.ts';
import { AppError, forbidden, unauthorized } from '../http/errors.ts';
import { verifySecret } from '../users/secrets.ts';
import { writeAudit } from '../audit/service.ts';
import type { AuthContext } from './context.ts';
import type { OutletInfo } from '../outlet.ts';

const SESSION_HOURS = 14;
const MAX_FAILED_ATTEMPTS = 5;
const LOCKOUT_MINUTES = 5;
const APPROVAL_MINUTES = 5;

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

type UserRow = { id: string; login: string; name: string; role: string; locale: string | null; pinHash: string; passwordHash: string | null; failedAttempts: number; lockedUntil: Date | null; active: boolean };

/** Sessions, PIN/password checks with lock-out, and supervisor approvals. */
export class AuthService {
  /** Sessions are read on every request; a short-lived cache keeps that off the database. */
  #cache = new Map<string, { context: AuthContext; expiresAt: number; cachedAt: number }>();

  constructor(
    private readonly db: Db,
    private readonly outlet: OutletInfo,
  ) {}

  /** Checks a secret for a login, counting failures and locking the user out after too many. */
  async #checkCredentials(login: string, secret: { pin?: string; password?: string }): Promise<UserRow> {
    const user = (await this.db.user.findUnique({ where: { login } })) as UserRow | null;
    if (!user || !user.active) throw new AppError(401, 'invalid-credentials', 'Unknown login or wrong PIN');
    if (user.lockedUntil && user.lockedUntil.getTime() > Date.now()) {
      throw new AppError(423, 'locked', `Too many wrong attempts: locked until ${user.lockedUntil.toISOString()}`, undefined, {
        lockedUntil: user.lockedUntil.toISOString(),
      });
    }
    const ok =
      secret.password !== undefined
        ? user.passwordHash !== null && (await verifySecret(secret.password, user.passwordHash))
        : await verifySecret(secret.pin ?? '', user.pinHash);
    if (!ok) {
      const failed = user.failedAttempts + 1;
      const lock = failed >= MAX_FAILED_ATTEMPTS;
      await this.db.$transaction(async (tx) => {
        await tx.user.update({
          where: { id: user.id },
          data: {
            failedAttempts: lock ? 0 : failed,
            lockedUntil: lock ? new Date(Date.now() + LOCKOUT_MINUTES * 60_000) : user.lockedUntil,
          },
        });
        if (lock) await writeAudit(tx, { outletId: this.outlet.id, userId: user.id, action: 'user-locked-out', entityType: 'user', entityId: user.id });
      });
      throw new AppError(401, 'invalid-credentials', 'Unknown login or wrong PIN');
    }
    if (user.failedAttempts > 0 || user.lockedUntil) {
      await this.db.$transaction((tx) => tx.user.update({ where: { id: user.id }, data: { failedAttempts: 0, lockedUntil: null } }));
    }
    return user;
  }

  async login(input: LoginRequest): Promise<SessionView & { token: string }> {
    const user = await this.#checkCredentials(input.login, input);
    let register: { id: string; code: string; name: string } | null = null;
    if (input.registerCode) {
      register = await this.db.register.findUnique({
        where: { outletId_code: { outletId: this.outlet.id, code: input.registerCode } },
        select: { id: true, code: true, name: true },
      });
      if (!register) {
        throw new AppError(422, 'unknown-register', `No register ${input.registerCode}`, [{ path: 'registerCode', message: 'unknown register' }]);
      }
    }
    const token = randomBytes(32).toString('base64url');
    await this.db.$transaction((tx) =>
      tx.session.create({
        data: {
          id: newId(),
          tokenHash: hashToken(token),
          userId: user.id,
          registerId: register?.id ?? null,
          expiresAt: new Date(Date.now() + SESSION_HOURS * 3600_000),
        },
      }),
    );
    const role = user.role as Role;
    const rights = rightsOf(this.outlet, role);
    return {
      token,
      user: { id: user.id, login: user.login, name: user.name, role, locale: user.locale },
      outlet: this.outlet.view,
      register,
      permissions: [...rights.permissions],
      limits: limitsOf(rights),
    };
  }

  /** Resolves a bearer token to its session, or throws 401. */
  async authenticate(token: string): Promise<AuthContext> {
    const key = hashToken(token);
    const cached = this.#cache.get(key);
    const now = Date.now();
    if (cached && cached.expiresAt > now && now - cached.cachedAt < 60_000) return cached.context;
    const session = await this.db.session.findUnique({ where: { tokenHash: key }, include: { user: true } });
    if (!session || session.revokedAt || session.expiresAt.getTime() <= now || !session.user.active) {
      this.#cache.delete(key);
      throw unauthorized('Session expired: sign in again');
    }
    const role = session.user.role as Role;
    const rights = rightsOf(this.outlet, role);
    const context: AuthContext = {
      sessionId: session.id,
      userId: session.userId,
      userName: session.user.name,
      login: session.user.login,
      role,
      locale: session.user.locale,
      registerId: session.registerId,
      permissions: rights.permissions,
      limits: limitsOf(rights),
    };
    this.#cache.set(key, { context, expiresAt: session.expiresAt.getTime(), cachedAt: now });
    return context;
  }

  /** A user's language: kept on the user, used from this request on (receipts print in it). */
  async setLocale(auth: AuthContext, token: string, locale: string): Promise<void> {
    await this.db.$transaction((tx) => tx.user.update({ where: { id: auth.userId }, data: { locale } }));
    this.#cache.delete(hashToken(token));
  }

  /** The owner changed what roles may do: sessions pick up the new rights on their next request. */
  forgetCachedSessions(): void {
    this.#cache.clear();
  }

  /** Ends every open session of a user (deactivated, or a role changed), cached ones included. */
  async endSessionsOf(userId: string): Promise<void> {
    await this.db.$transaction((tx) => tx.session.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: new Date() } }));
    for (const [key, entry] of this.#cache) if (entry.context.userId === userId) this.#cache.delete(key);
  }

  async logout(token: string): Promise<void> {
    const key = hashToken(token);
    this.#cache.delete(key);
    await this.db.$transaction((tx) => tx.session.updateMany({ where: { tokenHash: key }, data: { revokedAt: new Date() } }));
  }

  async sessionView(auth: AuthContext): Promise<SessionView> {
    const register = auth.registerId
      ? await this.db.register.findUnique({ where: { id: auth.registerId }, select: { id: true, code: true, name: true } })
      : null;
    return {
      user: { id: auth.userId, login: auth.login, name: auth.userName, role: auth.role, locale: auth.locale },
      outlet: this.outlet.view,
      register,
      permissions: [...auth.permissions],
      limits: auth.limits,
    };
  }

  /**
   * A supervisor authorises one act on the spot with their PIN: bound to the document, line and
   * amount or share asked for, and only within the supervisor's own rights and limits.
   */
  async approve(requestedBy: AuthContext, act: BoundAct, login: string, pin: string) {
    const approver = await this.#checkCredentials(login, { pin });
    if (!rightsCover(rightsOf(this.outlet, approver.role as Role), act)) {
      throw forbidden('approver-not-permitted', `${approver.name} may not authorise this ${act.action}`, [{ path: 'login', message: 'not permitted' }]);
    }
    const approval = {
      id: newId(),
      action: act.action,
      approverId: approver.id,
      requestedById: requestedBy.userId,
      documentId: act.documentId ?? null,
      lineId: act.lineId ?? null,
      amount: act.amount ?? null,
      valueBp: act.valueBp ?? null,
      expiresAt: new Date(Date.now() + APPROVAL_MINUTES * 60_000),
    };
    await this.db.$transaction(async (tx) => {
      await tx.approval.create({ data: approval });
      await writeAudit(tx, {
        outletId: this.outlet.id,
        userId: requestedBy.userId,
        approvedById: approver.id,
        action: 'approval-granted',
        entityType: 'approval',
        entityId: approval.id,
        details: { ...act },
      });
    });
    return { approvalId: approval.id, approver: { id: approver.id, name: approver.name }, expiresAt: approval.expiresAt.toISOString() };
  }
}

/**
 * Passes when the caller's own rights cover the act (the permission, within their limit), or when
 * `approvalId` is an unused, unexpired approval given to this caller for this act: the same
 * document and line, and no further than the amount or share approved. The approval is then used
 * up. Returns the approver's id (null when the caller's rights sufficed). A refusal names `field`
 * and carries the act, so the register can ask a supervisor for exactly that.
 */
export async function authorise(tx: Tx, auth: AuthContext, act: BoundAct, approvalId: string | undefined, field: string): Promise<string | null> {
  if (rightsCover({ permissions: auth.permissions, ...auth.limits }, act)) return null;
  if (!approvalId) {
    const why = auth.permissions.includes(act.action) ? `${act.action} beyond your limit` : act.action;
    throw new AppError(403, 'approval-required', `A supervisor must authorise ${why}`, [{ path: field, message: 'approval required' }], { approval: act });
  }
  const used = await tx.approval.updateMany({ where: { id: approvalId, requestedById: auth.userId, usedAt: null, expiresAt: { gt: new Date() }, ...boundTo(act) }, data: { usedAt: new Date() } });
  if (used.count !== 1) {
    throw new AppError(403, 'approval-invalid', 'The approval is unknown, used, expired, or was given for another act, document or amount', [{ path: field, message: 'invalid approval' }], { approval: act });
  }
  const approval = await tx.approval.findUniqueOrThrow({ where: { id: approvalId } });
  return approval.approverId;
}

/** The approvals that cover an act: the same act on the same document and line, at least as far. */
function boundTo(act: BoundAct) {
  const { measure, bound } = APPROVAL_BINDING[act.action];
  const value = measure ? act[measure] : undefined;
  return {
    action: act.action,
    documentId: act.documentId ?? null,
    lineId: act.lineId ?? null,
    ...(measure && value !== undefined ? { [measure]: bound === 'at-most' ? { gte: value } : { lte: value } } : {}),
  };
}

function limitsOf(rights: { refundLimit: number | null; discountLimitBp: number | null }): AuthContext['limits'] {
  return { refundLimit: rights.refundLimit, discountLimitBp: rights.discountLimitBp };
}
