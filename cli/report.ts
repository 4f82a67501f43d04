/**
 * The readable report: a few lines per message, meant for a terminal. Everything taken from a
 * message is hostile, so control characters (which could drive the terminal) are replaced.
 */
import type { Advice, Classification, DmarcFailure, Kind, RecipientVerdict } from '../lib';
import { KIND_NAMES } from '../lib/reasons';
import { MAX_SCAN_LINES } from '../lib/classify/limits';
import { lookAlike } from '../lib/text/look-alike';
import type { Inspected } from './inspect';
import type { Style } from './style';

const KIND_LABEL: Record<Kind, string> = {
  bounce: 'bounce',
  delay: 'delay notice (still being retried)',
  delivered: 'delivery notice (delivered)',
  feedback: 'feedback report',
  autoreply: 'automatic reply, not a bounce',
  'not-bounce': 'not a bounce',
};

const DIAGNOSTIC_WIDTH = 160;

export function formatReport({ path, result, advice }: Inspected, style: Style): string {
  const title = style.bold(clean(path === '-' ? 'standard input' : path));
  if (result.kind === 'error') return `${title}  ${style.red('error')}: ${clean(result.error)}\n`;

  const lines = [`${title}  ${kindLabel(result, style)}`];
  if (result.dmarcFail) lines.push(`  ${style.yellow(dmarcWarning(result.dmarcFail))}`);
  const original = formatOriginal(result);
  if (original) lines.push(`  ${style.dim('original:')} ${original}`);
  result.recipients.forEach((r, i) => lines.push(...formatRecipient(r, advice[i], style)));
  if (result.unreadLines) {
    lines.push(`  ${style.yellow(`only the first ${MAX_SCAN_LINES.toLocaleString('en-US')} lines were read; ${result.unreadLines.toLocaleString('en-US')} more were not, and a failure named there is not listed`)}`);
  }
  if (result.acceptedRecipients) {
    const n = result.acceptedRecipients;
    lines.push(`  ${style.dim(`… and ${n.toLocaleString('en-US')} ${n === 1 ? 'recipient' : 'recipients'} accepted or delivered, not listed`)}`);
  }
  if (result.omittedRecipients) {
    lines.push(`  ${style.dim(`… and ${result.omittedRecipients.toLocaleString('en-US')} more recipients, counted but not read (the first ${result.recipients.length.toLocaleString('en-US')} are shown)`)}`);
  }
  if (result.recipients.length === 0 && (result.kind === 'bounce' || result.kind === 'delay')) {
    lines.push(`  ${style.dim('no recipient could be identified')}`);
  }
  return lines.join('\n') + '\n';
}

function kindLabel(c: Classification, style: Style): string {
  const types = c.kind === 'feedback' ? [...new Set(c.recipients.map((r) => r.feedback || 'abuse'))] : [];
  const label = (KIND_LABEL[c.kind] ?? c.kind) + (types.length ? ` (${types.map((t) => clean(t)).join(', ')})` : '');
  const provider = c.provider ? style.dim(` · ${c.provider}`) : '';
  const coloured = c.kind === 'bounce' ? style.red(label) : c.kind === 'delay' ? style.yellow(label) : style.green(label);
  return coloured + provider;
}

function dmarcWarning({ domain, unreadable }: DmarcFailure): string {
  const why = unreadable ? 'its authentication result cannot be read whole' : `${domain ? `${clean(domain)} failed` : 'failed'} DMARC`;
  return `sender not verified: ${why} where this report was received; it may be forged`;
}

function formatOriginal(c: Classification): string {
  const { subject, to, date } = c.original;
  const parts = [];
  if (subject) parts.push(`"${clean(subject)}"`);
  if (to) parts.push(`to ${clean(to)}`);
  if (date) parts.push(`sent ${clean(date)}`);
  return parts.join(', ');
}

function formatRecipient(r: RecipientVerdict, a: Advice | undefined, style: Style): string[] {
  const codes = [r.reply, r.status && r.statusImplied ? `${r.status} (implied)` : r.status].filter(Boolean).join(' ') || 'no code';
  const facts = [style.cyan(codes), r.reason];
  if (!NOT_A_FAILURE.has(r.reason)) facts.push(severity(r, style));
  if (r.feedback) facts.push(`feedback: ${clean(r.feedback)}`);
  const sentTo = r.sentTo ? style.dim(` (sent to ${clean(r.sentTo)})`) : '';
  const lines = [`  ${style.bold(clean(r.recipient) || '(recipient not named)')}${sentTo}`, `    ${facts.join(' · ')}`];
  const why = lookAlike(r.recipient);
  if (why) lines.push(`    ${style.yellow(`look-alike letters: the address ${clean(why)}`)}`);
  if (a?.headline) lines.push(`    ${clean(a.headline)}`);
  if (r.diagnostic) lines.push(`    ${style.dim(truncate(clean(r.diagnostic), DIAGNOSTIC_WIDTH))}`);
  return lines;
}

/** Reasons that report no failure, so permanent/hard say nothing about them. */
const NOT_A_FAILURE = new Set<string>(['delivered', 'feedback', 'vacation']);

function severity(r: RecipientVerdict, style: Style): string {
  if (!r.permanent) return style.yellow('temporary');
  return r.hard ? style.red('permanent, hard: suppress this address') : `${style.red('permanent')}, not hard: the address may be fine`;
}

const COUNTED: Readonly<Record<Kind | 'error', readonly [one: string, many: string]>> = { ...KIND_NAMES, error: ['error', 'errors'] };

/**
 * "12 messages: 9 bounces, 2 delay notices, 1 error; 7 addresses to suppress", kinds in a fixed
 * order (an mbox file counts each of its messages), addresses counted once each.
 */
export function formatSummary(counts: ReadonlyMap<string, number>, style: Style, suppress = 0): string {
  let total = 0;
  for (const n of counts.values()) total += n;
  const parts: string[] = [];
  for (const [kind, [one, many]] of Object.entries(COUNTED)) {
    const n = counts.get(kind) ?? 0;
    if (n === 0) continue;
    const part = `${n} ${n === 1 ? one : many}`;
    parts.push(kind === 'error' ? style.red(part) : part);
  }
  const advice = suppress > 0 ? `; ${suppress} address${suppress === 1 ? '' : 'es'} to suppress` : '';
  return style.dim(`${total} message${total === 1 ? '' : 's'}: `) + parts.join(', ') + advice + '\n';
}

/**
 * "Failed recipients by reason: 40 userunknown, 12 authfailure, 3 blocked", most frequent first
 * (ties in name order), so a folder's run says at once what went wrong most. Success notices,
 * feedback reports and automatic replies report no failure and are not counted.
 */
export function formatReasons(reasons: ReadonlyMap<string, number>, style: Style): string {
  const rows = [...reasons].filter(([reason, n]) => n > 0 && !NOT_A_FAILURE.has(reason));
  if (rows.length === 0) return '';
  rows.sort(([a, m], [b, n]) => n - m || (a < b ? -1 : 1));
  return style.dim('Failed recipients by reason: ') + rows.map(([reason, n]) => `${n} ${reason}`).join(', ') + '\n';
}

/**
 * Replaces control characters (C0, DEL, C1) so message text cannot drive the terminal, and the
 * Unicode controls that reorder or break a line as shown (bidirectional marks, embeddings,
 * overrides and isolates; the line and paragraph separators).
 * `keepLayout` keeps line breaks and our own colour codes (ESC followed by `[`, digits and `m`),
 * for text that we formatted ourselves around untrusted parts.
 */
export function clean(s: string, keepLayout = false): string {
  if (!keepLayout) return s.replace(/[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/g, ' ');
  return s.replace(/\x1b(?!\[\d{1,2}m)|[\x00-\x09\x0b-\x1a\x1c-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/g, ' ');
}

function truncate(s: string, width: number): string {
  return s.length <= width ? s : s.slice(0, width - 1) + '…';
}
