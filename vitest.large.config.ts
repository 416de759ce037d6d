import { defineConfig } from 'vitest/config';

/** `npm run test:large`: the slow print-size runs on the real weights (tests/large), one file at a time. */
export default defineConfig({
  test: {
    include: ['tests/large/**/*.test.ts'],
    testTimeout: 60 * 60_000,
    pool: 'forks',
    reporters: ['default'],
  },
});
