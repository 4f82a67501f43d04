/**
 * Who failed, and the words that say why: one draft per recipient, from the delivery-status
 * fields when the report has them, else from X-Failed-Recipients or the text itself.
 */
import { getHeader } from '../mime/headers';
import type { Action, Evidence, EvidenceSource, Kind } from '../types';
import { extractCodes } from './codes';
import { logOutcome, logRemoteMta } from './mail-log';
import type { DsnRecipient } from './delivery-status';
import { CAUSE_ROWS, CONNECTION_ROWS, DNS_ROWS, EXPIRY_TABLE, matchRows, normaliseForMatch, readPhrases } from './phrases';
import type { Report } from './read-report';
import { addressesIn, isRoleAddress, MAX_TEXT_RECIPIENTS, type TextRecipient, type TextScan } from './scan-text';

/** Longest diagnostic text kept per recipient. */
const MAX_DIAGNOSTIC = 1000;
const MAX_EVIDENCE_LINE = 300;
/**
 * A mail server's name as a report gives it: a host name (at most 253 characters), perhaps with
 * its address in brackets. The field is the sender's to fill: uncut, a thousand recipients'
 * Remote-MTA lines could make one verdict megabytes large in messages and storage.
 */
export const MAX_MTA = 300;

/** A recipient as found, before its verdict (verdict.ts). */
export interface Draft {
  recipient: string;
  action: Action;
  dsnStatus: string;
  diagnostic: string;
  /** The delivery-status Diagnostic-Code's type ("smtp", "x-unix"); '' otherwise. */
  diagnosticType: string;
  remoteMta: string;
  segment: string;
  evidence: Evidence[];
  feedback: string;
  /** The delivery-status Original-Recipient ('' when none). */
  originalRecipient?: string;
}


export function cut(s: string, max: number): string {
  return s.length > max ? s.slice(0, max - 1) + '…' : s;
}

/** Control and format characters (bidi overrides, zero-width; not tab or line ends, which fold a field): never part of an address, able to disguise one. */
const CONTROL_OR_FORMAT = /[\p{Cf}\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]/u;

function bareAddress(value: string): string {
  const text = decodeXtextEscapes(value);
  // '"kim.lee@oldcorp.example" <kim@example.org>': the address is the one in angle brackets.
  // (A display name may hold direction marks, as Arabic and Hebrew names do; the address may not.)
  const open = text.lastIndexOf('<');
  const close = open === -1 ? -1 : text.indexOf('>', open);
  const inside = close > open ? text.slice(open + 1, close) : '';
  // An invisible or direction-changing character cuts an address in two ("al<U+200B>ice@…" would
  // read as "ice@…") or disguises it: such a field names no address we can trust.
  if (CONTROL_OR_FORMAT.test(inside || text)) return '';
  const bracketed = inside ? addressesIn(inside) : [];
  if (bracketed.length) return bracketed[0];
  if (CONTROL_OR_FORMAT.test(text)) return '';
  const found = addressesIn(text);
  if (found.length) return found[0];
  return addressOrNothing(text.replace(/^<|>$/g, '').trim().toLowerCase());
}

/** RFC 5321's limit on a path: a longer field is prose, not an address. */
const MAX_ADDRESS = 256;
/** A quoted local part, whose spaces are allowed ('"kim lee"@example.org'). Bounded: linear. */
const QUOTED_LOCAL = /^"[^"]{0,64}"(?=@)/;

/**
 * A recipient field the address scan found no address in ("rfc822; kim", "rfc822; @mx.example.org")
 * is kept as it is only when it could still name a mailbox. Anything else, a sentence, a URL with
 * words around it, text disguised by bidi overrides, names nobody: '' (the report's text may name
 * the address instead). The field comes from the message, and what is kept here is shown as the
 * card's heading, listed to suppress, copied and stored in the history.
 */
function addressOrNothing(value: string): string {
  if (value.length > MAX_ADDRESS) return '';
  // Besides a quoted local part and a domain literal ("kim@[IPv6:2001:db8::1]"), no character an
  // address cannot hold unquoted: a space, or the ":" and ";" of a URL or of a group
  // ("https://…?addr=kim@example.org", "undisclosed-recipients:;").
  return /[\s:;,<>()\\"]/.test(value.replace(QUOTED_LOCAL, '""').replace(DOMAIN_LITERAL, '').replace(/^""/, '')) ? '' : value;
}

/** A domain literal closing an address. Bounded: linear. */
const DOMAIN_LITERAL = /@\[[^\]]{0,64}\]$/;

/** RFC 6533's escapes in a utf-8 address field: "j\x{F6}rg@example.de" is "jörg@example.de". */
function decodeXtextEscapes(value: string): string {
  if (value.indexOf('\\x{') === -1) return value;
  return value.replace(/\\x\{([0-9a-fA-F]{1,6})\}/g, (whole, hex: string) => {
    const code = parseInt(hex, 16);
    return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}


export function evidence(source: EvidenceSource, text: string, gave: string): Evidence {
  return { source, text: cut(text.trim(), MAX_EVIDENCE_LINE), gave };
}

function toAction(a: string): Action {
  return a === 'failed' || a === 'delayed' || a === 'delivered' || a === 'relayed' || a === 'expanded' ? a : '';
}

/** Lines that are report fields or MIME delimiters, not the server's words. */
const NOT_DIAGNOSTIC = /^(?:--|status:|action:|remote-mta:|last-attempt-date:|final-recipient:|original-recipient:|x-actual-recipient:|reporting-mta:|received-from-mta:|arrival-date:|final-log-id:|will-retry-until:|content-|\((?:ultimately generated|expanded|generated) from)/i;

/** A short line that ends by announcing what follows: "reasons:", "for the following reason:". */
function introduces(line: string): boolean {
  const t = line.trim();
  return t.length <= 81 && t.endsWith(':');
}

/** Gmail's line before the server's reply: "The response was:", "The response from the remote server was:". */
const RESPONSE_INTRO = /^the response (?:from the remote server )?was:$/i;

/** Microsoft's help articles named in its reports: "... issues for error code 5.1.10 in Office 365". */
const ARTICLE_TITLE = /\bissues for error code [245]\.\d/i;

/** A report's decoration: a line opening with a run of stars, equals signs, hashes or underscores. */
const BANNER = /^\s*[*=#_~]{3}/;
/** An address, its colon, and a word after it. Linear: no nested or overlapping repeats. */
const WORDS_AFTER_ADDRESS = /@[^\s:@]+>?:\s*[a-z]{2}/i;

/** Three words beside the address: a sentence, not just the address with its brackets. */
function moreThanAddress(line: string): boolean {
  let words = 0;
  for (const w of line.split(/\s+/)) if (!w.includes('@') && /[a-z]{2}/i.test(w) && ++words === 3) return true;
  return false;
}

/** The lines of a text segment that explain the failure: from the first with a code on. */
function diagnosticFromLines(lines: readonly string[]): { text: string; lines: string[] } {
  const hasCause = (l: string) => !!matchRows(CAUSE_ROWS, normaliseForMatch(l));
  // The server's words start at the first line with a failure code (a session transcript quotes
  // the greeting and "250 Ok" lines before the refusal), else with any code, else the first
  // naming a cause, else after the line naming the address; they run to the end of that
  // paragraph. A line that names the address and more ("Reason: Unable to deliver message to
  // <...>") is the last resort; a report's banner lines ("**** End of message ****") never count.
  const words = (l: string) => !!l && !NOT_DIAGNOSTIC.test(l) && !BANNER.test(l);
  let start = -1;
  let anyCode = -1;
  let article = -1;
  for (let i = 0; i < lines.length; i++) {
    if (!words(lines[i])) continue;
    const c = extractCodes(lines[i]);
    if (!c.reply && !c.status) continue;
    if (anyCode === -1) anyCode = i;
    if (!'45'.includes((c.reply || c.status)[0])) continue;
    // The title of a help article the report recommends ("Fix email delivery issues for error
    // code 5.1.10 in Office 365") is no reply: the server's own words come further on.
    if (!c.reply && ARTICLE_TITLE.test(lines[i])) {
      if (article === -1) article = i;
      continue;
    }
    start = i;
    break;
  }
  if (start === -1) start = article !== -1 ? article : anyCode;
  // Gmail's "The response was:" introduces the server's own words, which may carry no code
  // ("DNS Error: ... responded with code NXDOMAIN"); the sentence above it is Gmail's summary.
  if (start === -1) {
    const intro = lines.findIndex((l) => RESPONSE_INTRO.test(l.trim()));
    const reply = intro === -1 ? -1 : lines.findIndex((l, i) => i > intro && l.trim() !== '');
    if (reply !== -1 && words(lines[reply])) start = reply;
  }
  // "kijitora@example.jp: Network error on destination MXs": the words after the address and
  // its colon are the reason, whatever follows.
  if (start === -1 && lines.length && words(lines[0]) && WORDS_AFTER_ADDRESS.test(lines[0])) start = 0;
  if (start === -1) start = lines.findIndex((l) => words(l) && hasCause(l));
  if (start === -1) start = lines.findIndex((l, i) => i > 0 && words(l));
  if (start === -1 && lines.length && words(lines[0]) && moreThanAddress(lines[0])) start = 0;
  if (start === -1) return { text: '', lines: [] };
  const picked: string[] = [];
  for (let i = start; i < lines.length && picked.length < 6; i++) {
    if (!lines[i]) {
      // (A line that only introduces what follows, "... for the following reasons:", is read
      // with the paragraph below it.)
      if (picked.length && !introduces(picked[picked.length - 1])) break;
      continue;
    }
    if (words(lines[i])) picked.push(lines[i]);
  }
  return { text: cut(picked.join(' ').replace(/\s+/g, ' ').trim(), MAX_DIAGNOSTIC), lines: picked };
}


/**
 * Most recipients a report is read for. Real reports name a few, mailing-list bounces a few
 * hundred; past this the rest are counted, not read, so that a hostile report of tens of
 * thousands cannot stall the page it is opened in.
 */
export const MAX_RECIPIENTS = MAX_TEXT_RECIPIENTS;

export interface Drafts {
  drafts: Draft[];
  /** Recipients the report names beyond MAX_RECIPIENTS, not read. */
  omitted: number;
}

/** What every recipient without words of its own falls back on: worked out once per report. */
class SharedText {
  private preambleDiagnostic?: { text: string; lines: string[] };
  private sharedDiagnostic?: { text: string; lines: string[] };
  private joined?: string;

  constructor(readonly scan: TextScan) {}

  /** The words of the explanation before the first recipient. */
  get preamble(): { text: string; lines: string[] } {
    return (this.preambleDiagnostic ??= diagnosticFromLines(this.scan.preamble));
  }

  /** The same, where even the first line may hold the words (no address line to skip). */
  get shared(): { text: string; lines: string[] } {
    return (this.sharedDiagnostic ??= diagnosticFromLines(['', ...this.scan.preamble]));
  }

  get preambleText(): string {
    return (this.joined ??= this.scan.preamble.join('\n'));
  }
}

/** A mailing list's own bounce address ("volunteers-bounces@"), where the list's bounces come back. */
const LIST_BOUNCES = /^[^@+\s]{1,64}-bounces?(?:\+[^@\s]{0,200})?@/i;

/**
 * The recipient a VERP return path encodes: "volunteers-bounces+kim=example.org@lists.example.net"
 * is a bounce of the list's mail to kim@example.org (Mailman, Sympa, Majordomo write it so).
 */
function verpRecipients(to: string): string[] {
  for (const a of addressesIn(to)) {
    // Only a list's bounce address ("<list>-bounces+…"), read as Mailman reads it: the mailbox
    // runs from the first "+" to the last "=", the domain after it.
    const m = /^[^+@\s]{1,64}-bounces?\+([^@\s]{1,200})=([a-z0-9-]+(?:\.[a-z0-9-]+)+)@/.exec(a);
    if (m) return [`${m[1]}@${m[2]}`];
  }
  return [];
}

/** A local part, one @ and a domain: what a delivery-status recipient field should hold. */
const FULL_ADDRESS = /^[^@\s]+@[^@\s]+$/;

function capped<T>(items: readonly T[]): { kept: T[]; omitted: number } {
  return { kept: items.slice(0, MAX_RECIPIENTS), omitted: Math.max(0, items.length - MAX_RECIPIENTS) };
}

/**
 * Delivery-status recipients past the cap: the failed and delayed ones are read first, in the
 * report's order, so a huge mixed report does not spend the cap on deliveries while dead
 * addresses are only counted.
 */
function cappedFailuresFirst(items: readonly DsnRecipient[]): { kept: DsnRecipient[]; omitted: number } {
  if (items.length <= MAX_RECIPIENTS) return { kept: [...items], omitted: 0 };
  const succeeded = (r: DsnRecipient) => r.action === 'delivered' || r.action === 'relayed' || r.action === 'expanded';
  const chosen = new Set<DsnRecipient>();
  for (const r of items) if (chosen.size < MAX_RECIPIENTS && !succeeded(r)) chosen.add(r);
  for (const r of items) if (chosen.size < MAX_RECIPIENTS) chosen.add(r);
  return { kept: items.filter((r) => chosen.has(r)), omitted: items.length - chosen.size };
}

export function draftRecipients(report: Report, scan: TextScan, kind: Kind, exclude: ReadonlySet<string> = new Set()): Drafts {
  if (kind === 'feedback') {
    const fb = report.feedback;
    // Reports without a feedback-report part: complaint notices are abuse, unsubscribe requests opt-out.
    const head = report.text.slice(0, 4000);
    const type = fb?.type || /^feedback-type:[ \t]*([a-z-]+)/im.exec(head)?.[1].toLowerCase() || (/unsubscribe/i.test(report.subject + head.slice(0, 2000)) ? 'opt-out' : 'abuse');
    let addrs = fb ? [...new Set(fb.recipients.map(bareAddress))] : [];
    // An ARF report shown as text names the complaining address in its Original-Rcpt-To line.
    if (!addrs.length) addrs = addressesIn(/^original-rcpt-to:[^\n]*/im.exec(head)?.[0] ?? '');
    if (!addrs.length) addrs = addressesIn(report.original.to);
    if (!addrs.length) addrs = [''];
    const { kept, omitted } = capped(addrs);
    const drafts = kept.map((recipient): Draft => ({
      recipient,
      action: '',
      dsnStatus: '',
      diagnostic: '',
      diagnosticType: '',
      remoteMta: '',
      segment: '',
      evidence: (fb?.lines ?? []).slice(0, 6).map((l) => evidence('feedback-report', l, 'feedback')),
      feedback: type,
    }));
    return { drafts, omitted };
  }

  const shared = new SharedText(scan);
  if (kind === 'autoreply') {
    // An automatic reply is written by (or for) the person the message reached: its sender is the
    // recipient. Addresses in its text are colleagues and help desks to write to instead.
    const away = addressesIn(report.from)[0] ?? '';
    return { drafts: [fromText(away, undefined, shared)], omitted: 0 };
  }

  const segments = new Map(scan.recipients.map((r) => [r.address, r]));

  // Fields that name no recipient (a stray line break can split a group) belong to none when
  // others are named; alone, they are an unnamed recipient's.
  const all = (report.dsn?.recipients ?? []).filter((r) => r.finalRecipient || r.originalRecipient || r.status || r.diagnostic);
  const withAddress = all.filter((r) => r.finalRecipient || r.originalRecipient);
  const dsnRecipients = distinct(withAddress.length ? withAddress : all);
  if (dsnRecipients.length) {
    const { kept, omitted } = cappedFailuresFirst(dsnRecipients);
    // A lone delivery-status recipient that is no full address ("rfc822; @mx.example.org") is
    // the one address the text names as failed, when it names exactly one.
    const lone = kept.length === 1 && !FULL_ADDRESS.test(bareAddress(kept[0].finalRecipient || kept[0].originalRecipient));
    const named = lone ? withEvidence(scan.recipients) : [];
    const stand = named.length === 1 ? named[0].address : '';
    return { drafts: kept.map((r) => fromDsn(r, segments, shared, stand)), omitted };
  }

  const failedHeader = getHeader(report.headers, 'x-failed-recipients');
  // (Each comma-separated entry is one address, the bracketed one where a name comes with it.)
  let addrs = failedHeader ? failedHeader.split(',').map(bareAddress).filter((a) => a.includes('@')) : [];
  const fromScan = !addrs.length;
  if (!addrs.length) addrs = withEvidence(scan.recipients).map((r) => r.address);
  // Naming nobody: the address a VERP return path encodes ("list-bounces+kim=example.org@…"),
  // else the original's To, unless that was a mailing list (whose address never failed).
  if (!addrs.length) addrs = verpRecipients(report.to);
  if (!addrs.length && !report.originalToList && !addressesIn(report.to).some((a) => LIST_BOUNCES.test(a))) addrs = addressesIn(report.original.to).filter((a) => !exclude.has(a)).slice(0, 1);
  if (!addrs.length) addrs = [''];
  const { kept, omitted } = capped([...new Set(addrs)]);
  // (Addresses the text names beyond those read are counted too, when the text named who failed.)
  const unread = fromScan && scan.recipients.length ? scan.unread : 0;
  return { drafts: kept.map((addr) => fromText(addr, segments.get(addr), shared)), omitted: omitted + unread };
}

/** Delivery-status recipients without exact repeats (same address, action, status and words). */
function distinct(recipients: readonly DsnRecipient[]): DsnRecipient[] {
  if (recipients.length < 2) return [...recipients];
  const seen = new Set<string>();
  return recipients.filter((r) => {
    const key = `${r.finalRecipient}\n${r.originalRecipient}\n${r.action}\n${r.status}\n${r.diagnostic}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Addresses in a text are not all failed recipients: "please contact <support@...>" names a
 * helpdesk. When some addresses come with a failure code or a cause, only those count.
 */
function withEvidence(candidates: readonly TextRecipient[]): TextRecipient[] {
  const evident = candidates.filter((r) => {
    const text = r.lines.join('\n');
    const codes = extractCodes(text);
    if (codes.reply || codes.status) return true;
    // A cause, or the words of a delivery still failing: "retry time not reached for any host".
    const hits = readPhrases(normaliseForMatch(text));
    return !!(hits.first(CAUSE_ROWS) || hits.first(EXPIRY_TABLE) || hits.first(CONNECTION_ROWS) || hits.first(DNS_ROWS));
  });
  // With no address evident, a help or abuse desk the notice names is still not the recipient.
  return evident.length ? evident : candidates.filter((r) => !isRoleAddress(r.address));
}

function fromDsn(r: DsnRecipient, segments: Map<string, TextRecipient>, shared: SharedText, standIn = ''): Draft {
  const recipient = standIn || bareAddress(r.finalRecipient || r.originalRecipient);
  const seg = segments.get(recipient);
  const ev: Evidence[] = r.lines.slice(0, 8).map((l) => evidence('delivery-status', l, fieldGave(l)));
  let diagnostic = r.diagnostic;
  if (!diagnostic && seg) {
    const d = diagnosticFromLines(seg.lines);
    diagnostic = d.text;
    for (const l of d.lines.slice(0, 3)) ev.push(evidence('body', l, 'diagnostic'));
  }
  if (!diagnostic && !seg) {
    // Gmail's empty delivery-status: the words are only in the text.
    const d = shared.preamble;
    if (extractCodes(d.text).reply || extractCodes(d.text).status) {
      diagnostic = d.text;
      for (const l of d.lines.slice(0, 3)) ev.push(evidence('body', l, 'diagnostic'));
    }
  }
  return {
    recipient,
    action: toAction(r.action),
    dsnStatus: r.status,
    diagnostic: cut(diagnostic, MAX_DIAGNOSTIC),
    diagnosticType: diagnostic === r.diagnostic ? r.diagnosticType : '',
    remoteMta: cut(r.remoteMta, MAX_MTA),
    // The recipient's lines in the explanation, and a Status comment ("4.0.0 (host name lookup
    // failure)"), which may be all that says why.
    segment: [seg ? seg.lines.join('\n') : '', r.statusComment].filter(Boolean).join('\n'),
    evidence: ev,
    feedback: '',
    // (Most reports repeat the final recipient here: only a different one is read.)
    originalRecipient: r.originalRecipient && r.originalRecipient !== r.finalRecipient ? bareAddress(r.originalRecipient) : '',
  };
}

function fieldGave(line: string): string {
  const name = line.slice(0, line.indexOf(':')).toLowerCase();
  if (name === 'status') return 'status';
  if (name === 'diagnostic-code') return 'diagnostic';
  if (name === 'action') return 'action';
  if (name === 'remote-mta') return 'remote MTA';
  if (name.endsWith('recipient')) return 'recipient';
  return 'diagnostic';
}

/** Sendmail's and Postfix's note of the alias an address was reached through: "(expanded from: <sales@example.org>)". */
const EXPANDED_FROM = /^\((?:ultimately generated|expanded|generated) from:? <?([^<>\s()@]{1,64}@[^<>\s()@]{1,255})>?\)$/i;

/**
 * The log field of the address the sender wrote, where an alias led to the one logged: Postfix's
 * "orig_to=<sales@example.org>", OpenSMTPD's "rcpt=<sales@example.org>" (after its "to=<…>").
 */
const ORIG_TO = /\b(?:orig_to=<?|rcpt=<)([^<>\s(),@]{1,64}@[^<>\s(),@]{1,255})>?/i;

/** The address the sender wrote, where the recipient's lines say it led here; '' otherwise. */
function expandedFrom(lines: readonly string[]): string {
  for (let i = 0; i < lines.length && i < 8; i++) {
    const line = lines[i];
    // (Either form has a "(" or an "=": most lines have neither, and are not copied.)
    const m = (line.includes('(') ? EXPANDED_FROM.exec(line.trim()) : null) ?? (line.includes('orig_to=') || line.includes(' rcpt=<') ? ORIG_TO.exec(line) : null);
    if (m) return m[1].toLowerCase();
  }
  return '';
}

function fromText(addr: string, seg: TextRecipient | undefined, common: SharedText): Draft {
  // Mail log lines of one recipient end with its outcome: deferred twice, then bounced.
  const log = seg ? logOutcome(seg.lines) : undefined;
  const outcome = log ? log.last : -1;
  const own = seg && outcome > 0 ? seg.lines.slice(outcome) : seg?.lines;
  const d = own ? diagnosticFromLines(own) : common.preamble;
  let diagnostic = d.text;
  let picked = d.lines;
  const codes = extractCodes(diagnostic);
  if (!codes.reply && !codes.status) {
    // The words may stand in the shared explanation before the address (one recipient, or
    // Notes' "Failure Reasons" above the list): a code there, or a cause when we have nothing.
    const shared = common.shared;
    const sharedCodes = extractCodes(shared.text);
    if (sharedCodes.reply || sharedCodes.status || (!diagnostic && shared.text && matchRows(CAUSE_ROWS, normaliseForMatch(shared.text)))) {
      diagnostic = shared.text;
      picked = shared.lines;
    }
  }
  const ev: Evidence[] = [];
  if (seg && seg.lines[0]) ev.push(evidence('body', seg.lines[0], 'recipient'));
  for (const l of picked.slice(0, 4)) ev.push(evidence('body', l, 'diagnostic'));
  return {
    recipient: addr,
    // Sendmail's "(expanded from: <sales@…>)" under the address: the one the sender wrote.
    originalRecipient: seg ? expandedFrom(seg.lines) : '',
    // The text says no action; the report's kind does (a delay notice is still being retried),
    // unless a mail log's last line for the address says it was sent in the end.
    action: log?.sent ? 'delivered' : '',
    dsnStatus: '',
    diagnostic,
    diagnosticType: '',
    // (A mail log names the server on each line: "relay=mx.example.org[…]", "H=mx.example.org".)
    remoteMta: own ? logRemoteMta(own) : '',
    segment: own ? own.join('\n') : common.preambleText,
    evidence: ev,
    feedback: '',
  };
}

