import { createHash, randomBytes } from 'node:crypto';
import { newId } from '../../shared/ids.ts';
import { APPROVAL_BINDING, rightsCover, type BoundAct, type Role } from '../../shared/permissions.ts';
import { rightsOf } from './roles.ts';
import type { LoginRequest, SessionView } from '../../shared/schemas/auth.ts';
import type { Db, Tx } from '../db/client.ts';
import { AppError, badRequest, forbidden, unauthorized } from '../http/errors.ts';
import { hashSecret, verifySecret } from '../users/secrets.ts';
import { AttemptCounters, type Counter } from './attempts.ts';
import { writeAudit } from '../audit/service.ts';
import type { AuthContext } from './context.ts';
import type { OutletInfo } from '../outlet.ts';

const SESSION_HOURS = 14;
const APPROVAL_MINUTES = 5;
/** Attempts from one address (or one known device) at one login before it backs off. */
const ATTEMPTS_PER_SOURCE = 5;
/** Attempts at one login from all devices it never signed in from, together: many addresses guessing one PIN back off too. */
const ATTEMPTS_FROM_UNKNOWN_DEVICES = 20;
const DEVICE_TOKEN = /^[A-Za-z0-9_-]{43}$/;

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
const invalidCredentials = () => new AppError(401, 'invalid-credentials', 'Unknown login or wrong PIN');
// One answer for a wrong PIN and for a right one without the right, so approvals tell nothing about PINs.
const approvalRefused = () => forbidden('approval-refused', 'Unknown login or wrong PIN, or not allowed to authorise this', [{ path: 'body.pin', message: 'not accepted' }]);

/** What sign-in and approval attempts at a login are counted under (a reset PIN or password forgets them). */
export const signInSubject = (login: string) => `login:${login}`;

/** Where a sign-in or approval comes from: the caller's address and the browser's device cookie, if it sent one. */
export interface Client {
  address: string;
  deviceToken: string | null;
}

/**
 * A device the user signed in from before is counted on its own, so an outsider's wrong attempts
 * (which come from elsewhere) never lock the owner out of their back office or register. Every
 * other attempt counts for its address and, with all other unknown devices, for the login.
 */
function signInCounters(login: string, knownDevice: string | null, address: string): Counter[] {
  const subject = signInSubject(login);
  if (knownDevice) return [{ subject, source: `device:${knownDevice}`, limit: ATTEMPTS_PER_SOURCE, startsOverOnSuccess: true }];
  return [
    { subject, source: `address:${address}`, limit: ATTEMPTS_PER_SOURCE, startsOverOnSuccess: true },
    { subject, source: 'unknown-devices', limit: ATTEMPTS_FROM_UNKNOWN_DEVICES, startsOverOnSuccess: false },
  ];
}

type RegisterRef = { id: string; code: string; name: string };
type SignedIn = SessionView & { token: string; deviceToken: string };

type UserRow = { id: string; login: string; name: string; role: string; locale: string | null; pinHash: string; passwordHash: string | null; active: boolean };

/** Sessions, PIN/password checks with back-off, and supervisor approvals. */
export class AuthService {
  /** Sessions are read on every request; a short-lived cache keeps that off the database. */
  #cache = new Map<string, { context: AuthContext; expiresAt: number; cachedAt: number }>();
  readonly #attempts: AttemptCounters;
  /** Checked instead when there is no user or no secret to check, so the answer takes as long either way. */
  readonly #dummyHash = hashSecret(randomBytes(16).toString('base64url'));

  constructor(
    private readonly db: Db,
    private readonly outlet: OutletInfo,
  ) {
    this.#attempts = new AttemptCounters(db);
  }

  /**
   * Checks a secret for a login, the attempt counted before the check (see AttemptCounters).
   * Unknown, inactive and secret-less logins run the same scrypt check against a dummy hash and
   * are counted alike, so neither the time nor the lock-out tells which logins exist.
   * `entitled` makes a right secret fail too when the user may not do what it is for.
   */
  async #checkCredentials(
    login: string,
    secret: { pin?: string; password?: string },
    client: Client,
    refusal: () => AppError,
    entitled: (user: UserRow) => boolean = () => true,
  ): Promise<UserRow> {
    const found = (await this.db.user.findUnique({ where: { login } })) as UserRow | null;
    const user = found?.active ? found : null;
    const device = user && client.deviceToken ? await this.db.knownDevice.findUnique({ where: { tokenHash_userId: { tokenHash: hashToken(client.deviceToken), userId: user.id } } }) : null;
    const attempt = await this.#attempts.begin(signInCounters(login, device?.tokenHash ?? null, client.address));
    const stored = (secret.password !== undefined ? user?.passwordHash : user?.pinHash) || null;
    const matches = await verifySecret(secret.password ?? secret.pin ?? '', stored ?? (await this.#dummyHash));
    if (!user || !stored || !matches || !entitled(user)) {
      if (attempt.locks && user) {
        await this.db.$transaction((tx) =>
          writeAudit(tx, { outletId: this.outlet.id, userId: user.id, action: 'user-locked-out', entityType: 'user', entityId: user.id, details: { address: client.address } }),
        );
      }
      throw refusal();
    }
    await attempt.succeeded();
    return user;
  }

  /** Signs in; the device token returned goes back to the browser as its device cookie. */
  async login(input: LoginRequest, client: Client): Promise<SignedIn> {
    const user = await this.#checkCredentials(input.login, input, client, invalidCredentials);
    let register: RegisterRef | null = null;
    if (input.registerCode) {
      const found = await this.db.register.findUnique({
        where: { outletId_code: { outletId: this.outlet.id, code: input.registerCode } },
        select: { id: true, code: true, name: true, active: true },
      });
      if (!found) {
        throw new AppError(422, 'unknown-register', `No register ${input.registerCode}`, [{ path: 'registerCode', message: 'unknown register' }], { registerCode: input.registerCode });
      }
      if (!found.active) throw new AppError(422, 'register-retired', `Register ${input.registerCode} is retired`, [{ path: 'registerCode', message: 'retired register' }], { registerCode: input.registerCode });
      register = { id: found.id, code: found.code, name: found.name };
    }
    return this.#openSession(user, register, client);
  }

  /** The users a register shows as sign-in tiles: active, of this outlet, allowed to sell; names only. */
  async registerUsers(): Promise<{ id: string; name: string }[]> {
    const users = await this.db.user.findMany({ where: { active: true, outletId: this.outlet.id }, select: { id: true, name: true, role: true }, orderBy: { name: 'asc' } });
    return users.filter((u) => rightsOf(this.outlet, u.role as Role).permissions.includes('sell')).map(({ id, name }) => ({ id, name }));
  }

  /**
   * Signs in at a paired register: the user of the tile tapped with their PIN (counted and backed
   * off exactly as a sign-in by login), or, where the register allows it, the PIN alone. A PIN
   * alone is tried against every tile user; only a PIN that is one user's opens a session, and
   * a PIN two users share opens none (the owner hears of it in the audit log, the cashier only
   * that it did not work, so nobody learns whose PIN is like theirs).
   */
  async loginAtRegister(register: RegisterRef & { pinAlone: boolean }, input: { userId?: string; pin: string }, client: Client): Promise<SignedIn> {
    if (input.userId) {
      const tileUser = (await this.registerUsers()).some((u) => u.id === input.userId);
      const row = tileUser ? await this.db.user.findUnique({ where: { id: input.userId }, select: { login: true } }) : null;
      // A user who is not on the register's tiles is checked as an unknown login is.
      const user = await this.#checkCredentials(row?.login ?? `\u0000user:${input.userId}`, { pin: input.pin }, client, invalidCredentials);
      return this.#openSession(user, register, client);
    }
    if (!register.pinAlone) throw badRequest('pin-alone-not-allowed', 'This register signs in by tile and PIN', [{ path: 'body.userId', message: 'required at this register' }]);
    const attempt = await this.#attempts.begin([{ subject: `pin-alone:${register.id}`, source: 'register', limit: ATTEMPTS_PER_SOURCE, startsOverOnSuccess: true }]);
    const candidates = await this.db.user.findMany({ where: { id: { in: (await this.registerUsers()).map((u) => u.id) } } });
    const checked = await Promise.all(candidates.map(async (user) => ((await verifySecret(input.pin, user.pinHash)) ? user : null)));
    const matching = checked.filter((u) => u !== null);
    if (matching.length !== 1) {
      if (matching.length > 1) {
        await this.db.$transaction((tx) =>
          writeAudit(tx, { outletId: this.outlet.id, userId: null, action: 'pin-alone-shared', entityType: 'register', entityId: register.id, details: { register: register.code, users: matching.length } }),
        );
      }
      throw invalidCredentials();
    }
    await attempt.succeeded();
    return this.#openSession(matching[0] as UserRow, register, client);
  }

  async #openSession(user: UserRow, register: RegisterRef | null, client: Client): Promise<SignedIn> {
    const token = randomBytes(32).toString('base64url');
    const deviceToken = client.deviceToken && DEVICE_TOKEN.test(client.deviceToken) ? client.deviceToken : randomBytes(32).toString('base64url');
    const device = { tokenHash: hashToken(deviceToken), userId: user.id };
    await this.db.$transaction(async (tx) => {
      await tx.session.create({
        data: {
          id: newId(),
          tokenHash: hashToken(token),
          userId: user.id,
          registerId: register?.id ?? null,
          expiresAt: new Date(Date.now() + SESSION_HOURS * 3600_000),
        },
      });
      await tx.knownDevice.upsert({ where: { tokenHash_userId: device }, create: { ...device, lastSeenAt: new Date() }, update: { lastSeenAt: new Date() } });
    });
    const role = user.role as Role;
    const rights = rightsOf(this.outlet, role);
    return {
      token,
      deviceToken,
      user: { id: user.id, login: user.login, name: user.name, role, locale: user.locale },
      outlet: this.outlet.view,
      register: register ? { id: register.id, code: register.code, name: register.name } : null,
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
      throw unauthorized('Session expired: sign in again', { variant: 'expired' });
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

  /** Ends every open session of a user (deactivated, a role, PIN or password changed), cached ones included, but `keepSessionId`. */
  async endSessionsOf(userId: string, keepSessionId?: string): Promise<void> {
    const others = keepSessionId ? { id: { not: keepSessionId } } : {};
    await this.db.$transaction((tx) => tx.session.updateMany({ where: { userId, revokedAt: null, ...others }, data: { revokedAt: new Date() } }));
    for (const [key, entry] of this.#cache) if (entry.context.userId === userId && entry.context.sessionId !== keepSessionId) this.#cache.delete(key);
  }

  /** Forgets the cached sessions at a register whose sessions were ended (it was retired). */
  forgetSessionsAt(registerId: string): void {
    for (const [key, entry] of this.#cache) if (entry.context.registerId === registerId) this.#cache.delete(key);
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
   * amount or share asked for, and only within the supervisor's own rights and limits. A right PIN
   * whose owner may not approve this looks and counts exactly like a wrong one (no PIN oracle), and
   * attempts count with sign-ins at the same login.
   */
  async approve(requestedBy: AuthContext, act: BoundAct, login: string, pin: string, client: Client) {
    const approver = await this.#checkCredentials(login, { pin }, client, approvalRefused, (user) => rightsCover(rightsOf(this.outlet, user.role as Role), act));
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
    throw new AppError(403, 'approval-required', `A supervisor must authorise ${why}`, [{ path: field, message: 'approval required' }], { approval: act, action: act.action, ...(auth.permissions.includes(act.action) ? { variant: 'limit' } : {}) });
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
