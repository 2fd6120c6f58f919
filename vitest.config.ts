import path from 'node:path';
import { defineConfig } from 'vitest/config';

const alias = {
  '@': path.resolve(import.meta.dirname),
  // Outside Next's react-server build the marker module throws; the tests import server code directly.
  'server-only': path.resolve(import.meta.dirname, 'tests/setup/server-only.ts'),
};

export default defineConfig({
  resolve: { alias },
  test: {
    // Vitest runs one file at a time on 2 cores by default (cores - 1); the integration files mostly
    // wait on PostgreSQL, simulators and timers, so two at a time take about two thirds of the time.
    maxWorkers: 2,
    projects: [
      { resolve: { alias }, test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node' } },
      {
        resolve: { alias },
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/setup/global-db.ts'],
          setupFiles: ['tests/setup/file-db.ts'],
          pool: 'forks',
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
