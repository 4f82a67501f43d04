/**
 * lookup(): what a support agent pastes — a reply code, an enhanced code, both, a provider token,
 * a line of a bounce, or a whole bounce — turned into explanations. Never throws.
 */
import { classify } from '../classify/classify';
import { extractCodes } from '../classify/codes';
import { declaresNoMail, isSenderStatus, serverSaysHold, settle, stageIn } from '../classify/decide';
import { blankNames, CAUSE_ROWS, CONNECTION_ROWS, DNS_ROW, DNS_ROWS, dnsTryAgain, EXPIRY_TABLE, matchRows, matchWeak, normaliseForMatch, readPhrases, type PhraseMatch } from '../classify/phrases';
import { holdsLogRecord } from '../classify/mail-log';
import { isGenericStatus } from '../classify/status-reasons';
import { REASONS } from '../reasons';
import type { Explanation, LookupResult, RecipientVerdict } from '../types';
import { buildAdvice, resolveProviderRow, type AdviceInput } from './advice';
import { explainStatus, parseStatus } from './enhanced-status';
import { detectProvider, providerRowsForStatus, providerRowsForToken, rankProviderRows, rowPermanence } from './provider-match';
import { PROVIDER_ROWS } from './providers';
import { localExit } from './sysexits';
import { explainReply } from './reply-codes';
import type { ProviderRow } from './schema';

/** Larger input is refused: a bounce worth explaining is far smaller (the CLI reads files itself). */
export const MAX_LOOKUP_CHARS = 2 * 1024 * 1024;
/** Only this much of a short query is searched for codes and tokens. */
const SHORT_SCAN = 16 * 1024;

/** Every provider token we know, by lower case: 's3150' -> 'S3150', 'nosuchuser' -> 'p=NoSuchUser'. */
const TOKEN_INDEX: ReadonlyMap<string, string> = (() => {
  const m = new Map<string, string>();
  for (const row of PROVIDER_ROWS) {
    for (const t of row.tokens ?? []) {
      m.set(t.toLowerCase(), t);
      if (t.startsWith('p=')) m.set(t.slice(2).toLowerCase(), t);
    }
  }
  return m;
})();

const HEADER_LINE = /^(?:received|return-path|from|to|subject|date|message-id|mime-version|content-type|x-[a-z0-9-]{1,40}|delivered-to|reporting-mta|final-recipient|original-recipient|action|status|diagnostic-code|remote-mta|arrival-date):[ \t]/im;

function isWholeBounce(text: string): boolean {
  let lines = 0;
  for (let i = text.indexOf('\n'); i >= 0 && lines < 3; i = text.indexOf('\n', i + 1)) lines++;
  // (A whole bounce pasted on one line is prose that names an address, or a mail log's record
  // of a delivery; if it names no failed address, the caller explains its reply as a short paste.)
  // (Two lines that each name an address are two recipients' lines.)
  const nl = text.indexOf('\n');
  const twoNamed = nl !== -1 && text.lastIndexOf('@', nl) !== -1 && text.indexOf('@', nl) !== -1;
  // (An email service's events as JSON on one line are a report too: the classifier lays them out.)
  const json = (text.startsWith('[{') || text.startsWith('{"')) && text.includes('@');
  // (A CSV export's header, then a row that names an address: a message trace's record.)
  const csv = nl !== -1 && text.indexOf('@', nl) !== -1 && text.lastIndexOf('@', nl) === -1 && text.slice(0, Math.min(nl, 4096)).split(',', 4).length === 4;
  const head = text.slice(0, 8192);
  return lines >= 2 || twoNamed || json || csv || HEADER_LINE.test(head) || holdsLogRecord(head) || (text.includes('@') && proseOfABounce(text));
}

/** A paste of one line at least this long, of at least this many words, is read as a whole bounce. */
const ONE_LINE_BOUNCE = 200;
const ONE_LINE_WORDS = 30;

/**
 * Whether a one-line paste is as long as a whole bounce: ONE_LINE_BOUNCE characters and
 * ONE_LINE_WORDS words, counted as in Latin text. Chinese and Japanese put no spaces between
 * words, and one of their characters says what several letters do: a Han character counts as
 * two thirds of a word and four letters, a kana as a third of a word and two letters (about
 * what the same notice takes in English). Korean spaces its words, so a Hangul syllable only
 * weighs two letters.
 */
function proseOfABounce(text: string): boolean {
  let thirds = 0;
  let length = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x3000) {
      const next = text.charCodeAt(i + 1);
      if (next !== 0x20 && next !== 0x3000) thirds += 3;
      length += 1;
    } else if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff)) {
      thirds += 2;
      length += 4;
    } else if ((c >= 0x3041 && c <= 0x30ff) || (c >= 0xff66 && c <= 0xff9d)) {
      thirds += 1;
      length += 2;
    } else if (c >= 0xac00 && c <= 0xd7a3) {
      length += 2;
    } else {
      length += 1;
    }
    if (thirds >= ONE_LINE_WORDS * 3 && length >= ONE_LINE_BOUNCE) return true;
  }
  return false;
}

function short(text: string): string {
  const one = text.slice(0, 400).replace(/\s+/g, ' ').trim();
  return one.length > 60 ? `${one.slice(0, 57)}...` : one;
}

/** What to try instead, after a query with nothing to explain. */
const TRY = 'Try a code such as 550 5.1.1 or 5.7.26, a token such as S3150, or paste the whole bounce.';
const noCode = (query: string, text: string): LookupResult => ({ query, results: [], message: `No SMTP code or provider token found in "${short(text)}". ${TRY}` });

function explanation(input: AdviceInput, row: ProviderRow | undefined): Explanation {
  const { title, ...advice } = buildAdvice(input, row);
  return {
    ...advice,
    reply: input.reply,
    status: input.status,
    reason: row && (input.reason === 'onhold' || input.reason === 'undefined') ? row.reason : input.reason,
    provider: row?.provider ?? input.provider,
    providerTokens: input.providerTokens,
    title,
  };
}

function fromVerdict(v: RecipientVerdict): Explanation {
  return explanation(v, resolveProviderRow(v));
}

function fromRow(row: ProviderRow, reply: string, status: string, tokens: string[], diagnostic: string): Explanation {
  const permanent = rowPermanence(row, { reply: reply || undefined, status: status || undefined });
  return explanation(
    { reason: row.reason, status: status || row.status || '', reply: reply || row.reply || '', permanent, hard: permanent && row.dead === true, provider: row.provider, providerTokens: tokens, diagnostic },
    row,
  );
}

/**
 * Codes in a short text: the first enhanced code (any first digit, to answer honestly) and reply.
 * A full stop may end the code ("the bounce said 550 5.1.1."); the registry's own form "X.7.1"
 * is read in its permanent class; its subject is one digit, as in RFC 3463, so a version string
 * ("Exim 4.96.2.") is none. A reply is no number in a phone number's "(555) 550-1234", nor the
 * 256 of a cipher name ("..._SHA384:256"); a version is no status ("Android 5.1.1").
 */
function findCodes(text: string): { status: string; badStatus: string; reply: string } {
  const s = firstStatus(text);
  const code = s ? (s[1] === 'X' || s[1] === 'x' ? `5.${s[2]}.${s[3]}` : s[0]) : '';
  const status = code && parseStatus(code) ? code : '';
  const badStatus = s && !status ? s[0] : '';
  const reply = findReply(text, s ? s.index : -1, s ? s[0].length : 0);
  // A relay's wrapper around the remote server's reply ("5.1.0 - Unknown address error
  // 550-'5.2.2 Mailbox full'"): the reply paired with its status counts, as in the classifier.
  const inner = status ? extractCodes(text) : undefined;
  if (inner?.paired && inner.status !== status && parseStatus(inner.status)) return { status: inner.status, badStatus, reply: inner.reply };
  return { status, badStatus, reply };
}

/**
 * Words that name what a version number belongs to ("Android 5.1.1", "version 4.2.1"), or say
 * software moved to it ("upgraded to 5.7.26").
 */
const VERSION_BEFORE = /(?<![a-z])(?:android|ios|ipados|macos|windows|version|ver\.?|v|release|build|firmware|update|php|python|perl|node|java|kernel|dovecot|postfix|exim|sendmail|thunderbird|(?:upgrad|updat|downgrad)(?:e|ed|ing) to)\s*$/i;
/**
 * A word that says software moved, and at most four words for what moved, before "from":
 * "upgraded our MTA from". (Not any such word before it: "we updated our DNS, and bounces went
 * from 5.7.1 to 5.7.26", "the error changed from 5.7.1 to 5.7.26" name two status codes.)
 * Bounded: four words of at most 24 characters, in isVersion's 96-character slice.
 */
const MOVED_FROM = String.raw`(?<![a-z])(?:(?:upgrad|updat|downgrad|migrat)(?:e|ed|es|ing)|version|release|firmware)(?:\s{1,3}[^\s\d.,;:]{1,24}){0,4}\s{1,3}from\s{1,3}`;
/** "upgraded our MTA from 5.7.25 to 5.7.26": the first of two numbers software moved between... */
const RANGE_START = new RegExp(`${MOVED_FROM}$`, 'i');
const RANGE_NEXT = /^\s{1,3}to\s{1,3}v?\d{1,3}\.\d{1,3}\.\d{1,3}/i;
/** ... and the second. */
const RANGE_END = new RegExp(String.raw`${MOVED_FROM}v?\d{1,3}\.\d{1,3}\.\d{1,3}\s{1,3}to\s{1,3}$`, 'i');

/** Whether the code at `at` (of `length` characters) in `text` is a version number. */
function isVersion(text: string, at: number, length: number): boolean {
  const before = text.slice(Math.max(0, at - 96), at);
  return VERSION_BEFORE.test(before) || RANGE_END.test(before) || (RANGE_START.test(before) && RANGE_NEXT.test(text.slice(at + length, at + length + 32)));
}

/**
 * A product's name just before a number, written as products write theirs (SOGo, hMailServer,
 * MailScanner, SpamAssassin: a capital inside the word, some small letters), or words after it
 * that say software changed ("5.1.1 upgrade"). Only the first of several codes is read so:
 * "After the SOGo 5.1.1 upgrade every send fails with 5.7.1" names 5.7.1.
 */
const PRODUCT_BEFORE = /(?:^|[\s(])(?=[A-Za-z-]*[a-z])[A-Za-z][a-z-]*[A-Z][A-Za-z-]*\s$/;
const SOFTWARE_AFTER = /^\s{1,3}(?:upgrade|update|release|installed|version)\b/i;

/** The first enhanced code that is no version number. */
function firstStatus(text: string): RegExpExecArray | null {
  const re = /(?<![\w.])([\dXx])\.(\d)\.(\d{1,3})(?!\w|\.\d)/g;
  let product: RegExpExecArray | null = null;
  for (let m = re.exec(text), n = 0; m && n < MAX_CODES_WEIGHED; m = re.exec(text), n++) {
    if (isVersion(text, m.index, m[0].length)) continue;
    const named = PRODUCT_BEFORE.test(text.slice(Math.max(0, m.index - 32), m.index)) || SOFTWARE_AFTER.test(text.slice(m.index + m[0].length, m.index + m[0].length + 24));
    if (!named) return m;
    product ??= m; // a product's version, unless no other code follows
  }
  return product;
}

/**
 * Where a second enhanced status follows the first, the text from the first up to the clause of
 * the second (its ";" or line break); else the whole text.
 */
function clauseOf(text: string, status: string): string {
  const at = text.indexOf(status);
  if (at === -1) return text;
  const end = at + status.length;
  const next = /(?<![\w.])[245]\.\d\.\d{1,3}(?!\w)/.exec(text.slice(end));
  if (!next) return text;
  const between = text.slice(end, end + next.index);
  const stop = Math.max(between.lastIndexOf(';'), between.lastIndexOf('\n'));
  return text.slice(at, stop === -1 ? end + next.index : end + stop);
}

/** A web server's status line is no SMTP reply ("HTTP/1.1 503", "502 Bad Gateway"). */
const HTTP_WORDS = /\bhttps?\/\d|\bhttp (?:error |status )?\d{3}\b|bad gateway|gateway time-?out/i;

/** How close before the status a reply of another class still counts as its reply. */
const NEAR_STATUS = 40;

/** How many enhanced codes, and how many three-digit numbers, are weighed as the status and the reply. */
const MAX_CODES_WEIGHED = 20;

/**
 * The basic reply code: the number written just before the status ("550 5.1.1", "550-5.1.1"),
 * else the first one of the status's class, else one just before it; with no status, the first. Not a reply: a number in a
 * price ("$550", "421,50"), a phone number ("421 5550123"), a field's value ("delay=321"), a
 * web server's status line.
 */
function findReply(text: string, statusAt: number, statusLength: number): string {
  if (HTTP_WORDS.test(text)) return '';
  const rest = statusAt === -1 ? text : text.slice(0, statusAt) + ' '.repeat(statusLength) + text.slice(statusAt + statusLength);
  const candidates: { code: string; end: number }[] = [];
  const re = /(?<![\w.#:=$€£+-])([2-5]\d\d)(?![\w.]|,\d|-\d(?!\.\d)|\) ?\d| \d{3,})/g;
  for (let m = re.exec(rest); m && candidates.length < MAX_CODES_WEIGHED; m = re.exec(rest)) candidates.push({ code: m[1], end: m.index + 3 });
  if (candidates.length === 0) return '';
  if (statusAt === -1) return candidates[0].code;
  const adjacent = candidates.find((c) => c.end < statusAt && statusAt - c.end <= 2 && /^[ -]+$/.test(text.slice(c.end, statusAt)));
  const statusClass = text[statusAt] === 'X' || text[statusAt] === 'x' ? '5' : text[statusAt];
  // A reply of another class with only brackets or punctuation before the status is still its
  // reply ("450 [5.1.1]": the two disagree, and the advice says so); one with words between is
  // something else ("Sent to 250 recipients; 5.1.1", "for all 250 recipients").
  const near = candidates.filter((c) => c.end <= statusAt && statusAt - c.end <= NEAR_STATUS && /^[\s[\]()#:'"-]*$/.test(text.slice(c.end, statusAt))).pop();
  return (adjacent ?? candidates.find((c) => c.code[0] === statusClass) ?? near)?.code ?? '';
}

/**
 * Codes whose provider reading is the one met in practice: 5.1.10 is RFC 7505's null MX, but
 * Microsoft 365 sends it for every unknown recipient (decide.ts reads it the same way).
 */
const PROVIDER_READING_FIRST: ReadonlySet<string> = new Set(['5.1.10']);

/**
 * The cause the words of a pasted reply name, as the classifier reads them: a specific cause,
 * else (`generic`) generic words such as "address rejected" (not beside a 5.7.x code, whose own
 * registry wording is generic words too).
 */
function causeWords(text: string, generic: boolean, status = ''): PhraseMatch | undefined {
  const lower = blankNames(normaliseForMatch(text));
  let cause = matchRows(CAUSE_ROWS, lower);
  // As in the classifier: hold words a server also writes ("550 5.1.1 … bounced address: user
  // unknown") are no service's hold beside a detailed status; the other words decide.
  if (cause?.row.hold && serverSaysHold(cause.phrase, status)) {
    const other = readPhrases(lower).first(CAUSE_ROWS, 0, Infinity, (r) => CAUSE_ROWS[r].hold !== undefined);
    cause = other ? { row: CAUSE_ROWS[other.row], phrase: other.phrase } : undefined;
  }
  cause ??= generic ? matchWeak(lower) : undefined;
  // As in the classifier: "Host not found, try again" is a DNS lookup that failed this time,
  // unless a permanent status says the sending server judged otherwise.
  return cause?.row.reason === 'hostunknown' && status[0] !== '5' && dnsTryAgain(lower) ? { row: DNS_ROW, phrase: 'not found, try again' } : cause;
}

/** Words of a server that stopped retrying (not those of a delay notice that goes on). */
function gaveUp(text: string): boolean {
  const lower = normaliseForMatch(text);
  const hit = readPhrases(lower).first(EXPIRY_TABLE);
  if (hit === undefined || STILL_TRYING.has(hit.phrase)) return false;
  // Exim's "retry time not reached for any host" gives up only "after a long failure period";
  // in its log ("== kim@… defer (-53): retry time not reached …") the message waits in the queue.
  return hit.phrase !== 'retry time not reached for any host' || lower.includes('after a long failure period');
}

const STILL_TRYING: ReadonlySet<string> = new Set(['will be retried for', 'the server will continue trying']);

/** One word that is a known token: 'S3150', '[TSS04]', 'AS(201806281)', 'p=NoSuchUser', 'NoSuchUser'. */
function bareToken(word: string): string | undefined {
  // (A token ends a sentence too: "… bounce with S3150.")
  const t = word.trim().toLowerCase().replace(/[,;:.!?]+$/, '');
  if (t.length > 40 || /\s/.test(t)) return undefined;
  const strip = t.replace(/^[[(]|[\])]$/g, '');
  return TOKEN_INDEX.get(t) ?? TOKEN_INDEX.get(strip) ?? TOKEN_INDEX.get(t.replace(/^\?/, ''));
}

/** How many words a query may have for each of them to count as a token someone typed. */
const TYPED_WORDS = 6;

/** How many words of a sentence are searched for a token of letters and digits. */
const SENTENCE_WORDS = 200;

/**
 * Tokens someone typed: in a query of a few words every word that is a known token counts
 * ("421 TSS04", "550 5.7.1 S3150"); in a sentence only a token of letters and digits, which no
 * word of running text is ("Yahoo says TSS04 on every send"), besides what detectProvider
 * finds in context, since a word like "NoSuchUser" in running text is not a token.
 */
function typedTokens(text: string): string[] {
  const words = text.trim().split(/\s+/, SENTENCE_WORDS);
  const sentence = words.length > TYPED_WORDS;
  const found: string[] = [];
  for (const word of words) {
    const token = word && bareToken(word);
    if (token && !found.includes(token) && (!sentence || (/\d/.test(token) && /[a-z]/i.test(token)))) found.push(token);
  }
  return found;
}

/**
 * When the classifier found no recipient, the lines of a bounce that carry its verdict: the
 * Diagnostic-Code (with its folded continuation lines), else the Status line, else the text.
 */
function reportLines(text: string): string {
  const head = text.slice(0, 1024 * 1024);
  const diag = /^diagnostic-code:/im.exec(head);
  if (diag) {
    // The field and its folded continuation lines (those starting with a space or a tab).
    let end = head.indexOf('\n', diag.index);
    for (let n = 0; end >= 0 && n < 40 && (head[end + 1] === ' ' || head[end + 1] === '\t'); n++) end = head.indexOf('\n', end + 1);
    const field = head.slice(diag.index + diag[0].length, end < 0 ? undefined : end);
    return field.replace(/^\s*smtp;/i, '').replace(/\s+/g, ' ').trim();
  }
  const status = /^status:[ \t]*[245]\.\d{1,3}\.\d{1,3}/im.exec(head);
  return status ? status[0] : text;
}

/** qmail-send's log line of a delivery, which writes the remote's reply with "_" for spaces. */
const QMAIL_DELIVERY = /\bdelivery \d{1,12}: (?:failure|deferral|success): /;

/**
 * A qmail-send log line with its spaces back ("Remote_host_said:_550_5.1.1_<kim@…>" reads
 * "Remote host said: 550 5.1.1 <kim@…>"), so that its codes stand as words; other text as it is.
 */
function qmailSpaces(text: string): string {
  const at = text.search(QMAIL_DELIVERY);
  return at === -1 ? text : text.slice(0, at) + text.slice(at).replace(/_/g, ' ');
}

function explainShort(query: string, text: string): LookupResult {
  const scan = text.slice(0, SHORT_SCAN);
  const lower = scan.toLowerCase();
  const { status, badStatus, reply } = findCodes(scan);
  const found = detectProvider(lower);
  const typed = typedTokens(scan);
  const tokens = [...found.tokens, ...typed.filter((t) => !found.tokens.includes(t))];

  // 1. A provider response recognised by its words or tokens; several tokens typed together
  //    ("TSS04 S3150") are each explained.
  const row = typed.length > 1 ? undefined : rankProviderRows(lower, { reply: reply || undefined, status: status || undefined }, { provider: found.provider, tokens })[0]?.row;
  if (row) return { query, results: [fromRow(row, reply, status, tokens, scan)] };
  const byToken = tokens.map((t) => providerRowsForToken(t)[0]).filter((r): r is ProviderRow => r !== undefined);
  if (byToken.length) return { query, results: [...new Set(byToken)].slice(0, 4).map((r) => fromRow(r, reply, status, tokens, scan)) };

  // 2. Codes: the registry meaning first, then provider rows that give this exact code another meaning.
  const results: Explanation[] = [];
  if (status) {
    const st = explainStatus(status)!;
    // Words that name a cause come before the code, as in the classifier ("554 5.5.5 Rejected
    // Spam" is spam, whatever 5.5.5 says); a code too general to name a cause (5.7.1 covers
    // spam, relaying and blocklists alike) gives way to generic words too: "550 5.7.1 Access denied".
    // (A specific code's own registry name is no other cause: "5.1.9 Message relayed to non-compliant mailer".)
    const vague = isGenericStatus(status);
    // Two failures typed on one line ("kim: 550 5.1.1 user unknown; lee: 452 4.2.2 mailbox
    // full"): the words of the status's own clause come first.
    const wordsOf = (t: string) => causeWords(t, vague && status[2] !== '7', status);
    // (A private code's digits say less than the words beside it: "550 5.7.54 Unable to relay".)
    const words = !st.registered || vague || !lower.includes(st.title.toLowerCase()) ? (wordsOf(clauseOf(scan, status)) ?? wordsOf(scan)) : undefined;
    // As in the classifier: X.1.7 and X.1.8 are the sender's address; under a security or policy
    // status, address words never make the address dead; the SMTP stage the reply names counts.
    // (A sending service's own hold, "554 5.7.1 recipient address suppressed due to customer
    // policy", is no server's answer: its code is the service's label, as in the classifier.)
    const hold = words?.row.hold;
    const reason = hold ? 'onhold' : isSenderStatus(status) ? 'rejected' : !words ? st.reason : settle({ reason: words.row.reason, basis: '' }, status, () => stageIn(normaliseForMatch(scan))).reason;
    // Permanent only when the reply agrees: "452 5.1.1" and "250 5.1.1" contradict themselves,
    // and a contradiction that leaves the address possibly alive suppresses nothing.
    const permanent = declaresNoMail(reason, lower) || (status[0] === '5' && (!reply || reply[0] === '5'));
    const generic = explanation({ reason, status, reply, permanent, hard: false, provider: found.provider, providerTokens: tokens, diagnostic: scan, ...(hold ? { serviceHold: hold } : {}) }, undefined);
    if (hold) return { query, results: [generic] };
    const own = providerRowsForStatus(status);
    if (!st.registered) {
      // A private code: its owner's documented meaning first, then what the digits say.
      const owners = own.length <= 3 ? own.map((r) => fromRow(r, reply, status, tokens, scan)) : [];
      // (Where an owner's row explains this exact code, the digits' generic reading adds nothing,
      // unless words beside the code name another cause.)
      const digitsOnly = owners.length > 0 && (!words || owners.some((o) => o.reason === generic.reason));
      return withReadingsNote({ query, results: digitsOnly ? owners : [...owners, generic] }, status);
    }
    // A registered code that a major provider documents with another meaning (Gmail 4.7.27 = SPF,
    // Exchange Online 5.2.2 = sending quota): the registry meaning first, then that reading;
    // the provider's first where its reading is the one met in practice (5.1.10).
    // (Words that confirm the registry meaning, "552 5.2.2 Mailbox full", leave no other reading.)
    const confirmed = lower.includes(st.title.toLowerCase()) || words?.row.reason === st.reason;
    const readings = confirmed ? [] : own.filter((r) => r.reusesCode).map((r) => fromRow(r, reply, status, tokens, scan));
    const providerFirst = PROVIDER_READING_FIRST.has(status) && !lower.includes(st.title.toLowerCase());
    results.push(...(providerFirst ? [...readings, generic] : [generic, ...readings]));
    return withReadingsNote({ query, results }, status);
  }
  if (reply) {
    const rp = explainReply(reply)!;
    // A bare number SMTP does not define ("404", HTTP's "Not Found") is no reply to explain.
    if (!rp.registered && scan.trim() === reply) {
      return { query, results: [], message: `${reply} is not a reply code SMTP defines (RFC 5321 lists them); paste the whole line of the bounce, or its enhanced code such as 5.1.1.` };
    }
    // A reply code names a class, not a cause: the words beside it ("550 User unknown") do.
    const words = reply[0] === '4' || reply[0] === '5' ? causeWords(scan, true) : undefined;
    const hold = words?.row.hold;
    const reason = hold ? 'onhold' : words ? settle({ reason: words.row.reason, basis: '' }, '', () => stageIn(normaliseForMatch(scan))).reason : rp.reason;
    const e = explanation({ reason, status: '', reply, permanent: declaresNoMail(reason, lower) || reply[0] === '5', hard: false, provider: found.provider, providerTokens: tokens, diagnostic: scan, ...(hold ? { serviceHold: hold } : {}) }, undefined);
    if (reply[0] === '2' || reply[0] === '3') {
      // Not a failure at all: say so instead of advising.
      Object.assign(e, { headline: `${rp.title}: not a failure, nothing to do.`, whatHappened: rp.meaning, steps: [], softToHard: '', retry: { kind: 'none', summary: 'Nothing to retry.' } });
    }
    results.push(e);
    return { query, results };
  }
  // A local delivery program's exit status as a bounce reports it ("X-Unix; 75", sysexits.h):
  // temporary or final by its number.
  const exit = /x-unix;/i.test(scan) ? localExit(scan) : undefined;
  if (exit && !status && !reply) {
    return { query, results: [explanation({ reason: 'mailererror', status: '', reply: '', permanent: !exit.temporary, hard: false, provider: found.provider, providerTokens: tokens, diagnostic: scan }, undefined)] };
  }
  if (badStatus) {
    return { query, results: [], message: `"${badStatus}" is not an SMTP status code: the first digit must be 2, 4 or 5. No SMTP code or provider token found in "${short(text)}". ${TRY}` };
  }
  // 3. No code: the words alone, when they name a cause unmistakably ("User quota exceeded"),
  //    or say the sending server gave up ("this message has been in the queue too long"), or
  //    name a DNS or connection failure ("DNS Error: ... NXDOMAIN", "Routing loop detected").
  const cause = causeWords(scan, false);
  const network = () => {
    const lower = blankNames(normaliseForMatch(scan));
    return matchRows(DNS_ROWS, lower) ?? matchRows(CONNECTION_ROWS, lower) ? 'networkerror' : undefined;
  };
  const reason = cause?.row.reason ?? (gaveUp(scan) ? 'expired' : network());
  if (reason) {
    const hold = cause?.row.hold;
    return { query, results: [explanation({ reason, status: '', reply: '', permanent: REASONS[reason].permanent, hard: false, provider: found.provider, providerTokens: tokens, diagnostic: scan, ...(hold ? { serviceHold: hold } : {}) }, undefined)] };
  }
  // A code-shaped number that reads as a version ("upgraded from 5.7.25 to 5.7.26"): say so.
  const version = /(?<![\w.])v?([245]\.\d\.\d{1,3})(?!\w|\.\d)/i.exec(scan);
  if (version) return { query, results: [], message: `"${version[1]}" reads as a version number here, not as a status code a server sent. ${TRY}` };
  return noCode(query, text);
}

/** Says, when one code gave several readings, that they are alternatives and what tells them apart. */
function withReadingsNote(result: LookupResult, code: string): LookupResult {
  const n = result.results.length;
  if (n > 1) result.note = `${code} has ${n} possible readings below. Which one applies depends on who sent the bounce and on the words after the code.`;
  return result;
}

/** How many words a query of codes alone may have. */
const MAX_CODE_WORDS = 8;

/** Words that only separate codes typed as a list ("550 5.1.1 / 5.7.26", "5.1.1 & S3150"). */
const LIST_SEPARATORS: ReadonlySet<string> = new Set(['/', '&', '+', '|', 'and', 'or', 'and/or', ',', ';']);

/**
 * A query of codes and tokens alone ("5.1.1 4.2.2", "550 5.1.1 452 4.2.2", "5.1.1 / S3150") with
 * an enhanced status and more than one code, as one group per code: a status with the reply code
 * just before it and the tokens after it, or a token listed after a separator. Undefined for
 * anything else (one code, a status with its token, or words).
 */
function codeGroups(text: string): string[] | undefined {
  // (A separator word stands for a comma after the word before it.)
  const words: string[] = [];
  // (A label before the list is no code: "Error codes: 550 5.1.1, 5.7.26, S3150".)
  const listed = text.trim().replace(/^[A-Za-z][A-Za-z ]{0,30}:\s+(?=[\dXx])/, '');
  for (const w of listed.split(/\s+/, MAX_CODE_WORDS * 2)) {
    if (LIST_SEPARATORS.has(w.toLowerCase())) {
      if (words.length && !/[,;]$/.test(words[words.length - 1])) words[words.length - 1] += ',';
    } else words.push(w);
  }
  if (words.length < 2 || words.length > MAX_CODE_WORDS) return undefined;
  const isStatus = (w: string) => /^[(#[]*[245Xx]\.\d{1,3}\.\d{1,3}[)\].,;]*$/.test(w);
  const isReply = (w: string) => /^[2-5]\d\d[.,;:]?$/.test(w);
  if (!words.every((w) => isStatus(w) || isReply(w) || bareToken(w) !== undefined)) return undefined;
  if (!words.some(isStatus)) return undefined;
  const groups: string[][] = [];
  for (const [i, w] of words.entries()) {
    // (A token after a comma is a code of its own: "550 5.1.1, 5.7.26, S3150" lists three, where
    // "550 5.7.1 S3150" is one reply with its token.)
    const listed = i > 0 && /[,;]$/.test(words[i - 1]);
    const startsGroup = isReply(w) ? i + 1 < words.length && isStatus(words[i + 1]) : isStatus(w) ? !(i > 0 && isReply(words[i - 1])) : listed;
    if (startsGroup || groups.length === 0) groups.push([w]);
    else groups[groups.length - 1].push(w);
  }
  return groups.length < 2 ? undefined : groups.map((g) => g.join(' '));
}

/** How many replies pasted one per line are explained each on its own. */
const MAX_REPLY_LINES = 8;

/**
 * Several replies pasted one per line ("550 5.1.1 user unknown", then "452 4.2.2 mailbox full";
 * a list of codes copied from a help page) as one entry per reply: each line holding an enhanced
 * status code or opening with a failure reply code, except a line that continues the reply
 * before it ("550-5.1.1 ...", then "550 5.1.1 ...": SMTP's multi-line reply) or repeats one, and
 * a reply-only line of a class a status line has. Undefined for fewer than two such replies.
 */
function replyLines(text: string): string[] | undefined {
  const entries: { code: string; key: string; line: string }[] = [];
  let continues = '';
  /** The previous line's reply and status ("550 5.1.1"), when it stops mid-sentence. */
  let unfinished = '';
  for (const raw of text.slice(0, 64 * 1024).split('\n', 400)) {
    const line = raw.trim();
    if (!line || line.length > 1000) continue;
    const reply = /^([2-5]\d\d)([ -])/.exec(line);
    // Gmail shows its folded reply with a space where SMTP has the dash ("550 5.1.1 ... Please
    // try", "550 5.1.1 double-checking ..."): a line repeating the reply and status of a line
    // that stopped mid-sentence continues it.
    const opening = reply ? /^[2-5]\d\d[ -](?:[245]\.\d{1,3}\.\d{1,3}(?![\w.]))?/.exec(line)![0].replace('-', ' ') : '';
    const follows = (continues !== '' && reply?.[1] === continues) || (unfinished !== '' && opening === unfinished);
    continues = reply?.[2] === '-' ? reply[1] : '';
    unfinished = reply && !/[.!?)\]]["'”]?$/.test(line) ? opening : '';
    if (follows) continue;
    const status = firstStatus(line);
    const code = status ? status[0].replace(/^[Xx]/, '5') : reply && reply[1][0] !== '2' && reply[1][0] !== '3' ? reply[1] : '';
    // A line that opens with its reply is a reply of its own, even with a code met before
    // ("550 5.7.1 ... (S3150)" and "550 5.7.1 ... likely unsolicited"); a code only quoted in
    // a line of prose is the same question as the line that has it already.
    const key = reply ? `reply:${line}` : `code:${code}`;
    if (code && !entries.some((e) => e.key === key || e.line === line)) entries.push({ code, key, line });
  }
  const classes = new Set(entries.filter((e) => e.code.includes('.')).map((e) => e.code[0]));
  const kept = entries.filter((e) => e.code.includes('.') || !classes.has(e.code[0]));
  return kept.length >= 2 ? kept.slice(0, MAX_REPLY_LINES).map((e) => e.line) : undefined;
}

/** Each of several pasted replies explained on its own, with a note saying so. */
function explainEach(query: string, lines: readonly string[]): LookupResult {
  const results = lines.flatMap((line) => explainShort(line, line).results.slice(0, 1));
  return { query, results, note: `${lines.length} replies, each explained on its own below.` };
}

/** Explains a pasted code, token, reply line or whole bounce. */
export async function lookup(query: string): Promise<LookupResult> {
  const q = typeof query === 'string' ? query : String(query ?? '');
  try {
    if (q.length > MAX_LOOKUP_CHARS) {
      return { query: q.slice(0, 200), results: [], message: `The input is larger than ${MAX_LOOKUP_CHARS / 1024 / 1024} MB; paste the bounce's reply lines, or open the message file with the command line tool.` };
    }
    const text = q.trim();
    if (!text) return { query: q, results: [], message: 'Nothing to look up: paste a code such as 550 5.1.1, a provider token such as S3150, or a whole bounce.' };
    if (isWholeBounce(text)) {
      // classify() tells a raw message (headers first) from pasted webmail text itself.
      const result = await classify(text);
      // A bounce that names its failed addresses is explained per address, and so is a report of
      // another kind (a complaint, an auto-reply). A reply pasted over several lines names no
      // address: it is explained as the reply it is, like a one-line paste.
      const failure = result.kind === 'bounce' || result.kind === 'delay';
      if (result.kind !== 'error' && result.recipients.length > 0 && (!failure || result.recipients.some((r) => r.recipient))) {
        return { query: q, results: result.recipients.map(fromVerdict), classification: result };
      }
      const lines = reportLines(text);
      const each = lines === text ? replyLines(text) : undefined;
      const fallback = each ? explainEach(q, each) : explainShort(q, lines);
      if (result.kind !== 'error') fallback.classification = result;
      return fallback;
    }
    const groups = codeGroups(text);
    if (groups) {
      // Several codes typed together ("5.1.1 4.2.2"): each explained on its own.
      const results = groups.flatMap((g) => explainShort(g, g).results);
      const several = results.length > groups.length ? ' A code with more than one possible reading shows each; who sent the bounce tells which applies.' : '';
      if (results.length) return { query: q, results, note: `${groups.length} codes, each explained on its own below.${several}` };
    }
    const each = replyLines(text);
    return each ? explainEach(q, each) : explainShort(q, qmailSpaces(text));
  } catch {
    return { query: q.slice(0, 200), results: [], message: `No SMTP code or provider token could be read from "${short(q.slice(0, 200))}".` };
  }
}

