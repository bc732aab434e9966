import { defineConfig } from 'vitest/config';

// Two projects by cost (style.md "Tests"): `unit` needs no services; `integration` runs against
// the local PostgreSQL and RabbitMQ, with a template database made once in global setup.
// `vitest run --project unit` runs only the fast tier.
export default defineConfig({
  test: {
    testTimeout: 30_000,
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['src/**/*.spec.ts', 'test/**/*.spec.ts'] },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/**/*.int-spec.ts'],
          globalSetup: ['test/integration/global-setup.ts'],
          hookTimeout: 30_000,
        },
      },
    ],
  },
});
