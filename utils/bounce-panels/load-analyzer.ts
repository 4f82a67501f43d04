/**
 * Loads the analyzer module (analyzer.ts, built to ANALYZER_PATH) once, on first use. WXT builds
 * content scripts as single classic scripts, where import() of a bundled module is inlined, so
 * the split is done by hand: a web-accessible ES module fetched from the extension itself.
 */
import { browser } from 'wxt/browser';
import type { analyze } from './analyzer';

/** Where wxt.config.ts writes the analyzer bundle (listed in web_accessible_resources there). */
export const ANALYZER_PATH = '/content-scripts/webmail-analyzer.js';

export interface AnalyzerModule {
  analyze: typeof analyze;
}

let loading: Promise<AnalyzerModule> | undefined;

export function loadAnalyzer(): Promise<AnalyzerModule> {
  loading ??= import(/* @vite-ignore */ (browser.runtime.getURL as (path: string) => string)(ANALYZER_PATH)).catch((error: unknown) => {
    loading = undefined; // let a later bounce try again
    throw error;
  });
  return loading;
}
