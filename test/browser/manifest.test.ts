/** The built manifests ask for only what the extension uses, and allow no remote code. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHROME_DIR, FIREFOX_DIR } from './paths';

const MAIL_HOSTS = [
  'https://mail.google.com/*',
  'https://outlook.cloud.microsoft/*',
  'https://outlook.live.com/*',
  'https://outlook.office.com/*',
  'https://outlook.office365.com/*',
];

const read = (dir: string) => JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));

function expectStrictCsp(csp: string) {
  const directives = new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...v]) => [name, v]));
  expect(directives.get('script-src')).toEqual(["'self'"]);
  expect(directives.get('object-src')).toEqual(["'none'"]);
  expect(csp).not.toMatch(/unsafe-eval|unsafe-inline|https?:|\*/);
}

describe('built manifests', () => {
  it('Chrome MV3: storage, sidePanel and the five mail hosts; popup, side panel, icons', () => {
    const m = read(CHROME_DIR);
    expect(m.manifest_version).toBe(3);
    expect([...m.permissions].sort()).toEqual(['sidePanel', 'storage']);
    expect([...m.host_permissions].sort()).toEqual(MAIL_HOSTS);
    expect(m.optional_permissions ?? []).toEqual([]);
    expect(m.action.default_popup).toBe('popup.html');
    expect(m.side_panel.default_path).toBe('sidepanel.html');
    expect(Object.keys(m.icons)).toEqual(['16', '32', '48', '128']);
    expectStrictCsp(m.content_security_policy.extension_pages);
    expect(JSON.stringify(m)).not.toMatch(/<all_urls>|"tabs"|\*:\/\/\*/);
  });

  it('Firefox: storage and the five mail hosts; browser action, sidebar, icons', () => {
    const m = read(FIREFOX_DIR);
    expect([...m.permissions].sort()).toEqual([...MAIL_HOSTS, 'storage'].sort());
    expect(m.browser_action.default_popup).toBe('popup.html');
    expect(m.sidebar_action.default_panel).toBe('sidepanel.html');
    expect(Object.keys(m.icons)).toEqual(['16', '32', '48', '128']);
    expect(m.browser_specific_settings.gecko.data_collection_permissions).toEqual({ required: ['none'] });
    expectStrictCsp(m.content_security_policy);
    expect(JSON.stringify(m)).not.toMatch(/<all_urls>|"tabs"|sidePanel/);
  });
});
