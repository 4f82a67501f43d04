/** The Firefox build passes Mozilla's add-on linter (web-ext lint) with no errors. */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { FIREFOX_DIR, ROOT } from './paths';

interface LintMessage {
  code: string;
  message: string;
  file?: string;
}
interface LintReport {
  summary: { errors: number; warnings: number; notices: number };
  errors: LintMessage[];
  warnings: LintMessage[];
}

async function lint(dir: string): Promise<LintReport> {
  const webExt = join(ROOT, 'node_modules/.bin/web-ext');
  const args = ['lint', '--source-dir', dir, '--output', 'json', '--no-config-discovery'];
  // web-ext exits non-zero when it finds errors; the JSON report is on stdout either way.
  const { stdout } = await promisify(execFile)(webExt, args, { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 }).catch(
    (error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }),
  );
  return JSON.parse(stdout.slice(stdout.indexOf('{'))) as LintReport;
}

describe('web-ext lint', () => {
  it('finds no errors in the Firefox build', { timeout: 120_000 }, async () => {
    expect(existsSync(join(FIREFOX_DIR, 'manifest.json'))).toBe(true);
    const report = await lint(FIREFOX_DIR);
    expect(report.errors.map((m) => `${m.code} ${m.file ?? ''}: ${m.message}`)).toEqual([]);
    expect(report.summary.errors).toBe(0);
  });
});
