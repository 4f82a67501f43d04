/**
 * Limits of the text scanner that the pages showing its results name (components), kept apart
 * from scan-text.ts so that naming them does not load the scanner into a content script.
 */

/** The most lines of a report's text the scanner reads. */
export const MAX_SCAN_LINES = 2000;
