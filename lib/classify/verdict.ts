/**
 * From a recipient draft to its verdict: codes by their one precedence (codes.ts), the
 * provider and its tokens, then reason, class and hardness (decide.ts).
 */
import type { Reason } from '../reasons';
import type { Action, Evidence, Kind, RecipientVerdict } from '../types';
import { classesAgree, extractCodes, firstCodeAt, preferStatus } from './codes';
import { decideHard, decidePermanent, decideReason, impliedStatus } from './decide';
import { LOG_DEFERRED } from './mail-log';
import { stripType } from './delivery-status';
import { joinContinuations } from '../text/smtp-text';
import { normaliseForMatch } from './phrases';
import { localExit } from '../knowledge/sysexits';
import { guessProvider, refusingServer } from './provider';
import type { Draft } from './recipients';
import type { TextHits } from './text-hits';

/** How much of a recipient's text is searched for provider names and causes. */
const MAX_SEGMENT = 4000;

/** `explanation`: the phrases of the report's explanation (lower-cased, folded, names blanked), read on first call. */
export function toVerdict(d: Draft, kind: Kind, explanation: () => TextHits, senders: readonly string[], reporter?: { reason: Reason; basis: string }, othersSaid?: (phrase: string) => boolean): RecipientVerdict {
  // Feedback reports and auto-replies carry no server reply; for the rest, one line of it.
  const quiet = kind === 'feedback' || kind === 'autoreply';
  const diagnostic = quiet ? '' : joinContinuations(d.diagnostic);
  // The recipient's text as far as it is read: its first lines say what there is to say, and a
  // shared explanation of megabytes must not be read again for each of many recipients.
  const segment = d.segment.length > MAX_SEGMENT ? d.segment.slice(0, MAX_SEGMENT) : d.segment;
  const codes = extractCodes(diagnostic);
  // The remote server's own "550 5.1.1" beats the reporting MTA's summary of the same class, and
  // a temporary summary (4.5.0) of a recipient the report marks failed after a permanent reply.
  const ownWins = codes.paired && (codes.status[0] === d.dsnStatus[0] || (d.action === 'failed' && d.dsnStatus[0] === '4' && codes.status[0] === '5'));
  let status = ownWins ? codes.status : preferStatus(d.dsnStatus, codes.status);
  let reply = codes.reply;
  if ((!reply || !status) && segment && !quiet) {
    // The rest of the recipient's text may quote the server's full reply ("Remote Server
    // returned '550 5.1.351 ...'"): it fills in what the diagnostic lacks, if the classes agree.
    const more = extractCodes(segment);
    if (!reply && more.reply && (!status || classesAgree(status, more.reply))) reply = more.reply;
    if (!status && more.status && (!reply || classesAgree(more.status, reply))) status = more.status;
  }
  if (status && reply && !classesAgree(status, reply) && !d.dsnStatus) status = '';
  if (quiet) status = '';
  const diagnosticLower = normaliseForMatch(diagnostic);
  const segmentLower = normaliseForMatch(segment);
  // (The server an Exchange report names as refusing: asked by guessProvider and for remoteMta, read once.)
  let refusing: string | undefined;
  const refusingOnce = () => (refusing ??= refusingServer(segmentLower));
  const provider = guessProvider(`${d.remoteMta.toLowerCase()} ${diagnosticLower}`, { reply, status }, segmentLower, refusingOnce);
  // (A mail log's line of its own says how it stands: Postfix's "status=deferred" is still queued.)
  // (The draft's segment starts at its last outcome where the log has several: recipients.ts.)
  const logDeferred = kind === 'bounce' && !d.action && LOG_DEFERRED.test(segmentLower.slice(0, 1024));
  const action: Action = d.action || (kind === 'delay' || logDeferred ? 'delayed' : kind === 'bounce' ? 'failed' : d.action);
  const decided = decideReason({
    kind,
    status,
    reply,
    action,
    diagnostic: diagnosticLower,
    segment: segmentLower,
    explanation,
    othersSaid,
    providerReason: provider.reason ?? reporter?.reason,
    providerBasis: provider.reason ? provider.basis : reporter?.basis,
    localMailer: d.diagnosticType === 'x-unix',
    // (Not the recipient itself: a report about the reader's own address names it as both.)
    mentionsSender: senders.some((a) => a !== d.recipient.toLowerCase() && diagnosticLower.slice(0, 160).includes(`<${a}>`)),
    namesSenderDomain: namesSenderDomain(diagnosticLower.slice(0, 160), senders, d.recipient),
  });
  // (A local delivery program's bare exit status, "X-Unix; 75", says whether it was temporary.)
  const exit = d.diagnosticType === 'x-unix' ? localExit(diagnostic) : undefined;
  const permanent = decidePermanent(status, reply, action, decided.reason, diagnosticLower, exit);
  const evidence = withDecidingLine(d, segment, decided.basis, segmentLower);
  const statusImplied = !status && !quiet && !!impliedStatus(decided.reason, permanent);
  if (statusImplied) status = impliedStatus(decided.reason, permanent);
  const sentTo = d.originalRecipient && d.originalRecipient.includes('@') && !sameAddress(d.originalRecipient, d.recipient) ? d.originalRecipient : '';
  return {
    recipient: d.recipient,
    sentTo,
    action,
    status,
    reply,
    // (An Exchange report's text names the server that refused where no Remote-MTA field does.)
    remoteMta: stripType(d.remoteMta) || refusingOnce(),
    diagnostic,
    reason: decided.reason,
    permanent: quiet || kind === 'delivered' ? false : permanent,
    // A message still being retried has not failed for this address yet: nothing to suppress.
    // Nor one whose own reply says it was accepted ("250 2.1.5 Recipient ok").
    hard: (kind === 'bounce' || kind === 'delay') && action !== 'delayed' && !accepted(status, reply) ? decideHard(decided.reason, permanent) : false,
    provider: provider.provider,
    providerTokens: provider.tokens,
    // (The advice follows the documented response the reason rests on, found where it was found.)
    providerRow: provider.row && decided.basis === provider.basis ? provider.row : '',
    feedback: d.feedback,
    basis: decided.basis,
    ...(decided.hold ? { serviceHold: decided.hold } : {}),
    statusImplied,
    evidence,
  };
}

/** A success code and no failure code: the server accepted this recipient. */
function accepted(status: string, reply: string): boolean {
  return (status[0] === '2' || reply[0] === '2') && status[0] !== '4' && status[0] !== '5' && reply[0] !== '4' && reply[0] !== '5';
}

/**
 * The draft's evidence, plus the line holding the words that decided the reason when that line
 * is not among them yet (a cause stated further down the recipient's text, say).
 */
function withDecidingLine(d: Draft, segment: string, basis: string, segmentLower: string): Evidence[] {
  const quoted = /"([^"]+)"/.exec(basis)?.[1];
  if (!quoted || !segmentLower.includes(quoted) || d.evidence.some((e) => e.text.toLowerCase().includes(quoted))) return d.evidence;
  const line = segment.split('\n').find((l) => normaliseForMatch(l).includes(quoted));
  return line ? [...d.evidence, { source: 'body', text: line.trim().slice(0, 300), gave: 'reason' }] : d.evidence;
}

/** Does `head` name a sender's domain as a word of its own, and not the recipient's domain? */
function namesSenderDomain(head: string, senders: readonly string[], recipient: string): boolean {
  const own = domainOf(recipient);
  if (!own || head.includes(own)) return false;
  return senders.some((a) => {
    const domain = domainOf(a);
    return domain !== '' && domain !== own && hasWord(head, domain);
  });
}

function domainOf(address: string): string {
  const at = address.lastIndexOf('@');
  return at === -1 ? '' : address.slice(at + 1).toLowerCase();
}

const NAME_CHAR = /[a-z0-9.@-]/;

/** `word` in `text`, not inside a longer name ("mail.example.com" does not hold "ample.com"). */
function hasWord(text: string, word: string): boolean {
  const nameChar = (c: string | undefined) => c !== undefined && NAME_CHAR.test(c);
  for (let at = text.indexOf(word); at !== -1; at = text.indexOf(word, at + 1)) {
    let after = at + word.length;
    if (text[after] === '.') after++; // a sentence's full stop
    if (!nameChar(text[at - 1]) && !nameChar(text[after])) return true;
  }
  return false;
}

/** The same address, with or without the quotes of its local part. */
function sameAddress(a: string, b: string): boolean {
  return a === b || a.replace(/"/g, '') === b.replace(/"/g, '');
}

/** How far into a reply the address it is about is looked for, and how far into a diagnostic the reply. */
const REPLY_HEAD = 300;
const DIAGNOSTIC_HEAD = 1000;

/**
 * A reply to the message data is copied to every recipient of the transaction, though it names
 * one of them ("550 5.1.1 <kim@…>: User unknown" under lee too). The address it names is dead;
 * the others were only refused along with it, so they are neither dead nor unknown: their
 * cause is the other address, and they can be sent to again on their own.
 */
export function refusedWithAnother(verdicts: RecipientVerdict[]): RecipientVerdict[] {
  if (verdicts.length < 2) return verdicts;
  // Each recipient's reply, as the server wrote it (from its code on).
  const replies = new Map<string, string>();
  const replyFor = (v: RecipientVerdict) => replyOf(v.diagnostic.slice(0, DIAGNOSTIC_HEAD).toLowerCase()).slice(0, REPLY_HEAD).replace(/\s+/g, ' ');
  for (const v of verdicts) replies.set(v.recipient.toLowerCase(), replyFor(v));
  return verdicts.map((v) => {
    if (!v.hard) return v;
    const reply = replyFor(v);
    const named = bracketedAddresses(reply);
    const own = [v.recipient.toLowerCase(), (v.sentTo ?? '').toLowerCase()];
    if (named.length === 0 || named.some((a) => own.includes(a))) return v;
    // Only the same reply, given to that recipient too, is one shared reply: "550 5.1.1 No such
    // user here; mail for sales goes to <kim@…>" is this recipient's own. (One of the two may
    // run on into the report's next lines, as a page's text shows them: the same reply starts both.)
    const other = named.find((a) => {
      const theirs = replies.get(a);
      if (theirs === undefined) return false;
      if (theirs === reply) return true;
      const [shorter, longer] = theirs.length < reply.length ? [theirs, reply] : [reply, theirs];
      return shorter.includes(`<${a}>`) && longer.startsWith(shorter);
    });
    if (!other) return v;
    return {
      ...v,
      reason: 'onhold',
      hard: false,
      refusedWith: other,
      basis: `the reply naming another recipient (${other}): the message was refused because of that address, not this one`,
    };
  });
}

/** The server's reply in a diagnostic: from its first failure code on ('' when it has none). */
function replyOf(diagnostic: string): string {
  const at = firstCodeAt(diagnostic);
  return at === -1 ? '' : diagnostic.slice(at);
}

/** The addresses written in angle brackets, as a reply names the one it is about. */
function bracketedAddresses(text: string): string[] {
  const found: string[] = [];
  for (let open = text.indexOf('<'); open !== -1; open = text.indexOf('<', open + 1)) {
    const close = text.indexOf('>', open);
    if (close === -1) break;
    const inner = text.slice(open + 1, close);
    if (/^[^\s<>@]+@[^\s<>@]+$/.test(inner)) found.push(inner);
  }
  return found;
}
