import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Print-size runs take minutes: `npm run test:large` (vitest.large.config.ts).
    exclude: [...configDefaults.exclude, 'tests/large/**'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    reporters: ['default'],
  },
});
