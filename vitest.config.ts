import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // expect.poll waits for something eventual (a delivery, a re-draw); a busy CI machine needs more
    // than the default second. Where the product promises a time, the test asserts it separately.
    expect: { poll: { timeout: 5_000 } },
    // real servers, SQLite files and browsers: keep files in separate processes
    pool: 'forks',
  },
});
