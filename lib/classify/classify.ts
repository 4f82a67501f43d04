/**
 * classify(): a bounce in, a verdict per failed recipient out.
 *
 * Pipeline: input → MIME structure (lib/mime) → report pieces (read-report) → recipients from
 * the delivery-status fields or the human-readable text (delivery-status, scan-text) → codes
 * (codes) → reason, class and hardness (decide, the only place precedence lives).
 */
import { getHeader } from '../mime/headers';
import { byteLength, normaliseInput } from '../mime/input';
import { parseMessage } from '../mime/parts';
import { isHeaderLine } from '../mime/headers';
import type { Reason } from '../reasons';
import type { Action, Classification, ClassifyOptions, ClassifyResult, Evidence, EvidenceSource, Kind, RawInput, RecipientVerdict } from '../types';
import { extractCodes, preferStatus } from './codes';
import { decideHard, decidePermanent, decideReason, impliedStatus } from './decide';
import { stripType, type DsnRecipient } from './delivery-status';
import { hasBounceWords, hasDelayWords, kindFromActions, looksLikeAutoReply, looksLikeBounceSender, looksLikeBounceSubject } from './kind';
import { CAUSE_ROWS, joinContinuations, matchRows, normaliseForMatch } from './phrases';
import { detectProvider, reporterRule } from './provider';
import { applySesJson, emptyOriginal, readReport, type Report } from './read-report';
import { addressesIn, scanText, type TextRecipient, type TextScan } from './scan-text';

/** Inputs larger than this are refused with a clear error (Gmail's own cap is 25 MB). */
export const MAX_INPUT_BYTES = 25 * 1024 * 1024;

/** Longest diagnostic text kept per recipient. */
const MAX_DIAGNOSTIC = 1000;
const MAX_EVIDENCE_LINE = 300;
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
    const report = options.text || !startsWithHeaders(text) ? textReport(text, options) : await readReport(parseMessage(text), binary);
    return buildClassification(report);
  } catch (err) {
    return { kind: 'error', error: `Could not read this message: ${err instanceof Error ? err.message : String(err)}` };
  }
}

export function classifyText(text: string, options: Omit<ClassifyOptions, 'text'> = {}): Promise<ClassifyResult> {
  return classify(text, { ...options, text: true });
}

/** Drops an mbox "From " separator line, as saved mailboxes and some tools write them. */
function stripMboxLine(text: string): string {
  if (!text.startsWith('From ')) return text;
  const nl = text.indexOf('\n');
  return nl === -1 ? text : text.slice(nl + 1);
}

/** A raw message starts with a header field; pasted webmail text usually does not. */
function startsWithHeaders(text: string): boolean {
  let start = 0;
  while (start < text.length && (text[start] === '\n' || text[start] === ' ')) start++;
  const nl = text.indexOf('\n', start);
  const first = text.slice(start, nl === -1 ? Math.min(text.length, start + 200) : nl);
  if (!isHeaderLine(first)) return false;
  // "Subject: Undeliverable" alone is not a message; two header lines are.
  const second = nl === -1 ? '' : text.slice(nl + 1, text.indexOf('\n', nl + 1) >>> 0 || undefined);
  return isHeaderLine(second) || second.startsWith(' ') || second.startsWith('\t');
}

function textReport(text: string, options: ClassifyOptions): Report {
  const report: Report = {
    headers: [],
    subject: options.subject ?? '',
    from: options.from ?? '',
    to: '',
    contentType: 'text/plain',
    reportType: '',
    text,
    fromText: true,
    original: emptyOriginal(),
  };
  applySesJson(report);
  return report;
}

function cut(s: string, max: number): string {
  return s.length > max ? s.slice(0, max - 1) + '…' : s;
}

function bareAddress(value: string): string {
  const found = addressesIn(value);
  if (found.length) return found[0];
  return value.replace(/^<|>$/g, '').trim().toLowerCase();
}

function evidence(source: EvidenceSource, text: string, gave: string): Evidence {
  return { source, text: cut(text.trim(), MAX_EVIDENCE_LINE), gave };
}

interface Draft {
  recipient: string;
  action: Action;
  dsnStatus: string;
  diagnostic: string;
  remoteMta: string;
  segment: string;
  evidence: Evidence[];
  feedback: string;
}

function toAction(a: string): Action {
  return a === 'failed' || a === 'delayed' || a === 'delivered' || a === 'relayed' || a === 'expanded' ? a : '';
}

/** Lines that are report fields or MIME delimiters, not the server's words. */
const NOT_DIAGNOSTIC = /^(?:--|status:|action:|remote-mta:|last-attempt-date:|final-recipient:|original-recipient:|reporting-mta:|arrival-date:|will-retry-until:|content-)/i;

/** The lines of a text segment that explain the failure: from the first with a code on. */
function diagnosticFromLines(lines: readonly string[]): { text: string; lines: string[] } {
  const hasCode = (l: string) => {
    const c = extractCodes(l);
    return !!(c.reply || c.status);
  };
  const hasCause = (l: string) => !!matchRows(CAUSE_ROWS, normaliseForMatch(l));
  // The server's words start at the first line with a code, else the first naming a cause,
  // else after the line naming the address; they run to the end of that paragraph.
  let start = lines.findIndex((l) => l && !NOT_DIAGNOSTIC.test(l) && hasCode(l));
  if (start === -1) start = lines.findIndex((l) => l && !NOT_DIAGNOSTIC.test(l) && hasCause(l));
  if (start === -1) start = lines.findIndex((l, i) => i > 0 && l && !NOT_DIAGNOSTIC.test(l));
  if (start === -1) return { text: '', lines: [] };
  const picked: string[] = [];
  for (let i = start; i < lines.length && picked.length < 6; i++) {
    if (!lines[i]) {
      if (picked.length) break;
      continue;
    }
    if (!NOT_DIAGNOSTIC.test(lines[i])) picked.push(lines[i]);
  }
  return { text: cut(picked.join(' ').replace(/\s+/g, ' ').trim(), MAX_DIAGNOSTIC), lines: picked };
}

function buildClassification(report: Report): Classification {
  const exclude = new Set<string>();
  for (const v of [report.to, report.original.from]) for (const a of addressesIn(v)) exclude.add(a);
  const scan = scanText(report.text, exclude);
  // The explanation a reporting MTA writes is a few lines; past this it is quoted content.
  const explanationLower = normaliseForMatch(scan.errorText.slice(0, MAX_EXPLANATION));

  const kind = decideKind(report, scan, explanationLower);
  const drafts = kind === 'not-bounce' ? [] : draftRecipients(report, scan, kind);

  const senders = [...exclude];
  const recipients = drafts.map((d) => finishRecipient(d, kind, explanationLower, senders, reporterRule(report.from, d.recipient)));
  const first = recipients[0];
  return {
    kind,
    reportingMta: report.dsn?.reportingMta ?? '',
    provider: first?.provider ?? '',
    subject: report.subject,
    from: report.from,
    original: report.original,
    recipients,
  };
}

function decideKind(report: Report, scan: TextScan, lower: string): Kind {
  if (report.feedback || report.reportType === 'feedback-report') return 'feedback';
  if (report.subject.toLowerCase().includes('complaint about message')) return 'feedback'; // Outlook.com's older complaint notices
  if (lower.includes('sent this email to unsubscribe')) return 'feedback'; // Apple Mail's unsubscribe request
  const dsnKind = report.dsn ? kindFromActions(report.dsn.recipients.map((r) => r.action)) : undefined;
  if (dsnKind) return dsnKind;
  const bounceSender = looksLikeBounceSender(report.from);
  const bounceSubject = looksLikeBounceSubject(report.subject);
  const failedHeader = getHeader(report.headers, 'x-failed-recipients');
  const isReport = report.reportType === 'delivery-status' || (report.dsn?.recipients.length ?? 0) > 0;
  const bounceWords = hasBounceWords(lower);
  if (!isReport && !failedHeader && !bounceSender) {
    const autoSubmitted = getHeader(report.headers, 'auto-submitted');
    const extra = !!(getHeader(report.headers, 'x-autoreply') || getHeader(report.headers, 'x-autorespond') || /^auto_?reply$/i.test(getHeader(report.headers, 'precedence')));
    if (looksLikeAutoReply({ autoSubmitted, subject: report.subject, extra }) && !bounceSubject) return 'autoreply';
  }
  const evidenceOfBounce = isReport || !!failedHeader || ((bounceSender || !!bounceSubject || !!bounceWords) && (scan.recipients.length > 0 || /\b[45]\d\d\b|\b[45]\.\d\.\d/.test(lower) || !!bounceWords));
  // Text someone chose to inspect, naming an address and a failure code, is a bounce in any language.
  const textWithCodes = !!report.fromText && scan.recipients.length > 0 && /\b[45]\d\d\b|\b[45]\.\d{1,3}\.\d{1,3}\b/.test(lower);
  if (!evidenceOfBounce && !textWithCodes) return 'not-bounce';
  // A delay notice says it will go on trying, quotes no permanent failure, and does not call
  // itself permanent ("if delivery fails permanently, you'll be told" is a delay's own words).
  if (hasDelayWords(lower) && !/\b5\d\d[ -]|\b5\.\d{1,3}\.\d{1,3}/.test(lower) && !/permanent (?:error|failure|fatal)|failed permanently/.test(lower)) return 'delay';
  return 'bounce';
}

function draftRecipients(report: Report, scan: TextScan, kind: Kind): Draft[] {
  const segments = new Map<string, TextRecipient>();
  for (const r of scan.recipients) segments.set(r.address, r);

  if (kind === 'feedback') {
    const fb = report.feedback;
    // Reports without a feedback-report part: complaint notices are abuse, unsubscribe requests opt-out.
    const type = fb?.type || (/unsubscribe/i.test(report.subject + report.text.slice(0, 2000)) ? 'opt-out' : 'abuse');
    let addrs = fb ? fb.recipients.map(bareAddress) : [];
    if (!addrs.length) addrs = addressesIn(report.original.to);
    if (!addrs.length) addrs = [''];
    return addrs.map((recipient) => ({
      recipient,
      action: '',
      dsnStatus: '',
      diagnostic: '',
      remoteMta: '',
      segment: '',
      evidence: (fb?.lines ?? []).slice(0, 6).map((l) => evidence('feedback-report', l, 'feedback')),
      feedback: type,
    }));
  }

  const dsnRecipients = (report.dsn?.recipients ?? []).filter((r) => r.finalRecipient || r.originalRecipient || r.status || r.diagnostic);
  if (dsnRecipients.length) {
    return dsnRecipients.map((r) => fromDsn(r, segments, scan));
  }

  const failedHeader = getHeader(report.headers, 'x-failed-recipients');
  let addrs = failedHeader ? addressesIn(failedHeader) : [];
  if (!addrs.length) addrs = withEvidence(scan.recipients).map((r) => r.address);
  if (!addrs.length && kind !== 'autoreply') addrs = addressesIn(report.original.to).slice(0, 1);
  if (!addrs.length) addrs = [''];
  return addrs.map((addr) => fromText(addr, segments.get(addr), scan));
}

/**
 * Addresses in a text are not all failed recipients: "please contact <support@...>" names a
 * helpdesk. When some addresses come with a failure code or a cause, only those count.
 */
function withEvidence(candidates: readonly TextRecipient[]): TextRecipient[] {
  const evident = candidates.filter((r) => {
    const text = r.lines.join('\n');
    const codes = extractCodes(text);
    return codes.reply || codes.status || matchRows(CAUSE_ROWS, normaliseForMatch(text));
  });
  return evident.length ? evident : [...candidates];
}

function fromDsn(r: DsnRecipient, segments: Map<string, TextRecipient>, scan: TextScan): Draft {
  const recipient = bareAddress(r.finalRecipient || r.originalRecipient);
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
    const d = diagnosticFromLines(scan.preamble);
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
    remoteMta: r.remoteMta,
    segment: seg ? seg.lines.join('\n') : '',
    evidence: ev,
    feedback: '',
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

function fromText(addr: string, seg: TextRecipient | undefined, scan: TextScan): Draft {
  const lines = seg ? seg.lines : scan.preamble;
  const d = diagnosticFromLines(lines);
  let diagnostic = d.text;
  let picked = d.lines;
  if (!extractCodes(diagnostic).reply && !extractCodes(diagnostic).status) {
    // The words may stand in the shared explanation before the address (one recipient, or
    // Notes' "Failure Reasons" above the list): a code there, or a cause when we have nothing.
    const shared = diagnosticFromLines(['', ...scan.preamble]);
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
    action: 'failed',
    dsnStatus: '',
    diagnostic,
    remoteMta: '',
    segment: lines.join('\n'),
    evidence: ev,
    feedback: '',
  };
}

function finishRecipient(d: Draft, kind: Kind, explanationLower: string, senders: readonly string[], reporter?: { reason: Reason; basis: string }): RecipientVerdict {
  d.diagnostic = joinContinuations(d.diagnostic);
  const codes = extractCodes(d.diagnostic);
  // The remote server's own "550 5.1.1" beats the reporting MTA's summary of the same class.
  let status = codes.paired && codes.status[0] === d.dsnStatus[0] ? codes.status : preferStatus(d.dsnStatus, codes.status);
  let reply = codes.reply;
  if (!reply && d.segment) {
    // The rest of the recipient's text may quote the server's reply ("Remote Server returned '550 ...'").
    const segCodes = extractCodes(d.segment);
    if (!status || !segCodes.reply || segCodes.reply[0] === status[0]) {
      reply = segCodes.reply;
      if (!status) status = segCodes.status;
    }
  }
  if (status && reply && status[0] !== reply[0] && !d.dsnStatus) status = '';
  if (kind === 'feedback' || kind === 'autoreply') {
    status = '';
    reply = '';
    d.diagnostic = '';
  }
  const diagnosticLower = normaliseForMatch(d.diagnostic);
  const segmentLower = normaliseForMatch(d.segment.slice(0, MAX_EXPLANATION));
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
