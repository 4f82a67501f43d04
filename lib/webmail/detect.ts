/**
 * Cheap bounce recognition from what a webmail page shows before the body is read: the sender
 * and the subject. Lower-cased substring checks only (no regex over message text).
 * A false positive costs one classification; a false negative hides the panel, so the lists
 * lean towards inclusion and the classifier has the last word.
 */

/** Local parts (before '@') of the mailboxes that send delivery reports. */
const SENDER_LOCAL_PARTS = [
  'mailer-daemon',
  'mailer_daemon',
  'maildaemon',
  'postmaster',
  'mail-daemon',
  'mdaemon',
  'bounce-notification',
];

/** Exchange's fixed system mailbox for tenant NDRs (webmail.md §3; verify). */
const EXCHANGE_SYSTEM_MAILBOX = 'microsoftexchange329e71ec88ae4615bbc36ab6ce41109e@';

/** Display names of the same systems, as webmail shows them. */
const SENDER_NAMES = [
  'mail delivery subsystem',
  'mail delivery system',
  'mailer-daemon',
  'mailer daemon',
  'postmaster',
  'mail administrator',
];

/** Subjects of delivery reports, lower-cased. */
const SUBJECT_PHRASES = [
  'delivery status notification',
  'undeliverable:',
  'undeliverable mail',
  'undelivered mail returned to sender',
  'undelivered mail',
  'mail delivery failed',
  'mail delivery failure',
  'delivery failure',
  'failure notice',
  'returned mail',
  'delivery has failed',
  'delayed mail',
  'delivery delayed',
  'message delivery delayed',
  'warning: could not send message',
  'non-delivery',
  'mail system error',
  'could not be delivered',
  "couldn't be delivered",
  'delivery notification',
];

/** Phrases in a reading pane's text that mark a bounce, for the no-selector fallback. */
const BODY_PHRASES = [
  'delivery has failed to these recipients',
  "couldn't be delivered",
  'diagnostic information for administrators',
  'more info for email admins',
  'technical details of permanent failure',
  'the response from the remote server was',
  'the response was:',
  'address not found',
  'delivery incomplete',
  'message blocked',
  'this is the mail system at host',
  'message could not be delivered',
  'delivery to the following recipient',
  // Exchange's "Diagnostic information for administrators" in Italian, German, French and Japanese
  'informazioni di diagnostica per gli amministratori',
  'diagnoseinformationen für administratoren',
  'informations de diagnostic pour les administrateurs',
  '管理者向けの診断情報',
];

export interface BounceHints {
  sender?: string;
  senderName?: string;
  subject?: string;
}

/** True when the sender (address or display name) is a system that sends delivery reports. */
export function senderLooksLikeBounce({ sender = '', senderName = '' }: BounceHints): boolean {
  const address = sender.toLowerCase();
  const at = address.lastIndexOf('@');
  const local = at >= 0 ? address.slice(0, at) : address;
  if (local && SENDER_LOCAL_PARTS.includes(local)) return true;
  if (address.startsWith(EXCHANGE_SYSTEM_MAILBOX)) return true;
  const name = senderName.toLowerCase().trim();
  return name !== '' && SENDER_NAMES.includes(name);
}

/**
 * Local-part words of mailboxes no person writes from: a gateway's or a sending service's
 * notices ("noreply@", "bounces+…@", "notifications@"). Weaker than SENDER_LOCAL_PARTS: such a
 * sender alone does not make a message a report, but it is not a person replying either.
 */
const AUTOMATED_LOCAL_WORDS = ['noreply', 'no-reply', 'no_reply', 'donotreply', 'do-not-reply', 'do_not_reply', 'bounce', 'daemon', 'notification', 'mail-delivery', 'maildelivery'];

/** True when the sender's address is an automated mailbox (see AUTOMATED_LOCAL_WORDS). */
export function senderLooksAutomated({ sender = '' }: BounceHints): boolean {
  const address = sender.toLowerCase();
  const at = address.lastIndexOf('@');
  if (at <= 0) return false;
  const local = address.slice(0, at);
  return AUTOMATED_LOCAL_WORDS.some((word) => local.includes(word));
}

/** True when the sender or the subject says "delivery report". Costs a few substring checks. */
export function looksLikeBounce(hints: BounceHints): boolean {
  if (senderLooksLikeBounce(hints)) return true;
  const subj = (hints.subject ?? '').toLowerCase();
  return SUBJECT_PHRASES.some((phrase) => subj.includes(phrase));
}

/** True when page text reads like a delivery report (used only when the selectors found nothing). */
export function textLooksLikeBounce(text: string): boolean {
  const lower = text.slice(0, 50_000).toLowerCase();
  return BODY_PHRASES.some((phrase) => lower.includes(phrase));
}
