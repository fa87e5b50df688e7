import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['prisma/**/*.test.ts', 'pos-ui/**/*.test.ts', 'backoffice-ui/**/*.test.ts', 'shared/**/*.test.ts', 'drivers/**/*.test.ts', 'server/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
