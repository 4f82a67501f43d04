/**
 * Reads the human-readable part of a bounce: which addresses failed, and the lines that say why.
 *
 * MTAs that send no delivery-status part (qmail, Exim, old Sendmail, Exchange, webmail notices)
 * all name the failed address and then quote the remote server. We walk the lines once; a line
 * that names exactly one candidate address makes it the current recipient, and the lines that
 * follow belong to it until another address is named. Lines before any address are shared.
 * Two layouts write the words before their address, and have readers of their own that see each
 * line beside these rules: Sendmail's transcript (sendmail-transcript.ts) and Lotus Notes'
 * Failure Reasons (notes-reasons.ts).
 */
import { literalAlternation } from '../text/phrase-set';
import { firstCodeAt } from './codes';
import { MAX_SCAN_LINES } from './limits';
import { NotesReasons } from './notes-reasons';
import { SendmailTranscript } from './sendmail-transcript';

export interface TextRecipient {
  address: string;
  /** Lines attributed to this recipient, in order. */
  lines: string[];
}

export interface TextScan {
  recipients: TextRecipient[];
  /** Addresses named beyond MAX_TEXT_RECIPIENTS: counted (up to a limit), not read. */
  unread: number;
  /** Lines before the first recipient (the MTA's own explanation). */
  preamble: string[];
  /** The error section (the text before the returned original message). */
  errorText: string;
  /** Lines of the error section past the first MAX_SCAN_LINES, not read (0 when all were). */
  unreadLines: number;
}

/**
 * Most recipients a text is read for (recipients.ts's MAX_RECIPIENTS for every report); more are
 * counted, not read, so that a hostile text naming hundreds of thousands of addresses cannot
 * stall the page it is opened in.
 */
export const MAX_TEXT_RECIPIENTS = 1000;
const MAX_UNREAD_COUNTED = 100_000;
/**
 * How much text one recipient collects, and all of them together. A real report gives each
 * recipient a few lines; a text that names the same hundreds of addresses on every line would
 * otherwise hand each of them the whole text to read.
 */
const MAX_SEGMENT = 8 * 1024;
const MAX_SEGMENTS_TOTAL = 1024 * 1024;

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
  // Exchange's "Original message headers:" in Italian, French, German and Swedish
  'intestazioni originali del messaggio',
  "en-têtes de message d'origine",
  'ursprüngliche nachrichtenkopfzeilen',
  'ursprungshuvuden',
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
  // Delivery-status fields shown in the text: read as such (read-report.ts), not as a line
  // whose following lines explain the address.
  'final-recipient:',
  'original-recipient:',
  'x-actual-recipient:',
  'x-',
  'date:',
  'subject:',
  'from ', // "The original message was received at ... / from host [address]"
  'mail from:',
  'envelope-from',
  'sender address:',
  'original sender:', // MailMarshal's "Additional Information" block
  'sender-mta:',
  'remote-mta:',
  '(ultimately generated from',
  '(expanded from',
  '(generated from',
];

/** Once a recipient is known, a header line like these starts a quoted copy of the message. */
const QUOTED_MESSAGE_STARTS = ['received:', 'return-path:', 'mime-version:', 'content-type:', 'dkim-signature:'];

/**
 * What an address is made of. Internationalised addresses (RFC 6531) too: letters and digits of
 * any script. The local part is 1 to 64 such characters or !#$%&'*+=?^_`{|}~.- ; the domain is
 * 2 to 9 labels of 1 to 63 letters, digits or hyphens.
 */
const LOCAL_ASCII = new Uint8Array(128);
const DOMAIN_ASCII = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  const alnum = /[a-z0-9]/i.test(ch);
  LOCAL_ASCII[c] = alnum || "!#$%&'*+=?^_`{|}~.-".includes(ch) ? 1 : 0;
  DOMAIN_ASCII[c] = alnum || ch === '-' ? 1 : 0;
}
const LETTER_OR_DIGIT = /^[\p{L}\p{M}\p{N}]$/u;
const MAX_LOCAL = 64;
const MAX_LABEL = 63;
const MAX_LABELS = 9;

/** Length (1 or 2 UTF-16 units) of the address character starting at i, or 0. */
function charAt(s: string, i: number, ascii: Uint8Array): number {
  const c = s.charCodeAt(i);
  if (c < 128) return ascii[c];
  if (c >= 0xd800 && c <= 0xdbff) return i + 1 < s.length && LETTER_OR_DIGIT.test(s.slice(i, i + 2)) ? 2 : 0;
  return LETTER_OR_DIGIT.test(s[i]) ? 1 : 0;
}

/** Length of the address character ending just before i, or 0. */
function charBefore(s: string, i: number): number {
  const c = s.charCodeAt(i - 1);
  if (c < 128) return LOCAL_ASCII[c];
  if (c >= 0xdc00 && c <= 0xdfff && i >= 2) return LETTER_OR_DIGIT.test(s.slice(i - 2, i)) ? 2 : 0;
  return LETTER_OR_DIGIT.test(s[i - 1]) ? 1 : 0;
}

/**
 * The address spans in a text, left to right, without overlap: for each "@", the longest local
 * part before it (at most 64 characters, not reaching into the previous address) and the domain
 * after it. A hand-written scan: linear, and several times faster than a Unicode regex.
 */
function addressSpans(s: string): [start: number, end: number][] {
  const spans: [number, number][] = [];
  let floor = 0;
  for (let at = s.indexOf('@'); at !== -1; at = s.indexOf('@', at + 1)) {
    if (at < floor) continue;
    let start = at;
    let chars = 0;
    for (; chars < MAX_LOCAL && start > floor; chars++) {
      const n = charBefore(s, start);
      if (n === 0) break;
      start -= n;
    }
    if (start === at) continue;
    // A longer local part is no address we read: its last 64 characters would name another.
    if (chars === MAX_LOCAL && start > floor && charBefore(s, start) !== 0) continue;
    let end = at + 1;
    let labels = 0;
    for (;;) {
      let len = 0;
      let pos = end;
      while (pos < s.length && len < MAX_LABEL) {
        const n = charAt(s, pos, DOMAIN_ASCII);
        if (n === 0) break;
        pos += n;
        len++;
      }
      if (len === 0) break;
      // The first label must end at a dot; later ones are cut at 63 characters.
      if (labels === 0 && s.charCodeAt(pos) !== 46) break;
      end = pos;
      labels++;
      if (labels === MAX_LABELS || s.charCodeAt(end) !== 46 || charAt(s, end + 1, DOMAIN_ASCII) === 0) break;
      end++;
    }
    if (labels < 2) continue;
    // Nor a domain of more labels: its first nine would name another.
    if (labels === MAX_LABELS && s.charCodeAt(end) === 46 && charAt(s, end + 1, DOMAIN_ASCII) !== 0) continue;
    // Nor an address inside a quoted local part ("kim@example.net"@relay.example.org): the
    // mailbox is the whole, which another address must never stand in for.
    if (s.charCodeAt(start - 1) === 34 && s.charCodeAt(end) === 34 && s.charCodeAt(end + 1) === 64) {
      floor = end + 2;
      continue;
    }
    spans.push([start, end]);
    floor = end;
  }
  return spans;
}

/**
 * Japanese, Chinese and Korean labels that run straight into an address ("宛先a@example.jp").
 * Only these are cut off: "山田taro@example.jp" is an address of its own (RFC 6531), and cutting
 * any run of such characters would name a different mailbox.
 */
const CJK_LABEL = /^(?:宛先|あて先|送信先|受信者|受取人|メールアドレス|アドレス|收件人|收件者|收信人|地址|收件地址|수신자|받는사람)[:：]?/u;

export { MAX_SCAN_LINES };

/** How many lines of `text` follow the `read` ones it was split into (up to MAX_SCAN_LINES). Linear. */
function linesPast(text: string, read: readonly string[]): number {
  if (read.length < MAX_SCAN_LINES) return 0;
  let at = read.length - 1; // the newlines between the lines read
  for (const line of read) at += line.length;
  // (A file's final newline ends its last line: it starts none.)
  const end = text.endsWith('\n') ? text.length - 1 : text.length;
  if (at >= end) return 0;
  let count = 0;
  for (let i = at; i !== -1 && i < end; i = text.indexOf('\n', i + 1)) count++;
  return count;
}
/**
 * Invisible characters a line's words are read without: zero-width ones, the soft hyphen, and the
 * marks and overrides that change the direction of text. Each can sit inside an address, where
 * the scan would otherwise cut it in two ("al<U+00AD>ice@example.net" read as "ice@example.net")
 * while the page shows one whole address.
 */
const ZERO_WIDTH = /[\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]/;
const ZERO_WIDTH_ALL = /[\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]/g;
const MAX_LINE = 2000;

const ORIGINAL_MARKER_RE = literalAlternation(ORIGINAL_MARKERS, 'i');

/**
 * Index of the line where the returned original message starts, or text.length. One pass that
 * stops at the first marker, in any letter case.
 */
export function findOriginalStart(text: string): number {
  const hit = ORIGINAL_MARKER_RE.exec(text);
  return hit ? text.lastIndexOf('\n', hit.index) + 1 : text.length;
}

/** A case-insensitive test for lines starting with any of `prefixes` (literals, anchored: linear). */
function startsWithAny(prefixes: readonly string[]): RegExp {
  return literalAlternation(prefixes, 'i', true);
}

const NOISE_LINE = startsWithAny(NOISE_LINE_PREFIXES);
/** Message identifiers look like addresses; a transcript may put a time stamp before the field. */
// (Also a trace's padded "MessageId        : <…>" and "InternetMessageId : <…>".)
const MESSAGE_ID_FIELD = /\b(?:message-?id|internetmessageid|message_id|in-reply-to|references) *:/i;
const QUOTED_MESSAGE_START = startsWithAny(QUOTED_MESSAGE_STARTS);

/** Mail log field names that can stand glued to an address ("to=kim@…"). */
const LOG_FIELD_KEY = /^(?:to|orig_to|from|ctladdr|rcpt|recipient|sender)=/;

/** Addresses in one line, lower-cased, without duplicates, skipping those in URLs and ids. */
export function addressesIn(line: string): string[] {
  if (line.indexOf('@') === -1) return [];
  const out = new Set<string>();
  for (const [start, end] of addressSpans(line)) {
    // Japanese, Chinese and Korean text runs straight into an address ("宛先a@example.jp").
    let addr = withoutGluedWord(line.slice(start, end)).toLowerCase();
    if (addr.charCodeAt(0) >= 128) addr = addr.replace(CJK_LABEL, '');
    addr = withoutParticle(addr);
    // (Not an address given whole, in angle brackets.)
    if (addr.charCodeAt(0) >= 128 && line[start - 1] !== '<' && line[start - 1] !== '‹') addr = withoutLeadingWord(addr);
    // A log field's name written onto the address (Sendmail logs a locally submitted message's
    // addresses without brackets: "to=kim@example.org, ctladdr=bob@…"): "=" may stand in a local part.
    const key = addr.indexOf('=') !== -1 ? LOG_FIELD_KEY.exec(addr) : null;
    if (key) addr = addr.slice(key[0].length);
    while (addr.startsWith('.') || addr.startsWith('-') || addr.startsWith("'")) addr = addr.slice(1);
    while (addr.endsWith('.') || addr.endsWith('-')) addr = addr.slice(0, -1);
    const before = start > 0 ? line[start - 1] : ' ';
    if (before === '/' || before === '=') continue; // part of a URL or a query string
    if (addr.indexOf('@') <= 0 || addr.indexOf('.', addr.indexOf('@')) === -1) continue;
    // No top-level domain has a digit (punycode's "xn--" aside): "image003.png@01DC6A2B.3F4E5D60"
    // is an inline image's content id, as Outlook shows one in copied text, not an address.
    if (!topLevelOk(addr)) continue;
    out.add(addr);
  }
  return [...out];
}

function topLevelOk(addr: string): boolean {
  const tld = addr.slice(addr.lastIndexOf('.') + 1);
  return tld.startsWith('xn--') || !/\d/.test(tld);
}

/**
 * A link's text run into the address when a page is copied ("kim@example.comLearn more"): a
 * capitalised word starting inside the last label, after a lower-case letter, is not part of
 * it. No top-level domain is written so ("example.CoM" keeps its letters).
 */
function withoutGluedWord(addr: string): string {
  const dot = addr.lastIndexOf('.');
  if (dot < addr.indexOf('@')) return addr;
  for (let i = dot + 3; i < addr.length - 1; i++) {
    const c = addr.charCodeAt(i);
    const upper = c >= 65 && c <= 90;
    if (upper && isLower(addr.charCodeAt(i - 1)) && isLower(addr.charCodeAt(i + 1))) return addr.slice(0, i);
  }
  return addr;
}

function isLower(c: number): boolean {
  return c >= 97 && c <= 122;
}

/**
 * Chinese, Japanese or Korean words run into the front of an address whose own letters are all
 * ASCII, as those scripts put no space before it: "您的邮件未能送达wang.fang@gmail.com" ("your
 * message could not be delivered to ..."), "发送到kim@…", "…에게kim@…", "メッセージはtaro@…". Only a run
 * that ends in a word meaning "to", or a Japanese particle, is cut, so a name written in two
 * scripts ("山田taro@example.jp") stays whole.
 * (Not 向, 至, 往 or 로, which also end names: "日向taro@example.jp" is one address.)
 */
const TO_WORDS = [
  '送达', '送達', '发送到', '發送到', '发送至', '發送至', '传送至', '傳送至', '发往', '發往', '寄往', '寄给', '寄給', '寄至', '发给', '發給', '无法向', '無法向',
  '到', '给', '給', 'への', 'あてに', '宛てに', '에게', '으로', '주소로',
  // Japanese particles that end the words before it ("メッセージはtaro@…"), and that names rarely end in.
  'は', 'を', 'が', 'へ',
];

function withoutLeadingWord(addr: string): string {
  let ascii = 0;
  while (ascii < addr.length && addr.charCodeAt(ascii) >= 128) ascii++;
  if (ascii === 0 || ascii === addr.length || addr[ascii] === '@') return addr;
  for (let i = ascii; i < addr.length; i++) if (addr.charCodeAt(i) >= 128) return addr;
  const before = addr.slice(0, ascii);
  // (A one-character word ends words of at least two characters: "メッセージはtaro@…" is cut,
  // "はがtaro@…" and "李到li@…" may be names and stay whole. Characters, not UTF-16 units:
  // "𠀋到li@…" is a two-character name too.)
  return TO_WORDS.some((w) => before.endsWith(w) && (w.length > 1 || characters(before) >= 3)) ? addr.slice(ascii) : addr;
}

/** How many characters (code points) `text` has: a character beyond the BMP is two UTF-16 units. */
function characters(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xdc00 || c > 0xdfff) n++;
  }
  return n;
}

/**
 * Korean or Japanese text written straight after an address ("kim@naver.com에",
 * "kim@example.jpはuser unknown"): a last label that starts in ASCII ends where another script
 * begins. (A label wholly in another script, "kim@example.한국", is a domain of its own.)
 */
function withoutParticle(addr: string): string {
  const dot = addr.lastIndexOf('.');
  if (dot < addr.indexOf('@') || addr.charCodeAt(dot + 1) >= 128) return addr;
  let end = dot + 1;
  while (end < addr.length && addr.charCodeAt(end) < 128) end++;
  return end === addr.length ? addr : addr.slice(0, end);
}

/** Mailboxes a server's reply points the sender to ("forward this message to delist@..."). */
const ROLE_LOCAL_PARTS = new Set(['abuse', 'delist', 'support', 'help', 'helpdesk', 'hostmaster', 'webmaster', 'security', 'noc', 'unblock', 'blocklist', 'deliverability']);

/** A help or abuse desk's address, as servers quote them in their replies. */
export function isRoleAddress(addr: string): boolean {
  return ROLE_LOCAL_PARTS.has(addr.slice(0, addr.indexOf('@')));
}

export function isDaemonAddress(addr: string): boolean {
  const local = addr.slice(0, addr.indexOf('@'));
  return local === 'mailer-daemon' || local === 'mailerdaemon' || local === 'postmaster' || local.startsWith('microsoftexchange') || local === 'double-bounce' || local === 'nobody';
}

/** How far into a text we look for the start of the returned message. */
const MAX_ERROR_TEXT = 32 * 1024;

/** Where the explanation ends and the returned copy of the message begins (text.length if never). */
export function errorTextEnd(text: string): number {
  const start = findOriginalStart(text.length > MAX_ERROR_TEXT ? text.slice(0, MAX_ERROR_TEXT) : text);
  return start === Math.min(text.length, MAX_ERROR_TEXT) ? text.length : start;
}

/**
 * Is `addr` quoted inside the server's reply (after its code) rather than named as the one the
 * reply is about? Sendmail writes the recipient right after the code, then "...": "554
 * <kim@example.edu>... Remote protocol error"; that one is named, not quoted.
 */
function quotedByReply(lower: string, at: number, addr: string, reply: number, indented: boolean, replyList: boolean): boolean {
  if (reply === -1) return false;
  // A line that is itself a reply names its subject right after the code ("550 5.1.1 <kim@…>
  // user unknown" pasted line by line), unless it is a policy refusal under a recipient named
  // otherwise, which may quote the sender ("550 5.7.1 <me@…> rejected by policy"), or is
  // indented under a recipient's block, as Exim and Postfix write it.
  if ((replyList || !POLICY_REPLY.test(lower.slice(reply, reply + 12))) && opensWithReply(lower, reply, indented) && at - reply <= 20) return false;
  return at > reply && sendmailWords(lower, at, addr) === undefined;
}

/** A reply whose status is a security or policy one (X.7.x). */
const POLICY_REPLY = /^[45]\d\d[ -][45]\.7\./;

/**
 * Does the line open with the reply code at `reply`: a transcript's "<<< 550" or "<-- 550", or
 * a reply on a line of its own that is not indented under a recipient?
 */
function opensWithReply(line: string, reply: number, indented: boolean): boolean {
  if (reply === -1) return false;
  const before = line.slice(0, reply);
  return /^[\s<>.-]*$/.test(before) && (!indented || before.includes('<'));
}

/** Words just before an address the sender is asked to write to (not "could not contact <host>", nor "failed to send email to <kim@…>"). */
export const CONTACT_BEFORE = /(?:(?<!\b(?:not|to|cannot|couldn't) )\bwrite to|(?<!not |unable to |couldn't |cannot |failed to )\bcontact|\breach out to|(?<!\b(?:not|to|cannot|couldn't) )\bsend (?:an )?e-?mail to|\be-?mail us at|\bmail us at)\s*(?::\s*)?<?$/;

/**
 * A help desk named just before its address: "contact your helpdesk at …", "the help desk: …",
 * "your administrator (…)", "ask the recipient's email admin at …" (admins may put such a line
 * in Exchange's notices). Never a failed recipient.
 */
const DESK_BEFORE = /\b(?:help ?desk|service ?desk|support team|it team|administrator|e-?mail admin|postmaster)(?: is| at| on|:| \()?\s*<?$/;

/** Words just before an address a report's advice quotes: 'Check the "kim" part of "kim@…" for misspellings'. */
const ADVICE_BEFORE = /\bpart of\s*["'“]?$/;

/**
 * Words just before the address a moved mailbox now has: "has moved to kim@new…", RFC 5321's
 * "551 User not local; please try <kim@new…>", "update your records to the new address …". That
 * address did not fail (and may be an impostor's, in a forged notice).
 */
const NEW_ADDRESS_BEFORE = /\b(?:new (?:e-?mail )?address(?: is)?|moved to|please try|changed (?:the |their |his |her )?address to)\s*:?\s*<?$/;

/** A recipient field: a mail log's "to=<…>", an email service event's "recipient": "…". */
const LOG_RECIPIENT_BEFORE = /\bto=<?$|"(?:recipient|email|rcpt|to)" ?: ?"$/;

/** Words just before a mailing list's address: "has been removed from volunteers@...". */
const LIST_BEFORE = /\b(?:removed from|disabled on|unsubscribed from|subscribed to|member of|mailing list|the list)\s*<?$/;

/** The 24 characters before the address at `at` ('' when it was not found as written: -1). */
function wordsBefore(lower: string, at: number): string {
  return at <= 0 ? '' : lower.slice(Math.max(0, at - 24), at);
}

/** Words just before an alias whose member is the address named before it on the line (Postfix's log field "orig_to=<…>" and OpenSMTPD's "rcpt=<…>" too). */
const ALIAS_BEFORE = /(?:(?:expanded|generated) from:? ?|\borig_to=|\srcpt=)<?$/;

/** The words after "<address>..." or "<address>:" when the address is the sender's. */
const SENDER_AFTER = /^\s*(?:domain of )?sender\b(?! verif)/; // (not Exim's "<kim@…>: Sender verify failed", said of the sender)
/**
 * Words just before the address that make it the sender's: Exim's sender callout
 * ("Verification failed for <me@example.org>") and its "SMTP error from remote mail server
 * after MAIL FROM:<me@example.org> SIZE=4211"; a transcript's "*  From: me@example.org"; the
 * sender's field of a report in another language ("送信者アドレス: me@example.org"). The reader
 * (who sent what bounced) too: "Hello me@example.org,", "Your mailbox me@example.org". Mail
 * logs and traces name the sender in fields of their own: Sendmail's "ctladdr=<me@…>" (the
 * local user who sent), Exim's "F=<me@…>" and "sender verify fail for <me@…>", Exchange's
 * "SenderAddress    : me@…" (Format-List pads the label). A paste from a ticket names its
 * writer: "this is jane@…", "我是客服小王（wang@…）".
 */
const SENDER_BEFORE = /(?:verification failed for |sender verify (?:fail|defer) for |(?:^|\s)(?:this is|i am|i'm) |我是[^，。\s]{0,8}[（(]|mail from: *|\sfrom: *|\bfrom=<?|\bctladdr=<?|(?:^|\s)f=<|(?:^|\s)(?:sender ?address|sender|return ?path) *: *|original sender: *|sent by |(?:^|\s)(?:hello|hi|dear) |your (?:e-?mail )?(?:mailbox|account|inbox) |(?:送信者アドレス|差出人|发件人|寄件者|发件人地址|absender(?:adresse)?|expéditeur|adresse de l'expéditeur|remitente|dirección del remitente|mittente|indirizzo mittente|afzender|remetente|endereço do remetente) ?[:：] ?)<?$/;

/**
 * Does the reply say the address is the sender's? Sendmail's "<me@example.org>... Domain of
 * sender address ...", Postfix's "<me@example.org>: Sender address rejected: ...", Exim's
 * "Verification failed for <me@example.org>" (its callout to the sender's server, whose answer
 * about that address follows), and a reply "after MAIL FROM:<me@example.org>".
 */
function calledSender(lower: string, at: number, addr: string): boolean {
  if (at === -1) return false;
  const words = sendmailWords(lower, at, addr) ?? colonWords(lower, at, addr);
  if ((words !== undefined && SENDER_AFTER.test(words)) || SENDER_BEFORE.test(lower.slice(Math.max(0, at - 32), at))) return true;
  // A reply Postfix says came to MAIL FROM is about the sender: an address the reply itself
  // names ("<kim@…>: host … said: 550 <sam@…>... User unknown (in reply to MAIL FROM command)")
  // is the sender's. (A log's "to=<kim@…>, …" before the reply is the recipient.)
  const said = lower.indexOf(' said: ');
  return said !== -1 && said < at && lower.includes('in reply to mail from command');
}

/**
 * Is the address at `at` part of a link ("http://www.openspf.net/Why?s=mfrom;id=sam@…", an SPF
 * policy's explanation)? A link's query names whoever it is about, never a failed recipient.
 */
function insideLink(lower: string, at: number): boolean {
  let start = at;
  while (start > 0 && at - start < 512 && lower.charCodeAt(start - 1) > 32 && lower[start - 1] !== '<' && lower[start - 1] !== '"') start--;
  // (The token is read in place, not copied: a "://" inside it, or "www." at its start.)
  const scheme = lower.lastIndexOf('://', at - 3);
  return (scheme !== -1 && scheme >= start && scheme + 3 <= at) || (at - start >= 4 && lower.startsWith('www.', start));
}

/** The start of what follows "<address>:" (the address at `at`), if a colon follows it. */
function colonWords(lower: string, at: number, addr: string): string | undefined {
  let end = at + addr.length;
  if (lower[end] === '>') end++;
  return lower[end] === ':' ? lower.slice(end + 1, end + 40) : undefined;
}

/** Does the line open with the address and a colon, as Postfix starts a recipient's reply? */
function opensReply(lower: string, addr: string): boolean {
  const at = lower.indexOf(addr);
  return at !== -1 && at <= 1 && colonWords(lower, at, addr) !== undefined;
}

/** Does the line open with "<address>: host" (the address at `at`), as Postfix starts each recipient's block? */
function opensHostReply(lower: string, at: number, addr: string): boolean {
  return at !== -1 && at <= 1 && /^\s*host\b/.test(colonWords(lower, at, addr) ?? '');
}

/** The start of what Sendmail writes after "<address>..." (the address at `at`), if it writes that form. */
function sendmailWords(lower: string, at: number, addr: string): string | undefined {
  let end = at + addr.length;
  if (lower[end] === '>') end++;
  return lower.startsWith('...', end) ? lower.slice(end + 3, end + 40) : undefined;
}

/** Is the line nothing but these recipients' addresses and punctuation? */
function onlyAddresses(lower: string, slots: readonly Slot[]): boolean {
  let rest = lower;
  for (const slot of slots) rest = rest.split(slot.recipient.address).join(' ');
  return !/[a-z0-9]/.test(rest);
}

/** Is the line nothing but this address (in brackets, or twice as Exchange lists it)? */
function onlyAddress(lower: string, addr: string): boolean {
  return !/[a-z0-9]/.test(lower.split(addr).join(''));
}

/** Does the line say that delivery to its address failed (a failure code or wording)? */
function failureOnLine(line: string): boolean {
  return firstCodeAt(line) !== -1 || /\b(?:delivered to|delivering your message to|delivery to|couldn't be delivered|could not be delivered|wasn't delivered)\b/i.test(line);
}

/**
 * A message identifier written like an address ("<20240305101201.4F1A22C0123@mail.example>",
 * a DMARC report's "1709596800.88121@mx.example"): a long local part of digits, dots and hex.
 */
export function looksLikeMessageId(addr: string): boolean {
  const local = addr.slice(0, addr.indexOf('@'));
  if (local.length < 14 || local.indexOf('.') === -1 || !/^[0-9a-f.$_-]+$/i.test(local)) return false;
  let digits = 0;
  for (let i = 0; i < local.length; i++) {
    const c = local.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
  }
  return digits >= 10;
}

/** JSON keys whose value is the sender's address, not a recipient's. */
const SENDER_KEY = /"(?:sender|from|reply-to|return-path|mail_from|mail-from|envelope_from|envelope-from)"\s*:\s*"[^"]{0,40}$/;

/** Does the text just before the address at `at` in a lower-cased JSON line make it a sender key's value? */
function senderKeyBefore(lower: string, at: number): boolean {
  return at > 0 && SENDER_KEY.test(lower.slice(Math.max(0, at - 64), at));
}

/** CSV column names whose values are the sender's address (Exchange's message tracking log, exports of traces). */
const SENDER_COLUMN = /^(?:sender|senderaddress|sender_address|sender-address|sender address|from|fromaddress|from_address|returnpath|return-path|return_path|return path|mailfrom|mail_from|envelope_from|ctladdr)$/;

/** CSV column names whose values are message ids ("<abc@contoso.com>"), never anyone's address. */
const ID_COLUMN = /^(?:message[-_ ]?id|internet[-_ ]?message[-_ ]?id|internal[-_ ]?message[-_ ]?id|network[-_ ]?message[-_ ]?id|in[-_]reply[-_]to|references?)$/;

/**
 * The columns of a CSV export whose values are not recipients (the sender's; message ids), from
 * its header line (the first line that is not blank): undefined when the text does not open
 * with such a header.
 */
function csvOtherColumns(errorText: string): Set<number> | undefined {
  // (PowerShell's Export-Csv writes "#TYPE …" above the header; Exchange's tracking log files
  // write "#Software", "#Version", "#Date" lines, then "#Fields: date-time,…".)
  // (Most texts are no CSV: their first line is read without a copy, and given up on at once.)
  let first = '';
  for (let start = 0, lines = 0; start < errorText.length && lines < 16; lines++) {
    const nl = errorText.indexOf('\n', start);
    const end = nl === -1 ? errorText.length : nl;
    const lineStart = start;
    start = end + 1;
    let from = lineStart;
    while (from < end && (errorText.charCodeAt(from) === 32 || errorText.charCodeAt(from) === 9 || errorText.charCodeAt(from) === 13)) from++;
    if (from === end) continue;
    if (errorText.charCodeAt(from) !== 35) {
      // A header names its columns: no address, and three commas within its first line.
      const comma = errorText.indexOf(',', from);
      if (comma === -1 || comma > end) return undefined;
      first = errorText.slice(from, Math.min(end, from + MAX_LINE)).toLowerCase();
      break;
    }
    const lower = errorText.slice(from, Math.min(end, from + MAX_LINE)).toLowerCase();
    if (lower.startsWith('#fields:')) {
      first = lower.slice(8);
      break;
    }
  }
  if (first.indexOf('@') !== -1 || first.split(',', 4).length < 4) return undefined;
  const columns = new Set<number>();
  first.split(',').forEach((name, i) => {
    const bare = name.trim().replace(/^"|"$/g, '');
    if (SENDER_COLUMN.test(bare) || ID_COLUMN.test(bare)) columns.add(i);
  });
  return columns.size ? columns : undefined;
}

/** The CSV column the character at `at` of `line` stands in (commas inside double quotes do not count). */
function csvColumn(line: string, at: number): number {
  let column = 0;
  let quoted = false;
  for (let i = 0; i < at && i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 34) quoted = !quoted;
    else if (c === 44 && !quoted) column++;
  }
  return column;
}

/** `errorText`: the explanation part of a bounce's text (see errorTextEnd). */
export function scanText(errorText: string, exclude: ReadonlySet<string>): TextScan {
  const recipients: TextRecipient[] = [];
  const byAddress = new Map<string, Slot>();
  const unread = new Set<string>();
  let budget = MAX_SEGMENTS_TOTAL;
  const collect = (slot: Slot, line: string) => {
    if (slot.size >= MAX_SEGMENT || budget <= 0) return;
    slot.recipient.lines.push(line);
    slot.size += line.length + 1;
    budget -= line.length + 1;
  };
  const preamble: string[] = [];
  /** Addresses the text calls the sender's. */
  const senders = new Set<string>();
  /** Addresses a folded reply quotes after the recipient it is about. */
  const quotedInFold = new Set<string>();
  let current: Slot | undefined;
  /** The recipient whose Postfix reply ("<lee@…>: host … said: 550 …") the indented lines fold. */
  let fold: Slot | undefined;
  /**
   * Recipients listed one per line with no words of their own, just above the one now current:
   * the lines below are about all of them (Gmail's "Delivery to the following recipients failed
   * permanently:", then one technical block), until another recipient's block starts.
   * `listing`: the last line that was not blank was such an address.
   */
  let group: Slot[] = [];
  let listing = false;
  /** A CSV export's columns of senders' addresses and message ids (see csvOtherColumns). */
  const csvOthers = csvOtherColumns(errorText);
  const sendmail = new SendmailTranscript(byAddress, collect, preamble);
  const notes = new NotesReasons(collect);

  const lines = errorText.split('\n', MAX_SCAN_LINES);
  for (let n = 0; n < lines.length; n++) {
    let raw = lines[n];
    if (raw.length > MAX_LINE) raw = raw.slice(0, MAX_LINE);
    // Zero-width characters that a copy from a web page leaves inside addresses and codes.
    if (ZERO_WIDTH.test(raw)) raw = raw.replace(ZERO_WIDTH_ALL, '');
    const line = raw.trim();
    const indented = raw.length > 0 && (raw[0] === ' ' || raw[0] === '\t');
    if (current && QUOTED_MESSAGE_START.test(line)) break;
    const named: Slot[] = [];
    const lower = line.indexOf('@') !== -1 ? line.toLowerCase() : '';
    if (lower && !NOISE_LINE.test(line) && !MESSAGE_ID_FIELD.test(line)) {
      // A line naming several addresses lists them: each becomes a recipient, the last current.
      // But once a recipient is named (above, or earlier on this line), an address the server's
      // reply goes on to quote is not another one: "please try <new@...>", "contact
      // helpdesk@...", the sender's own address. Such an address may still point back to a
      // recipient already listed (a transcript's "550 5.1.1 <b@...>... User unknown").
      let reply: number | undefined;
      // Postfix folds a reply onto lines that open with the recipient it is about ("<kim@...>:
      // forwarding to kim.private@... failed"): an address after that one is quoted, not named.
      let quoting = false;
      for (const addr of addressesIn(line)) {
        if (exclude.has(addr) || looksLikeMessageId(addr)) continue;
        // Where the address stands on the line, as lower-cased (-1 where cutting text glued to
        // it changed it): the helpers below read the words around it from there.
        // (Not where a link's query names it: the same address may stand on its own further on.)
        let at = lower.indexOf(addr);
        while (at > 0 && insideLink(lower, at)) at = lower.indexOf(addr, at + addr.length);
        if (at === -1 && lower.includes(addr)) continue; // only ever inside links
        // A JSON payload's "sender" or "from" (an ESP's bounce webhook) is the sender's own address.
        if (line.indexOf('"') !== -1 && senderKeyBefore(lower, at)) continue;
        // A CSV row's value in a sender's or a message id's column (a message tracking log's
        // "Sender", "MessageId").
        if (csvOthers && at !== -1 && csvOthers.has(csvColumn(lower, at))) continue;
        const known = byAddress.get(addr);
        const anchored = current !== undefined || named.length > 0;
        // A system mailbox (postmaster@, MAILER-DAEMON@) is usually the report's own sender, but
        // it can be the address that failed: it counts when it is the first address named, on a
        // line that says delivery to it failed.
        if (isDaemonAddress(addr) && (anchored || !(failureOnLine(line) || onlyAddress(lower, addr)))) continue;
        // An address the reply calls the sender's ("<me@example.org>... Domain of sender address",
        // "after MAIL FROM:<me@example.org>") is the sender's, here and below.
        if (!known && (senders.has(addr) || calledSender(lower, at, addr))) {
          senders.add(addr);
          continue;
        }
        // (An address quoted so stays quoted where the fold carries on: "<kim.private@...>: User unknown".)
        if (anchored && !known && (quoting || quotedInFold.has(addr))) {
          quotedInFold.add(addr);
          continue;
        }
        // Within that fold, any other address the reply names is quoted too, listed above or
        // below: a reply to the message data is copied under every recipient ("<lee@…>: …
        // said: 550 5.1.1" then "    <kim@…>: Recipient address rejected"), and the line is
        // still lee's.
        // (But "<kim@…>: host … said:" starts kim's own block, indented or not.)
        if (known !== current && fold !== undefined && fold === current && !named.length && indented && !opensHostReply(lower, at, addr)) continue;
        // The words just before the address, which the rules below read.
        const before = wordsBefore(lower, at);
        // "<kim@…> (expanded from <sales@…>)": the alias the sender wrote to led to kim, who failed.
        if (named.length && ALIAS_BEFORE.test(before)) continue;
        // A reply just under the recipient it is about may quote another recipient: "ann@…",
        // then "Remote Server returned '550 5.1.1 <ben@…>: User unknown'", or Sendmail's
        // "(reason: 550 5.1.1 <ben@…>... User unknown)" under "<ann@…>". The line is still ann's.
        // (One listed further down counts too where the reply is indented under ann.)
        if (current && known !== current && (known || indented) && !named.length && n - current.namedAt <= 2) {
          reply ??= firstCodeAt(line);
          if (reply !== -1 && at > reply && !opensWithReply(lower, reply, indented)) continue;
        }
        // An address the reply asks the sender to write to is a help desk's: "If you need an
        // exception, write to it-help@...". A moved mailbox's new address did not fail either.
        // Nor is a mailing list the text says a recipient was removed from or disabled on.
        if (!known && (CONTACT_BEFORE.test(before) || NEW_ADDRESS_BEFORE.test(before) || DESK_BEFORE.test(before))) continue;
        if (anchored && !known && (LIST_BEFORE.test(before) || ADVICE_BEFORE.test(before))) continue;
        // (A mail log's "to=<support@…>", an event's "recipient": "support@…", is the recipient,
        // role address or not.)
        if (anchored && !known && ((isRoleAddress(addr) && !LOG_RECIPIENT_BEFORE.test(before)) || quotedByReply(lower, at, addr, (reply ??= firstCodeAt(line)), indented, !current || current.byReply === true))) continue;
        if (known && !named.length && current === known) {
          quoting = at <= 1 && colonWords(lower, at, addr) !== undefined;
        }
        let slot = known;
        if (!slot) {
          if (recipients.length >= MAX_TEXT_RECIPIENTS) {
            // Counted, not read; the lines that follow belong to no recipient that is read.
            if (unread.size < MAX_UNREAD_COUNTED) unread.add(addr);
            if (!named.length) named.push(UNREAD);
            continue;
          }
          slot = { recipient: { address: addr, lines: [] }, size: 0, namedAt: -1, byReply: opensWithReply(lower, (reply ??= firstCodeAt(line)), indented) };
          byAddress.set(addr, slot);
          recipients.push(slot.recipient);
        }
        if (slot.namedAt !== n) {
          slot.namedAt = n;
          named.push(slot);
        }
      }
    }
    // (A heading is dashes, a space and words: "----- Transcript of session follows -----"; not a
    // MIME boundary, "------=_Part_…", which is read past at no cost. Quoted in a ticket or a
    // reply, "> ------- Failure Reasons --------", it is the same heading.)
    const heading = line.charCodeAt(0) === 62 ? line.replace(QUOTE_MARKS, '') : line;
    if (!named.length && heading.startsWith('---') && isDashHeading(heading)) {
      if (sendmail.onHeading(heading)) {
        current = undefined;
        group = [];
      }
      if (notes.onHeading(heading)) current = undefined;
    }
    // A Sendmail host's line starts a block of the transcript, which the current recipient does not own.
    if (!named.length && sendmail.opensBlock(line, current)) {
      current = undefined;
      group = [];
    }
    if (named.length) {
      // What waited for a recipient to be named (Sendmail's blocks, a Notes reason) is the first one's.
      sendmail.onNamed(named[0]);
      notes.onNamed(named[0]);
      const alone = named.length === 1 && named[0] !== UNREAD && onlyAddress(lower, named[0].recipient.address);
      // A list goes on while address lines follow one another; an address after other words
      // starts a block of its own.
      if (alone && listing && !sendmail.ownLines && current && named[0] !== current && !group.includes(current)) group.push(current);
      else if (alone ? !listing : named.some((s) => s !== current)) group = [];
      for (const slot of named) collect(slot, line);
      if (!alone) for (const slot of group) collect(slot, line);
      sendmail.noteListed(named);
      // Several addresses on a line of nothing else ("<kim@…>; <ann@…>;") are a list too: the
      // lines below are about each of them.
      // (Not a display name that is an address: '"kim.lee@old.example" <kim@example.org>'.)
      if (named.length > 1 && !named.includes(UNREAD) && !line.includes('"') && onlyAddresses(lower, named)) group = named.slice(0, -1);
      current = named[named.length - 1];
      fold = named.length === 1 && opensReply(lower, current.recipient.address) ? current : undefined;
      listing = alone;
      // A Sendmail recipient's summary line closes its block.
      if (sendmail.closes(line, named)) {
        current = undefined;
        group = [];
      }
      // (The line below an address in Notes' list is the next one's reason.)
      if (notes.inList) current = undefined;
    } else if (notes.takes(heading, line)) {
      // (Waits above its address: see NotesReasons.)
    } else if (sendmail.blockOpen) {
      // A line of a Sendmail host's block waits for its recipient; a blank line ends the transcript.
      if (line === '') current = sendmail.endTranscript();
      else sendmail.blockLine(line);
    } else if (current && anotherReply(current, line)) {
      // Replies pasted one per line ("452 4.2.2 <lee@…>: Mailbox full", "550 5.1.1 <kim@…>: …",
      // then "554 5.7.1 … blocked using zen.spamhaus.org"): a reply with another code, under a
      // recipient whose own line is a reply, is a reply of its own, not this recipient's words.
      current = undefined;
      group = [];
      preamble.push(line);
    } else if (current) {
      collect(current, line);
      for (const slot of group) collect(slot, line);
      if (line !== '') listing = false;
    } else preamble.push(line);
    if (line === '') fold = undefined;
  }
  sendmail.finish();
  return { recipients, unread: unread.size, preamble, errorText, unreadLines: linesPast(errorText, lines) };
}

/** A reply code opening a line ("550 5.1.1 …", "550-5.1.1 …"). */
const OPENING_REPLY = /^([245]\d\d)[ -]/;

/**
 * Does `line` open with a reply whose code differs from the one the recipient's own first line
 * opens with? (Lines of one multi-line reply repeat its code: "550-5.1.1 …", "550 5.1.1 …".)
 */
function anotherReply(slot: Slot, line: string): boolean {
  // (Most lines open with no digit 2, 4 or 5: no match is looked for.)
  const first = line.charCodeAt(0);
  if (first !== 50 && first !== 52 && first !== 53) return false;
  const next = OPENING_REPLY.exec(line);
  if (!next) return false;
  const own = OPENING_REPLY.exec(slot.recipient.lines[0] ?? '');
  return own !== null && own[1] !== next[1];
}

/** Quote marks at the start of a line, as a ticket or a reply quotes a report ("> > "). */
const QUOTE_MARKS = /^(?:> ?){1,8}/;

/** Dashes, then a space: a heading such as "----- Transcript of session follows -----". */
function isDashHeading(line: string): boolean {
  let k = 0;
  while (k < line.length && line.charCodeAt(k) === 45) k++;
  return line.charCodeAt(k) === 32;
}

/** A recipient being read, with how much text it has collected and the line it was last named on. */
export interface Slot {
  recipient: TextRecipient;
  size: number;
  namedAt: number;
  /** First named by a line that is a reply of its own ("550 5.1.1 <kim@…> user unknown"). */
  byReply?: boolean;
}

/** Where the lines after an address that is not read go: nowhere. */
const UNREAD: Slot = { recipient: { address: '', lines: [] }, size: MAX_SEGMENT, namedAt: -1 };
