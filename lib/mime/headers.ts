/**
 * RFC 5322 header blocks: split, unfold, look up. Names are lower-cased once.
 */
import { decodeWords } from 'postal-mime';
import { decodeBytes, isModal } from './charset';
import { decodeBase64, decodeQuotedPrintable } from './transfer';

export interface Header {
  name: string;
  value: string;
}

/** Longest header block we read; anything past it is treated as body. */
const MAX_HEADER_BLOCK = 256 * 1024;
/** A header value longer than this is cut (diagnostics are never this long). */
export const MAX_HEADER_VALUE = 16 * 1024;

/** Index of the blank line ending the header block that opens `text`, or -1 when there is none. */
export function findHeaderEnd(text: string): number {
  if (text.charCodeAt(0) === 10) return 0;
  const end = text.indexOf('\n\n');
  if (end === -1 || end > MAX_HEADER_BLOCK) return -1;
  return end + 1;
}

/** Does this line look like a header field ("Name: value")? */
export function isHeaderLine(line: string): boolean {
  const colon = line.indexOf(':');
  return colon > 0 && isFieldName(line, 0, colon);
}

/** Are the chars from `start` to the colon at `colon` a field name (RFC 5322 ftext, at most 76)? */
function isFieldName(text: string, start: number, colon: number): boolean {
  if (colon <= start || colon - start > 76) return false;
  for (let i = start; i < colon; i++) {
    const c = text.charCodeAt(i);
    // printable US-ASCII except space and colon
    if (c <= 32 || c > 126) return false;
  }
  return true;
}

/**
 * Parses header lines. Continuation lines (starting with space or tab) are unfolded into the
 * previous field with a single space. Lines that are neither are skipped. `wanted`: keep only
 * these fields (lower-case names); the others are passed over without being copied.
 */
export function parseHeaderLines(block: string, wanted?: ReadonlySet<string>): Header[] {
  const headers: Header[] = [];
  let current: Header | undefined;
  let pos = 0;
  let nextColon = -2;
  const len = block.length;
  while (pos < len) {
    const start = pos;
    let nl = block.indexOf('\n', pos);
    if (nl === -1) nl = len;
    pos = nl + 1;
    if (nl === start) continue;
    const c = block.charCodeAt(start);
    if (c === 32 || c === 9) {
      if (current && current.value.length < MAX_HEADER_VALUE) current.value += ' ' + block.slice(start, nl).trim();
      continue;
    }
    // The next colon in the block, found once and reused until the lines pass it: a block of
    // lines without colons costs one pass, not one pass per line. It counts on this line only.
    if (nextColon !== -1 && nextColon < start) nextColon = block.indexOf(':', start);
    const colon = nextColon !== -1 && nextColon < nl ? nextColon : -1;
    if (colon === -1 || !isFieldName(block, start, colon)) {
      // Some MTAs forget to indent the parameters of a Content-Type that ends in ";".
      const eq = indexWithin(block, 61, start, nl);
      if (current && current.value.endsWith(';') && eq > start && eq < nl) current.value += ' ' + block.slice(start, nl).trim();
      else current = undefined;
      continue;
    }
    const name = block.slice(start, colon).toLowerCase();
    if (wanted && !wanted.has(name)) {
      current = undefined;
      continue;
    }
    current = { name, value: block.slice(colon + 1, nl).trim() };
    headers.push(current);
  }
  for (const h of headers) if (h.value.length > MAX_HEADER_VALUE) h.value = h.value.slice(0, MAX_HEADER_VALUE);
  return headers;
}

/** Index of the character `code` in text[from, to), or -1. */
function indexWithin(text: string, code: number, from: number, to: number): number {
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === code) return i;
  return -1;
}

export function getHeader(headers: readonly Header[], name: string): string {
  for (const h of headers) if (h.name === name) return h.value;
  return '';
}

export function getHeaders(headers: readonly Header[], name: string): string[] {
  const out: string[] = [];
  for (const h of headers) if (h.name === name) out.push(h.value);
  return out;
}

/** An ISO-2022-JP encoded word (RFC 2047, with an optional RFC 2231 language). */
const ISO_2022_JP_WORD = /=\?iso-2022-jp(?:\*[^?]*)?\?[bq]\?/i;

/**
 * Decodes RFC 2047 encoded words ("=?utf-8?B?...?="); never throws. postal-mime does it, except
 * for values with ISO-2022-JP words: postal-mime shares one decoder per charset, and Chromium's
 * ISO-2022-JP decoder carries its state from one call to the next (see charset.ts).
 */
export function decodeHeaderValue(value: string): string {
  if (value.indexOf('=?') === -1) return value;
  try {
    return ISO_2022_JP_WORD.test(value) ? decodeEncodedWords(value) : decodeWords(value);
  } catch {
    return value;
  }
}

const ENCODED_WORD = /=\?([^?\s]+)\?([bq])\?([^?\s]*)\?=/gi;

/**
 * RFC 2047: each encoded word decoded in its charset; white space between two encoded words is
 * dropped, and adjacent words in one charset are decoded together (a character may be split
 * across them), except in ISO-2022-JP, whose words each stand alone.
 */
function decodeEncodedWords(value: string): string {
  let out = '';
  let last = 0;
  let pending: { charset: string; chunks: Uint8Array[] } | undefined;
  const flush = () => {
    if (!pending) return;
    const size = pending.chunks.reduce((n, c) => n + c.length, 0);
    const bytes = new Uint8Array(size);
    let at = 0;
    for (const c of pending.chunks) {
      bytes.set(c, at);
      at += c.length;
    }
    out += decodeBytes(bytes, pending.charset);
    pending = undefined;
  };
  for (const m of value.matchAll(ENCODED_WORD)) {
    const between = value.slice(last, m.index);
    const joined = pending !== undefined && between.trim() === '';
    const charset = m[1].split('*')[0].toLowerCase();
    const bytes = m[2].toLowerCase() === 'b' ? decodeBase64(m[3]) : decodeQuotedPrintable(m[3].replace(/_/g, ' '));
    if (!joined) {
      flush();
      out += between;
    }
    if (pending && pending.charset === charset && !isModal(charset)) pending.chunks.push(bytes);
    else {
      flush();
      pending = { charset, chunks: [bytes] };
    }
    last = m.index + m[0].length;
  }
  flush();
  return out + value.slice(last);
}

export interface ContentType {
  /** "type/subtype", lower-cased; "text/plain" when absent. */
  mime: string;
  params: Record<string, string>;
}

/** Parses a Content-Type (or Content-Disposition) value. Linear, no regex backtracking. */
export function parseContentType(value: string): ContentType {
  const parts = splitParams(value);
  let first = (parts.shift() ?? '').trim();
  // A missing semicolon ("text/plain\n  charset=...") still leaves the type as the first word.
  const space = first.search(/\s/);
  if (space !== -1) {
    parts.unshift(first.slice(space));
    first = first.slice(0, space);
  }
  const mime = first.toLowerCase();
  const params: Record<string, string> = {};
  for (const p of parts) {
    const eq = p.indexOf('=');
    if (eq <= 0) continue;
    const key = p.slice(0, eq).trim().toLowerCase();
    let v = p.slice(eq + 1).trim();
    if (v.length >= 2 && v.charCodeAt(0) === 34 && v.charCodeAt(v.length - 1) === 34) v = v.slice(1, -1);
    if (!(key in params)) params[key] = v;
  }
  return { mime: mime.indexOf('/') > 0 ? mime : 'text/plain', params };
}

/** Splits on semicolons outside double quotes. */
function splitParams(value: string): string[] {
  const out: string[] = [];
  let quoted = false;
  let start = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 34) quoted = !quoted;
    else if (c === 92 && quoted) i++;
    else if (c === 59 && !quoted) {
      out.push(value.slice(start, i));
      start = i + 1;
    }
  }
  out.push(value.slice(start));
  return out;
}
