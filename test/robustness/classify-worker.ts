/**
 * Runs classify() in a worker thread for the robustness tests, so that a classifier stuck in a
 * loop can be stopped (worker.terminate) and reported, instead of hanging the test run.
 * Bundled on the fly by harness.ts.
 */
import { parentPort } from 'node:worker_threads';
import { classify } from '../../lib';
import type { ClassifyOptions, RawInput } from '../../lib';

interface Job {
  id: number;
  input: RawInput;
  options?: ClassifyOptions;
}

parentPort!.on('message', async ({ id, input, options }: Job) => {
  const started = performance.now();
  try {
    const result = await classify(input, options);
    parentPort!.postMessage({ id, status: 'finished', result, ms: performance.now() - started });
  } catch (err) {
    const error = err instanceof Error ? (err.stack ?? err.message) : String(err);
    parentPort!.postMessage({ id, status: 'threw', error, ms: performance.now() - started });
  }
});
