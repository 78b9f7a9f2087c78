import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { alias: { '@shared': fileURLToPath(new URL('./src-shared', import.meta.url)) } },
  test: {
    include: ['e2e/**/*.e2e.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 60_000,
    // A browser on a loaded 2-core CI machine can take seconds to react: polls wait up to
    // 15 s (the default 1 s made a replay start flaky), and still fail fast when wrong.
    expect: { poll: { timeout: 15_000, interval: 100 } },
  },
});
