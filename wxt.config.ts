import { build } from 'esbuild';
import { defineConfig } from 'wxt';

// Hosts whose pages our content scripts read. Keep in step with entrypoints/*.content.ts.
const MAIL_HOSTS = [
  'https://mail.google.com/*',
  'https://outlook.live.com/*',
  'https://outlook.office.com/*',
  'https://outlook.office365.com/*',
  // Microsoft 365's new address for Outlook on the web.
  'https://outlook.cloud.microsoft/*',
];

/**
 * The webmail content scripts' heavy half (classifier, MIME parser, advice), bundled apart as an
 * ES module and imported only when a bounce is open: WXT builds content scripts as one classic
 * script each, where import() would be inlined. See utils/bounce-panels/load-analyzer.ts.
 */
const WEBMAIL_ANALYZER = 'content-scripts/webmail-analyzer.js';

async function bundleWebmailAnalyzer(root: string, minify: boolean): Promise<string> {
  const result = await build({
    entryPoints: [`${root}/utils/bounce-panels/analyzer.ts`],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify,
    legalComments: 'none',
    write: false,
  });
  return result.outputFiles[0].text;
}

export default defineConfig({
  // Explicit imports everywhere: lib/ must stay free of WXT globals so the CLI can use it.
  imports: false,
  manifest: ({ browser }) => ({
    name: 'Bounce Inspector',
    description:
      'Explains email bounces in Gmail and Outlook on the web: what failed, why, and what to do next. Nothing leaves your browser.',
    permissions: browser === 'firefox' ? ['storage'] : ['storage', 'sidePanel'],
    host_permissions: MAIL_HOSTS,
    // Only the mail pages' content scripts import it; dynamic URLs keep it from fingerprinting us.
    web_accessible_resources: [{ resources: [WEBMAIL_ANALYZER], matches: MAIL_HOSTS, use_dynamic_url: true }],
    content_security_policy: {
      // Our pages load only our own files: no remote code, no eval, no plugins, no framing.
      extension_pages:
        "default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'bounce-inspector@example.org',
              strict_min_version: '128.0',
              // We collect nothing: bounces are read in the browser and the history stays local.
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
  hooks: {
    'build:publicAssets': async (wxt, files) => {
      files.push({ relativeDest: WEBMAIL_ANALYZER, contents: await bundleWebmailAnalyzer(wxt.config.root, wxt.config.mode === 'production') });
    },
  },
  zip: {
    // The Firefox sources zip for review: source only, no build output, screenshots or bench bundles.
    excludeSources: ['test-results/**', 'dist/**', 'coverage/**', 'web-ext-artifacts/**'],
  },
  vite: () => ({
    esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
    resolve: { alias: { react: 'preact/compat', 'react-dom': 'preact/compat' } },
  }),
});
