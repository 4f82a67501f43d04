/**
 * The knowledge base: what every code and provider response means, the advice for a verdict,
 * and lookup() for pasted codes, tokens and bounces. Pure data and functions; no I/O.
 */
export { advise, buildAdvice } from './advice';
export { PROVIDER_NAMES } from './provider-names';
export type { AdviceInput } from './advice';
export { explainStatus, parseStatus, statusRow, STATUS_ROWS } from './enhanced-status';
export type { StatusExplanation } from './enhanced-status';
export { explainReply, parseReply, REPLY_ROWS } from './reply-codes';
export type { ReplyExplanation } from './reply-codes';
export { detectProvider, extractTokens, matchProviderResponse } from './provider-match';
export type { DetectedProvider, ProviderMatch } from './provider-match';
export { PROVIDER_ROWS } from './providers';
export { HELP_LINKS, isOfficialHelpUrl } from './help-links';
export type { HelpId } from './help-links';
export { lookup, MAX_LOOKUP_CHARS } from './lookup';
export type { AuthFocus, ProviderRow, ReplyRow, StatusRow } from './schema';
