/**
 * A light MIME walker: finds the structure of a message (headers, multipart boundaries,
 * embedded messages) without decoding any body. Bodies are slices of the input; only the parts
 * the classifier reads are decoded later (see decode.ts).
 */
import { findHeaderEnd, getHeader, parseContentType, parseHeaderLines, type ContentType, type Header } from './headers';

export interface MimePart {
  headers: Header[];
  contentType: ContentType;
  /** Transfer encoding, lower-cased ('' when absent). */
  encoding: string;
  /** The body as it stands in the message (still transfer-encoded). */
  body: string;
  children: MimePart[];
  depth: number;
}

/**
 * Why these limits: real bounces nest three or four levels (report → returned message →
 * its alternatives). Deeper or wider trees are either broken or hostile, and walking them
 * would only cost time. Parts past a limit are kept as opaque bodies.
 */
export const MAX_DEPTH = 16;
export const MAX_PARTS = 1000;

/**
 * The fields kept of an embedded (returned) message's headers: what a report shows of the
 * original, and what tells whether the original is itself a bounce.
 */
export const RETURNED_MESSAGE_FIELDS: ReadonlySet<string> = new Set(['subject', 'message-id', 'from', 'to', 'date', 'content-type', 'content-transfer-encoding']);

interface WalkState {
  parts: number;
}

/** Parses a whole message (headers + body). Text must have LF line ends. */
export function parseMessage(text: string): MimePart {
  return parseEntity(text, 0, { parts: 0 });
}

/**
 * `headersOnly`: read the headers and keep the body opaque. Used for embedded messages (the
 * returned original), whose headers we show but whose parts we never read.
 */
function parseEntity(text: string, depth: number, state: WalkState, headersOnly = false): MimePart {
  state.parts++;
  const headerEnd = findHeaderEnd(text);
  let headers: Header[];
  let body: string;
  if (headerEnd === -1) {
    // No blank line: all headers if it looks like a header block, else all body.
    headers = parseHeaderLines(text);
    body = headers.length > 0 && text.length < 65536 ? '' : text;
    if (body) headers = [];
  } else {
    headers = parseHeaderLines(text.slice(0, headerEnd), headersOnly ? RETURNED_MESSAGE_FIELDS : undefined);
    body = text.slice(headerEnd + 1);
  }
  const contentType = parseContentType(getHeader(headers, 'content-type'));
  const encoding = getHeader(headers, 'content-transfer-encoding').toLowerCase().trim();
  const part: MimePart = { headers, contentType, encoding, body, children: [], depth };
  if (headersOnly || depth >= MAX_DEPTH || state.parts >= MAX_PARTS) return part;

  const mime = contentType.mime;
  if (mime.startsWith('multipart/')) {
    const boundary = contentType.params['boundary'];
    if (boundary) {
      for (const piece of splitMultipart(body, boundary)) {
        if (state.parts >= MAX_PARTS) break;
        part.children.push(parseEntity(piece, depth + 1, state));
      }
    }
  } else if (isEmbeddedMessage(mime) && (encoding === '' || encoding === '7bit' || encoding === '8bit' || encoding === 'binary')) {
    part.children.push(parseEntity(body, depth + 1, state, true));
  }
  return part;
}

export function isEmbeddedMessage(mime: string): boolean {
  return mime === 'message/rfc822' || mime === 'message/global' || mime === 'message/partial';
}

/**
 * Splits a multipart body at its boundary lines ("--boundary" at a line start). The preamble
 * and epilogue are dropped. A missing closing boundary ends the last part at the end of input.
 */
export function splitMultipart(body: string, boundary: string): string[] {
  const delimiter = '--' + boundary;
  const pieces: string[] = [];
  let pos = findDelimiter(body, delimiter, 0);
  while (pos !== -1) {
    let lineEnd = body.indexOf('\n', pos);
    if (lineEnd === -1) lineEnd = body.length;
    if (body.startsWith('--', pos + delimiter.length)) break; // closing delimiter
    const start = lineEnd + 1;
    const next = findDelimiter(body, delimiter, start);
    const end = next === -1 ? body.length : next;
    // The line break before a delimiter belongs to the delimiter.
    pieces.push(body.slice(start, end > start && body.charCodeAt(end - 1) === 10 ? end - 1 : end));
    pos = next;
  }
  return pieces;
}

function findDelimiter(body: string, delimiter: string, from: number): number {
  let pos = body.indexOf(delimiter, from);
  while (pos !== -1) {
    if (pos === 0 || body.charCodeAt(pos - 1) === 10) return pos;
    pos = body.indexOf(delimiter, pos + delimiter.length);
  }
  return -1;
}
