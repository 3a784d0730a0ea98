import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Real Redis, real ONNX sessions and real HTTP servers: generous timeouts so a busy 2-core CI box never flakes.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Each test file gets a fresh HOME, so the default embedded database (~/.riskxpert) is its own.
    setupFiles: ['test/store-home-setup.ts'],
  },
});
