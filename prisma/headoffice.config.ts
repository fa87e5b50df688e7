// Prisma CLI configuration for head office's generated schema (PostgreSQL). Only `generate` and
// `migrate diff --script` are used with it: migrate commands through the pg adapter fail (see
// ../shared/docs/toolchain.md); server/headoffice/db.ts applies the SQL itself.
import path from 'node:path';
import { defineConfig } from 'prisma/config';
import { PrismaPg } from '@prisma/adapter-pg';

process.env.DATABASE_URL ??= 'postgresql://localhost/unused';

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: path.join(import.meta.dirname, 'generated', 'headoffice.prisma'),
  migrations: { path: path.join(import.meta.dirname, 'headoffice', 'migrations') },
  adapter: async () => new PrismaPg({ connectionString: process.env.DATABASE_URL! }),
});
