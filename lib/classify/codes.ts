/**
 * Finds SMTP reply codes (RFC 5321) and enhanced status codes (RFC 3463) in free text.
 *
 * Precedence when a text carries several codes (the one rule, used everywhere):
 *  1. the first failure reply code, with the status code right after it ("550 5.1.1",
 *     "550-5.1.1", "550 #5.1.1") when there is one: the remote server's own pair; when the
 *     two disagree in class (a wrapper such as "554 4.4.7 ... <421 4.4.2 ...>"), the next
 *     pair that agrees;
 *  2. otherwise the first reply code and the first status code of its class, each on its own;
 *  3. a status whose class contradicts the reply's class is dropped in favour of the reply's
 *     ("550 4.0.0" keeps 550 and no status), since the reply code is what the server acted on;
 *     Exchange's "550 4.4.7 QUEUE.Expired" is the one disagreement kept (classesAgree).
 * Quicker questions about a text's codes (is there one, a permanent one, where does the first
 * stand) are answered here too: firstCodeAt, hasFailureCode, hasPermanentCode.
 * A more specific status beats a generic one of the same class from another source
 * (see `preferStatus`). Only reply codes that SMTP defines count (the knowledge base's table):
 * "522" or "426" in a text are some other number.
 */
import { REPLY_ROWS } from '../knowledge/tables/reply-table';

// 525 goes with 5.7.13 (user account disabled) in the enhanced-status registry (RFC 5248).
const REGISTERED_REPLIES = new Set([...REPLY_ROWS.map((r) => r.code), '525']);

export interface Codes {
  reply: string;
  status: string;
  /** The two were found side by side ("550 5.1.1"): the remote server's own pair. */
  paired?: boolean;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Status codes in `text`, in order. "5.1.1", not parts of IP addresses or version numbers. */
export function findStatuses(text: string, limit = 8): string[] {
  const out: string[] = [];
  const re = /([245])\.(\d{1,3})\.(\d{1,3})/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null && out.length < limit) {
    const start = m.index;
    const end = start + m[0].length;
    const before = start > 0 ? text.charCodeAt(start - 1) : 32;
    const after = end < text.length ? text.charCodeAt(end) : 32;
    const after2 = end + 1 < text.length ? text.charCodeAt(end + 1) : 32;
    if (isDigit(before) || before === 46 /* . */) continue;
    if (isDigit(after) || (after === 46 && isDigit(after2))) {
      // part of a longer dotted number (IP address, version)
      re.lastIndex = end;
      continue;
    }
    if (Number(m[2]) > 7) continue; // subjects are 0-7
    out.push(m[0]);
  }
  return out;
}

/** (Not the digits of a phone number: "+1 555 0100", "(512) 555-0143", "Tel: 550 1234".) */
const REPLY_RE = /([245][0-5]\d)(?=[ \-#\]:;,.)]|$)(?![ -]\d{4})/g;

/** Reply codes in `text`, in order: three digits standing alone, 2xx/4xx/5xx. */
export function findReplies(text: string, limit = 8): { code: string; index: number }[] {
  const out: { code: string; index: number }[] = [];
  REPLY_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = REPLY_RE.exec(text)) !== null && out.length < limit) {
    const i = m.index;
    const before = i > 0 ? text.charCodeAt(i - 1) : 32;
    if (isDigit(before) || before === 46 || before === 43 || before === 45) continue;
    if (before === 58 && i > 1 && isDigit(text.charCodeAt(i - 2))) continue; // a time of day, 12:34:550
    if (!REGISTERED_REPLIES.has(m[1])) continue;
    const nextChar = text.charCodeAt(i + 3);
    // "550." is a reply only at the end of a sentence; "550.1" is a number
    if (nextChar === 46 && isDigit(text.charCodeAt(i + 4))) continue;
    if (nextChar === 58 && isDigit(text.charCodeAt(i + 4))) continue;
    out.push({ code: m[1], index: i });
  }
  return out;
}

/** A reply or status code starts with 2, 4 or 5 and two more digits, or a dot and a digit. */
const MAY_HAVE_CODE = /[245](?:\d\d|\.\d)/;

/**
 * A status and a reply code of one reply agree on the class, or disagree only as Exchange's
 * "550 4.4.7 QUEUE.Expired" does by design (a permanent reply to a message whose time ran out);
 * a status that disagrees otherwise is not the server's word on this failure.
 */
export function classesAgree(status: string, reply: string): boolean {
  return status[0] === reply[0] || status.slice(1) === '.4.7';
}

/** A reply code or enhanced status of class 4 or 5 standing alone ("said: 550 5.1.1 ..."). */
const CODE_IN_LINE = /(?<![\w.-])[45]\d\d(?=[ -])(?![ -]\d{4})|(?<![\w.-])[45]\.\d{1,3}\.\d{1,3}(?![\w.])/;
/** Any failure code in a text: a 4xx or 5xx reply, or an X.Y.Z status of class 4 or 5. */
const FAILURE_CODE = /\b[45]\d\d\b|\b[45]\.\d{1,3}\.\d{1,3}\b/;
/** A permanent code: a 5xx reply or a 5.Y.Z status (the 5 of "4.7.500" is neither). */
const PERMANENT_CODE = /(?<![\d.])5\d\d[ -]|(?<![\d.])5\.\d{1,3}\.\d{1,3}/;

/** Where the first failure code of a line stands (where the server's reply starts), or -1. */
export function firstCodeAt(line: string): number {
  const m = CODE_IN_LINE.exec(line);
  return m ? m.index : -1;
}

/** Does the text hold any failure code (loosely: a 4xx/5xx number or an X.Y.Z status)? */
export function hasFailureCode(text: string): boolean {
  return FAILURE_CODE.test(text);
}

const PERMANENT_CODES = new RegExp(PERMANENT_CODE.source, 'g');
/** A temporary reply code opening a server's reply ("450 4.1.1 ..."). */
const TEMPORARY_REPLY = /(?<![\d.])4\d\d[ -]/;
/** How many permanent codes hasPermanentCode() looks at, and how far before each it looks. */
const MAX_PERMANENT_CODES = 32;
const VERIFY_WINDOW = 400;

/**
 * Does the text hold a permanent (5xx or 5.Y.Z) code of its own? One that Postfix's address
 * verification quotes inside its temporary reply does not count: "450 4.1.1 <kim@…>: Recipient
 * address rejected: unverified address: host … said: 550 5.1.1 …" ("undeliverable address" once
 * the probe bounced) is a deferral, and the 450 is
 * what the server answered. Linear: a bounded window before a bounded number of codes (past that
 * many, the text is taken to hold one).
 */
export function hasPermanentCode(text: string): boolean {
  PERMANENT_CODES.lastIndex = 0;
  // The verification quote last excused, and where the status paired with its reply may end.
  let excused = -1;
  let pairedUntil = -1;
  for (let n = 0; n < MAX_PERMANENT_CODES; n++) {
    const m = PERMANENT_CODES.exec(text);
    if (!m) return false;
    if (m.index <= pairedUntil) continue;
    const start = Math.max(0, m.index - VERIFY_WINDOW);
    // ("undeliverable address" once the probe bounced: Postfix still defers it, with 450 by default.)
    const before = text.slice(start, m.index);
    const verify = Math.max(before.lastIndexOf('unverified address'), before.lastIndexOf('undeliverable address'));
    // Only the first reply after the words is the one quoted.
    if (verify === -1 || start + verify === excused || !TEMPORARY_REPLY.test(text.slice(Math.max(0, start + verify - 200), start + verify))) return true;
    excused = start + verify;
    pairedUntil = m.index + m[0].length + 1;
  }
  return true;
}

/** Codes of one diagnostic text, by the precedence above. */
export function extractCodes(text: string): Codes {
  if (!text || !MAY_HAVE_CODE.test(text)) return { reply: '', status: '' };
  const found = findReplies(text);
  // A transcript quotes the server's "250 OK" lines too; failures come first when there are any.
  const failures = found.filter((r) => r.code[0] !== '2');
  const replies = failures.length ? failures : found;
  // 0. Sendmail's wrapper "554 <address>... 550 Host unknown": the quoted server's code counts.
  const wrapped = replies.length > 1 && text.startsWith('<', replies[0].index + 4) ? replies.find((r) => r.index > replies[0].index && text.slice(Math.max(0, r.index - 4), r.index).includes('...')) : undefined;
  if (wrapped) {
    const tail = extractCodes(text.slice(wrapped.index));
    return { reply: wrapped.code, status: tail.reply === wrapped.code ? tail.status : '', paired: tail.paired };
  }
  // 1. the first reply, with the status that follows it
  const first = replies[0];
  if (first) {
    const paired = statusAfter(text, first.index + 3);
    if (paired && paired[0] === first.code[0]) return { reply: first.code, status: paired, paired: true };
    if (paired) {
      // "554 4.4.7 Message expired <421 4.4.2 Connection timed out>": a wrapper whose codes
      // disagree; the quoted pair that agrees is the remote server's.
      for (const r of replies.slice(1)) {
        const inner = statusAfter(text, r.index + 3);
        if (inner && inner[0] === r.code[0]) return { reply: r.code, status: inner, paired: true };
      }
      // With nothing quoted, Exchange's "550 4.4.7" is what it is.
      if (classesAgree(paired, first.code)) return { reply: first.code, status: paired, paired: true };
    }
  }
  // 2. each on its own: the first status of the reply's class
  const reply = first ? first.code : '';
  let status = '';
  const statuses = findStatuses(text);
  const failing = statuses.filter((s) => s[0] !== '2');
  for (const s of failing.length ? failing : statuses) {
    if (!reply || classesAgree(s, reply)) {
      status = s;
      break;
    }
  }
  return { reply, status };
}

/** A status code standing right after position `at` ("550 5.1.1", "550-5.1.1", "550 #5.1.1"). */
function statusAfter(text: string, at: number): string | undefined {
  let j = at;
  const stop = Math.min(text.length, j + 4);
  while (j < stop && (text[j] === ' ' || text[j] === '-' || text[j] === '#' || text[j] === '(' || text[j] === "'" || text[j] === '"' || text[j] === '<')) j++;
  const head = text.slice(j, j + 12);
  const found = findStatuses(head, 1);
  return found.length && head.startsWith(found[0]) ? found[0] : undefined;
}

/** No status, or X.0.0, which says only the class (status-reasons.ts's isGenericStatus is wider: codes too general to name a cause). */
function saysClassOnly(status: string): boolean {
  return status === '' || status.slice(1) === '.0.0';
}

/**
 * Picks between two statuses from different sources (say, the DSN Status field and the code
 * quoted in Diagnostic-Code): the more specific wins when both are of the same class, else the
 * first one.
 */
export function preferStatus(primary: string, secondary: string): string {
  if (!primary) return secondary;
  if (!secondary) return primary;
  if (primary[0] === secondary[0] && saysClassOnly(primary) && !saysClassOnly(secondary)) return secondary;
  return primary;
}
