/**
 * Bounce Inspector's core: pure TypeScript, no DOM, extension or Node imports.
 * Runs unchanged in content scripts, the popup, the side panel and the command line tool.
 */
export { classify, classifyText, MAX_INPUT_BYTES } from './classify/classify';
export { emptyOriginal } from './classify/read-report';
export { advise, explainReply, explainStatus, lookup } from './knowledge';
export { REASONS, REASON_NAMES, isReason } from './reasons';
export type { Reason, Layer, ReasonInfo } from './reasons';
export type * from './types';
