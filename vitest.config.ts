import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'shared/**/*.test.ts',
      'electron/**/*.test.ts',
      'renderer/**/*.test.{ts,tsx}',
      'test/**/*.test.ts',
    ],
    environment: 'node',
    // Child processes, not worker threads: native better-sqlite3 handles and SIGKILL crash tests
    // behave as they do in the app.
    pool: 'forks',
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
