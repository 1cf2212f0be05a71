// Test layers (STYLE.md 12): unit (pure logic, fake clock), integration (real SQLite, real smtp-server),
// e2e (the real renderer in Chromium against the real engine), electron (the desktop app itself, where Electron's
// binary is installed; elsewhere the run prints why it did not run them).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    reporters: ['default', './test/support/summaryReporter.ts'],
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.{ts,tsx}'], testTimeout: 10_000 } },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['./test/e2e/support/globalSetup.ts'],
          testTimeout: 60_000,
          hookTimeout: 90_000,
          // One Chromium at a time: the machines have two cores.
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'electron',
          include: ['test/electron/**/*.test.ts'],
          globalSetup: ['./test/electron/support/globalSetup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
