/**
 * Mail log lines pasted as a report (Postfix's "to=<…>, … status=bounced (…)", Sendmail's
 * "stat=", Exim's "**" and "==" lines, qmail's "delivery 14:", OpenSMTPD's result=): whether a
 * text holds such a record (holdsLogRecord), what state a line records, which of one
 * recipient's lines speaks last, and the server it went to (logRemoteMta). Which address on a
 * line is the recipient and which the sender ("from=<…>", "ctladdr=<…>") is scan-text.ts's call.
 */

/**
 * A mail log's record of a message still queued: Postfix's "status=deferred", Sendmail's
 * "stat=Deferred: …", Exim's "== kim@… … defer (-44)" and "temporarily rejected RCPT", qmail's "delivery 14: deferral:",
 * OpenSMTPD's result="TempFail".
 */
export const LOG_DEFERRED = /\bstatus=deferred\b|\btemporarily rejected rcpt\b|\bstat=deferred\b|(?:^|\s)== [^\s@]{1,64}@|\bdelivery \d{1,12}: deferral:|\bresult="tempfail"/i;

/** Exim's main log marks a failed delivery with "**": "2024-05-06 10:14:04 1sA1b2-000Abc-Q1 ** kim@…". */
export const EXIM_LOG_FAILURE = /(?:^|\n)\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d{1,6})? [\w-]{6,40} \*\* \S/;

/** Exim's main log line of a failed ("**") or deferred ("==") delivery, after its time stamp and message id (or the id alone, the date cut off). */
const EXIM_LOG_OUTCOME = /(?:\d\d:\d\d:\d\d(?:\.\d{1,6})? [\w-]{6,40}|(?:^|\n)[0-9A-Za-z]{6}-[0-9A-Za-z]{6,11}-[0-9A-Za-z]{2,4}) (?:\*\*|==) [^\s@]{1,64}@/;

/** Where a log line's recipient field starts ("to=<kim@…>", "to=kim@…"). */
const TO_FIELD = /\bto=<?[^\s<>@,]{1,64}@/g;

/** The fields after a recipient that make a line a delivery record (Postfix, Sendmail, OpenSMTPD). */
const OUTCOME_FIELDS = ['status=', 'stat=', 'dsn=', 'result='];

/**
 * Does `text` hold a mail log's record of one delivery, which names its recipient: Postfix's,
 * Sendmail's and OpenSMTPD's "to=<kim@…>, … status=bounced" / "stat=User unknown" /
 * result="PermFail" (a recipient field, then an outcome field on the same line), Exim's
 * "** kim@…" / "== kim@…", or a receiving server's refusal of a recipient (LOG_RCPT_REFUSED)?
 * Linear: each recipient field looks for the outcome fields once, up to its line's end.
 */
export function holdsLogRecord(text: string): boolean {
  if (EXIM_LOG_OUTCOME.test(text) || LOG_RCPT_REFUSED.test(text)) return true;
  const lower = text.toLowerCase();
  TO_FIELD.lastIndex = 0;
  let searchedTo = -1;
  for (let m = TO_FIELD.exec(lower); m; m = TO_FIELD.exec(lower)) {
    const nl = lower.indexOf('\n', m.index);
    const end = nl === -1 ? lower.length : nl;
    if (end <= searchedTo) continue; // this line was searched from an earlier field
    const rest = lower.slice(m.index, end);
    if (OUTCOME_FIELDS.some((field) => rest.includes(field))) return true;
    searchedTo = end;
  }
  return false;
}

/**
 * A receiving server's log refusing a recipient as it arrived: Postfix's smtpd "NOQUEUE: reject:
 * RCPT from host[ip]: 550 5.1.1 <kim@…>: …", Exim's "F=<…> rejected RCPT <kim@…>: Unknown user",
 * Sendmail's "ruleset=check_rcpt, arg1=<kim@…>, relay=…, reject=550 5.1.1 …".
 */
export const LOG_RCPT_REFUSED = /\breject: rcpt from |\brejected rcpt <[^\s<>@]{1,64}@|\bruleset=check_rcpt, arg1=<?[^\s<>@,]{1,64}@[^\s<>,]{1,255}>?, [^\n]{0,300}?\breject=[45]\d\d\b/i;

/**
 * Where a mail log line records an outcome: Postfix's and Sendmail's "status=bounced",
 * "status=deferred", "status=sent", qmail-send's "delivery 14: success:", "failure:",
 * "deferral:", OpenSMTPD's result="Ok", "PermFail", "TempFail".
 */
const LOG_STATUS = /\bstatus=(?:bounced|deferred|sent|expired)(?![\w-])|\bdelivery \d{1,12}: (?:success|failure|deferral):|\bresult="(?:ok|permfail|tempfail)"/i;

/** The outcomes above that say the message arrived. */
const LOG_SENT = /\bstatus=sent(?![\w-])|\bdelivery \d{1,12}: success:|\bresult="ok"/i;

/**
 * What a recipient's lines record as mail log outcomes, read in one pass: `last`, the index of
 * the last line of `lines` that records one, when more than one does (the lines of one queue id:
 * deferred, deferred, then bounced: the last one speaks), -1 otherwise; and `sent`, whether the
 * last outcome says the message arrived ("status=sent" after two "status=deferred"; qmail's
 * "delivery 14: success:"): such a recipient did not fail.
 */
export function logOutcome(lines: readonly string[]): { last: number; sent: boolean } {
  let last = -1;
  let count = 0;
  for (let i = 0; i < lines.length; i++) {
    if (LOG_STATUS.test(lines[i])) {
      last = i;
      count++;
    }
  }
  return { last: count > 1 ? last : -1, sent: last !== -1 && LOG_SENT.test(lines[last]) };
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
