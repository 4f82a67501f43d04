/**
 * classify(): a bounce in, a verdict per failed recipient out.
 *
 * Pipeline: input → MIME structure (lib/mime) → report pieces (read-report, with
 * delivery-status and amazon-ses) → what kind of message it is (kind) → recipients, each with
 * its words (recipients: the delivery-status fields, else X-Failed-Recipients, else the text as
 * scan-text reads it, with sendmail-transcript, notes-reasons and mail-log) → a verdict per
 * recipient (verdict: codes by codes.ts' one precedence, the provider (provider), then reason,
 * class and hardness by decide, the only place precedence lives, reading phrases through
 * text-hits). This file also unwraps a bounce returned, quoted or forwarded (forward) inside
 * another message, and doubts a report that calls its own reader dead (reader) or whose sender
 * failed DMARC (authenticity).
 */
import { getHeader, isHeaderLine } from '../mime/headers';
import { byteLength, normaliseInput, withoutTerminalCodes } from '../mime/input';
import { parseMessage, type MimePart } from '../mime/parts';
import type { Classification, ClassifyOptions, ClassifyResult, RawInput, RecipientVerdict } from '../types';
import { dmarcFailure, withSenderDoubted } from './authenticity';
import { forwardedNotice } from './forward';
import { decideKind, isReplySubject, listAdminSiblings } from './kind';
import { blankNames, normaliseForMatch, readPhrases } from './phrases';
import type { TextHits } from './text-hits';
import { reporterRule } from './provider';
import { applySesJson, emptyOriginal, isBounceMessage, quotedHeaders, readInlineDeliveryStatus, readReport, setOriginal, setText, type Report } from './read-report';
import { cut, draftRecipients, MAX_MTA } from './recipients';
import { addressesIn, CONTACT_BEFORE, scanText } from './scan-text';
import { asciiAddress, namesAsFailed, readerAddresses, withReaderAlive } from './reader';
import { refusedWithAnother, toVerdict } from './verdict';

/** Inputs larger than this are refused with a clear error (Gmail's own cap is 25 MB). */
export const MAX_INPUT_BYTES = 25 * 1024 * 1024;

/** Addresses checked as the sender's in each recipient's reply (From, To, the original's From). */
const MAX_SENDERS = 16;

/** The explanation a reporting MTA writes is a few lines; past this it is quoted content. */
const MAX_EXPLANATION = 4000;

export async function classify(input: RawInput, options: ClassifyOptions = {}): Promise<ClassifyResult> {
  if (typeof input !== 'string' && !(input instanceof Uint8Array) && !(input instanceof ArrayBuffer)) {
    return { kind: 'error', error: 'Nothing to read: expected the message as text or bytes.' };
  }
  const size = byteLength(input);
  if (size > MAX_INPUT_BYTES) {
    return {
      kind: 'error',
      error: `This message is ${(size / 1048576).toFixed(1)} MB; Bounce Inspector reads messages up to ${MAX_INPUT_BYTES / 1048576} MB.`,
    };
  }
  if (size === 0) return { kind: 'error', error: 'The message is empty.' };
  try {
    const { text: normalised, binary } = normaliseInput(input, options.text);
    const text = stripMboxLine(normalised);
    if (!text.trim()) return { kind: 'error', error: 'The message is empty.' };
    const report = options.text || !startsWithHeaders(text) ? textReport(text, options) : readReport(parseMessage(text), binary);
    const outer = buildClassification(report);
    const inner = innerBounce(report, outer, binary);
    if (!inner) return outer.result;
    // A bounce a message carries is no more believable than the message: where the reader's own
    // mailbox found the carrier's sender failing DMARC (a forged colleague forwarding a forged
    // report), the carried report is doubted too.
    const failure = outer.result.dmarcFail;
    return failure && !inner.dmarcFail ? { ...inner, dmarcFail: failure, recipients: withSenderDoubted(inner.recipients, failure) } : inner;
  } catch (err) {
    return { kind: 'error', error: `Could not read this message: ${err instanceof Error ? err.message : String(err)}` };
  }
}

export function classifyText(text: string, options: Omit<ClassifyOptions, 'text'> = {}): Promise<ClassifyResult> {
  return classify(text, { ...options, text: true });
}

type Built = ReturnType<typeof buildClassification>;

/** An inner reading's result when it is a report that names who failed; undefined otherwise. */
const naming = (inner: Built): Classification | undefined => (!inner.namedNobody && inner.result.kind !== 'not-bounce' ? inner.result : undefined);

/**
 * The bounce a message carries inside it, when the message itself does not say who failed:
 * returned as a part, quoted whole as text, or forwarded by a person. The three readers are
 * tried in that order; undefined when none finds a bounce that names someone.
 */
function innerBounce(report: Report, outer: Built, binary: boolean): Classification | undefined {
  const { result, namedNobody } = outer;
  // A person's reply in a conversation about a bounce ("RE: Undeliverable: ...") quotes it as
  // no news of a failure: it is never unwrapped.
  if (result.kind === 'not-bounce' && isReplySubject(report.subject)) return undefined;
  // 1. A notice that names nobody but returns a bounce: the returned bounce says who failed.
  //    (So does a bounce a person forwarded as an attachment, under a note of their own.) A
  //    notice in words alone about an address ("kim's bounce score was incremented") gives way
  //    to the codes of the bounce it returns for that same address.
  const wordsOnly = result.recipients.every((r) => r.statusImplied && !r.reply);
  if ((namedNobody || result.kind === 'not-bounce' || wordsOnly) && report.returnedBounce) {
    const inner = naming(buildClassification(readReport(parseMessage(report.returnedBounce), binary)));
    if (inner && (namedNobody || result.kind === 'not-bounce' || explainsSameAddress(result, inner))) return inner;
  }
  // 2. Text whose notice names nobody but quotes a whole bounce, headers and all (a gateway's
  //    notice wrapping the bounce it received, pasted or shown as text).
  if (report.fromText && result.recipients.every((r) => !r.recipient)) {
    const quoted = quotedRawBounce(report.text);
    const inner = quoted && naming(buildClassification(readReport(quoted, false)));
    if (inner) return inner;
  }
  // 3. A person forwarding a bounce ("FYI, this bounced" above "---------- Forwarded message"),
  //    once or again: the forwarded notice says who failed, under the forward's own subject.
  if (result.kind === 'not-bounce') {
    const inner = forwardedBounce(report.text, 0);
    if (inner) return { ...inner, subject: result.subject, from: result.from };
  }
  return undefined;
}

/** The inner report gives a code for an address the outer notice names in words alone. */
function explainsSameAddress(outer: Classification, inner: Classification): boolean {
  const named = new Set(outer.recipients.map((r) => r.recipient.toLowerCase()).filter(Boolean));
  return inner.recipients.some((r) => (!r.statusImplied || r.reply !== '') && named.has(r.recipient.toLowerCase()));
}

/** How many forwards of a forward are unwrapped ("Fwd: Fwd: Undeliverable"). */
const MAX_FORWARDS = 3;

/** The bounce a forward carries, unwrapping forwards of forwards; undefined when there is none. */
function forwardedBounce(text: string, depth: number): Classification | undefined {
  const forwarded = forwardedNotice(text);
  if (!forwarded) return undefined;
  const inner = buildClassification(textReport(forwarded.text, { from: forwarded.from, subject: forwarded.subject }, forwarded.to));
  const found = naming(inner);
  if (found) return found;
  return inner.result.kind === 'not-bounce' && depth + 1 < MAX_FORWARDS && !isReplySubject(forwarded.subject) ? forwardedBounce(forwarded.text, depth + 1) : undefined;
}

/** How far into a text a quoted bounce may start, and how many header blocks are tried. */
const QUOTED_BOUNCE_SEARCH = 65536;
const QUOTED_BOUNCE_TRIES = 3;
/** A header block longer than this is no bounce's. */
const QUOTED_HEADER_BLOCK = 16384;

/**
 * A raw bounce quoted whole in `text`: a header block opening a line that says it is a bounce
 * (a mail system's From, or a delivery-status report). Linear: each line is looked at once and
 * at most a few header blocks are parsed.
 */
function quotedRawBounce(text: string): MimePart | undefined {
  const end = Math.min(text.length, QUOTED_BOUNCE_SEARCH);
  let tries = 0;
  for (let at = 0; at < end && tries < QUOTED_BOUNCE_TRIES; ) {
    const nl = text.indexOf('\n', at);
    const lineEnd = nl === -1 ? text.length : nl;
    // An mbox "From " line, or two header lines.
    if (text.startsWith('From ', at) || (isHeaderLine(text.slice(at, Math.min(lineEnd, at + 200))) && startsWithHeaders(text.slice(at, at + 400)))) {
      tries++;
      // The header block alone says whether it is a bounce; the whole is parsed only then.
      const blank = text.indexOf('\n\n', at);
      const head = parseMessage(stripMboxLine(text.slice(at, blank === -1 || blank - at > QUOTED_HEADER_BLOCK ? at + QUOTED_HEADER_BLOCK : blank)));
      if (head.headers.length > 1 && isBounceMessage(head)) return parseMessage(stripMboxLine(text.slice(at)));
    }
    if (nl === -1) break;
    at = nl + 1;
  }
  return undefined;
}

/** Drops an mbox "From " separator line, as saved mailboxes and some tools write them. */
function stripMboxLine(text: string): string {
  if (!text.startsWith('From ')) return text;
  const nl = text.indexOf('\n');
  return nl === -1 ? text : text.slice(nl + 1);
}

/** A raw message starts with a header field; pasted webmail text usually does not. */
/** The fields of a delivery-status part (RFC 3464), which open no message. */
const DSN_FIELD = /^(?:final-recipient|original-recipient|reporting-mta|received-from-mta|arrival-date|action|status|diagnostic-code|remote-mta|last-attempt-date|will-retry-until|x-actual-recipient|x-postfix-queue-id|x-postfix-sender|dsn-gateway)\s*:/i;

function startsWithHeaders(text: string): boolean {
  let start = 0;
  while (start < text.length && (text[start] === '\n' || text[start] === ' ')) start++;
  const nl = text.indexOf('\n', start);
  const first = text.slice(start, nl === -1 ? Math.min(text.length, start + 200) : nl);
  // (RFC 5322 allows "<" and "@" in a field name, but no message starts with such a field:
  // "<kim@example.org>: host ... said: 550" is Postfix's recipient line, pasted.)
  if (!isHeaderLine(first) || !/^[A-Za-z][\w-]*:/.test(first)) return false;
  // A delivery-status part pasted alone ("Final-Recipient: ...", "Action: failed") is report
  // text, not a message's header.
  if (DSN_FIELD.test(first)) return false;
  // "Subject: Undeliverable" alone is not a message; two header lines are.
  const second = nl === -1 ? '' : text.slice(nl + 1, text.indexOf('\n', nl + 1) >>> 0 || undefined);
  return isHeaderLine(second) || second.startsWith(' ') || second.startsWith('\t');
}

/** `to`: who the text was sent to, where a forward's fields say. */
function textReport(text: string, options: ClassifyOptions, to = ''): Report {
  const report: Report = {
    headers: [],
    subject: options.subject ?? '',
    from: options.from ?? '',
    to,
    contentType: 'text/plain',
    reportType: '',
    text: '',
    errorEnd: 0,
    fromText: true,
    original: emptyOriginal(),
  };
  setText(report, restoreLines(withoutTerminalCodes(text)));
  if (!applySesJson(report)) readInlineDeliveryStatus(report);
  // The original's headers a page shows below the notice ("---------- Forwarded message", or
  // "Original message headers:"): who it went to when the notice names nobody.
  const quoted = quotedHeaders(report.text, report.errorEnd);
  if (quoted) setOriginal(report, quoted);
  return report;
}

/** How much of a one-line paste has its lines restored. */
const RESTORE_LINES_SPAN = 64 * 1024;

/** Words before an address that is the sender's, where a one-line paste gets its lines back. */
const SENDER_WORDS_BEFORE = /\b(?:from:?|for)$/i;

/** Where an Exim bounce starts listing its failed recipients (or the sentence before, where a paste cut the list's title). */
const EXIM_LISTS = ['address(es) failed:', 'one or more of its recipients.'];

/** Section titles of Exchange's report, each on a line of its own when the layout is kept. */
const EXCHANGE_SECTIONS = / (?=(?:Diagnostic information for administrators|Generating server|Original message headers):)/g;

/**
 * A bounce copied from a page that lost its line breaks, all on one or two lines, gets the
 * lines back that tell its recipients apart:
 *   - Postfix's "<kim@example.org>: host ... said: ..." blocks start lines again (but an address
 *     a reply quotes, "550 5.1.1 <kim@...>: Recipient address rejected", stays on its line);
 *   - after Exim's "The following address(es) failed:", each bare address starts a line (the
 *     replies under them write theirs in brackets: "RCPT TO:<kim@...>");
 *   - Exchange's report sections start lines, so its returned headers stay apart from it.
 * Addresses escaped as HTML ("&lt;kim@example.org&gt;", from a page's source) are unescaped.
 */
function restoreLines(text: string): string {
  if (text.length < 200) return text;
  // An email service's events as JSON on one line (a webhook's payload): one field a line, as
  // the same JSON pretty-printed reads, so each event's address and reply stand apart.
  const json = oneLineJson(text);
  if (json !== undefined) return json;
  let head = text.slice(0, RESTORE_LINES_SPAN);
  if (!runTogether(head)) return text;
  if (head.includes('&lt;')) head = head.replace(/&lt;([^\s&<>@]{1,64}@[^\s&<>@]{1,253})&gt;/g, '<$1>');
  head = head.replace(/ (?=<[^\s<>@]{1,64}@[^\s<>@]{1,253}>: host )/g, '\n').replace(EXCHANGE_SECTIONS, '\n');
  const marker = EXIM_LISTS.find((m) => head.includes(m));
  if (marker) {
    const from = head.indexOf(marker) + marker.length;
    // (Not before an address the words before it make a help desk's or the sender's: "write to
    // jane.admin@…", "MAIL FROM: me@…".)
    head = head.slice(0, from) + head.slice(from).replace(/ (?=[^\s<>@:="'/]{1,64}@[^\s<>@]{1,253} )/g, (space, at: number, all: string) =>
      CONTACT_BEFORE.test(all.slice(Math.max(0, at - 24), at + 1).toLowerCase()) || SENDER_WORDS_BEFORE.test(all.slice(Math.max(0, at - 24), at)) ? space : '\n');
  }
  return head + text.slice(RESTORE_LINES_SPAN);
}

/** A transcript's DATA command, and the reply that refused it ("<<< 554 ...", "<-- 550 ..."). */
const DATA_COMMAND = /(?:>>>|-->)[ \t]*data\b/i;
const REFUSAL_REPLY = /(?:<<<|<--)[ \t]*[45]\d\d\b/;

/**
 * A session transcript names every recipient of the message, and the server accepted some of
 * them ("RCPT To:<ann@…>" answered "250 2.1.5 Ok"): where others failed, an address whose only
 * reply is a success did not fail, and is no recipient of the report, unless the message data
 * was refused next ("--> DATA" answered "554 ..."), which refused them all.
 */
function withoutAccepted(verdicts: RecipientVerdict[], explanation: string): RecipientVerdict[] {
  const data = DATA_COMMAND.exec(explanation);
  if (data && REFUSAL_REPLY.test(explanation.slice(data.index, data.index + 400))) return verdicts;
  // (The status the text gave, not one the reason implies: a bare "250 OK" implies no failure.)
  const given = (v: RecipientVerdict) => (v.statusImplied ? '' : v.status);
  const accepted = (v: RecipientVerdict) => (v.reply === '' || v.reply[0] === '2') && (given(v) === '' || given(v)[0] === '2') && (v.reply !== '' || given(v) !== '');
  // (A failure the text names no code for, an email service's hold, still is one.)
  const failed = (v: RecipientVerdict) => !accepted(v) && (v.reply[0] === '4' || v.reply[0] === '5' || v.status[0] === '4' || v.status[0] === '5');
  return verdicts.some(failed) && verdicts.some(accepted) ? verdicts.filter((v) => !accepted(v)) : verdicts;
}

/** A line this long holds several of a report's lines run together. */
const RUN_TOGETHER_LINE = 150;

/**
 * The largest one-line JSON text that is laid out again: as large as the popup's largest paste
 * (lookup.ts MAX_LOOKUP_CHARS), so that an email service's export of many events pasted whole
 * is read up to the recipients cap, not as one line naming one address. Parsing is linear.
 */
const MAX_ONE_LINE_JSON = 2 * 1024 * 1024;

/**
 * `text` laid out one field a line when it is JSON written on one line (also several objects
 * side by side, "{…} {…}", as a log viewer copies events); undefined otherwise.
 */
function oneLineJson(text: string): string | undefined {
  const t = text.trim();
  if (t.length > MAX_ONE_LINE_JSON || !(t.startsWith('[') || t.startsWith('{')) || t.includes('\n')) return undefined;
  for (const candidate of t.startsWith('{') ? [t, `[${t.replace(/\}\s*\{/g, '},{')}]`] : [t]) {
    try {
      return JSON.stringify(JSON.parse(candidate), null, 1);
    } catch {
      // not JSON as it stands: the next reading, or none
    }
  }
  return undefined;
}

/** Is most of the text (four fifths) on such long lines? */
function runTogether(text: string): boolean {
  let long = 0;
  for (let start = 0; start < text.length; ) {
    const nl = text.indexOf('\n', start);
    const end = nl === -1 ? text.length : nl;
    if (end - start >= RUN_TOGETHER_LINE) long += end - start;
    start = end + 1;
  }
  return long >= text.length * 0.8;
}

/**
 * `namedNobody`: the report itself names no failed recipient (no delivery-status recipient,
 * no X-Failed-Recipients, no address in its text); any recipient is a guess from the original.
 */
function buildClassification(report: Report, readerMayFail = false): { result: Classification; namedNobody: boolean } {
  const exclude = new Set<string>();
  // Never a failed recipient: the original's sender, the report's own sender (a person replying
  // about a bounce writes from the address that works) and the one it went to. (In that order:
  // the first few are also the senders each recipient's reply is checked for.)
  const to = addressesIn(report.to);
  for (const v of [report.original.from, report.from]) for (const a of addressesIn(v)) exclude.add(a);
  for (const a of to) exclude.add(a);
  // (Unless the report names only its reader as failed: see below.) Read only when a verdict is hard.
  let readerList: string[] | undefined;
  const readers = () => (readerList ??= readerAddresses(report, to));
  if (readerMayFail) for (const a of readers()) exclude.delete(a);
  // A mailing list's notice names its other administrative addresses ("contact the list owner
  // at volunteers-owner@…"): never recipients either.
  for (const a of addressesIn(report.from)) for (const sibling of listAdminSiblings(a)) exclude.add(sibling);
  const scan = scanText(report.text.slice(0, report.errorEnd), exclude);
  // The explanation, lower-cased and folded, only when a step asks for it (most reports are
  // settled by their delivery-status fields and diagnostics).
  let explanationLower: string | undefined;
  const explanation = () => (explanationLower ??= normaliseForMatch(scan.errorText.slice(0, MAX_EXPLANATION)));
  // ... and its phrases, read once for all recipients (names blanked, as in each recipient's texts).
  let explanationHits: TextHits | undefined;
  const explanationWords = () => (explanationHits ??= readPhrases(blankNames(explanation())));

  const kind = decideKind(report, scan, explanation);
  const { drafts, omitted } = kind === 'not-bounce' ? { drafts: [], omitted: 0 } : draftRecipients(report, scan, kind, exclude);

  // A handful of addresses in any real report; a hostile one may list thousands, and each
  // recipient's reply is checked for each.
  const senders = [...exclude].slice(0, MAX_SENDERS);
  // What the other recipients' servers said, by their delivery-status fields: words the shared
  // explanation quotes from them are not this recipient's cause. Without those fields (a text,
  // an email service's batch of events) each recipient's own lines are what it said: one
  // event's words ("Invalid Address", "User unknown") are not the cause of the next event's
  // drop, whichever comes first.
  // Asked only at the last step, so a report with many recipients pays nothing unless it is;
  // how many replies say a phrase is counted once per phrase, not once per recipient.
  let said: string[] | undefined;
  const sayers = new Map<string, number>();
  const fromDsn = !!report.dsn?.recipients.length;
  const saying = (phrase: string) => {
    said ??= drafts.map((d) => normaliseForMatch(fromDsn ? d.diagnostic : `${d.diagnostic}\n${d.segment}`));
    let count = sayers.get(phrase);
    if (count === undefined) {
      count = 0;
      for (const s of said) if (s.includes(phrase)) count++;
      sayers.set(phrase, count);
    }
    return count;
  };
  const othersSaid = (i: number) =>
    drafts.length > 1
      ? (phrase: string) => saying(phrase) - (said![i].includes(phrase) ? 1 : 0) > 0
      : undefined;
  const verdicts = refusedWithAnother(drafts.map((d, i) => toVerdict(d, kind, explanationWords, senders, reporterRule(report.from, d.recipient), othersSaid(i))));
  const read = report.dsn?.recipients.length ? verdicts : withoutAccepted(verdicts, scan.errorText.slice(0, 64 * 1024));
  // A report's own headers say whether the mailbox that received it could verify its sender
  // (not a text's: a page or a paste shows none; a forward carries its own, see classify()).
  const dmarcFail = report.fromText ? undefined : dmarcFailure(report.headers);
  const alive = withReaderAlive(read, readers);
  const recipients = dmarcFail ? withSenderDoubted(alive, dmarcFail) : alive;
  const first = recipients[0];
  const namedNobody = !report.dsn?.recipients.length && !getHeader(report.headers, 'x-failed-recipients') && scan.recipients.length === 0;
  // A report whose text names no one but its own reader as failed ("<bob@…>: no mailbox here",
  // sent to bob@…) reads as naming nobody, and would have its reader find the dead address in
  // the message they sent: read again with the reader allowed, it names the reader, and so
  // contradicts its own delivery.
  // (Only where the text lists the reader as a recipient is listed: prose naming the reader as
  // the report's sender or addressee leaves a genuine report naming nobody. That is looked for
  // first, so a report that does not list its reader is not read twice.)
  const lower = !readerMayFail && namedNobody && recipients.some((v) => v.hard && !v.recipient) ? scan.errorText.toLowerCase() : '';
  if (lower && readers().some((a) => namesAsFailed(lower, a))) {
    const again = buildClassification(report, true);
    const reader = (v: RecipientVerdict) => readers().includes(asciiAddress(v.recipient.toLowerCase())) && namesAsFailed(lower, v.recipient.toLowerCase());
    if (again.result.recipients.some((v) => v.contradictsDelivery) && again.result.recipients.every(reader)) return again;
  }
  // A mail log whose every recipient's last outcome is "sent" (deferred, then delivered) reports
  // no failure, whatever its deferred lines made the text look like.
  const allSent = report.fromText && (kind === 'bounce' || kind === 'delay') && recipients.length > 0 && recipients.every((v) => v.action === 'delivered' && v.reason === 'delivered');
  const result: Classification = {
    kind: allSent ? 'delivered' : kind,
    reportingMta: cut(report.dsn?.reportingMta ?? '', MAX_MTA),
    provider: first?.provider ?? '',
    subject: report.subject,
    from: report.from,
    original: report.original,
    recipients,
  };
  if (dmarcFail) result.dmarcFail = dmarcFail;
  if (omitted) result.omittedRecipients = omitted;
  if (read.length < verdicts.length) result.acceptedRecipients = verdicts.length - read.length;
  if (scan.unreadLines > 0 && !report.dsn?.recipients.length) result.unreadLines = scan.unreadLines;
  return { result, namedNobody };
}

