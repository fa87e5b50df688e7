import { createHash, randomBytes } from 'node:crypto';
import type { z } from 'zod';
import type { ChainOutlet, NewOutletSchema } from '../../shared/schemas/headoffice.ts';
import { newId } from '../../shared/ids.ts';
import { conflict, notFound } from '../http/errors.ts';
import type { HeadOfficeDb } from './db.ts';

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * The chain's outlets and the credentials they sync with. A token is 32 random bytes shown once;
 * head office stores its SHA-256 (a random token needs no slow hash), so a leaked database leaks no
 * working credential. Revoking ends every credential of the outlet at once.
 */
export class OutletRegistry {
  constructor(private readonly db: HeadOfficeDb) {}

  async addOutlet(input: z.output<typeof NewOutletSchema>) {
    const exists = await this.db.prisma.outlet.findUnique({ where: { code: input.code } });
    if (exists) throw conflict('outlet-exists', `An outlet with code ${input.code} exists`, { code: input.code });
    await this.db.prisma.outlet.create({ data: { id: newId(), code: input.code, name: input.name, currency: input.currency, timezone: input.timezone } });
    return this.issueCredential(input.code);
  }

  /**
   * A new credential for the outlet. Head office forgets the outlet's id and key it held (a new
   * credential is how an outlet set up again on another machine joins): its next push shows them.
   */
  async issueCredential(outletCode: string) {
    const outlet = await this.#outlet(outletCode);
    const token = randomBytes(32).toString('base64url');
    const credentialId = newId();
    await this.db.prisma.$transaction([
      this.db.prisma.outletIdentity.deleteMany({ where: { outletId: outlet.id } }),
      this.db.prisma.outletCredential.create({ data: { id: credentialId, outletId: outlet.id, tokenHash: hashOf(token) } }),
    ]);
    return { outletCode, credentialId, token };
  }

  async revoke(outletCode: string): Promise<number> {
    const outlet = await this.#outlet(outletCode);
    const { count } = await this.db.prisma.outletCredential.updateMany({ where: { outletId: outlet.id, revokedAt: null }, data: { revokedAt: new Date() } });
    return count;
  }

  /** The outlet a presented token belongs to, or null when it is unknown or revoked. */
  async outletForToken(token: string): Promise<{ id: string; code: string } | null> {
    const { rows } = await this.db.pool.query<{ id: string; code: string }>(
      `SELECT o."id", o."code" FROM "OutletCredential" c JOIN "Outlet" o ON o."id" = c."outletId" WHERE c."tokenHash" = $1 AND c."revokedAt" IS NULL`,
      [hashOf(token)],
    );
    return rows[0] ?? null;
  }

  /** Notes that the outlet was in touch (a pull is its heartbeat when it has nothing to push). */
  async touch(outletId: string): Promise<void> {
    await this.db.pool.query(
      `INSERT INTO "OutletSyncState" ("outletId", "lastContactAt") VALUES ($1, now()) ON CONFLICT ("outletId") DO UPDATE SET "lastContactAt" = now()`,
      [outletId],
    );
  }

  async list(): Promise<ChainOutlet[]> {
    const { rows } = await this.db.pool.query(
      `SELECT o."code", o."name", o."currency", o."timezone" AS "timeZone",
         (SELECT count(*)::int FROM "OutletCredential" c WHERE c."outletId" = o."id" AND c."revokedAt" IS NULL) AS "activeCredentials",
         s."lastContactAt" AT TIME ZONE 'UTC' AS "lastContactAt", coalesce(s."clockSkewMs", 0) AS "clockSkewMs", coalesce(s."documentsHeld", 0) AS "documentsHeld", coalesce(s."backlog", 0) AS "backlog", s."lastError", s."lastErrorAt" AT TIME ZONE 'UTC' AS "lastErrorAt"
       FROM "Outlet" o LEFT JOIN "OutletSyncState" s ON s."outletId" = o."id" ORDER BY o."code"`,
    );
    return rows.map((r) => ({ ...r, lastContactAt: r.lastContactAt?.toISOString() ?? null, lastErrorAt: r.lastErrorAt?.toISOString() ?? null }));
  }

  /** Head office's id of the outlet with this code (404 naming `code` when there is none). */
  async idOf(code: string): Promise<string> {
    return (await this.#outlet(code)).id;
  }

  async #outlet(code: string) {
    const outlet = await this.db.prisma.outlet.findUnique({ where: { code } });
    if (!outlet) throw notFound('outlet-not-found', `No outlet with code ${code}`, [{ path: 'code', message: 'unknown outlet' }], { code });
    return outlet;
  }
}
