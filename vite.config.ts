import { defineConfig } from 'vitest/config';
import type { Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * Content-Security-Policy of the built page: only our own scripts (no inline script, no eval), module
 * workers from our origin (blob: for a future worker from a Blob), no plugins, no <base> hijack.
 * style-src needs 'unsafe-inline' because KaTeX's HTML carries style="…" attributes (and d3/React set
 * style attributes); img-src allows data: and blob: for the favicon and image exports; font-src allows
 * data: because Vite inlines KaTeX fonts under 4 kB into the CSS as data: URLs.
 * Build only: the dev server injects inline scripts (React refresh, Vite client) that it would block.
 */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

function contentSecurityPolicyMeta(): Plugin {
  return {
    name: 'sgf-dmft-csp-meta',
    apply: 'build',
    transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: contentSecurityPolicy }, injectTo: 'head-prepend' }],
  };
}

// Relative base so the production build works from any sub-path of a static host.
export default defineConfig({
  base: './',
  plugins: [react(), contentSecurityPolicyMeta()],
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: true },
  test: {
    projects: [
      {
        extends: true,
        // Node: unit tests mirroring src/core and src/cli, the theory-vs-simulation agreement tests, whole-project checks.
        test: {
          name: 'core',
          environment: 'node',
          include: ['test/core/**/*.test.ts', 'test/cli/**/*.test.ts', 'test/agreement/**/*.test.ts', 'test/project/**/*.test.ts'],
          testTimeout: 300_000,
        },
      },
      {
        extends: true,
        test: { name: 'app', environment: 'jsdom', include: ['test/app/**/*.test.{ts,tsx}'], testTimeout: 60_000 },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 300_000,
          hookTimeout: 300_000,
          fileParallelism: false,
          globalSetup: ['test/e2e/globalSetup.ts'],
        },
      },
    ],
  },
});
