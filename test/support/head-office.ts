import crypto from 'node:crypto';
import pg from 'pg';
import type { FastifyInstance } from 'fastify';
import { openHeadOfficeDatabase, type HeadOfficeDb } from '../../server/headoffice/db.ts';
import { buildHeadOfficeApp } from '../../server/headoffice/app.ts';
import type { Db } from '../../server/db/client.ts';
import { loadOutlet } from '../../server/outlet.ts';
import { publicKeyOf } from '../../server/stock/note-signing.ts';
import { ApiClient } from './api-client.ts';

/**
 * Head-office tests run on real PostgreSQL: scripts/ensure-test-tools.sh starts the local cluster
 * and creates this role; TEST_POSTGRES_URL points elsewhere.
 */
export const POSTGRES_ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgresql://till_test:till_test@127.0.0.1:5432/postgres';

/** A fresh database for one test file, dropped afterwards. */
export async function createPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `till_test_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const again = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
      await again.connect();
      // FORCE ends our leftover connections; an autovacuum worker on the database may still be
      // busy for a moment (ending it needs more than the test role may), so try a few times.
      for (let attempt = 1; ; attempt++) {
        try {
          await again.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
          break;
        } catch (err) {
          if (attempt === 5) throw err;
          await new Promise((r) => setTimeout(r, 200 * attempt));
        }
      }
      await again.end();
    },
  };
}

/** Every row of every table (but those `except`), hashed by PostgreSQL itself on a connection of its own. */
export async function databaseDigest(url: string, except: string[] = []): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows: tables } = await client.query<{ name: string }>("SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1");
    const digests: string[] = [];
    for (const { name } of tables.filter((t) => !except.includes(t.name))) {
      const { rows } = await client.query<{ digest: string | null }>(`SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) AS digest FROM "${name}" t`);
      digests.push(`${name}:${rows[0].digest}`);
    }
    return digests.join('\n');
  } finally {
    await client.end();
  }
}

export interface TestHeadOffice {
  url: string;
  app: FastifyInstance;
  port: number;
  db: HeadOfficeDb;
  admin: ApiClient;
  /** Adds an outlet and returns its sync credential. */
  addOutlet(code: string): Promise<string>;
  close(): Promise<void>;
}

export const ADMIN_TOKEN = 'head-office-admin-token-for-tests';

/** The server in head-office mode on a loopback port (a given one to restart in place). */
export async function startHeadOffice(databaseUrl: string, port = 0, beforeListen?: (app: FastifyInstance) => void): Promise<TestHeadOffice> {
  const db = await openHeadOfficeDatabase(databaseUrl);
  const app = await buildHeadOfficeApp({ db, adminToken: ADMIN_TOKEN });
  beforeListen?.(app);
  await app.listen({ port, host: '127.0.0.1' });
  const actual = (app.server.address() as { port: number }).port;
  const url = `http://127.0.0.1:${actual}`;
  const admin = new ApiClient(url, ADMIN_TOKEN);
  return {
    url,
    app,
    port: actual,
    db,
    admin,
    async addOutlet(code) {
      const res = await admin.post<{ token: string }>('/api/head-office/outlets', { code, name: `Outlet ${code}` });
      if (res.status !== 201) throw new Error(`adding outlet ${code}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.token;
    },
    async close() {
      await app.close();
      await db.close();
    },
  };
}

/** What an outlet shows head office with each push, as its pusher sends it: its own id, public key and time zone. */
export async function outletIdentity(db: Db): Promise<{ outletId: string; publicKey: string; timeZone: string }> {
  const outlet = await loadOutlet(db);
  return { outletId: outlet.id, publicKey: publicKeyOf(outlet.signingKey), timeZone: outlet.view.timezone };
}
