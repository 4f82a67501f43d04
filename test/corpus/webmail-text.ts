/**
 * What a webmail page shows of a bounce: its human-readable part alone. That is the first
 * text/plain part (or text/html turned into text) of the top-level multipart, looking inside
 * nested multiparts (alternative, related, mixed) but never inside attached messages; or the
 * whole body when the message is not multipart, or is multipart without any delimiter line.
 * The structure is found here; decoding (transfer encoding, charset) is left to postal-mime.
 */
import PostalMime from 'postal-mime';

export async function webmailText(raw: Uint8Array): Promise<string> {
  const message = Buffer.from(raw).toString('latin1'); // one char per byte: slicing keeps bytes intact
  const { headers, body } = splitHeaders(message);
  const type = headerValue(headers, 'content-type');
  if (!mimeType(type).startsWith('multipart/')) return decode(message);
  const parts = splitParts(body, param(type, 'boundary'));
  if (parts.length === 0) return Buffer.from(body, 'latin1').toString('utf8');
  const leaf = findTextPart(parts, mimeType(type) === 'multipart/alternative', 0);
  return leaf ? decode(leaf) : '';
}

const MAX_DEPTH = 8;

/** The first text/plain or text/html part (text/plain first inside multipart/alternative). */
function findTextPart(parts: string[], alternative: boolean, depth: number): string {
  let html = '';
  for (const part of parts) {
    const type = headerValue(splitHeaders(part).headers, 'content-type');
    const mime = mimeType(type) || 'text/plain';
    if (mime === 'text/plain') return part;
    if (mime === 'text/html') {
      if (!alternative) return part;
      html ||= part;
    } else if (mime.startsWith('multipart/') && depth < MAX_DEPTH) {
      const inner = splitParts(splitHeaders(part).body, param(type, 'boundary'));
      const found = findTextPart(inner, mime === 'multipart/alternative', depth + 1);
      if (found) return found;
    }
  }
  return html;
}

/** Decodes one entity (a whole message or one part) with postal-mime: its text, else its HTML as text. */
async function decode(entity: string): Promise<string> {
  const email = await PostalMime.parse(Buffer.from(entity, 'latin1'));
  if (email.text) return email.text;
  return email.html ? htmlToText(email.html) : '';
}

function splitHeaders(entity: string): { headers: string; body: string } {
  const lf = entity.indexOf('\n\n');
  const crlf = entity.indexOf('\r\n\r\n');
  if (crlf !== -1 && (lf === -1 || crlf < lf)) return { headers: entity.slice(0, crlf), body: entity.slice(crlf + 4) };
  if (lf !== -1) return { headers: entity.slice(0, lf), body: entity.slice(lf + 2) };
  return { headers: entity, body: '' };
}

/** The unfolded value of the first header with this name, or ''. */
function headerValue(headers: string, name: string): string {
  const lines = headers.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const colon = lines[i].indexOf(':');
    if (colon <= 0 || lines[i].slice(0, colon).trim().toLowerCase() !== name) continue;
    let value = lines[i].slice(colon + 1);
    while (i + 1 < lines.length && isContinuation(lines[i + 1])) value += ' ' + lines[++i].trim();
    return value.trim();
  }
  return '';
}

/** Folded lines, and (leniently, as mail readers do) lines that do not start a new header. */
function isContinuation(line: string): boolean {
  return line.startsWith(' ') || line.startsWith('\t') || !/^[!-9;-~]+:/.test(line);
}

function mimeType(contentType: string): string {
  return contentType.split(';')[0].trim().toLowerCase();
}

function param(contentType: string, name: string): string {
  const lower = contentType.toLowerCase();
  let at = lower.indexOf(`${name}=`);
  while (at > 0 && !/[\s;]/.test(lower[at - 1])) at = lower.indexOf(`${name}=`, at + 1);
  if (at === -1) return '';
  const rest = contentType.slice(at + name.length + 1);
  if (rest.startsWith('"')) {
    const end = rest.indexOf('"', 1);
    return end === -1 ? rest.slice(1) : rest.slice(1, end);
  }
  return rest.split(/[;\s]/)[0];
}

/** The raw parts (headers and body) between the boundary's delimiter lines. */
function splitParts(body: string, boundary: string): string[] {
  if (!boundary) return [];
  const delimiter = `--${boundary}`;
  const parts: string[] = [];
  let current: string[] | null = null;
  for (const line of body.split('\n')) {
    const bare = line.endsWith('\r') ? line.slice(0, -1) : line;
    if (bare.startsWith(delimiter)) {
      if (current) parts.push(current.join('\n'));
      if (bare.startsWith(`${delimiter}--`)) return parts;
      current = [];
    } else current?.push(line);
  }
  if (current) parts.push(current.join('\n'));
  return parts;
}

function htmlToText(html: string): string {
  return html
    .replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<(br|\/p|\/div|\/tr|\/li|\/h\d)\b[^>]*>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/gi, ' ')
    .replace(/&lt;/gi, '<')
    .replace(/&gt;/gi, '>')
    .replace(/&quot;/gi, '"')
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/gi, '&');
}

/** True when `token` occurs in `text` as a code of its own, not inside a longer one ('15.1.1', '5.1.10', '5550'). */
export function containsCode(text: string, token: string): boolean {
  if (!token) return false;
  for (let at = text.indexOf(token); at !== -1; at = text.indexOf(token, at + 1)) {
    const before = text.slice(Math.max(0, at - 2), at);
    const after = text.slice(at + token.length, at + token.length + 2);
    if (/\d$|\d\.$/.test(before) || /^\d|^\.\d/.test(after)) continue;
    return true;
  }
  return false;
}
