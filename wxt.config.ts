import { defineConfig } from 'wxt';

// Hosts whose pages our content scripts read. Keep in step with entrypoints/*.content.ts.
const MAIL_HOSTS = [
  'https://mail.google.com/*',
  'https://outlook.live.com/*',
  'https://outlook.office.com/*',
  'https://outlook.office365.com/*',
];

export default defineConfig({
  // Explicit imports everywhere: lib/ must stay free of WXT globals so the CLI can use it.
  imports: false,
  manifest: ({ browser }) => ({
    name: 'Bounce Inspector',
    description:
      'Explains email bounces in Gmail and Outlook on the web: what failed, why, and what to do next. Nothing leaves your browser.',
    permissions: browser === 'firefox' ? ['storage'] : ['storage', 'sidePanel'],
    host_permissions: MAIL_HOSTS,
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
              strict_min_version: '115.0',
              // We collect nothing: bounces are read in the browser and the history stays local.
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
  vite: () => ({
    esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
    resolve: { alias: { react: 'preact/compat', 'react-dom': 'preact/compat' } },
  }),
});
