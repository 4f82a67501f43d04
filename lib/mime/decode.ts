/**
 * Decodes the body of one part to text. Plain 7-bit and UTF-8 bodies are used as they are;
 * anything that needs transfer decoding, a charset conversion or HTML-to-text goes through
 * postal-mime, for that one part only, so a message pays only for what we read.
 */
import PostalMime from 'postal-mime';
import { binaryToBytes } from './input';
import type { MimePart } from './parts';

const utf8 = new TextDecoder('utf-8');

function isAscii(s: string): boolean {
  return !/[^\x00-\x7f]/.test(s);
}

function isPlainCharset(charset: string): boolean {
  return charset === '' || charset === 'us-ascii' || charset === 'utf-8' || charset === 'utf8' || charset === 'ascii';
}

/**
 * Text of a leaf part. `binary` says whether the message string holds raw bytes.
 * Never throws: undecodable content comes back as its raw text.
 */
export async function decodePartText(part: MimePart, binary: boolean): Promise<string> {
  if (!needsDecoding(part)) {
    if (!binary || isAscii(part.body)) return part.body;
    return utf8.decode(binaryToBytes(part.body));
  }
  return decodeWithPostalMime(part, binary);
}

/** Whether a text part needs transfer, charset or HTML decoding (the costly path). */
export function needsDecoding(part: MimePart): boolean {
  const enc = part.encoding;
  const charset = (part.contentType.params['charset'] ?? '').toLowerCase();
  const plainEncoding = enc === '' || enc === '7bit' || enc === '8bit' || enc === 'binary';
  return !plainEncoding || part.contentType.mime === 'text/html' || !isPlainCharset(charset);
}

async function decodeWithPostalMime(part: MimePart, binary: boolean): Promise<string> {
  const head =
    `Content-Type: ${part.contentType.mime}` +
    Object.entries(part.contentType.params)
      .map(([k, v]) => `; ${k}="${v.replace(/["\\\n]/g, '')}"`)
      .join('') +
    `\nContent-Transfer-Encoding: ${part.encoding || '7bit'}\n\n`;
  try {
    const source = binary ? binaryToBytes(head + part.body) : head + part.body;
    const email = await PostalMime.parse(source, { attachmentEncoding: 'arraybuffer' });
    if (email.text) return email.text;
    if (email.html) return email.html;
    return part.body;
  } catch {
    return part.body;
  }
}

function decodeAs(charset: string, binaryString: string): string {
  try {
    return new TextDecoder(charset).decode(binaryToBytes(binaryString));
  } catch {
    return binaryString;
  }
}

/** Decodes a part that holds header lines (text/rfc822-headers, message/rfc822 sent as base64). */
export async function decodeHeaderPart(part: MimePart, binary: boolean): Promise<string> {
  const enc = part.encoding;
  if (enc === '' || enc === '7bit' || enc === '8bit' || enc === 'binary') {
    // Japanese MTAs write ISO-2022-JP (7-bit, with escape sequences) into these fields.
    if (part.body.indexOf('\x1b$') !== -1) return decodeAs('iso-2022-jp', part.body);
    return binary && !isAscii(part.body) ? utf8.decode(binaryToBytes(part.body)) : part.body;
  }
  try {
    const email = await PostalMime.parse(
      `Content-Type: application/octet-stream\nContent-Transfer-Encoding: ${enc}\n\n` + part.body,
      { attachmentEncoding: 'arraybuffer' },
    );
    const att = email.attachments[0];
    if (att && att.content instanceof ArrayBuffer) return utf8.decode(new Uint8Array(att.content));
  } catch {
    // fall through
  }
  return part.body;
}
