/**
 * The design card's boundaries, checked: lib/ is pure (no browser, extension, WXT or Node
 * imports, so the CLI and the content scripts share it), components/ take data and render it,
 * and only the command line tool touches the file system.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..');

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(ROOT, dir))) {
    const path = join(dir, name);
    if (statSync(join(ROOT, path)).isDirectory()) out.push(...sources(path));
    else if (/\.(ts|tsx|mts|mjs)$/.test(name)) out.push(path);
  }
  return out;
}

function imports(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const found: string[] = [];
  for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"`;]*?from\s*['"]([^'"]+)['"]/g)) found.push(m[1]);
  for (const m of text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) found.push(m[1]);
  return found;
}

/** Extension APIs and WXT globals used as code (not in comments). */
function usesExtensionApi(file: string): boolean {
  const code = readFileSync(join(ROOT, file), 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\/\/.*$/gm, '');
  return /\b(?:chrome|browser)\.(?:runtime|storage|tabs|sidePanel|action|scripting)\b/.test(code);
}

describe('lib/ is pure', () => {
  const files = sources('lib');

  it('imports only lib/ itself and postal-mime', () => {
    const bad = files.flatMap((f) => imports(f).filter((s) => !s.startsWith('.') && s !== 'postal-mime').map((s) => `${f}: ${s}`));
    expect(bad).toEqual([]);
  });

  it('uses no extension APIs', () => {
    expect(files.filter(usesExtensionApi)).toEqual([]);
  });

  it('touches no DOM outside the webmail readers', () => {
    const domUse = files.filter((f) => !f.startsWith(join('lib', 'webmail')) && /\b(?:document|window)\.\w/.test(readFileSync(join(ROOT, f), 'utf8').replace(/\/\/.*$/gm, '')));
    expect(domUse).toEqual([]);
  });
});

describe('components/ render data', () => {
  it('use no storage or messaging', () => {
    expect(sources('components').filter(usesExtensionApi)).toEqual([]);
  });

  it("load no classifier code of their own: the content scripts bundle them, and the classifier is loaded only when a bounce is opened", () => {
    // (Its limits, which cards name, live apart in lib/classify/limits.ts for this.)
    const classifier = sources('components').filter((f) => imports(f).some((s) => /\/lib\/classify\/(?!limits$)/.test(s) || /\/lib\/mime\//.test(s)));
    expect(classifier).toEqual([]);
  });
});

describe('the file system', () => {
  it('is touched only by the command line tool, scripts and tests', () => {
    const product = [...sources('lib'), ...sources('components'), ...sources('entrypoints')];
    const bad = product.filter((f) => imports(f).some((s) => s === 'fs' || s.startsWith('node:') || s === 'path'));
    expect(bad.map((f) => relative(ROOT, join(ROOT, f)))).toEqual([]);
  });
});
