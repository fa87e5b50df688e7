// Prisma CLI configuration. The JavaScript schema engine with a driver adapter keeps every
// command offline (no engine downloads); see ../shared/docs/toolchain.md.
import path from 'node:path';
import { defineConfig } from 'prisma/config';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';

process.env.DATABASE_URL ??= 'file:./data/outlet.db';

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: path.join('prisma', 'schema.prisma'),
  migrations: { path: path.join('prisma', 'migrations') },
  adapter: async () => new PrismaBetterSQLite3({ url: process.env.DATABASE_URL! }),
});
