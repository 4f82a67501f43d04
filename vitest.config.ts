import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // The '@/' imports of utils/ and entrypoints/ (WXT's alias for the project root).
  resolve: { alias: { '@/': fileURLToPath(new URL('./', import.meta.url)) } },
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  test: {
    globals: true,
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Builds the extension once (when stale) for the real-browser tests in test/browser/.
    globalSetup: ['test/browser/global-setup.ts'],
  },
});
