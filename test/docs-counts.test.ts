/**
 * The figures the READMEs state about the tables and the probes, checked against them: a row or
 * a probe added without its README line fails here instead of leaving the text quietly stale.
 * (The corpus figures are checked by test/corpus, which prints them.)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROVIDER_ROWS } from '../lib/knowledge';

const ROOT = join(__dirname, '..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
const count = (n: number) => n.toLocaleString('en-US');

describe('figures stated in the READMEs', () => {
  it('name as many provider responses as the tables hold', () => {
    const rows = count(PROVIDER_ROWS.length);
    expect(read('README.md')).toContain(`${rows} provider responses`);
    expect(read('lib/knowledge/README.md')).toContain(`${rows} provider responses`);
  });

  it('name as many probes, and as many known exceptions, as the probe test holds', () => {
    const cases = JSON.parse(read('test/fixtures/probes/cases.json')) as unknown[];
    const test = read('test/corpus/probes.test.ts');
    const known = test.slice(test.indexOf('const KNOWN'), test.indexOf('\n};', test.indexOf('const KNOWN')));
    const exceptions = [...known.matchAll(/^ {2}'[^']+':/gm)].length;
    const readme = read('README.md');
    expect(readme).toContain(`holds ${count(cases.length)} bounces`);
    expect(readme).toContain(`${count(cases.length - exceptions)} agree; the ${count(exceptions)} where`);
  });
});
