/**
 * The one place where precedence lives: from the evidence gathered for a recipient to its
 * reason, class and hardness.
 *
 * Reason: first the kind of report (delivered → delivered, feedback → feedback, auto-reply →
 * vacation), and a recipient the report itself says was delivered, relayed or expanded →
 * delivered. Then, for failures, baseReason's steps in this order (the first that answers wins):
 *   0. the sending service's own hold (phrases.ts SERVICE_HOLD_ROWS: "Bounced Address",
 *      "on the suppression list for your account"), in the diagnostic, or in the recipient's
 *      lines when no reply code or specific status speaks for it → onhold, with its cause; no
 *      later adjustment applies;
 *   1. a known provider response (knowledge base) or reporting service, which knows what its
 *      codes mean;
 *   2. status X.1.7 or X.1.8: the sender's address was refused (rejected);
 *   3. a specific cause in the remote server's own words (phrases.ts CAUSE_ROWS), its first
 *      sentence before the rest;
 *   4. a Diagnostic-Code of type X-Unix, the local delivery program's exit → mailererror, unless
 *      the status names a cause other than a system error;
 *   5. a specific enhanced status code (status-reasons.ts), except the network and routing
 *      subject (X.4.x), which later steps weigh; X.4.1 ("no answer from host") beside a reply
 *      code contradicts itself and is left to the words;
 *   6. a DNS or routing failure in the diagnostic or the recipient's text → networkerror;
 *   7. a specific cause elsewhere in the recipient's part of the text (but address words there,
 *      such as a report's "the address couldn't be found", yield to a refusal in the server's
 *      own reply: "550 Blocked");
 *   8. the cause stated just before expiry words ("mailbox is full: retry timeout exceeded");
 *   9. connection-failure words on a recipient marked failed → expired (the retries ran out);
 *  10. an X.4.x status other than X.4.7, with no expiry words → that status's reason
 *      (networkerror, hostunknown for X.4.4);
 *  11. expiry: status X.4.7, expiry words, or a temporary failure reported as final → expired;
 *  12. connection-failure words → networkerror;
 *  13. generic words (WEAK_ROWS), then anything the whole explanation names (but not words it
 *      quotes from another recipient's reply);
 *  14. status 5.1.10 with no words: Microsoft 365's unknown recipient;
 *  15. nothing: 'onhold' when a failure code exists but says no more, else 'undefined'.
 * Then decideReason adjusts, in this order:
 *   - an unknown domain whose lookup says "try again" (the resolver failed this time) is a
 *     network error, unless the sending server gave a permanent enhanced status;
 *   - address words in a reply that names the sender's domain, not the recipient's, are about
 *     the sender: rejected;
 *   - a documented provider response stands, except that before RCPT TO it cannot make the
 *     recipient's address dead;
 *   - a security or policy status (X.7.x) never lets address words make the address dead: the
 *     reason becomes `filtered`, so a policy block never suppresses a real customer;
 *   - the SMTP stage the failure came at (a diagnostic that quotes the sender's own address
 *     counts as MAIL FROM): "unknown user" answered to the message DATA (after the address was
 *     accepted) is a filter's refusal, unless the server said 5.1.1 outright; before RCPT TO no
 *     recipient has been named, so address words there are about the sender (MAIL FROM:
 *     rejected) or the sending host (connection: blocked); a mailbox's state (disabled, full)
 *     given as the greeting is the sending host's refusal too (La Poste's "421 4.2.1 Service
 *     refused" to the connection is not a disabled mailbox).
 */
import { DEAD_ADDRESS_REASONS, policyOverrules, REASONS, type Reason } from '../reasons';
import type { HoldCause, Kind } from '../types';
import { literalAlternation } from '../text/phrase-set';
import { blankNames, CAUSE_ROWS, CONNECTION_ROWS, DNS_ROWS, dnsTryAgain, EXPIRY_TABLE, readPhrases, SERVICE_HOLD_ROWS, STAGE_TABLE, STAGES, SUSPEND_ROWS, WEAK_ROWS, weakCause, type PhraseMatch, type PhraseRow, type Stage } from './phrases';
import { firstCodeAt } from './codes';
import { reasonForStatus } from './status-reasons';
import type { Hit, TextHits } from './text-hits';

export interface ReasonInput {
  kind: Kind;
  status: string;
  reply: string;
  action: string;
  /** Lower-cased, whitespace-folded texts, most specific first. */
  diagnostic: string;
  segment: string;
  /** The whole explanation (text, or a function that reads its phrases when first needed, shared by all recipients). */
  explanation: string | (() => TextHits);
  /** A reason named by a provider table row, if one matched. */
  providerReason?: Reason;
  providerBasis?: string;
  /** Whether another recipient's server reply in the same report says `phrase` (lower-cased). */
  othersSaid?: (phrase: string) => boolean;
  /** The Diagnostic-Code is of type X-Unix: the words come from the local delivery program. */
  localMailer?: boolean;
  /** The diagnostic names the sender's own address: the refusal was of the sender. */
  mentionsSender?: boolean;
  /** The diagnostic's first words name the sender's domain and not the recipient's. */
  namesSenderDomain?: boolean;
}

export interface ReasonResult {
  reason: Reason;
  /** What decided it, for the evidence list. */
  basis: string;
  /** The sending service held the message back itself (phrases.ts SERVICE_HOLD_ROWS), for this cause. */
  hold?: HoldCause;
}

/** Reasons the SMTP stage can change (see the end of decideReason). */
const STAGE_SENSITIVE: ReadonlySet<Reason> = new Set(['userunknown', 'hostunknown', 'hasmoved', 'notaccept', 'onhold', 'undefined', 'filtered', 'suspend', 'mailboxfull']);
/** States of one mailbox: before RCPT TO they cannot be the cause, but MAIL FROM names no mailbox of theirs either. */
const MAILBOX_STATES: ReadonlySet<Reason> = new Set(['suspend', 'mailboxfull']);

/** What a server's generic refusal words ("blocked", "denied", "policy") mean. */
const REFUSALS: ReadonlySet<Reason> = new Set(['filtered', 'policyviolation', 'securityerror']);

/** Reasons that say the address itself is dead. */
const ADDRESS_REASONS = DEAD_ADDRESS_REASONS;

/** How much of a diagnostic counts as its headline. */
const HEADLINE = 120;

/** Where a session transcript's next command or answer starts ("--> DATA", "<<< 554 ..."). */
const TRANSCRIPT_TURN = /(?:<--|-->|<<<|>>>) /;

/**
 * Where a diagnostic's headline ends: HEADLINE characters past the reply's first code
 * ("<kim@…>: host mx…[…] said:" before it is no reply), or sooner where a transcript's next
 * turn starts ("--> DATA", "<-- 554 5.7.1 ..." answer something else).
 */
function headlineEnd(diagnostic: string): number {
  const head = Math.max(0, firstCodeAt(diagnostic));
  const next = TRANSCRIPT_TURN.exec(diagnostic.slice(head, head + HEADLINE));
  return next ? head + next.index : head + HEADLINE;
}

/**
 * A recipient's three texts, each read at most once, and only when a step needs it: most
 * verdicts are decided by the diagnostic alone, before the longer texts are looked at.
 */
class Read {
  private d?: TextHits;
  private s?: TextHits;
  private e?: TextHits;

  constructor(private readonly input: ReasonInput) {}

  // (Addresses and host names are blanked for the words, keeping every position: a mailbox
  // called "dmarc-reports@" is no DMARC failure.)
  get diagnostic(): TextHits {
    return (this.d ??= readPhrases(blankNames(this.input.diagnostic)));
  }

  get segment(): TextHits {
    return (this.s ??= readPhrases(blankNames(this.input.segment)));
  }

  get explanation(): TextHits {
    const { explanation } = this.input;
    return (this.e ??= typeof explanation === 'string' ? readPhrases(explanation) : explanation());
  }
}

/** A hit in one of the reason tables, as its row and phrase. */
function row(rows: readonly PhraseRow[], hit: Hit | undefined): PhraseMatch | undefined {
  return hit ? { row: rows[hit.row], phrase: hit.phrase } : undefined;
}

/**
 * The SMTP stage the reply answered: named in the diagnostic or the recipient's text, or the
 * sender's own address quoted (a MAIL FROM refusal).
 */
function stageOf(text: Read, input: ReasonInput): Stage {
  const named = (hits: TextHits) => {
    const hit = hits.first(STAGE_TABLE);
    return hit ? STAGES[hit.row][0] : '';
  };
  return named(text.diagnostic) || named(text.segment) || (input.mentionsSender ? 'mail' : '');
}

/** Basis wording: the words that decided, quoted. */
function q(s: string): string {
  return `the words "${s}"`;
}

/** How far before an expiry phrase its stated cause may stand. */
const CAUSE_WINDOW = 80;

/** A cause stated just before the first occurrence of `expiry` in a text. */
function causeBefore(expiry: Hit, hits: TextHits): PhraseMatch | undefined {
  const at = hits.firstOccurrence(EXPIRY_TABLE, expiry.phrase);
  return at > 0 ? row(CAUSE_ROWS, hits.first(CAUSE_ROWS, Math.max(0, at - CAUSE_WINDOW), at, isHold)) : undefined;
}

/** Whether a status is only a class ("5.0.0", a sending service's label for its own drop). */
const classOnly = (status: string) => status === '' || status.slice(1) === '.0.0';

/** A service's hold row: decided by serviceHold alone, never as a cause among the others. */
const isHold = (r: number): boolean => CAUSE_ROWS[r].hold !== undefined;

/**
 * Hold phrases a receiving server's own reply could also use ("550 5.1.1 … bounced address: user
 * unknown", "550 5.2.1 … account marked as inactive"): they speak for a service's hold only where
 * no status names a detail (the services write none, or a class alone, beside them).
 */
const SERVER_MAY_SAY: ReadonlySet<string> = new Set(['bounced address', 'marked as inactive', 'unsubscribed address']);

/** Whether hold words `phrase` beside `status` are a server's, not a service's hold (see SERVER_MAY_SAY). */
export function serverSaysHold(phrase: string, status: string): boolean {
  return SERVER_MAY_SAY.has(phrase) && !classOnly(status);
}

/**
 * A piece of every hold phrase (its longest run without "_"), looked for in a text before its
 * words are read: blankNames only turns characters into "_", in place, so a hold phrase it
 * leaves in a text has this piece at the same place in the text before. Most recipients name
 * no hold, and this one look spares reading a diagnostic or a whole segment no later step
 * needs (a provider's documented response, a cause in the diagnostic). Literals: linear.
 */
const HOLD_PIECE = literalAlternation(
  SERVICE_HOLD_ROWS.flatMap((r) => r.phrases.map((p) => p.split('_').reduce((a, b) => (b.length > a.length ? b : a)))),
);

/**
 * The sending service's own hold, named in the recipient's diagnostic (in the headline of a
 * reply, where there is one), or in its own lines where
 * no server's reply speaks for it (no reply code, no status beyond a class): in a batch of
 * events, the lines after an address may hold the next event's opening, so a real reply's
 * recipient keeps its reply.
 */
function serviceHold(input: ReasonInput, text: Read): ReasonResult | undefined {
  const held = (m: PhraseMatch | undefined): ReasonResult | undefined => {
    if (!m?.row.hold) return undefined;
    if (serverSaysHold(m.phrase, input.status)) return undefined;
    // (A JSON field is quoted as it stands: `"reject_reason": "spam"`.)
    const words = m.phrase.includes('"') ? `the field ${m.phrase}` : q(m.phrase);
    const why = m.row.hold === 'plan' ? "the account's plan limit" : 'its own suppression list';
    return { reason: m.row.reason, basis: `${words}: the sending service held the message back itself (${why}) and contacted no server`, hold: m.row.hold };
  };
  // (The diagnostic's words are read next anyway unless a provider's response or the sender's
  // status decides first: only then does a look for a piece spare anything.)
  const diagnosticMayHold = (!input.providerReason && !isSenderStatus(input.status)) || HOLD_PIECE.test(input.diagnostic);
  // (Beside a reply code, only in the reply's headline: an event's later fields are no part of it.)
  return (
    (diagnosticMayHold ? held(row(CAUSE_ROWS, text.diagnostic.first(CAUSE_ROWS, 0, input.reply ? headlineEnd(input.diagnostic) : Infinity))) : undefined) ??
    (!input.reply && classOnly(input.status) && HOLD_PIECE.test(input.segment) ? held(row(CAUSE_ROWS, text.segment.first(CAUSE_ROWS))) : undefined)
  );
}

function baseReason(input: ReasonInput, text: Read): ReasonResult {
  // A sending service's own hold comes first: its code is its label, and no server answered.
  const hold = serviceHold(input, text);
  if (hold) return hold;
  if (input.providerReason) return { reason: input.providerReason, basis: input.providerBasis ?? 'provider response' };
  const { status } = input;

  // X.1.7 and X.1.8 are about the sender's address, whatever words come with them.
  if (isSenderStatus(status)) return { reason: 'rejected', basis: `status ${status}, which is about the sender's address` };

  // The first words of a reply usually name its cause; later sentences give advice that
  // mentions other things ("... rejected due to spam. Check your SPF record ...").
  const cause = row(CAUSE_ROWS, text.diagnostic.first(CAUSE_ROWS, 0, headlineEnd(input.diagnostic), isHold) ?? text.diagnostic.first(CAUSE_ROWS, 0, Infinity, isHold));
  if (cause) {
    // "invalid mailbox ... account is disabled": a generic first line, then the reason it is
    // unavailable. A disabled account is not a dead address.
    const disabled = ADDRESS_REASONS.has(cause.row.reason) ? text.diagnostic.first(SUSPEND_ROWS) : undefined;
    if (disabled) return { reason: 'suspend', basis: q(disabled.phrase) };
    return { reason: cause.row.reason, basis: q(cause.phrase) };
  }

  // X.4.1 says no server answered; a reply code beside it says one did, so the words decide.
  const contradicted = status.slice(1) === '.4.1' && !!input.reply;
  const networkSubject = status.slice(2, 4) === '4.' && !contradicted;
  const byStatus = networkSubject || contradicted ? undefined : reasonForStatus(status);
  // An X-Unix diagnostic is the local delivery program's exit ("X-Unix; 71"): unless the status
  // names a cause of its own, that program failed.
  if (input.localMailer && (!byStatus || byStatus === 'systemerror')) return { reason: 'mailererror', basis: 'a Diagnostic-Code of type X-Unix: the local delivery program failed' };
  if (byStatus) return { reason: byStatus, basis: `status ${status}` };

  const dns = text.diagnostic.first(DNS_ROWS) ?? text.segment.first(DNS_ROWS);
  if (dns) return { reason: 'networkerror', basis: q(dns.phrase) };

  const segmentCause = row(CAUSE_ROWS, text.segment.first(CAUSE_ROWS, 0, Infinity, isHold));
  if (segmentCause) {
    // A report's own template ("the address couldn't be found") does not make an address dead
    // when the server's reply is a refusal ("550 Blocked", "Access denied").
    const own = ADDRESS_REASONS.has(segmentCause.row.reason) ? row(WEAK_ROWS, weakCause(text.diagnostic, input.diagnostic)) : undefined;
    if (own && REFUSALS.has(own.row.reason)) return { reason: own.row.reason, basis: `${q(own.phrase)} in the server's reply` };
    return { reason: segmentCause.row.reason, basis: q(segmentCause.phrase) };
  }

  const statusExpiry = status.slice(1) === '.4.7';
  // (The shared explanation's expiry words are not those of a recipient its server refused for
  // good: another recipient's retries ran out.)
  const refusedForGood = status.startsWith('5') || (!status && input.reply.startsWith('5'));
  const expiryWords = statusExpiry ? undefined : text.diagnostic.earliest(EXPIRY_TABLE) ?? (refusedForGood ? undefined : text.explanation.earliest(EXPIRY_TABLE));
  // "mailbox is full: retry timeout exceeded": the cause the retries failed on, stated just before.
  // Where the recipient's own text has the expiry words, its cause is looked for there only: the
  // shared explanation may list another recipient's cause just before them.
  const ownExpiry = !!expiryWords && (text.diagnostic.firstOccurrence(EXPIRY_TABLE, expiryWords.phrase) >= 0 || text.segment.firstOccurrence(EXPIRY_TABLE, expiryWords.phrase) >= 0);
  const retriedCause = expiryWords
    ? causeBefore(expiryWords, text.diagnostic) ?? causeBefore(expiryWords, text.segment) ?? (ownExpiry ? undefined : causeBefore(expiryWords, text.explanation))
    : undefined;
  if (retriedCause) return { reason: retriedCause.row.reason, basis: `${q(retriedCause.phrase)}, until the sending server stopped retrying` };
  const expiry = statusExpiry || !!expiryWords;
  const temporaryButFinal = input.action === 'failed' && (status.startsWith('4') || (!status && input.reply.startsWith('4')));
  const connection = text.diagnostic.first(CONNECTION_ROWS) ?? text.segment.first(CONNECTION_ROWS);
  if (connection && input.action === 'failed') return { reason: 'expired', basis: `${q(connection.phrase)}, until the sending server gave up` };
  // A network or routing status other than X.4.7 names its cause, even when reported as final.
  if (networkSubject && !expiry) return { reason: reasonForStatus(status) ?? 'networkerror', basis: `status ${status}` };
  if (expiry || temporaryButFinal) {
    const basis = statusExpiry ? `status ${status}` : expiryWords ? q(expiryWords.phrase) : 'a temporary failure reported as final: the sending server gave up';
    return { reason: 'expired', basis };
  }

  if (connection) return { reason: 'networkerror', basis: q(connection.phrase) };

  const words = row(WEAK_ROWS, weakCause(text.diagnostic, input.diagnostic) ?? weakCause(text.segment, input.segment));
  if (words) return { reason: words.row.reason, basis: q(words.phrase) };
  // The explanation is shared: a cause it quotes from another recipient's reply is not this one's.
  const own = (m: PhraseMatch | undefined) => (m && !input.othersSaid?.(m.phrase) ? m : undefined);
  const general = own(row(CAUSE_ROWS, text.explanation.first(CAUSE_ROWS, 0, Infinity, isHold))) ?? own(row(DNS_ROWS, text.explanation.first(DNS_ROWS))) ?? own(row(CONNECTION_ROWS, text.explanation.first(CONNECTION_ROWS)));
  if (general) return { reason: general.row.reason, basis: q(general.phrase) };

  // X.1.10 is left to the words (step 5); with none, it is Microsoft 365's "recipient not found"
  // (RFC 7505's null MX, the registry meaning, is rare and as final).
  if (status.slice(1) === '.1.10' && status[0] === '5') return { reason: 'userunknown', basis: `status ${status}, Microsoft 365's "recipient not found"` };
  if (status || input.reply) return { reason: 'onhold', basis: 'a failure code, with no words that say why' };
  return { reason: 'undefined', basis: 'no code and no words that say why' };
}

export function decideReason(input: ReasonInput): ReasonResult {
  if (input.kind === 'delivered') return { reason: 'delivered', basis: 'a delivery report that says the message arrived' };
  if (input.kind === 'feedback') return { reason: 'feedback', basis: 'a feedback (complaint) report' };
  if (input.kind === 'autoreply') return { reason: 'vacation', basis: 'an automatic reply' };
  // A bounce may report recipients that succeeded beside those that failed (RFC 3464 2.3.3).
  if (input.action === 'delivered' || input.action === 'relayed' || input.action === 'expanded') {
    return { reason: 'delivered', basis: `the report's Action: ${input.action} for this recipient` };
  }

  const text = new Read(input);
  const base = baseReason(input, text);
  // (No server answered a service's hold: no SMTP stage or status can change it.)
  if (base.hold) return base;
  // "Host or domain name not found. ... Host not found, try again": the resolver failed this
  // time, which says nothing about whether the domain exists. (A permanent enhanced status from
  // the sending server is its own judgement, and stands; so does a documented provider response.)
  if (base.reason === 'hostunknown' && !input.providerReason && input.status[0] !== '5' && dnsTryAgain(input.diagnostic)) {
    return { reason: 'networkerror', basis: `${base.basis}, but "try again": a DNS lookup that failed this time` };
  }
  // "553 sender.example does not exist": an address or domain said not to exist, when the reply
  // names the sender's domain rather than the recipient's, is the sender's.
  if (input.namesSenderDomain && ADDRESS_REASONS.has(base.reason)) {
    return { reason: 'rejected', basis: `${base.basis}, said of the sender's own domain` };
  }
  if (input.providerReason) {
    // Even a documented response cannot make the recipient dead before RCPT TO named it.
    return ADDRESS_REASONS.has(base.reason) ? (beforeRcpt(base, stageOf(text, input)) ?? base) : base;
  }
  return settle(base, input.status, () => stageOf(text, input));
}

/**
 * The last word on a reason the words gave, by the status and the SMTP stage (lookup() reads a
 * pasted reply the same way): a security or policy status (X.7.x) is a refusal by policy,
 * whatever words come with it, and never makes a real customer's address look dead; answered to
 * MAIL FROM or at connection, it was the sender or the sending host refused.
 */
export function settle(base: ReasonResult, status: string, stage: () => Stage): ReasonResult {
  if (policyOverrules(status, base.reason)) {
    return beforeRcpt(base, stage()) ?? { reason: 'filtered', basis: `${base.basis}, under a security or policy status (${status}): a refusal, not a missing address` };
  }
  // The stage can only change these reasons; others skip the search.
  return STAGE_SENSITIVE.has(base.reason) ? atStage(base, status, stage()) : base;
}

/**
 * What the SMTP stage a reply answered makes of a reason: "user unknown" answered to the
 * message data is a filter's refusal (unless the server said 5.1.1), and before RCPT TO the
 * refusal was of the sender or the sending host.
 */
function atStage(base: ReasonResult, status: string, stage: Stage): ReasonResult {
  if (stage === 'data' && base.reason === 'userunknown' && status.slice(1) !== '.1.1') {
    return { reason: 'filtered', basis: `${base.basis}, answered to the message itself after the address was accepted: a filter's refusal` };
  }
  // Everything the stage can change is changed before RCPT TO.
  return beforeRcpt(base, stage) ?? base;
}

/** The SMTP stage the words of `lower` (normalised) name, '' when none. */
export function stageIn(lower: string): Stage {
  const hit = readPhrases(lower).first(STAGE_TABLE);
  return hit ? STAGES[hit.row][0] : '';
}

/**
 * A null MX (RFC 7505) is the domain's own statement that it takes no mail: final whatever the
 * code says. (Gmail reports one as failed with 4.0.0, and its page text carries no code at all.)
 * `lower`: the reply, lower-cased.
 */
export function declaresNoMail(reason: Reason, lower: string): boolean {
  return reason === 'notaccept' && lower.includes('null mx');
}

/** X.1.7 and X.1.8 are about the sender's address, whatever words come with them. */
export function isSenderStatus(status: string): boolean {
  return status.slice(1) === '.1.7' || status.slice(1) === '.1.8';
}

/** Before RCPT TO the refusal was of the sender (MAIL FROM) or of the sending host (connection). */
function beforeRcpt(base: ReasonResult, stage: Stage): ReasonResult | undefined {
  if (stage === 'mail' && !MAILBOX_STATES.has(base.reason)) return { reason: 'rejected', basis: `${base.basis}, answered to the sender's address (MAIL FROM)` };
  if (stage === 'connect') return { reason: 'blocked', basis: `${base.basis}, answered when the sending server connected` };
  return undefined;
}

/**
 * Permanent when the status (else the reply, else the action) says so; else the reason's habit.
 * A null MX named in `diagnostic` (lower-cased) is permanent whatever the code, unless the
 * recipient is still being tried (a delay notice's). `localExit`: a local delivery program's
 * exit status with no code beside it ("X-Unix; 75"), which says itself whether it was temporary,
 * like a status's class (a temporary one reported as failed stays temporary, as 4.x does).
 */
export function decidePermanent(status: string, reply: string, action: string, reason: Reason, diagnostic = '', localExit?: { temporary: boolean }): boolean {
  if (action !== 'delayed' && declaresNoMail(reason, diagnostic)) return true;
  const cls = status ? status[0] : reply ? reply[0] : localExit ? (localExit.temporary ? '4' : '5') : '';
  if (cls === '5') return true;
  if (cls === '4' || cls === '2') return false;
  if (action === 'delayed' || action === 'delivered' || action === 'relayed' || action === 'expanded') return false;
  if (action === 'failed') return true;
  return REASONS[reason].permanent;
}

/**
 * The address itself is dead. Only addressing reasons can say that; a policy, reputation or
 * content block is never hard however permanent, because the mailbox is fine.
 */
export function decideHard(reason: Reason, permanent: boolean): boolean {
  // A "user unknown" answered with a 4xx code still says the address is unknown; a destination
  // that accepts no mail says so for good only when the failure is permanent.
  if (!ADDRESS_REASONS.has(reason)) return false;
  return reason !== 'notaccept' || permanent;
}

/** The status a reason implies when the message carries none, in the failure's class. */
export function impliedStatus(reason: Reason, permanent: boolean): string {
  const implied = REASONS[reason].impliedStatus;
  if (!implied) return '';
  // (A success keeps its class: a delivery notice implies 2.0.0.)
  return implied[0] === '2' ? implied : (permanent ? '5' : '4') + implied.slice(1);
}
