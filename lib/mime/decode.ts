/**
 * Decodes the body of one part to text, for the parts the classifier reads and no others.
 *
 * Plain 7-bit and UTF-8 bodies are used as they are. Base64 and quoted-printable bodies are
 * decoded here (transfer.ts) and their charset applied (charset.ts): a handful of bytes must
 * not cost a full parse. HTML becomes plain text in html-text.ts; postal-mime decodes header
 * words (RFC 2047, headers.ts).
 */
import { decodeBytes } from './charset';
import { htmlToPlainText } from './html-text';
import { binaryToBytes } from './input';
import type { MimePart } from './parts';
import { decodeBase64, decodeQuotedPrintable } from './transfer';

const utf8 = new TextDecoder('utf-8');

function isAscii(s: string): boolean {
  return !/[^\x00-\x7f]/.test(s);
}

function isPlainCharset(charset: string): boolean {
  return charset === '' || charset === 'us-ascii' || charset === 'utf-8' || charset === 'utf8' || charset === 'ascii';
}

function isPlainEncoding(enc: string): boolean {
  return enc === '' || enc === '7bit' || enc === '8bit' || enc === 'binary';
}

/** Whether a text part needs transfer, charset or HTML decoding. */
export function needsDecoding(part: MimePart): boolean {
  const charset = (part.contentType.params['charset'] ?? '').toLowerCase();
  return !isPlainEncoding(part.encoding) || part.contentType.mime === 'text/html' || !isPlainCharset(charset);
}

/** The body's bytes after transfer decoding; undefined for an encoding we do not know. */
function transferDecode(part: MimePart, binary: boolean): Uint8Array | undefined {
  const enc = part.encoding;
  if (enc === 'base64') return decodeBase64(part.body);
  if (enc === 'quoted-printable') return decodeQuotedPrintable(part.body);
  if (isPlainEncoding(enc)) return binary ? binaryToBytes(part.body) : undefined;
  return undefined;
}

/**
 * Text of a leaf part. `binary` says whether the message string holds raw bytes (else it is
 * already text). Never throws: undecodable content comes back as its raw text.
 */
export function decodePartText(part: MimePart, binary: boolean): string {
  if (part.contentType.mime === 'text/html') return htmlToText(part, binary);
  if (!needsDecoding(part)) return !binary || isAscii(part.body) ? part.body : utf8.decode(binaryToBytes(part.body));
  if (isPlainEncoding(part.encoding) && !binary) return part.body;
  const bytes = transferDecode(part, binary);
  if (!bytes) return part.body;
  return decodeBytes(bytes, part.contentType.params['charset'] ?? '');
}

/** HTML to text (html-text.ts), after its transfer encoding and charset. */
function htmlToText(part: MimePart, binary: boolean): string {
  const bytes = transferDecode(part, binary);
  return htmlToPlainText(bytes ? decodeBytes(bytes, part.contentType.params['charset'] ?? '') : part.body);
}

/** Decodes a part that holds header lines (text/rfc822-headers, delivery-status fields). */
export function decodeHeaderPart(part: MimePart, binary: boolean): string {
  // Japanese MTAs write ISO-2022-JP (7-bit, with escape sequences) into these fields.
  if (isPlainEncoding(part.encoding) && part.body.indexOf('\x1b$') !== -1) return decodeBytes(binaryToBytes(part.body), 'iso-2022-jp');
  if (isPlainEncoding(part.encoding)) return binary && !isAscii(part.body) ? utf8.decode(binaryToBytes(part.body)) : part.body;
  const bytes = transferDecode(part, binary);
  return bytes ? utf8.decode(bytes) : part.body;
}
