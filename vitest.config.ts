import { defineConfig } from 'vitest/config';

const shared = { testTimeout: 90_000, hookTimeout: 240_000 };

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          ...shared,
          name: 'unit',
          include: [
            'packages/**/*.test.ts',
            'portal/**/*.test.ts',
            'search-indexer/**/*.test.ts',
            'content/**/*.test.ts',
            'miniprogram/**/*.test.ts',
          ],
          exclude: ['**/node_modules/**', 'dist/**', 'data/**', 'miniprogram/dist/**'],
        },
      },
      {
        test: {
          ...shared,
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          globalSetup: ['tests/integration/global-setup.ts'],
          // Two files at a time: each file that changes data has its own portal (tests/helpers/own-portal.ts),
          // the rest only read the shared one, so files cannot see each other's writes.
          maxWorkers: 2,
        },
      },
    ],
  },
});
