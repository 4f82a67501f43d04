/** Loads a saved page from test/fixtures/dom/ as a Document (happy-dom's DOMParser). */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

// Tests run from the repository root (vitest's root); happy-dom replaces the global URL.
export const FIXTURE_DIR = resolve(process.cwd(), 'test/fixtures/dom') + '/';

export function fixtureHtml(name: string): string {
  return readFileSync(FIXTURE_DIR + name, 'utf8');
}

export function loadFixture(name: string, url?: string): Document {
  const doc = new DOMParser().parseFromString(fixtureHtml(name), 'text/html');
  if (url) Object.defineProperty(doc, 'location', { value: new URL(url) });
  return doc;
}
