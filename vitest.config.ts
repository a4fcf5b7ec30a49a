import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Integration and browser suites start Azurite / Chromium; keep them from starving each other on 2 cores.
    fileParallelism: true,
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // The JSON report feeds the plain 'N passed, N failed' line CI prints (scripts/test-summary.mjs).
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
    projects: [
      {
        // Tests of the pure core, the adapters in process and the raw data: they share no state a test
        // changes, so a worker keeps the modules it has loaded (most of the suite's time was importing them).
        extends: true,
        test: { name: 'in-process', include: ['tests/unit/**/*.test.ts', 'tests/data/**/*.test.ts', 'tests/fuzz/**/*.test.ts'], isolate: false },
      },
      {
        // Each file starts its own Azurite, hosts or Chromium: isolated as before.
        extends: true,
        test: {
          name: 'stack',
          include: ['tests/integration/**/*.test.ts', 'tests/browser/**/*.test.ts', 'tests/a11y/**/*.test.ts', 'tests/security/**/*.test.ts'],
        },
      },
    ],
  },
});
