/**
 * Which provider wrote a reply, its own tokens, and what its response means, from the
 * knowledge base's provider table (lib/knowledge), plus the reporting services recognised by
 * who sent the notice.
 */
import { PROVIDER_NAMES } from '../knowledge/provider-names';
import { detectProvider as detectInText, providerBySentence, rankProviderRows } from '../knowledge/provider-match';
import type { ProviderRow } from '../knowledge/schema';
import type { Reason } from '../reasons';
import type { ProviderId } from '../types';

export interface ProviderGuess {
  provider: ProviderId;
  tokens: string[];
  reason?: Reason;
  basis?: string;
  /** The id of the documented response the reason rests on. */
  row?: string;
}

/**
 * `lower`: the lower-cased diagnostic and remote MTA; `context`: the rest of the recipient's
 * text, where a provider's host names often stand. Codes help pick among similar rows.
 */
export function guessProvider(lower: string, codes: { reply: string; status: string } = { reply: '', status: '' }, context = ''): ProviderGuess {
  // The reply's own host names first; then the server Exchange's report names as receiving it
  // (its "Generating server" is Microsoft's own); then the rest of the recipient's text.
  let found = detectInText(lower);
  const ownTokens = found.tokens.length > 0;
  if (!found.provider && context) {
    const receiving = receivingServer(context);
    const more = (receiving && detectInText(receiving).provider ? detectInText(receiving) : undefined) ?? detectInText(context.slice(0, MAX_CONTEXT));
    found = { provider: more.provider, tokens: found.tokens.length ? found.tokens : more.tokens };
  }
  // No host name or token says who answered, but a whole sentence only one provider writes does
  // ("Unauthenticated email from ... is not accepted due to domain's DMARC policy"). That names
  // the provider only: what the words mean is still decided by the words.
  const hints = { reply: codes.reply || undefined, status: codes.status || undefined };
  if (!found.provider) {
    // Still, a provider's own reply that says an address is dead under a policy status, word for
    // word and with both its documented codes, is that provider's (Yandex's "550 5.7.1 No such
    // user!" from a custom domain's MX), as lookup() reads the same line: the words alone would
    // never make an address dead under X.7. Never words any server writes (needsProvider rows),
    // nor words found only around the reply; other rows wait for the provider to be named.
    const policy = codes.status.split('.')[1] === '7';
    const own = policy && codes.reply ? rankProviderRows(lower, hints, found)[0] : undefined;
    if (own?.row.dead && own.length > 0 && own.row.reply === codes.reply && own.row.status === codes.status && !own.row.needsProvider) {
      const { provider } = own.row;
      return { provider, tokens: found.tokens, reason: own.row.reason, basis: documented(own.row), row: own.row.id };
    }
    return { provider: providerBySentence(lower), tokens: found.tokens };
  }
  // The server's words first; the rest of the recipient's text only when they match nothing,
  // and never a row about another subject than the reply's own status: a report's template
  // (Gmail's "Address not found ... ?p=NoSuchUser" above any reply it filed so) says how the
  // reporter filed the reply, not what the reply said ("554 5.7.1 ... Access denied").
  // (A row found by a token alone rests on the reply only where the token stood in the reply.)
  const ranked = rankProviderRows(lower, hints, found)[0];
  const inReply = ranked && (ranked.length > 0 || ownTokens) ? ranked : undefined;
  const best = inReply ?? (context ? sameSubject(ranked ?? rankProviderRows(context.slice(0, MAX_CONTEXT), hints, found)[0], codes.status) : undefined);
  // A provider's row speaks only for replies from that provider: the same words from another
  // server mean what that server means.
  if (best && best.row.provider === found.provider) {
    return { provider: found.provider, tokens: found.tokens, reason: best.row.reason, basis: documented(best.row), row: best.row.id };
  }
  return { provider: found.provider, tokens: found.tokens };
}

/** `scored`, unless its row's status has another subject (X.1 addressing, X.7 policy, ...) than `status`. */
function sameSubject<T extends { row: { status?: string } }>(scored: T | undefined, status: string): T | undefined {
  const rowSubject = scored?.row.status?.split('.')[1];
  return rowSubject && status && status.split('.')[1] !== rowSubject ? undefined : scored;
}

/** The basis a provider row gives a reason, in words: 'Microsoft's documented response "Recipient not found"'. */
function documented(row: ProviderRow): string {
  return `${PROVIDER_NAMES[row.provider] || row.provider}'s documented response "${row.title}"`;
}

/** How much of the recipient's text beyond the diagnostic is searched for provider names. */
const MAX_CONTEXT = 1500;

/** The host after "Receiving server:" in an Exchange report, '' when there is none. */
function receivingServer(context: string): string {
  const at = context.indexOf('receiving server:');
  if (at === -1) return '';
  const rest = context.slice(at + 17, at + 17 + 256).trimStart();
  const end = rest.search(/[\s(]/);
  return end === -1 ? rest : rest.slice(0, end);
}

/**
 * Services that write their own refusal notices, recognised by the notice's sender or the
 * address refused. Their words vary by language, so these are the reliable signs.
 */
export function reporterRule(from: string, recipient: string): { reason: Reason; basis: string } | undefined {
  if (/googlegroups\.com/i.test(from.slice(0, 1024)) || recipient.endsWith('@googlegroups.com')) {
    return { reason: 'rejected', basis: 'Google Groups refused the post: no such group, or no permission to post' };
  }
  return undefined;
}
