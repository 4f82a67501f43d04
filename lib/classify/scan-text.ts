/**
 * Reads the human-readable part of a bounce: which addresses failed, and the lines that say why.
 *
 * MTAs that send no delivery-status part (qmail, Exim, old Sendmail, Exchange, webmail notices)
 * all name the failed address and then quote the remote server. We walk the lines once; a line
 * that names exactly one candidate address makes it the current recipient, and the lines that
 * follow belong to it until another address is named. Lines before any address are shared.
 */

export interface TextRecipient {
  address: string;
  /** Lines attributed to this recipient, in order. */
  lines: string[];
}

export interface TextScan {
  recipients: TextRecipient[];
  /** Lines before the first recipient (the MTA's own explanation). */
  preamble: string[];
  /** The error section (the text before the returned original message). */
  errorText: string;
}

/** Lines that start the returned copy of the original message. Lower-cased substrings. */
const ORIGINAL_MARKERS = [
  'below this line is a copy of the message',
  'a copy of the original message',
  'this is a copy of the message',
  'original message follows',
  'original message headers',
  'headers of the original message',
  'header of the original message',
  '----- original message -----',
  '-----original message-----',
  'unsent message below',
  'returned message below',
  'content-type: message/rfc822',
  'content-type: text/rfc822-headers',
  'the header of your message',
  'message headers follow',
  '------ forwarded message',
  'original message header',
  '------- returned message --------',
  'original message details',
];

/** Header-like lines whose addresses are never failed recipients. */
const NOISE_LINE_PREFIXES = [
  'from:',
  'to:',
  'cc:',
  'reply-to:',
  'return-path:',
  'sender:',
  'message-id:',
  'received:',
  'in-reply-to:',
  'references:',
  'reporting-mta:',
  'x-',
  'date:',
  'subject:',
  'from ', // "The original message was received at ... / from host [address]"
  'mail from:',
  'rcpt to:',
  'envelope-from',
  'sender address:',
  '(ultimately generated from',
  '(expanded from',
  '(generated from',
];

/** Once a recipient is known, a header line like these starts a quoted copy of the message. */
const QUOTED_MESSAGE_STARTS = ['received:', 'return-path:', 'mime-version:', 'content-type:', 'dkim-signature:'];

// Internationalised addresses (RFC 6531) too: letters and digits of any script.
const EMAIL_RE = /[\p{L}\p{N}!#$%&'*+=?^_`{|}~.-]{1,64}@[\p{L}\p{N}-]{1,63}(?:\.[\p{L}\p{N}-]{1,63}){1,8}/giu;

const CJK_PREFIX = /^[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Hangul}ー]+/u;

export const MAX_SCAN_LINES = 2000;
const MAX_LINE = 2000;

/**
 * Index of the line where the returned original message starts, or text.length. The markers
 * are few and long, which native indexOf searches fastest (it skips ahead by pattern length).
 */
export function findOriginalStart(lower: string): number {
  let best = -1;
  for (const marker of ORIGINAL_MARKERS) {
    const i = lower.indexOf(marker);
    if (i !== -1 && (best === -1 || i < best)) best = i;
  }
  return best === -1 ? lower.length : lower.lastIndexOf('\n', best) + 1;
}

/** A case-insensitive test for lines starting with any of `prefixes` (literals, anchored: linear). */
function startsWithAny(prefixes: readonly string[]): RegExp {
  return new RegExp(`^(?:${prefixes.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`, 'i');
}

const NOISE_LINE = startsWithAny(NOISE_LINE_PREFIXES);
const QUOTED_MESSAGE_START = startsWithAny(QUOTED_MESSAGE_STARTS);

/** Addresses in one line, lower-cased, without duplicates, skipping those in URLs and ids. */
export function addressesIn(line: string): string[] {
  if (line.indexOf('@') === -1) return [];
  const out: string[] = [];
  EMAIL_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = EMAIL_RE.exec(line)) !== null) {
    // Japanese, Chinese and Korean text runs straight into an address ("宛先a@example.jp").
    let addr = m[0].toLowerCase().replace(CJK_PREFIX, '');
    while (addr.startsWith('.') || addr.startsWith('-') || addr.startsWith("'")) addr = addr.slice(1);
    while (addr.endsWith('.') || addr.endsWith('-')) addr = addr.slice(0, -1);
    const before = m.index > 0 ? line[m.index - 1] : ' ';
    if (before === '/' || before === '=') continue; // part of a URL or a query string
    if (addr.indexOf('@') <= 0 || addr.indexOf('.', addr.indexOf('@')) === -1) continue;
    if (!out.includes(addr)) out.push(addr);
  }
  return out;
}

export function isDaemonAddress(addr: string): boolean {
  const local = addr.slice(0, addr.indexOf('@'));
  return local === 'mailer-daemon' || local === 'mailerdaemon' || local === 'postmaster' || local.startsWith('microsoftexchange') || local === 'double-bounce' || local === 'nobody';
}

/** How far into a text we look for the start of the returned message. */
const MAX_ERROR_TEXT = 32 * 1024;

/** Where the explanation ends and the returned copy of the message begins (text.length if never). */
export function errorTextEnd(text: string): number {
  const start = findOriginalStart(text.slice(0, MAX_ERROR_TEXT).toLowerCase());
  return start === Math.min(text.length, MAX_ERROR_TEXT) ? text.length : start;
}

/** `errorText`: the explanation part of a bounce's text (see errorTextEnd). */
export function scanText(errorText: string, exclude: ReadonlySet<string>): TextScan {
  const recipients: TextRecipient[] = [];
  const byAddress = new Map<string, TextRecipient>();
  const preamble: string[] = [];
  let current: TextRecipient | undefined;

  const lines = errorText.split('\n', MAX_SCAN_LINES);
  for (let raw of lines) {
    if (raw.length > MAX_LINE) raw = raw.slice(0, MAX_LINE);
    const line = raw.trim();
    if (current && QUOTED_MESSAGE_START.test(line)) break;
    if (line.indexOf('@') !== -1 && !NOISE_LINE.test(line)) {
      const found = addressesIn(line).filter((a) => !exclude.has(a) && !isDaemonAddress(a));
      if (found.length >= 1) {
        // A line naming several addresses lists them; each becomes a recipient, the last is current.
        for (const addr of found) {
          let r = byAddress.get(addr);
          if (!r) {
            r = { address: addr, lines: [] };
            byAddress.set(addr, r);
            recipients.push(r);
          }
          current = r;
        }
      }
    }
    if (current) current.lines.push(line);
    else preamble.push(line);
  }
  return { recipients, preamble, errorText };
}
