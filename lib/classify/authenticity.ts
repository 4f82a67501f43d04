/**
 * Whether the mailbox that received a report could verify who sent it. Forged bounces exist:
 * phishing dressed as a delivery failure, or a report made to have its reader drop a live
 * address. The receiving system writes its verdict on the sender as Authentication-Results
 * fields (RFC 8601) above every field the message arrived with, and deletes arriving fields that
 * claim its own name (section 5): the topmost field is its own, and so is every field under the
 * same name (iCloud writes one per check, Proton and OpenDMARC add theirs below another filter's).
 * A field under another name may be the sender's words. Only a DMARC failure is taken as a doubt:
 * a report from a domain without a DMARC policy is no less genuine for it.
 */
import { getHeader, getHeaders, MAX_HEADER_VALUE, type Header } from '../mime/headers';
import type { DmarcFailure, Evidence, RecipientVerdict } from '../types';
import { cut } from './recipients';
import { addressesIn } from './scan-text';

/** How many Authentication-Results fields are read, and how much of one is kept as evidence. */
const MAX_FIELDS = 8;
const MAX_EVIDENCE = 300;

const DMARC_RESULT = /^\s*dmarc\s*=\s*([a-z]+)/i;
const DMARC_WORD = /dmarc/i;
const HEADER_FROM = /\bheader\.from\s*=\s*([^\s;]+)/i;

/**
 * The DMARC failure the receiving mailbox's Authentication-Results fields record, or undefined
 * when they record none. A failure in any of its fields stands, whatever another says. A field
 * that cannot be read whole (cut by the header reader, or with a comment or quote left open) is
 * not taken to record none.
 */
export function dmarcFailure(headers: readonly Header[]): DmarcFailure | undefined {
  const fields = getHeaders(headers, 'authentication-results');
  if (fields.length === 0) return undefined;
  // (Most reports record no DMARC result at all: nothing to read then, unless a field was cut.)
  if (!fields.some((f) => DMARC_WORD.test(f) || f.length >= MAX_HEADER_VALUE)) return undefined;
  const top = readField(fields[0]);
  let unreadable = false;
  for (let i = 0; i < Math.min(fields.length, MAX_FIELDS); i++) {
    const field = i === 0 ? top : readField(fields[i]);
    // (Microsoft writes no name, and one field only.)
    if (i > 0 && !(top.id && sameService(field.id, top.id))) continue;
    for (const clause of field.clauses) {
      const result = DMARC_RESULT.exec(clause.text);
      if (!result || result[1].toLowerCase() !== 'fail') continue;
      const domain = HEADER_FROM.exec(clause.text)?.[1] ?? fromDomain(getHeader(headers, 'from'));
      const line = `Authentication-Results: ${field.id ? `${field.id}; ` : ''}${fields[i].slice(clause.start, clause.end).trim()}`;
      return { domain: domain.toLowerCase(), line: cut(line, MAX_EVIDENCE) };
    }
    if (field.open || fields[i].length >= MAX_HEADER_VALUE) unreadable = true;
  }
  if (unreadable) {
    return { domain: fromDomain(getHeader(headers, 'from')).toLowerCase(), line: 'Authentication-Results: (cannot be read whole: too long, or a comment or quote left open)', unreadable: true };
  }
  return undefined;
}

interface Clause {
  /** The clause with its comments and quoted strings blanked out. */
  text: string;
  /** Where it stands in the field. */
  start: number;
  end: number;
}

/**
 * A field's authserv-id (its first word, when that is no "method=result"; '' otherwise) and its
 * clauses: split on ";" outside comments, which nest, and quoted strings, which may escape
 * (`smtp.mailfrom="x;dmarc=pass"@…` is one value). `open`: a comment or quote never closed.
 * One pass: linear.
 */
function readField(value: string): { id: string; clauses: Clause[]; open: boolean } {
  const clauses: Clause[] = [];
  let text = '';
  let start = 0;
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (quoted) {
      if (c === '\\') i++;
      else if (c === '"') quoted = false;
      text += ' ';
    } else if (c === '(') {
      depth++;
      text += ' ';
    } else if (depth > 0) {
      if (c === ')') depth--;
      else if (c === '\\') i++;
      text += ' ';
    } else if (c === '"') {
      quoted = true;
      text += ' ';
    } else if (c === ';') {
      clauses.push({ text, start, end: i });
      text = '';
      start = i + 1;
    } else {
      text += c;
    }
  }
  clauses.push({ text, start, end: value.length });
  const first = clauses[0].text.trim().split(/\s+/)[0] ?? '';
  const id = first.includes('=') ? '' : first.toLowerCase();
  return { id, clauses: id ? clauses.slice(1) : clauses, open: depth > 0 || quoted };
}

/**
 * One receiving service: the same name, or the same registered domain ("dmarc.icloud.com",
 * "bimi.icloud.com"; three labels under a country's generic second level, "co.uk", "ne.jp",
 * "com.au"). (A short name is not enough to be one: "gmx.de" and "web.de" are registered names.)
 */
function sameService(a: string, b: string): boolean {
  if (!a || !b) return false;
  return a === b || (a.includes('.') && registered(a) === registered(b));
}

/** Second levels under which a country's registry hands out names (co.uk, ne.jp, com.au, ...). */
const COUNTRY_SECOND_LEVELS = new Set(['ac', 'co', 'com', 'ed', 'edu', 'go', 'gov', 'gr', 'lg', 'ltd', 'ne', 'net', 'or', 'org', 'plc']);

function registered(name: string): string {
  const labels = name.split('.');
  const short = labels.length > 2 && labels[labels.length - 1].length === 2 && COUNTRY_SECOND_LEVELS.has(labels[labels.length - 2]);
  return labels.slice(short ? -3 : -2).join('.');
}

/** The domain of a From field's address ('' when it has none). */
function fromDomain(from: string): string {
  const address = addressesIn(from)[0] ?? '';
  return address.slice(address.lastIndexOf('@') + 1);
}

/**
 * A report whose sender failed DMARC is not believed when it calls an address dead: `hard` is
 * withheld until the sender confirms the failure in their own logs, and the advice says why.
 */
export function withSenderDoubted(verdicts: RecipientVerdict[], failure: DmarcFailure): RecipientVerdict[] {
  if (!verdicts.some((v) => v.hard)) return verdicts;
  const evidence: Evidence = { source: 'headers', text: failure.line, gave: 'dmarc' };
  return verdicts.map((v) => (v.hard ? { ...v, hard: false, senderUnverified: true, evidence: [...v.evidence, evidence] } : v));
}
