import { createHash, randomBytes } from 'node:crypto';
import { newId } from '../../shared/ids.ts';
import { AppError, conflict } from '../http/errors.ts';
import { hashSecret, verifySecret } from '../users/secrets.ts';
import type { HeadOfficeDb } from './db.ts';

const SESSION_HOURS = 12;
const MAX_ATTEMPTS = 5;
const LOCK_MINUTES = 5;
const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

export interface HeadOfficeUser {
  id: string;
  login: string;
  name: string;
}

/**
 * Head office's own users (role head_office_admin) and their sessions. Passwords are scrypt hashes
 * as at the outlets; a session token is random, kept as its SHA-256, and ends after 12 hours or at
 * sign-out. Five wrong passwords lock the user for five minutes.
 */
export class HeadOfficeUsers {
  constructor(private readonly db: HeadOfficeDb) {}

  async add(input: { login: string; name: string; password: string }): Promise<HeadOfficeUser> {
    if (await this.db.prisma.user.findUnique({ where: { login: input.login } })) throw conflict('login-taken', `The login ${input.login} is taken`, { login: input.login });
    const user = await this.db.prisma.user.create({
      data: { id: newId(), login: input.login, name: input.name, role: 'head_office_admin', pinHash: '', passwordHash: await hashSecret(input.password) },
    });
    return { id: user.id, login: user.login, name: user.name };
  }

  async signIn(login: string, password: string): Promise<{ token: string; user: HeadOfficeUser }> {
    const refused = new AppError(401, 'wrong-credentials', 'Wrong login or password');
    const user = await this.db.prisma.user.findUnique({ where: { login } });
    if (!user || !user.active || user.role !== 'head_office_admin' || !user.passwordHash) throw refused;
    if (user.lockedUntil && user.lockedUntil > new Date()) throw new AppError(423, 'locked', `Too many wrong passwords: try again after ${user.lockedUntil.toISOString()}`, undefined, { lockedUntil: user.lockedUntil.toISOString() });
    if (!(await verifySecret(password, user.passwordHash))) {
      const attempts = user.failedAttempts + 1;
      await this.db.prisma.user.update({
        where: { id: user.id },
        data: attempts >= MAX_ATTEMPTS ? { failedAttempts: 0, lockedUntil: new Date(Date.now() + LOCK_MINUTES * 60_000) } : { failedAttempts: attempts },
      });
      throw refused;
    }
    const token = randomBytes(32).toString('base64url');
    await this.db.prisma.$transaction([
      this.db.prisma.user.update({ where: { id: user.id }, data: { failedAttempts: 0, lockedUntil: null } }),
      this.db.prisma.headOfficeSession.create({ data: { tokenHash: hashOf(token), userId: user.id, expiresAt: new Date(Date.now() + SESSION_HOURS * 3600_000) } }),
    ]);
    return { token, user: { id: user.id, login: user.login, name: user.name } };
  }

  async signOut(token: string): Promise<void> {
    await this.db.prisma.headOfficeSession.deleteMany({ where: { tokenHash: hashOf(token) } });
  }

  /** The signed-in user a session token belongs to, or null (unknown, ended, or the user deactivated). */
  async userForToken(token: string): Promise<HeadOfficeUser | null> {
    const { rows } = await this.db.pool.query<HeadOfficeUser>(
      `SELECT u."id", u."login", u."name" FROM "HeadOfficeSession" s JOIN "User" u ON u."id" = s."userId"
       WHERE s."tokenHash" = $1 AND s."expiresAt" > now() AND u."active" AND u."role" = 'head_office_admin'`,
      [hashOf(token)],
    );
    return rows[0] ?? null;
  }
}
