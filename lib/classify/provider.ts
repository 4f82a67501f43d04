/**
 * Which provider wrote a reply, and its own tokens. Placeholder until lib/knowledge's provider
 * table is wired in.
 */
import type { Reason } from '../reasons';
import type { ProviderId } from '../types';

export interface ProviderGuess {
  provider: ProviderId;
  tokens: string[];
  reason?: Reason;
  basis?: string;
}

export function detectProvider(lower: string): ProviderGuess {
  let provider: ProviderId = '';
  if (lower.includes('gsmtp') || lower.includes('google.com')) provider = 'google';
  else if (lower.includes('outlook.com') || lower.includes('hotmail') || lower.includes('protection.outlook')) provider = 'microsoft';
  else if (lower.includes('yahoo')) provider = 'yahoo';
  else if (lower.includes('icloud.com') || lower.includes('me.com') || lower.includes('mac.com')) provider = 'apple';
  return { provider, tokens: [] };
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
