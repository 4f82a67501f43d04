/**
 * From a recipient draft to its verdict: codes by their one precedence (codes.ts), the
 * provider and its tokens, then reason, class and hardness (decide.ts).
 */
import type { Reason } from '../reasons';
import type { Action, Kind, RecipientVerdict } from '../types';
import { extractCodes, preferStatus } from './codes';
import { decideHard, decidePermanent, decideReason, impliedStatus } from './decide';
import { stripType } from './delivery-status';
import { joinContinuations, normaliseForMatch } from './phrases';
import { detectProvider } from './provider';
import type { Draft } from './recipients';

/** How much of a recipient's text is searched for provider names and causes. */
const MAX_SEGMENT = 4000;

export function toVerdict(d: Draft, kind: Kind, explanationLower: string, senders: readonly string[], reporter?: { reason: Reason; basis: string }): RecipientVerdict {
  d.diagnostic = joinContinuations(d.diagnostic);
  const codes = extractCodes(d.diagnostic);
  // The remote server's own "550 5.1.1" beats the reporting MTA's summary of the same class.
  let status = codes.paired && codes.status[0] === d.dsnStatus[0] ? codes.status : preferStatus(d.dsnStatus, codes.status);
  let reply = codes.reply;
  if ((!reply || !status) && d.segment) {
    // The rest of the recipient's text may quote the server's full reply ("Remote Server
    // returned '550 5.1.351 ...'"): it fills in what the diagnostic lacks, if the classes agree.
    const more = extractCodes(d.segment);
    if (!reply && more.reply && (!status || more.reply[0] === status[0])) reply = more.reply;
    if (!status && more.status && (!reply || more.status[0] === reply[0])) status = more.status;
  }
  if (status && reply && status[0] !== reply[0] && !d.dsnStatus) status = '';
  if (kind === 'feedback' || kind === 'autoreply') {
    status = '';
    reply = '';
    d.diagnostic = '';
  }
  const diagnosticLower = normaliseForMatch(d.diagnostic);
  const segmentLower = normaliseForMatch(d.segment.slice(0, MAX_SEGMENT));
  const provider = detectProvider(`${d.remoteMta.toLowerCase()} ${diagnosticLower}`, { reply, status }, segmentLower);
  const action: Action = d.action || (kind === 'delay' ? 'delayed' : kind === 'bounce' ? 'failed' : d.action);
  const decided = decideReason({
    kind,
    status,
    reply,
    action,
    diagnostic: diagnosticLower,
    segment: segmentLower,
    explanation: explanationLower,
    providerReason: provider.reason ?? reporter?.reason,
    providerBasis: provider.reason ? provider.basis : reporter?.basis,
    mentionsSender: senders.some((a) => diagnosticLower.slice(0, 160).includes(`<${a}>`)),
  });
  const permanent = decidePermanent(status, reply, action, decided.reason);
  const ev = d.evidence;
  ev.push({ source: 'body', text: decided.basis, gave: `reason: ${decided.reason}` });
  if (!status && kind !== 'feedback' && kind !== 'autoreply') {
    status = impliedStatus(decided.reason, permanent);
    if (status) ev.push({ source: 'body', text: `no status code in the message; ${status} is implied by the reason`, gave: 'status' });
  }
  return {
    recipient: d.recipient,
    action,
    status,
    reply,
    remoteMta: stripType(d.remoteMta),
    diagnostic: d.diagnostic,
    reason: decided.reason,
    permanent: kind === 'feedback' || kind === 'autoreply' || kind === 'delivered' ? false : permanent,
    hard: kind === 'bounce' || kind === 'delay' ? decideHard(decided.reason, permanent) : false,
    provider: provider.provider,
    providerTokens: provider.tokens,
    feedback: d.feedback,
    evidence: ev,
  };
}
