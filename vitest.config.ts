import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // One DynamoDB Local (in memory) for the whole run; each test file makes its own table.
    globalSetup: ['test/global-setup.ts'],
    include: ['**/*.test.ts', '**/*.test.tsx'],
    exclude: ['node_modules/**', 'cdk.out/**', '.data/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
