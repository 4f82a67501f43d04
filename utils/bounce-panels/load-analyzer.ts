/**
 * Loads the analyzer module (analyzer.ts, built to ANALYZER_PATH) once, on first use. WXT builds
 * content scripts as single classic scripts, where import() of a bundled module is inlined, so
 * the split is done by hand: a web-accessible ES module fetched from the extension itself.
 */
import { browser } from 'wxt/browser';
import type { analyze, warmUpSteps } from './analyzer';
import { yieldToPage } from './yield';

/** Where wxt.config.ts writes the analyzer bundle (listed in web_accessible_resources there). */
export const ANALYZER_PATH = '/content-scripts/webmail-analyzer.js';

export interface AnalyzerModule {
  analyze: typeof analyze;
  warmUpSteps?: typeof warmUpSteps;
}

let loading: Promise<AnalyzerModule> | undefined;

/**
 * The module, its tables built: evaluating it is one task, and each warm-up step another, with the
 * page given the thread (`pause`) between them.
 */
export function loadAnalyzer(pause: () => Promise<void> = yieldToPage): Promise<AnalyzerModule> {
  loading ??= (async () => {
    const module = (await import(/* @vite-ignore */ (browser.runtime.getURL as (path: string) => string)(ANALYZER_PATH))) as AnalyzerModule;
    for (const step of module.warmUpSteps ?? []) {
      await pause();
      step();
    }
    return module;
  })().catch((error: unknown) => {
    loading = undefined; // let a later bounce try again
    throw error;
  });
  return loading;
}
