/**
 * Whether the mailbox that received a report could verify who sent it. Forged bounces exist:
 * phishing dressed as a delivery failure, or a report made to have its reader drop a live
 * address. The receiving system writes its verdict on the sender as an Authentication-Results
 * field (RFC 8601) above every field the message arrived with, so the topmost one is its own;
 * any lower one may be the sender's words. Only a DMARC failure is taken as a doubt: a report
 * from a domain without a DMARC policy is no less genuine for it.
 */
import { getHeader, type Header } from '../mime/headers';
import type { DmarcFailure, Evidence, RecipientVerdict } from '../types';
import { cut } from './recipients';
import { addressesIn } from './scan-text';

/** How much of the field is read, and how much of it is kept as evidence. */
const MAX_FIELD = 4096;
const MAX_EVIDENCE = 300;

/** Comments (RFC 5322 `CFWS`) such as "(p=NONE sp=NONE dis=NONE)"; not nested in practice. */
const COMMENT = /\([^()]*\)/g;
const DMARC_RESULT = /^\s*dmarc\s*=\s*([a-z]+)/i;
const HEADER_FROM = /\bheader\.from\s*=\s*"?([^\s;"]+)/i;

/**
 * The DMARC failure the topmost Authentication-Results field records, or undefined when it
 * records none (no such field, no DMARC result, or one other than "fail"). Microsoft writes the
 * field without its authserv-id, so every clause is looked at.
 */
export function dmarcFailure(headers: readonly Header[]): DmarcFailure | undefined {
  const field = getHeader(headers, 'authentication-results');
  if (!field) return undefined;
  const value = field.slice(0, MAX_FIELD);
  for (const clause of value.replace(COMMENT, ' ').split(';')) {
    const result = DMARC_RESULT.exec(clause);
    if (!result) continue;
    if (result[1].toLowerCase() !== 'fail') return undefined;
    const domain = HEADER_FROM.exec(clause)?.[1] ?? fromDomain(getHeader(headers, 'from'));
    return { domain: domain.toLowerCase(), line: cut(`Authentication-Results: ${value}`, MAX_EVIDENCE) };
  }
  return undefined;
}

/** The domain of a From field's address ('' when it has none). */
function fromDomain(from: string): string {
  const address = addressesIn(from)[0] ?? '';
  return address.slice(address.lastIndexOf('@') + 1);
}

/**
 * A report whose sender failed DMARC is not believed when it calls an address dead: `hard` is
 * withheld until the sender confirms the failure in their own logs, and the advice says why.
 */
export function withSenderDoubted(verdicts: RecipientVerdict[], failure: DmarcFailure): RecipientVerdict[] {
  if (!verdicts.some((v) => v.hard)) return verdicts;
  const evidence: Evidence = { source: 'headers', text: failure.line, gave: 'dmarc' };
  return verdicts.map((v) => (v.hard ? { ...v, hard: false, senderUnverified: true, evidence: [...v.evidence, evidence] } : v));
}
