/**
 * Mail log lines pasted as a report (Postfix's "to=<…>, … status=bounced (…)", Exim's "**"
 * lines): what state a line records, and which of one recipient's lines speaks last.
 */

/**
 * A mail log's record of a message still queued: Postfix's "status=deferred", Sendmail's
 * "stat=Deferred: …", Exim's "== kim@… … defer (-44)", qmail's "delivery 14: deferral:",
 * OpenSMTPD's result="TempFail".
 */
export const LOG_DEFERRED = /\bstatus=deferred\b|\bstat=deferred\b|(?:^|\s)== [^\s@]{1,64}@|\bdelivery \d{1,12}: deferral:|\bresult="tempfail"/i;

/** Exim's main log marks a failed delivery with "**": "2024-05-06 10:14:04 1sA1b2-000Abc-Q1 ** kim@…". */
export const EXIM_LOG_FAILURE = /(?:^|\n)\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d{1,6})? [\w-]{6,40} \*\* \S/;

/**
 * A receiving server's log refusing a recipient as it arrived: Postfix's smtpd "NOQUEUE: reject:
 * RCPT from host[ip]: 550 5.1.1 <kim@…>: …", Exim's "F=<…> rejected RCPT <kim@…>: Unknown user".
 */
export const LOG_RCPT_REFUSED = /\breject: rcpt from |\brejected rcpt <[^\s<>@]{1,64}@/i;

/**
 * Where a mail log line records an outcome: Postfix's and Sendmail's "status=bounced",
 * "status=deferred", "status=sent", qmail-send's "delivery 14: success:", "failure:",
 * "deferral:", OpenSMTPD's result="Ok", "PermFail", "TempFail".
 */
const LOG_STATUS = /\bstatus=(?:bounced|deferred|sent|expired)(?![\w-])|\bdelivery \d{1,12}: (?:success|failure|deferral):|\bresult="(?:ok|permfail|tempfail)"/i;

/** The outcomes above that say the message arrived. */
const LOG_SENT = /\bstatus=sent(?![\w-])|\bdelivery \d{1,12}: success:|\bresult="ok"/i;

/**
 * The index of the last line of `lines` that records a mail log outcome, when more than one
 * does (the lines of one queue id: deferred, deferred, then bounced): the last one speaks. -1
 * otherwise.
 */
export function lastLogOutcome(lines: readonly string[]): number {
  let last = -1;
  let count = 0;
  for (let i = 0; i < lines.length; i++) {
    if (LOG_STATUS.test(lines[i])) {
      last = i;
      count++;
    }
  }
  return count > 1 ? last : -1;
}

/**
 * Whether the last outcome `lines` record says the message arrived ("status=sent" after two
 * "status=deferred"; qmail's "delivery 14: success:"): such a recipient did not fail.
 */
export function loggedAsSent(lines: readonly string[]): boolean {
  for (let i = lines.length - 1; i >= 0; i--) {
    if (LOG_STATUS.test(lines[i])) return LOG_SENT.test(lines[i]);
  }
  return false;
}

/** Postfix's and Sendmail's "relay=mx.example.org[192.0.2.25]:25", Exim's "H=mx.example.org [192.0.2.25]". */
const LOG_RELAY = /(?:^|[\s,])(?:relay|h)=([a-z0-9][a-z0-9.-]{0,252})(?=[\s,[]|$)/i;

/**
 * The server a mail log's lines say the message went to, for the "Remote server" row: the host
 * of the last line that names one ('' for none, and for Postfix's "relay=none" and
 * "relay=local", which name no server).
 */
export function logRemoteMta(lines: readonly string[]): string {
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i];
    if (line.indexOf('=') === -1) continue;
    const m = LOG_RELAY.exec(line.length > 2000 ? line.slice(0, 2000) : line);
    const host = m ? m[1].replace(/\.+$/, '').toLowerCase() : ''; // (Sendmail ends the name with a dot)
    if (host.includes('.')) return host;
  }
  return '';
}
