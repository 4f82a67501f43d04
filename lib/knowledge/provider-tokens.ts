/**
 * Provider tokens in a lower-cased text, found by one pass of a phrase automaton over their
 * first letters (TOKEN_NEEDLES) and character checks around each hit: Microsoft S3150 / AS(201806281) / RP-001, Yahoo and
 * Apple bracket codes [TSS04] [HM08], Google help topics p=NoSuchUser and answer/6596, Comcast
 * BL000001, GoDaddy IB104, Cox CXBL / IPBL1000, Spectrum AUP#I-1000, Orange OFR_416, GMX c=r0201, Sophos XGEMAIL_0011.
 */
import type { ProviderId } from '../types';
import { PhraseSet } from '../text/phrase-set';

/** Only this much of a text is scanned for markers and tokens. */
export const SCAN_LIMIT = 64 * 1024;
/** At most this many hits of one token family are examined. */
const MAX_HITS = 32;

/** Google help topics (?p=...) in their canonical spelling. */
const GOOGLE_TOPICS: ReadonlyMap<string, string> = new Map(
  [
    'NoSuchUser', 'BadRcptDomain', 'DisabledUser', 'OverQuotaTemp', 'OverQuotaPerm', 'ReceivingRate', 'ReceivingRatePerm',
    'TooManyRecipientsError', 'UnsolicitedRateLimitError', 'UnsolicitedMessageError', 'MaxSizeError', 'MailLoop', 'helo',
    'BlockedMessage', 'IPv6AuthError', 'RfcMessageNonCompliant', 'NotAuthorizedError', 'DmarcRejection', 'InvalidSecondFactor',
    'BadCredentials', 'WantAuthError',
  ].map((t) => [t.toLowerCase(), `p=${t}`]),
);

const isDigit = (c: number) => c >= 48 && c <= 57;
const isLetter = (c: number) => c >= 97 && c <= 122;
const isWordChar = (c: number) => isDigit(c) || isLetter(c) || c === 95;

function digitsAt(s: string, i: number, max: number): number {
  let n = 0;
  while (n < max && i + n < s.length && isDigit(s.charCodeAt(i + n))) n++;
  return n;
}

export function startsAtEdge(s: string, i: number): boolean {
  if (i === 0) return true;
  const c = s.charCodeAt(i - 1);
  return !isWordChar(c) && c !== 45; // not a letter, digit, '_' or '-'
}

export function endsAtEdge(s: string, i: number): boolean {
  return i >= s.length || !isWordChar(s.charCodeAt(i));
}

export function tokenProvider(token: string): ProviderId {
  if (token.startsWith('p=') || token.startsWith('answer/') || token === 'gcdp') return 'google';
  if (/^(?:S\d|AS|RP-|SC-|DY-|OU-)/.test(token)) return 'microsoft';
  if (/^(?:TSS?\d|PH\d|BL\d\d$|VS1-)/.test(token)) return 'yahoo';
  if (/^(?:CS\d|HM|HME)/.test(token)) return 'apple';
  if (/^(?:BL|RL|ES|DM)\d{6}$/.test(token)) return 'comcast';
  if (/^IB\d/.test(token)) return 'godaddy';
  if (/^(?:CX|CDRBL|IPBL|URLBL)/.test(token)) return 'cox';
  if (token.startsWith('AUP#')) return 'spectrum';
  if (token.startsWith('OFR') || token.startsWith('LPN')) return 'orange';
  if (token.startsWith('c=')) return 'gmx';
  if (token.startsWith('XGEMAIL_')) return 'sophos';
  return '';
}

type Add = (token: string) => void;

/**
 * Each token family: the text that starts it (its needle) and what to read from there. `i` is
 * where the needle starts in `s`.
 */
const FAMILIES: readonly (readonly [needle: string, read: (s: string, i: number, add: Add) => void])[] = [
  // Microsoft: (S3150), (AS843), AS(201806281)
  ['(s', (s, i, add) => {
    const n = digitsAt(s, i + 2, 6);
    if (n >= 3 && n <= 5 && s.charCodeAt(i + 2 + n) === 41) add(`S${s.substr(i + 2, n)}`);
  }],
  ['(as', (s, i, add) => {
    const n = digitsAt(s, i + 3, 10);
    if (n >= 3 && s.charCodeAt(i + 3 + n) === 41) add(`AS${s.substr(i + 3, n)}`);
  }],
  ['as(', (s, i, add) => {
    const n = digitsAt(s, i + 3, 13);
    if (n >= 3 && n <= 12 && s.charCodeAt(i + 3 + n) === 41 && startsAtEdge(s, i)) add(`AS(${s.substr(i + 3, n)})`);
  }],
  // Bracketed codes: Yahoo [TSS04] [TS01] [PH01] [BL21]; Apple [CS01] [HM08] [HME1]
  ['[', (s, i, add) => {
    let j = i + 1;
    while (j < s.length && j - i <= 3 && isLetter(s.charCodeAt(j))) j++;
    const letters = s.slice(i + 1, j);
    const n = digitsAt(s, j, 3);
    if (n >= 1 && n <= 2 && s.charCodeAt(j + n) === 93 && BRACKET_LETTERS.has(letters)) add(s.slice(i + 1, j + n).toUpperCase());
  }],
  // Google help topics (?p=NoSuchUser) and answers (support.google.com/mail/answer/6596)
  ['p=', (s, i, add) => {
    const before = i > 0 ? s.charCodeAt(i - 1) : 0;
    if (before !== 63 && before !== 38) return; // '?' or '&'
    let j = i + 2;
    while (j < s.length && j - i < 40 && (isLetter(s.charCodeAt(j)) || isDigit(s.charCodeAt(j)))) j++;
    const topic = GOOGLE_TOPICS.get(s.slice(i + 2, j));
    if (topic) add(topic);
  }],
  ['answer/', (s, i, add) => {
    if (!s.startsWith('google.com/mail/', i - 16) && !s.startsWith('google.com/a/', i - 13)) return;
    const n = digitsAt(s, i + 7, 9);
    if (n >= 3) add(`answer/${s.substr(i + 7, n)}`);
  }],
  ['gcdp', (s, i, add) => {
    if (startsAtEdge(s, i)) add('gcdp');
  }],
  // Outlook.com RP-001, SC-001, DY-001, OU-001
  ...['rp-', 'sc-', 'dy-', 'ou-'].map((needle) => [needle, (s: string, i: number, add: Add) => {
    if (startsAtEdge(s, i) && digitsAt(s, i + 3, 4) === 3 && endsAtEdge(s, i + 6)) add(s.substr(i, 6).toUpperCase());
  }] as const),
  // Yahoo VS1-IP, VS1-MF
  ['vs1-', (s, i, add) => {
    const t = s.substr(i + 4, 2);
    if ((t === 'ip' || t === 'mf') && startsAtEdge(s, i)) add(`VS1-${t.toUpperCase()}`);
  }],
  // Comcast BL000001, RL000001, ES000001, DM000001: two letters and six binary flag digits
  ...['bl0', 'rl0', 'es0', 'dm0'].map((needle) => [needle, (s: string, i: number, add: Add) => {
    if (startsAtEdge(s, i) && digitsAt(s, i + 2, 7) === 6 && /^[01]{6}$/.test(s.substr(i + 2, 6))) add(s.substr(i, 8).toUpperCase());
  }] as const),
  // GoDaddy IB103
  ['ib', (s, i, add) => {
    if (startsAtEdge(s, i) && digitsAt(s, i + 2, 4) === 3 && endsAtEdge(s, i + 5)) add(s.substr(i, 5).toUpperCase());
  }],
  // Cox CXBL, CDRBL, CXDNS, CXSNDR, CXCNCT, CXMXRT, IPBL1000, URLBL1011
  ...['cxbl', 'cdrbl', 'cxdns', 'cxsndr', 'cxcnct', 'cxmxrt'].map((needle) => [needle, (s: string, i: number, add: Add) => {
    if (startsAtEdge(s, i) && endsAtEdge(s, i + needle.length)) add(needle.toUpperCase());
  }] as const),
  ...['ipbl', 'urlbl'].map((needle) => [needle, (s: string, i: number, add: Add) => {
    const n = digitsAt(s, i + needle.length, 6);
    if (startsAtEdge(s, i) && n >= 3 && n <= 5) add(s.substr(i, needle.length + n).toUpperCase());
  }] as const),
  // Spectrum AUP#I-1000 / AUP#In-1310 / AUP#1000
  ['aup#', (s, i, add) => {
    let j = i + 4;
    if (s.charCodeAt(j) === 105) j++; // 'i'
    if (s.charCodeAt(j - 1) === 105 && s.charCodeAt(j) === 110) j++; // 'in' (inbound)
    if (s.charCodeAt(j) === 45) j++; // '-'
    const n = digitsAt(s, j, 5);
    if (n === 4) add(s.slice(i, j + n).toUpperCase());
  }],
  // Orange / La Poste OFR_416, OFR004_104, LPN416
  ...['ofr', 'lpn'].map((needle) => [needle, (s: string, i: number, add: Add) => {
    if (!startsAtEdge(s, i)) return;
    let j = i + 3;
    while (j < s.length && j - i < 14 && (isDigit(s.charCodeAt(j)) || s.charCodeAt(j) === 95)) j++;
    if (j > i + 3 && isDigit(s.charCodeAt(j - 1)) && endsAtEdge(s, j)) add(s.slice(i, j).toUpperCase());
  }] as const),
  // Sophos Email XGEMAIL_0011
  ['xgemail_', (s, i, add) => {
    const n = digitsAt(s, i + 8, 5);
    if (startsAtEdge(s, i) && n === 4 && endsAtEdge(s, i + 8 + n)) add(s.substr(i, 8 + n).toUpperCase());
  }],
  // GMX / WEB.DE case links: .../case?c=r0201
  ['case?c=', (s, i, add) => {
    let j = i + 7;
    while (j < s.length && j - i < 20 && (isLetter(s.charCodeAt(j)) || isDigit(s.charCodeAt(j)))) j++;
    if (j > i + 7) add(`c=${s.slice(i + 7, j)}`);
  }],
];

const BRACKET_LETTERS: ReadonlySet<string> = new Set(['ts', 'tss', 'ph', 'bl', 'cs', 'hm', 'hme']);

/** The needle that starts each token family, by family number. */
export const TOKEN_NEEDLES: readonly string[] = FAMILIES.map(([needle]) => needle);

/**
 * Collects tokens for a scan that reports where needles stand (see TOKEN_NEEDLES): call `at`
 * for each needle found, in text order; `tokens` holds what was read, without duplicates.
 */
export class TokenReader {
  readonly tokens: string[] = [];
  private readonly hits = new Uint8Array(FAMILIES.length);
  private readonly add = (t: string) => {
    if (!this.tokens.includes(t)) this.tokens.push(t);
  };

  constructor(private readonly s: string) {}

  at(family: number, start: number): void {
    if (this.hits[family] >= MAX_HITS) return;
    this.hits[family]++;
    FAMILIES[family][1](this.s, start, this.add);
  }
}

/** Every family's needle in one automaton: a single pass finds where each family may start. */
const NEEDLES = new PhraseSet(TOKEN_NEEDLES.map((phrase, group) => ({ group, phrase })));

/** Provider tokens found in a lower-cased text, canonical case, in text order. */
export function extractTokens(lower: string): string[] {
  const s = lower.length > SCAN_LIMIT ? lower.slice(0, SCAN_LIMIT) : lower;
  const reader = new TokenReader(s);
  NEEDLES.each(s, (family, start) => reader.at(family, start));
  return reader.tokens;
}
