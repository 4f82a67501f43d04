/**
 * A classifier that cannot hang the tests: classify() runs in a worker thread, and a call that
 * has not finished within its time limit terminates the worker (a fresh one serves the next
 * call) and reports a timeout. The worker is lib/ bundled by esbuild into a temporary file.
 */
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { REASON_NAMES } from '../../lib';
import type { ClassifyOptions, ClassifyResult, RawInput } from '../../lib';

export type Outcome =
  | { status: 'finished'; result: ClassifyResult; ms: number }
  | { status: 'threw'; error: string; ms: number }
  | { status: 'timeout'; ms: number };

export interface Harness {
  classify(input: RawInput, options?: ClassifyOptions, timeoutMs?: number): Promise<Outcome>;
  close(): Promise<void>;
}

/** Per call; generous, since this guards against hangs and is no speed test. */
export const DEFAULT_TIMEOUT_MS = 8_000;

export async function startHarness(): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'bounce-robustness-'));
  const script = join(dir, 'classify-worker.mjs');
  await build({
    entryPoints: [fileURLToPath(new URL('./classify-worker.ts', import.meta.url))],
    outfile: script,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'error',
  });

  let worker = new Worker(script);
  let nextId = 0;

  return {
    classify(input, options, timeoutMs = DEFAULT_TIMEOUT_MS) {
      const id = nextId++;
      const started = performance.now();
      return new Promise<Outcome>((resolve, reject) => {
        const current = worker;
        const done = () => {
          clearTimeout(timer);
          current.off('message', onMessage);
          current.off('error', onError);
        };
        const onMessage = (message: Outcome & { id: number }) => {
          if (message.id !== id) return;
          done();
          const { id: _, ...outcome } = message;
          resolve(outcome as Outcome);
        };
        const onError = (err: Error) => {
          done();
          worker = new Worker(script);
          reject(err);
        };
        const timer = setTimeout(() => {
          done();
          void current.terminate();
          worker = new Worker(script);
          resolve({ status: 'timeout', ms: performance.now() - started });
        }, timeoutMs);
        current.on('message', onMessage);
        current.on('error', onError);
        current.postMessage({ id, input, options });
      });
    },
    async close() {
      await worker.terminate();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const KINDS = ['bounce', 'delay', 'delivered', 'feedback', 'autoreply', 'not-bounce'];

/**
 * The outcome is a finished classification of the documented shape, or a clear refusal
 * ({kind: 'error', error}); never a throw or a timeout. Returns the result for further checks.
 */
export function expectFinished(outcome: Outcome, what: string): ClassifyResult {
  if (outcome.status === 'threw') expect.fail(`classify threw on ${what}:\n${outcome.error}`);
  if (outcome.status === 'timeout') expect.fail(`classify did not finish on ${what} within ${Math.round(outcome.ms)} ms`);
  const result = outcome.result;
  if (result.kind === 'error') {
    expect(typeof result.error, `error message on ${what}`).toBe('string');
    expect(result.error.trim(), `error message on ${what}`).not.toBe('');
    return result;
  }
  expect(KINDS, `kind on ${what}`).toContain(result.kind);
  for (const field of ['reportingMta', 'provider', 'subject', 'from'] as const) expect(typeof result[field], field).toBe('string');
  for (const field of ['subject', 'messageId', 'from', 'to', 'date'] as const) expect(typeof result.original?.[field], `original.${field}`).toBe('string');
  expect(Array.isArray(result.recipients), `recipients on ${what}`).toBe(true);
  for (const r of result.recipients) {
    for (const field of ['recipient', 'action', 'status', 'reply', 'remoteMta', 'diagnostic', 'provider', 'feedback'] as const) {
      expect(typeof r[field], `recipient.${field} on ${what}`).toBe('string');
    }
    expect(r.status, `status on ${what}`).toMatch(/^$|^[245]\.\d{1,3}\.\d{1,3}$/);
    expect(r.reply, `reply on ${what}`).toMatch(/^$|^[2-5]\d\d$/);
    expect(REASON_NAMES, `reason on ${what}`).toContain(r.reason);
    expect(typeof r.permanent).toBe('boolean');
    expect(typeof r.hard).toBe('boolean');
    expect(Array.isArray(r.providerTokens)).toBe(true);
    expect(Array.isArray(r.evidence)).toBe(true);
  }
  return result;
}
