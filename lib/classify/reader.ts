/**
 * The reader of a report: the addresses it was delivered to. A mailbox that received a report
 * exists, so a report calling it dead contradicts its own delivery (classify.ts asks these).
 */
import { getHeaders } from '../mime/headers';
import type { RecipientVerdict } from '../types';
import type { Report } from './read-report';
import { addressesIn } from './scan-text';

/**
 * The addresses the report was delivered to: its To (`to`, read already), and the Delivered-To
 * its reader's delivery agent adds. (Not X-Original-To: DragonFly's bounces carry the failed
 * address there.)
 */
export function readerAddresses(report: Report, to: readonly string[]): string[] {
  return [...to, ...getHeaders(report.headers, 'delivered-to').flatMap((f) => addressesIn(f))].map(asciiAddress);
}

/**
 * An address with its domain in ASCII (RFC 5891: "bücher.example" is "xn--bcher-kva.example"),
 * so two spellings of one mailbox compare equal. Unchanged when the runtime cannot convert it.
 */
export function asciiAddress(address: string): string {
  const at = address.lastIndexOf('@');
  if (at === -1 || /^[\x00-\x7f]*$/.test(address.slice(at + 1))) return address;
  try {
    return address.slice(0, at + 1) + new URL(`http://${address.slice(at + 1)}`).hostname;
  } catch {
    return address;
  }
}

/**
 * A mailbox that received the report exists: a report that calls the very address it was sent to
 * dead is mistaken or forged (a fake bounce telling its reader to drop their own address), so
 * that address is not hard, and the advice says why.
 */
export function withReaderAlive(verdicts: RecipientVerdict[], readers: () => readonly string[]): RecipientVerdict[] {
  if (!verdicts.some((v) => v.hard && v.recipient)) return verdicts;
  const known = readers();
  if (known.length === 0) return verdicts;
  return verdicts.map((v) => (v.hard && known.includes(asciiAddress(v.recipient.toLowerCase())) ? { ...v, hard: false, contradictsDelivery: true } : v));
}

/** How much of a report's text, and how many mentions of an address, namesAsFailed() looks at. */
const HEAD_SEARCH = 64 * 1024;
const HEAD_MENTIONS = 50;
/**
 * "delivered to", "delivery to", "your message to", "Recipient Address:": the words before an
 * address whose delivery a report says failed.
 */
const DELIVERY_TO_BEFORE = /\b(?:deliver(?:ed|y)? to|message to|recipient(?: address)?):?\s*<?$/;

/**
 * Does `lower` name `address` as a failed recipient is named: alone on its line (Exchange's list of
 * recipients), before a colon (Postfix's and qmail's "<bob@…>:") or Sendmail's "...", or after
 * "delivered to" (Gmail's "Your message wasn't delivered to bob@…").
 * Prose that names the reader as the sender or addressee of the report ("Your message from
 * <bob@…> could not be delivered", "Delivery report for bob@…") does not. Linear: each mention
 * is looked at once, at most HEAD_MENTIONS of them.
 */
export function namesAsFailed(lower: string, address: string): boolean {
  const text = lower.slice(0, HEAD_SEARCH);
  for (let at = text.indexOf(address), n = 0; at !== -1 && n < HEAD_MENTIONS; at = text.indexOf(address, at + 1), n++) {
    // After words saying its delivery failed, wherever on the line.
    if (DELIVERY_TO_BEFORE.test(text.slice(Math.max(0, at - 32), at))) return true;
    const start = text.lastIndexOf('\n', at - 1) + 1;
    if (!/^[ \t>]*<?$/.test(text.slice(start, at))) continue;
    let end = at + address.length;
    if (text[end] === '>') end++;
    const nl = text.indexOf('\n', end);
    const rest = text.slice(end, nl === -1 ? text.length : nl).trimEnd();
    if (rest === '' || rest.startsWith(':') || rest.startsWith('...')) return true;
  }
  return false;
}
