/**
 * Gmail's "Show original" page: the one request the extension ever makes (CONTRIBUTING.md).
 * Pure helpers: build the same-origin URL, and take the raw message out of the returned HTML
 * without parsing it as a document (so no HTML sink is involved, Trusted Types or not).
 */

export const GMAIL_ORIGIN = 'https://mail.google.com';

/**
 * `https://mail.google.com/mail/u/<n>/?ik=<ik>&view=om&permmsgid=<id>` (webmail.md §4; `&th=<id>`
 * for a legacy hex id, as older code does), or '' when anything is missing or the page is not
 * Gmail: the URL can never point at another host.
 */
export function showOriginalUrl(pageUrl: string, ik: string, messageId: string): string {
  let page: URL;
  try {
    page = new URL(pageUrl);
  } catch {
    return '';
  }
  if (page.origin !== GMAIL_ORIGIN) return '';
  if (!/^[A-Za-z0-9]{1,40}$/.test(ik)) return '';
  const permanent = /^msg-[af]:[A-Za-z0-9]{1,40}$/.test(messageId);
  if (!permanent && !/^[0-9a-f]{12,20}$/.test(messageId)) return '';
  const account = /^\/mail\/u\/(\d{1,2})\//.exec(page.pathname)?.[1] ?? '0';
  const url = new URL(`/mail/u/${account}/`, GMAIL_ORIGIN);
  url.search = new URLSearchParams({ ik, view: 'om', [permanent ? 'permmsgid' : 'th']: messageId }).toString();
  return url.href;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Decodes the character references a <pre> of escaped text can hold. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,6});/g, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[ref.toLowerCase()] ?? whole;
  });
}

/** A raw message starts with a header line ("Name: value"). */
function looksLikeMessage(text: string): boolean {
  return /^[\x21-\x39\x3b-\x7e]{1,76}:/.test(text);
}

/** The decoded text of the <pre> whose opening tag starts at `open`; '' when unterminated. */
function preText(html: string, open: number): string {
  const start = html.indexOf('>', open);
  const end = html.indexOf('</pre>', start);
  return start < 0 || end < 0 ? '' : decodeEntities(html.slice(start + 1, end)).replace(/^\s+/, '');
}

/**
 * The raw message in what "Show original" returns ('' when none: signed out, an error page,
 * changed markup). Tried in order: the `<pre id="raw_message_text">` of the modern page (verify
 * live), the first `<pre>` holding a message, and a plain-text answer (older Gmail).
 */
export function extractRawMessage(html: string): string {
  const marker = html.indexOf('id="raw_message_text"');
  if (marker >= 0) {
    const text = preText(html, marker);
    if (looksLikeMessage(text)) return text;
  }
  const firstPre = html.search(/<pre[\s>]/i);
  if (firstPre >= 0) {
    const text = preText(html, firstPre);
    if (looksLikeMessage(text)) return text;
  }
  const plain = html.replace(/^\s+/, '');
  return plain.startsWith('<') || !looksLikeMessage(plain) ? '' : plain;
}
