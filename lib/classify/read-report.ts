/**
 * From a parsed MIME tree to the pieces a classifier reads: the human-readable text, the
 * delivery-status fields (from their part, or written inline in the text), the feedback report,
 * an Amazon SES JSON notification, and the headers of the returned message (from its part, or
 * quoted in the text). Only the parts read are decoded, and a plain-text part is skipped when
 * every recipient's delivery-status fields already carry the server's words and the part would
 * need decoding.
 */
import { decodeHeaderPart, decodePartText, needsDecoding } from '../mime/decode';
import { decodeHeaderValue, findHeaderEnd, getHeader, getHeaders, parseHeaderLines, type Header } from '../mime/headers';
import { binaryToBytes } from '../mime/input';
import { isEmbeddedMessage, type MimePart } from '../mime/parts';
import type { OriginalMessage } from '../types';
import { looksLikeSesJson, readSesNotification } from './amazon-ses';
import { parseDeliveryStatus, type DeliveryStatus } from './delivery-status';
import { sentByMailSystem } from './kind';
import { errorTextEnd } from './scan-text';

export interface FeedbackReport {
  type: string;
  recipients: string[];
  lines: string[];
}

export interface Report {
  headers: Header[];
  subject: string;
  from: string;
  to: string;
  contentType: string;
  reportType: string;
  /** Decoded human-readable text (the explanation written for people). */
  text: string;
  /** Where in `text` the returned copy of the message starts (text.length when it does not). */
  errorEnd: number;
  /** The input was the text of a bounce (pasted, or read off a webmail page), not a message. */
  fromText?: boolean;
  dsn?: DeliveryStatus;
  feedback?: FeedbackReport;
  original: OriginalMessage;
  /** The returned message was mailing-list mail (List-Id, List-Post): its To is the list. */
  originalToList?: boolean;
  /**
   * The returned message, whole, when it is itself a bounce: some gateways wrap a bounce in a
   * notice of their own that names nobody.
   */
  returnedBounce?: string;
}

const DSN_TYPES = new Set(['message/delivery-status', 'message/global-delivery-status', 'text/delivery-status']);
const HEADER_PART_TYPES = new Set(['text/rfc822-headers', 'message/rfc822-headers', 'message/global-headers']);

/** A message (or its header block) that says it is a bounce: a delivery report, or a mail system's From. */
export function isBounceMessage(part: MimePart): boolean {
  return part.contentType.mime === 'multipart/report' || sentByMailSystem(getHeader(part.headers, 'from'), getHeader(part.headers, 'subject'));
}

export function emptyOriginal(): OriginalMessage {
  return { subject: '', messageId: '', from: '', to: '', date: '' };
}

/** The original's fields from its headers, and whether it was list mail. */
export function setOriginal(report: Report, headers: readonly Header[]): void {
  report.original = originalFromHeaders(headers);
  report.originalToList = headers.some((h) => h.name === 'list-id' || h.name === 'list-post');
}

export function originalFromHeaders(headers: readonly Header[]): OriginalMessage {
  return {
    subject: decodeHeaderValue(getHeader(headers, 'subject')),
    messageId: getHeader(headers, 'message-id'),
    from: decodeHeaderValue(getHeader(headers, 'from')),
    to: decodeHeaderValue(getHeader(headers, 'to')),
    date: getHeader(headers, 'date'),
  };
}

interface Found {
  dsnParts: MimePart[];
  feedbackPart?: MimePart;
  headerPart?: MimePart;
  embedded?: MimePart;
  textParts: MimePart[];
  htmlParts: MimePart[];
}

/** Largest text attachment looked into for relabelled report fields. */
const MAX_RELABELLED_PART = 64 * 1024;
const DSN_FIELD_START = /^(?:reporting-mta|final-recipient|original-recipient|arrival-date|received-from-mta):/;
const HEADER_FIELD_START = /^(?:received|return-path|from|to|subject|date|message-id|mime-version):/;

function collect(part: MimePart, found: Found): void {
  const mime = part.contentType.mime;
  if (DSN_TYPES.has(mime)) {
    found.dsnParts.push(part);
    return;
  }
  if (mime === 'message/feedback-report') {
    found.feedbackPart ??= part;
    return;
  }
  if (HEADER_PART_TYPES.has(mime)) {
    found.headerPart ??= part;
    return;
  }
  if (isEmbeddedMessage(mime)) {
    found.embedded ??= part;
    return; // the returned message: never the bounce's own text
  }
  if (part.children.length) {
    for (const child of part.children) collect(child, found);
    return;
  }
  const disposition = getHeader(part.headers, 'content-disposition').toLowerCase();
  if (disposition.startsWith('attachment') && found.textParts.length > 0) {
    // A report whose parts were relabelled text/plain on the way (an Outlook export's
    // "details.txt" and "Message Headers.txt"): the fields say what the part is.
    if (mime === 'text/plain' && part.body.length <= MAX_RELABELLED_PART) {
      // The first field name is enough: decode only the start of the part.
      const fields = decodeHeaderPart({ ...part, body: part.body.slice(0, 512) }, false).trimStart().slice(0, 40).toLowerCase();
      if (DSN_FIELD_START.test(fields)) found.dsnParts.push(part);
      else if (!found.headerPart && HEADER_FIELD_START.test(fields)) found.headerPart = part;
    }
    return;
  }
  if (mime === 'text/plain') found.textParts.push(part);
  else if (mime === 'text/html') found.htmlParts.push(part);
}

export function readReport(root: MimePart, binary: boolean): Report {
  const headers = binary ? utf8Headers(root.headers) : root.headers;
  const found: Found = { dsnParts: [], textParts: [], htmlParts: [] };
  if (root.children.length) for (const c of root.children) collect(c, found);
  else if (DSN_TYPES.has(root.contentType.mime)) found.dsnParts.push(root);
  else if (root.contentType.mime === 'text/html') found.htmlParts.push(root);
  else if (!isEmbeddedMessage(root.contentType.mime)) found.textParts.push(root);
  else found.embedded = root;

  const report: Report = {
    headers,
    subject: decodeHeaderValue(getHeader(headers, 'subject')),
    from: decodeHeaderValue(getHeader(headers, 'from')),
    to: decodeHeaderValue(getHeader(headers, 'to')),
    contentType: root.contentType.mime,
    reportType: (root.contentType.params['report-type'] ?? '').toLowerCase(),
    text: '',
    errorEnd: 0,
    original: emptyOriginal(),
  };

  if (found.dsnParts.length) {
    const bodies: string[] = [];
    for (const p of found.dsnParts) bodies.push(decodeHeaderPart(p, binary));
    report.dsn = parseDeliveryStatus(bodies.join('\n\n'));
  }
  // When every recipient's delivery-status fields carry the server's words, the text written
  // for people adds little: it is read only when it costs nothing to decode.
  const dsnComplete = !!report.dsn && report.dsn.recipients.length > 0 && report.dsn.recipients.every((r) => r.diagnostic);

  // Human-readable text: the plain parts before the returned message; HTML only when no plain.
  const textParts = (found.textParts.length ? found.textParts : found.htmlParts.slice(0, 1)).slice(0, 4);
  const texts: string[] = [];
  for (const p of textParts) if (!dsnComplete || !needsDecoding(p)) texts.push(decodePartText(p, binary));
  setText(report, texts.join('\n'));

  if (!found.dsnParts.length && applySesJson(report)) return report;

  if (!found.dsnParts.length) readInlineDeliveryStatus(report);

  if (found.feedbackPart) {
    report.feedback = readFeedback(decodeHeaderPart(found.feedbackPart, binary));
  }

  // The returned message's headers.
  let originalHeaders: Header[] | undefined;
  if (found.embedded) {
    const inner = found.embedded.children[0];
    if (inner && isBounceMessage(inner)) {
      // The returned message is itself a bounce: its headers are the original's.
      originalHeaders = inner.headers;
      report.returnedBounce = inner.body ? found.embedded.body : undefined;
    } else originalHeaders = headerBlock(decodeHeaderPart(found.embedded, binary));
  } else if (found.headerPart) {
    originalHeaders = headerBlock(decodeHeaderPart(found.headerPart, binary));
  } else {
    originalHeaders = quotedHeaders(report.text, report.errorEnd);
  }
  if (originalHeaders) setOriginal(report, originalHeaders);
  return report;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** The header fields read as text (the rest are only looked up by name, or not at all). */
const TEXT_FIELDS: ReadonlySet<string> = new Set(['subject', 'from', 'to', 'x-failed-recipients']);

/**
 * Header values as text: RFC 6532 lets a header carry raw UTF-8 ("X-Failed-Recipients:
 * 山田太郎@例え.jp"), which a message read as bytes holds one char per byte. Values that are not
 * valid UTF-8 stay as they are.
 */
function utf8Headers(headers: Header[]): Header[] {
  let out: Header[] | undefined;
  headers.forEach((h, i) => {
    if (!TEXT_FIELDS.has(h.name) || !/[^\x00-\x7f]/.test(h.value)) return;
    try {
      const value = strictUtf8.decode(binaryToBytes(h.value));
      (out ??= [...headers])[i] = { name: h.name, value };
    } catch {
      // not UTF-8: leave it
    }
  });
  return out ?? headers;
}

/** Reads an Amazon SES JSON notification in the report's text, if that is what it is. */
export function applySesJson(report: Report): boolean {
  if (!looksLikeSesJson(report.text)) return false;
  const ses = readSesNotification(report.text);
  if (!ses) return false;
  report.dsn = ses.dsn;
  report.feedback = ses.feedback;
  report.original = { ...report.original, ...ses.original };
  setText(report, '');
  return true;
}

/** Sets the report's text and where its explanation ends, computed once here. */
export function setText(report: Report, text: string): void {
  const end = errorTextEnd(text);
  // Outlook's newer reports put "Original Message Details" (where the explanation ends) before
  // "Error Details", whose "Reported error:" line is the server's own reply: it joins the
  // explanation.
  // (So do the lines under it that name the servers, "DSN generated by:" and "Remote server:"
  // ("Message rejected by:" since 2024),
  // after a blank line: they are no part of the reply, but say who gave it, as the older
  // layout's "Receiving server:" does.)
  const at = end < text.length ? reportedErrorAt(text, end) : -1;
  if (at !== -1) {
    let nl = text.indexOf('\n', at);
    const reported = text.slice(at, nl === -1 ? text.length : Math.min(nl, at + 1000)).trim();
    let servers = '';
    for (let n = 0; n < 2 && nl !== -1; n++) {
      const next = text.indexOf('\n', nl + 1);
      const server = text.slice(nl + 1, next === -1 ? text.length : Math.min(next, nl + 1 + 300)).trim();
      if (!SERVER_LINE.test(server)) break;
      servers += `${server}\n`;
      nl = next;
    }
    const line = servers ? `${reported}\n\n${servers}` : `${reported}\n`;
    report.text = `${text.slice(0, end)}${line}${text.slice(end)}`;
    report.errorEnd = end + line.length;
    return;
  }
  report.text = text;
  report.errorEnd = end;
}

/**
 * A line of Outlook's "Error Details" that names a server: "DSN generated by: …", "Remote
 * server: …", and in the 2024 layout "Message rejected by: …".
 */
const SERVER_LINE = /^(?:dsn generated by|remote server|message rejected by):/i;

/**
 * Where Outlook's "Reported error: 550 5.7.750 ..." line starts within 8 KB after `from`, or -1.
 * Reports since 2024 write it "Error: 554 5.4.14 ..." under the "Error Details" heading.
 */
function reportedErrorAt(text: string, from: number): number {
  const near = text.slice(from, from + 8192);
  const at = near.indexOf('Reported error:');
  if (at !== -1) return from + at;
  const details = near.indexOf('Error Details');
  const error = details === -1 ? -1 : near.indexOf('\nError:', details);
  return error === -1 ? -1 : from + error + 1;
}

function headerBlock(text: string): Header[] {
  const end = findHeaderEnd(text);
  return parseHeaderLines(end === -1 ? text.slice(0, 64 * 1024) : text.slice(0, end));
}

/** Headers of the original quoted in the text after a marker line ("--- Below this line..."). */
export function quotedHeaders(text: string, start: number): Header[] | undefined {
  if (start >= text.length) return undefined;
  const after = text.indexOf('\n', start);
  if (after === -1) return undefined;
  let body = text.slice(after + 1, after + 1 + 64 * 1024);
  body = body.replace(/^\s*\n/, '');
  // Quoted copies are sometimes indented ("   From: ...").
  const lines = body.split('\n', 200).map((l) => l.replace(/^[ >|]+(?=[A-Za-z-]+:)/, ''));
  const headers = parseHeaderLines(lines.join('\n').split('\n\n', 1)[0]);
  return headers.length ? headers : undefined;
}

/**
 * Delivery-status fields written in the text itself: by MTAs that send no report part, and in
 * what a webmail page shows or a person pastes (the report part shown inline).
 */
export function readInlineDeliveryStatus(report: Report): void {
  const { text, errorEnd } = report;
  // Only in the notice itself: fields below the returned copy of the message belong to that
  // copy (an earlier bounce sent back whole), not to this report.
  const i = text.slice(0, errorEnd).search(/^(?:reporting-mta|final-recipient|original-recipient):/im);
  if (i === -1) return;
  report.dsn = parseDeliveryStatus(text.slice(i, errorEnd));
}

function readFeedback(body: string): FeedbackReport {
  const headers = parseHeaderLines(body);
  const recipients = [...getHeaders(headers, 'original-rcpt-to'), ...getHeaders(headers, 'removal-recipient')];
  const lines = headers
    .filter((h) => h.name === 'feedback-type' || h.name === 'original-rcpt-to' || h.name === 'removal-recipient' || h.name === 'reported-domain')
    .map((h) => `${h.name}: ${h.value}`);
  return { type: getHeader(headers, 'feedback-type').toLowerCase(), recipients, lines };
}
