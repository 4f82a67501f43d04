/**
 * Which provider wrote a reply, its own tokens, and what its response means, from the
 * knowledge base's provider table (lib/knowledge), plus the reporting services recognised by
 * who sent the notice.
 */
import { detectProvider as detectInText, matchProviderResponse } from '../knowledge/provider-match';
import type { Reason } from '../reasons';
import type { ProviderId } from '../types';

export interface ProviderGuess {
  provider: ProviderId;
  tokens: string[];
  reason?: Reason;
  basis?: string;
}

/**
 * `lower`: the lower-cased diagnostic and remote MTA; `context`: the rest of the recipient's
 * text, where a provider's host names often stand. Codes help pick among similar rows.
 */
export function detectProvider(lower: string, codes: { reply: string; status: string } = { reply: '', status: '' }, context = ''): ProviderGuess {
  const found = detectInText(context ? `${lower} ${context}` : lower);
  const hints = { reply: codes.reply || undefined, status: codes.status || undefined };
  const match = found.provider ? matchProviderResponse(lower, hints) ?? (context ? matchProviderResponse(context, hints) : undefined) : undefined;
  // A provider's row speaks only for replies from that provider: the same words from another
  // server mean what that server means.
  if (match && match.provider === found.provider) {
    return { provider: match.provider || found.provider, tokens: found.tokens, reason: match.reason, basis: `a documented ${match.provider || found.provider} response (${match.id})` };
  }
  return { provider: found.provider, tokens: found.tokens };
}

/**
 * Services that write their own refusal notices, recognised by the notice's sender or the
 * address refused. Their words vary by language, so these are the reliable signs.
 */
export function reporterRule(from: string, recipient: string): { reason: Reason; basis: string } | undefined {
  const f = from.toLowerCase();
  if (f.includes('googlegroups.com') || recipient.endsWith('@googlegroups.com')) {
    return { reason: 'rejected', basis: 'Google Groups refused the post: no such group, or no permission to post' };
  }
  return undefined;
}
