import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['prisma/**/*.test.ts', 'pos-ui/**/*.test.ts', 'backoffice-ui/**/*.test.ts', 'shared/**/*.test.ts', 'drivers/**/*.test.ts', 'server/**/*.test.ts', 'test/**/*.test.ts'],
    // A test's time limit only catches a hang (a browser story's every step has its own 15 s bound in
    // Playwright, and speed is the benches' business): the register's keyboard story of two sales that
    // takes 5 s alone passed 30 s on CI's loaded machine and failed the whole run.
    testTimeout: 90_000,
    hookTimeout: 60_000,
    // Two cores are shared by browsers, outlet servers and PostgreSQL when suites run side by side:
    // a poll that succeeds in 50 ms alone can need a few seconds then (the register's first scan
    // once took more than the default second).
    expect: { poll: { timeout: 5_000 } },
  },
});
