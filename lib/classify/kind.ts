/**
 * What sort of message this is: a bounce, a delay notice, a success report, an abuse
 * feedback report, an auto-reply, or ordinary mail. Cheap checks on headers and a few words.
 */
import { phraseFinder } from '../text/phrase-set';
import { getHeader } from '../mime/headers';
import { hasFailureCode, hasPermanentCode } from './codes';
import type { Kind } from '../types';
import type { Report } from './read-report';
import { EXIM_LOG_FAILURE, LOG_DEFERRED, LOG_RCPT_REFUSED } from './mail-log';
import { addressesIn, type TextScan } from './scan-text';
import { SERVICE_HOLD_ROWS } from './phrases';

const BOUNCE_SUBJECTS = [
  'delivery status notification',
  'undeliverable',
  'undelivered mail',
  'undeliverable mail',
  'undeliverable message',
  'undeliverable email',
  'delivery failure notification',
  'mail delivery failed',
  'delivery failure',
  'failure notice',
  'returned mail',
  'delivery has failed',
  'mail delivery status', // Courier's "NOTICE: mail delivery status."
  'mail delivery failure',
  'non-delivery',
  'nondelivery',
  'could not be delivered',
  'not delivered',
  'delivery notification',
  'mail system error',
  'delivery problem',
  'returned to sender',
  'warning: could not send message',
  'delayed mail',
  'delivery delayed',
  'message delayed',
  'mail could not be delivered',
  'unzustellbar',
  'error sending message',
  'message you sent',
  'delivery report',
  'delivery final failure',
  'failed delivery',
  'rejected:',
  'mail failure',
  'unable to deliver',
  'nicht zustellbar',
  'delivery failed',
  'undelivered',
  'returned message',
  // Exchange's "Undeliverable:" in other languages, as its localized notices and the bounce
  // handlers that read them write it
  'non recapitabile',
  'non remis',
  'onbestelbaar',
  'olevererbart',
  'kan ikke leveres',
  'ei voitu toimittaa',
  'kézbesíthetetlen',
  'no se puede entregar',
  'no se ha podido entregar',
  'error en la entrega',
  'não entregues',
  'nie można dostarczyć',
  'zprávu nelze doručit',
  'не удается доставить',
  '배달되지 않음',
  '未送达',
  'ekki hægt að afhenda',
];

const BOUNCE_WORDS = [
  'the group you tried to contact', // Google Groups' refusal of a post
  'could not be delivered',
  "couldn't be delivered",
  'was not delivered',
  "wasn't delivered",
  'delivery has failed',
  'delivery to the following recipient',
  'permanent error',
  'permanent fatal error',
  'undeliverable',
  'delivery failed',
  'failed to deliver',
  'unable to deliver',
  'not able to deliver',
  'could not deliver',
  'returned to sender',
  'mail delivery failed',
  'message could not be',
  'delivery to these recipients',
  'following address',
  'following recipient',
  'hasn\'t been delivered',
  'has not been delivered',
  'rejected your message',
  'delivery status notification',
  'mailer-daemon',
  'error occurred while trying to deliver',
  "wasn't able to deliver",
  'was unable to deliver',
  'delivery attempts will continue',
  'temporary error',
  'failed recipient',
  'transcript of session',
  // Gmail's "Address not found" page in Japanese and Chinese, which may carry no code
  'アドレスが見つかりません',
  '找不到地址',
  '- failure reasons -', // Lotus Notes' heading, "------- Failure Reasons --------"
  'smtp error',
  'remote host said',
  'said:',
  'trouble delivering',
  'error delivering',
  'did not like',
  'delivery error',
  'not be delivered',
  'recipient address rejected',
  'delivery to the following',
  'could not be sent',
  "couldn't be sent",
  'message not delivered',
  'rejected recipient',
  'il recapito non è riuscito', // Exchange, Italian: "Il recapito non è riuscito per i seguenti destinatari o gruppi"
];

const DELAY_WORDS = [
  'will continue to try',
  'will keep trying',
  'will retry',
  'delivery attempts will continue',
  'has not yet been delivered',
  "hasn't been delivered yet",
  'not yet been delivered',
  'this is a warning message only',
  'this is only a warning',
  'no action is required',
  'you do not need to resend',
  'you do not need to re-send',
  'only a temporary failure report',
  'still trying',
  'delivery is delayed',
  'delivery has been delayed',
  'message delayed',
  'delay notification',
  'delayed mail',
  'temporarily deferred',
  'will be retried',
  'temporary problem delivering',
  // Gmail's "Delivery incomplete" notice in other languages
  'distribution incomplète',
  'problème temporaire',
  'zustellung unvollständig',
  'vorübergehendes problem',
  'entrega incompleta',
  'problema temporal',
  // Exchange, German: "Die Zustellung an folgende Empfänger oder Verteilerlisten wurde verzögert"
  'verteilerlisten wurde verz',
  // Delay notices in other languages (Exchange's localised notices, translated Postfix
  // templates, Gmail's page): "delivery delayed", "attempts will continue", "a warning only".
  'zustellung verzögert',
  'es wird weiterhin versucht',
  'nur eine warnung',
  'remise différée',
  'remise a été différée',
  'continuera à essayer',
  'tentatives de remise se poursuivront',
  'entrega retrasada',
  'seguirá intentando',
  'entrega atrasada',
  'continuará tentando',
  'continuaremos tentando',
  'recapito è in ritardo',
  'gruppi è in ritardo',
  'altri tentativi di recapito',
  'continuerà a tentare',
  'bezorging vertraagd',
  'blijft proberen',
  'dostarczenie opóźnione',
  'próby dostarczenia będą kontynuowane',
  'доставка задерживается',
  'попытки доставки будут продолжены',
  'временная проблема',
  'будет повторять попытки',
  '配信の遅延',
  '配信が遅延',
  '配信の試行は継続',
  '一時的な問題が発生', // Gmail's Japanese "Delivery incomplete": "a temporary problem occurred"
  '配信を再試行します',
  '延迟传递',
  '传递已延迟',
  '将继续尝试',
  '延遲傳遞',
  '將繼續嘗試',
];

/**
 * The event type of an email service's webhook payload, pasted as JSON: a complaint (Postmark,
 * SparkPost, SendGrid, Mailgun) or a delivery still being retried (SendGrid, Mandrill, SparkPost).
 */
const ESP_EVENT = {
  complaint: /"(?:type|recordtype|event)" ?: ?"(?:spamcomplaint|spam_complaint|spamreport|complained)"/,
  deferred: /"(?:type|event)" ?: ?"(?:deferred|deferral|delay)"/,
  /** A failure event (Postmark "HardBounce", SendGrid and SparkPost "bounce", Mailgun "failed"). */
  failure: /"(?:type|event)" ?: ?"(?:hardbounce|softbounce|bounce|failed)"/,
};


/** The banner of Postfix's and Sendmail's delay notices: "THIS IS A WARNING ONLY. YOU DO NOT NEED TO RESEND". */
const WARNING_ONLY = /this is a warning (?:message )?only\b/;

/** Subjects of delay notices (Gmail, Exchange, Postfix, Sendmail, Exim). */
const DELAY_SUBJECTS = [
  '(delay)',
  'delivery delayed',
  'delayed mail',
  'message delayed',
  'warning: could not send message for past',
  'still being retried',
  'recapito ritardato',
  'verzögerte zustellung',
  'zustellung verzögert',
  'remise différée',
  'entrega retrasada',
  'entrega atrasada',
  'bezorging vertraagd',
  'dostarczenie opóźnione',
  '配信の遅延',
  '延迟传递',
  '延遲傳遞',
];

const AUTOREPLY_SUBJECTS = [
  'auto:',
  'automatic reply',
  'auto reply',
  'auto-reply',
  'autoreply',
  'out of office',
  'out of the office',
  'abwesenheit',
  'vacation',
  'away from',
  // Outlook's "Automatic reply:" in other languages
  'automatische antwort',
  'réponse automatique',
  'respuesta automática',
  'resposta automática',
  'risposta automatica',
  'automatisch antwoord',
  '自動応答',
  '自動返信',
  '自动回复',
  'автоматический ответ',
  'odpowiedź automatyczna',
  'automatická odpověď',
  'automatikus válasz',
  'otomatik yanıt',
  'automatiskt svar',
  'automatisk svar',
  'automaattinen vastaus',
  'αυτόματη απάντηση',
  'tự động trả lời',
  'trả lời tự động',
  'balasan otomatis',
  'תשובה אוטומטית',
  'מענה אוטומטי',
  '자동 회신',
  '自動回覆',
];

/** ARF's Feedback-Type field with a registered type, read in text. */
const FEEDBACK_FIELD = /feedback-type: ?(?:abuse|fraud|virus|other|not-spam|auth-failure|opt-out)\b/;

/** Words no success receipt uses. */
const findFailureWords = phraseFinder(['could not', "couldn't", 'failed', 'failure', 'undeliverable', 'not delivered', "wasn't delivered", 'unable to', 'rejected', 'error']);

/** Success notices written for people (Exchange's "Delivered:" and "Relayed:" receipts). */
const findDeliveredWords = phraseFinder([
  'your message has been delivered to the following recipients',
  'delivery to these recipients or groups is complete',
  'delivery to the following recipients succeeded',
]);

/** Courier's return receipt headings ("MESSAGE DELIVERED SUCCESSFULLY", dsndelivered.txt; dsnrelayed.txt). */
const findCourierReceipt = phraseFinder(['message delivered successfully', 'message delivered to a mail gateway']);

function findIn(lower: string, words: readonly string[]): string | undefined {
  for (const w of words) if (lower.indexOf(w) !== -1) return w;
  return undefined;
}

const findBounceWords = phraseFinder(BOUNCE_WORDS);
/** A sending service's own hold of a listed address ("Bounced Address", Mailgun's 605). */
const findServiceHold = phraseFinder(SERVICE_HOLD_ROWS.flatMap((r) => r.phrases));
const findDelayWords = phraseFinder(DELAY_WORDS);

export function looksLikeBounceSender(from: string): boolean {
  const f = from.toLowerCase();
  return (
    f.includes('mailer-daemon') ||
    f.includes('mailer daemon') ||
    f.trim() === '<>' ||
    f.includes('postmaster') ||
    f.includes('post_master') ||
    f.includes('mail delivery') ||
    f.includes('microsoftexchange') ||
    f.includes('mail administrator') ||
    f.includes('mailer_daemon') ||
    f.includes('mail system') ||
    f.includes('delivery subsystem') ||
    f.includes('courier mail server at') // Courier's own sender, '"Courier mail server at mx.example.org" <@>'
  );
}

/**
 * Names a mail system's notices go out under that anyone can also write: enough to read the
 * subject leniently, not to count as a mail system's own sender (a newsletter from "Microsoft
 * Outlook" is still bulk mail).
 */
const SYSTEM_NAME = /microsoft outlook|system administrator/i;

/** Sent by a mail system: its own sender, or a name anyone can write under a bounce's subject. */
export function sentByMailSystem(from: string, subject: string): boolean {
  return looksLikeBounceSender(from) || (SYSTEM_NAME.test(from) && findBounceSubject(subject) !== undefined);
}

function findBounceSubject(subject: string): string | undefined {
  return findIn(subject.toLowerCase(), BOUNCE_SUBJECTS);
}

/**
 * A bounce's subject as a mail system writes it: the phrase ends the subject or comes before a
 * colon, bracket, dash, comma or full stop ("Undeliverable: Offer", "Delivery Status Notification
 * (Failure)", "Permanent Delivery Failure"). A person's "Undeliverable emails to our
 * accountant", a forward's "Fwd: Undeliverable: ..." or a newsletter's "Delivery failed? 5 ways
 * to fix it" is none.
 */
function findSystemBounceSubject(subject: string): string | undefined {
  const lower = subject.toLowerCase().trim();
  if (isForwardSubject(lower) || isReplySubject(lower)) return undefined;
  return BOUNCE_SUBJECTS.find((phrase) => {
    const at = lower.indexOf(phrase);
    // ... and it opens the subject's own words: after a help desk's "[Ticket #48213] " or an
    // auto-reply's "Request received: " it is a subject quoted by someone else's system.
    // (A mail system's own "Warning: delayed mail" is its words.)
    const before = at > 0 ? lower.slice(0, at) : '';
    return at !== -1 && !before.includes('[') && (!before.includes(':') || /^warning: ?$/.test(before)) && /^(?:$| ?[:(\-–.,[])/.test(lower.slice(at + phrase.length, at + phrase.length + 2));
  });
}

/** A forward's subject prefix, in the languages mail programs write it ("Fwd:", "WG:", "TR:", "RV:"). */
const FORWARD_SUBJECT = /^\s*(?:fwd?|wg|tr|rv|enc|i|doorst|vl|vb|pd|tov|továbbítás|ilt|İlt|转发|轉寄|転送|пересл|fw)\s*[:：]/i;

function looksLikeAutoReply(headers: { autoSubmitted: string; subject: string; extra: boolean }): boolean {
  const auto = headers.autoSubmitted.toLowerCase();
  if (auto.startsWith('auto-replied')) return true;
  if (headers.extra) return true;
  return autoReplySubject(headers.subject);
}

/** An auto-reply's subject ("Automatic reply: …"); a person's "Fwd:" or "RE:" of one is not. */
function autoReplySubject(subject: string): boolean {
  return findIn(subject.toLowerCase(), AUTOREPLY_SUBJECTS) !== undefined && !isReplySubject(subject) && !isForwardSubject(subject);
}

function findBounceWordsIn(lower: string): string | undefined {
  return findBounceWords(lower);
}

function findDelayWordsIn(lower: string): string | undefined {
  return findDelayWords(lower);
}

const LIST_HEADERS = ['x-mlserver', 'x-ml-name', 'mailing-list', 'list-id', 'list-post', 'x-mailman-version', 'list-subscribe'];
const findListHold = phraseFinder(['awaits moderator approval', 'held until the list moderator', 'held for moderation', 'awaiting moderator approval', 'your authorization is requested', 'pending requests', 'requests pending']);
const findListRefusal = phraseFinder([
  'you are not a member',
  'are not member',
  'non-member',
  'only members',
  'not subscribed to this list',
  'not allowed to post',
  'post by non-member',
  'members only',
  // Mailman 3's refusal of a post ("Your message to the X mailing-list was rejected for the
  // following reasons:") and Sympa's ("Impossible to distribute your message for list ...")
  'mailing-list was rejected for the following reason',
  'impossible to distribute your message',
]);

/** A reply's subject prefix, in the languages mail programs write it ("Re:", "AW:", "SV:", "Odp:"). */
const REPLY_SUBJECT = /^\s*(?:re|res|aw|sv|vs|antw|odp|ynt|rif|r|회신|답장|vá|válasz|odg|ats|atb|cevap|отв|ответ|回复|答复|回覆|答覆|返信)\s*(?:\[\d{1,4}\]\s*)?[:：]/i;

/** Tags a help desk or a filter puts before a subject: "[Ticket #48213] ", "[EXTERNAL] ". */
const LEADING_TAGS = /^\s*(?:\[[^\]\n]{0,60}\]\s*){1,3}/;

/** The subject's start, past any leading tags. */
function subjectStart(subject: string): string {
  const head = subject.slice(0, 200);
  return head.replace(LEADING_TAGS, '');
}

/** Does the subject open with a reply's prefix ("Re:", "AW:", "答复:"), after any "[Ticket #1]" tag? */
export function isReplySubject(subject: string): boolean {
  return REPLY_SUBJECT.test(subjectStart(subject));
}

/** Does the subject open with a forward's prefix ("Fwd:", "WG:", "TR:"), after any "[Ticket #1]" tag? */
export function isForwardSubject(subject: string): boolean {
  return FORWARD_SUBJECT.test(subjectStart(subject));
}

function isBulkMail(report: Report): boolean {
  return getHeader(report.headers, 'list-unsubscribe') !== '' || /^(?:bulk|list|junk)$/i.test(getHeader(report.headers, 'precedence').trim());
}

/** A mailing list's own address: its owner, bounce or request address, or the list software. */
const LIST_ADMIN = /[-+](?:owner|bounces?|request|admin)@|\bowner-[^@\s]{0,64}@|\b(?:mailman|listserv|sympa|majordomo|ecartis|lyris)@|\bnoreply@googlegroups\.com|@groups\.io\b/i;

/** The list's own administrative addresses beside `address`, when it is one of them ("volunteers-bounces@…" → its -owner, -request, -admin and owner- siblings). */
export function listAdminSiblings(address: string): string[] {
  const m = /^([^@\s]{1,64})-(?:owner|bounces?|request|admin)@([^@\s]{1,255})$/i.exec(address) ?? /^owner-([^@\s]{1,64})@([^@\s]{1,255})$/i.exec(address);
  if (!m) return [];
  const [, list, domain] = m;
  return ['owner', 'bounces', 'request', 'admin'].map((s) => `${list}-${s}@${domain}`.toLowerCase()).concat(`owner-${list}@${domain}`.toLowerCase());
}

function isListServer(report: Report): boolean {
  return LIST_HEADERS.some((h) => getHeader(report.headers, h) !== '');
}

/** Text that opens with a failure reply: a 4xx or 5xx code, then a status code or words. */
const REPLY_FIRST = /^\s*[45]\d\d[ -](?:[45]\.\d{1,3}\.\d{1,3}\b|[a-z])/;
/**
 * A failure code as a server writes it, for text that shows no other sign of a bounce: an X.Y.Z
 * status, or a reply code opening a line or following a colon, "said", "error" and the like (a
 * room number or a phone number in ordinary mail is neither; nor is an IP address, "10.4.2.1",
 * whose digits look like a status).
 */
const REPLY_CODE_IN_TEXT = /(?<![\d.])[45]\.\d{1,3}\.\d{1,3}\b(?!\.\d)|(?:^|\n)[ \t]*(?:[<>]{2,3}[ \t]*)?[45]\d\d[ -]|(?:said|returned|response|reply|error|code|:)\W{0,3}[45]\d\d\b/i;

/** REPLY_CODE_IN_TEXT in the explanation as written (its line starts count). */
function replyCodeInText(scan: TextScan): boolean {
  return REPLY_CODE_IN_TEXT.test(scan.errorText.length > 8192 ? scan.errorText.slice(0, 8192) : scan.errorText);
}

/** How much of the recipients' own lines recipientCarriesCode reads, in all. */
const MAX_RECIPIENT_CODE_TEXT = 256 * 1024;

/**
 * REPLY_CODE_IN_TEXT in a recipient's own lines, wherever they stand: a mail log pasted whole
 * ("grep relay= /var/log/mail.log") can hold pages of delivered lines before the one that
 * bounced, beyond what replyCodeInText reads.
 */
function recipientCarriesCode(scan: TextScan): boolean {
  let budget = MAX_RECIPIENT_CODE_TEXT;
  for (const r of scan.recipients) {
    for (const line of r.lines) {
      if (budget <= 0) return false;
      const part = line.length > budget ? line.slice(0, budget) : line;
      budget -= part.length;
      if (REPLY_CODE_IN_TEXT.test(part)) return true;
    }
  }
  return false;
}

/**
 * The reader's own mailbox as the subject ("your mailbox is full", "your inbox storage"), or
 * mail coming to the reader ("4 messages addressed to you are held").
 */
const ABOUT_READERS_MAILBOX = /\byour (?:e-?mail )?(?:mailbox|mail box|inbox|storage|quota)\b|\bmessages (?:addressed|sent) to you\b/;

/** The report returns the message, or its headers, or quotes them. */
function returnsMessage(report: Report): boolean {
  const o = report.original;
  return report.errorEnd < report.text.length || !!(o.messageId || o.subject || o.from || o.to || o.date) || !!report.returnedBounce;
}

/** From the DSN actions: all delivered-like → delivered; all delayed → delay; else bounce. */
function kindFromActions(actions: readonly string[]): Kind | undefined {
  const known = actions.filter((a) => a);
  if (!known.length) return undefined;
  if (known.every((a) => a === 'delivered' || a === 'relayed' || a === 'expanded')) return 'delivered';
  if (known.every((a) => a === 'delayed')) return 'delay';
  return 'bounce';
}

/**
 * The kind of a report, from its parts, headers and words (`explanation`: the explanation,
 * lower-cased, asked for only when the delivery-status fields do not settle it).
 */
export function decideKind(report: Report, scan: TextScan, explanation: () => string): Kind {
  if (report.feedback || report.reportType === 'feedback-report') return 'feedback';
  if (report.subject.toLowerCase().includes('complaint about message')) return 'feedback'; // Outlook.com's older complaint notices
  const dsnKind = report.dsn ? kindFromActions(report.dsn.recipients.map((r) => r.action)) : undefined;
  if (dsnKind) return dsnKind;
  const lower = explanation();
  if (lower.includes('sent this email to unsubscribe')) return 'feedback'; // Apple Mail's unsubscribe request
  // An ARF report as a page shows it: its fields are plain text there. So is an email service's
  // complaint event pasted as JSON (Postmark "SpamComplaint", SparkPost "spam_complaint"), unless
  // failure events stand beside it (a listing of bounces, one of them a complaint): then the
  // failures are what the paste reports.
  if (report.fromText && (lower.includes('this is an email abuse report') || FEEDBACK_FIELD.test(lower) || (ESP_EVENT.complaint.test(lower) && !ESP_EVENT.failure.test(lower)))) return 'feedback';
  // A receipt written for people ("Your message has been delivered to the following recipients")
  // that reports no failure.
  if (findDeliveredWords(lower) && !findFailureWords(lower) && !replyCodeInText(scan)) return 'delivered';
  // Courier's return receipts share its failure notice's subject ("NOTICE: mail delivery status.")
  // and sender; their heading says what they are. One that is both (module.dsn/dsn.c: "a non-delivery
  // report or a return receipt (or both!)") has the failure heading too, and is a bounce.
  if (findCourierReceipt(lower) && !lower.includes('undeliverable mail') && !replyCodeInText(scan)) return 'delivered';
  const failedHeader = getHeader(report.headers, 'x-failed-recipients');
  const isReport = report.reportType === 'delivery-status' || (report.dsn?.recipients.length ?? 0) > 0;
  // A notice about a message that went through (Exchange's data loss prevention tip, "Your
  // message was delivered. It contains sensitive information ...") reports no failure either.
  if (!isReport && !failedHeader && lower.includes('your message was delivered') && !findFailureWords(lower) && !replyCodeInText(scan)) return 'not-bounce';
  const bounceSender = looksLikeBounceSender(report.from);
  // (From a person, only a subject a mail system would write counts.)
  const bounceSubject = !report.from || looksLikeBounceSender(report.from) || SYSTEM_NAME.test(report.from) ? findBounceSubject(report.subject) : findSystemBounceSubject(report.subject);
  const bounceWords = findBounceWordsIn(lower);
  // A mail system's name on an ordinary address ("Mail Administrator <servicedesk@…>", a hosted
  // vacation service's "Mail System"), or a postmaster mailbox's own "Automatic reply:", does
  // not make an auto-reply a bounce: with no code and no bounce words, the auto-reply's own
  // headers and subject decide.
  const nameOnly = bounceSender && !addressesIn(report.from).some((a) => looksLikeBounceSender(a));
  const saysNoFailure = !bounceWords && !hasFailureCode(lower);
  if (!isReport && !failedHeader && (!bounceSender || (saysNoFailure && (nameOnly || autoReplySubject(report.subject))))) {
    const autoSubmitted = getHeader(report.headers, 'auto-submitted');
    const extra = !!(getHeader(report.headers, 'x-autoreply') || getHeader(report.headers, 'x-autorespond') || /^auto_?reply$/i.test(getHeader(report.headers, 'precedence')));
    if (looksLikeAutoReply({ autoSubmitted, subject: report.subject, extra }) && !bounceSubject) return 'autoreply';
  }
  // Outlook's report on recalling a message lists recipients and "Failed", but nothing bounced.
  if (!isReport && RECALL_SUBJECT.test(report.subject)) return 'not-bounce';
  // A read receipt (RFC 8098's disposition notification, Outlook's "Read:" and "Not read:") says
  // what the reader did with a message that was delivered: no failure.
  if (!isReport && (report.reportType === 'disposition-notification' || READ_RECEIPT_SUBJECT.test(report.subject))) return 'not-bounce';
  // A mailing list's own refusal of a post ("you are not a member of this list"); a post held
  // for its moderator, for that same reason, is not refused, only waiting.
  const fromList = LIST_ADMIN.test(report.from) || getHeader(report.headers, 'x-list-administrivia') !== '';
  // (A page shows no headers: there the list software's own sender says it, "sympa@…".)
  const listNotice = isListServer(report) || (report.fromText && fromList);
  if (listNotice && findListHold(lower)) return 'not-bounce';
  // (Only from the list's own address: a post to the list may discuss non-members too.)
  if (listNotice && findListRefusal(lower) && fromList) return 'bounce';
  // Bulk mail (a newsletter, a tutorial on SMTP codes) that merely quotes a bounce is not one:
  // no mail system writes its notices with an unsubscribe link.
  if (!isReport && !failedHeader && !bounceSender && isBulkMail(report)) return 'not-bounce';
  // So is a person's reply in a conversation about a bounce ("Re: Undeliverable: ...").
  if (!isReport && !failedHeader && !bounceSender && isReplySubject(report.subject)) return 'not-bounce';
  // A notice about the reader's own mailbox ("your mailbox is over its quota", whether a real
  // warning or phishing dressed as one) is no bounce: a bounce tells the sender about another
  // mailbox, and names it or returns the message. Here nothing is returned and the only address
  // named is the reader's own (excluded from the scan).
  if (!isReport && !failedHeader && !report.fromText && scan.recipients.length === 0 && !returnsMessage(report) && ABOUT_READERS_MAILBOX.test(lower)) return 'not-bounce';
  // A mail system's notice that quotes codes only in prose ("will be rejected with 550 5.7.26":
  // a postmaster's word on sender requirements), under a subject that is no bounce's, naming no
  // one, returning nothing and saying nothing failed, is no bounce either.
  if (!isReport && !failedHeader && report.from && !bounceSubject && !bounceWords && scan.recipients.length === 0 && !returnsMessage(report) && !REPLY_FIRST.test(lower)) return 'not-bounce';
  // Bounce words alone, in mail from a named sender that is no mail system under a subject that
  // is no bounce's, are a person writing about bounces.
  const wordsCount = !!bounceWords && (!report.from || bounceSender || !!bounceSubject);
  const evidenceOfBounce = isReport || !!failedHeader || ((bounceSender || !!bounceSubject || wordsCount) && (scan.recipients.length > 0 || hasFailureCode(lower) || !!bounceWords));
  // Text someone chose to inspect, naming an address and a failure code, is a bounce in any language.
  // So is a server's failure reply pasted alone ("550 5.7.26 This mail has been blocked ..."),
  // which names nobody: the reply is the whole of it. So is an email service's event that names
  // an address and says the service held the message back for it (SendGrid's "Bounced Address",
  // Mailgun's 605, Mandrill's reject_reason), which carries no SMTP code at all.
  // (A page shows who sent the message: from a person, under a subject that is no bounce's, the
  // same text is someone writing about a bounce.)
  const textWithCodes =
    !!report.fromText && (!report.from || bounceSender || !!bounceSubject) && ((scan.recipients.length > 0 && (replyCodeInText(scan) || EXIM_LOG_FAILURE.test(lower) || LOG_RCPT_REFUSED.test(lower.slice(0, 8192)) || LOG_DEFERRED.test(lower.slice(0, 8192)) || recipientCarriesCode(scan) || !!findServiceHold(lower))) || REPLY_FIRST.test(lower));
  if (!evidenceOfBounce && !textWithCodes) return 'not-bounce';
  return isDelayNotice(report, lower) ? 'delay' : 'bounce';
}

/** Read receipts' subjects: Outlook's "Read: ..." and "Not read: ...". */
const READ_RECEIPT_SUBJECT = /^\s*(?:read|not read)\s*:/i;

/** Outlook's message recall reports. */
const RECALL_SUBJECT = /^\s*(?:message recall report|recall report|recall failure|recall success)\b/i;

/** Tags a gateway puts in front of a subject: "[EXTERNAL] ", "[EXT] ", "*External* ", "#External: ", "EXT: ". */
const SUBJECT_TAGS = /^(?:(?:\[[^\]]{1,30}\]|\*[^*]{1,30}\*|#?(?:external|ext) ?:)\s*){1,3}/;

/** Subjects of notices written once the sending has given up (Exchange's "Undeliverable:" in other languages too). */
const FINAL_SUBJECT =
  /\(failure\)|^\s*(?:undeliverable|mail delivery failed|failure notice|returned mail)\b|^\s*(?:unzustellbar|non remis|no se puede entregar|não é possível entregar|non recapitabile|onbestelbaar|nie można dostarczyć|не удается доставить|配信不能|无法传递|無法傳遞|배달되지 않음)/i;

/**
 * A delay notice says it will go on trying (in its words, in its subject, as Gmail's "Delivery
 * Status Notification (Delay)" does over a body in any language, or as an email service's
 * "deferred" event), quotes no permanent failure, and does not call itself permanent ("if
 * delivery fails permanently, you'll be told" is a delay's own words; a 5 inside a status such
 * as 4.7.500 is no permanent reply). One that calls itself a warning only (Postfix's and
 * Sendmail's banner) is a delay even where it quotes a 5xx reply: Postfix defers a 554 greeting.
 */
function isDelayNotice(report: Report, lower: string): boolean {
  const delayed =
    findDelayWordsIn(lower) !== undefined ||
    findIn(report.subject.toLowerCase(), DELAY_SUBJECTS) !== undefined ||
    (!!report.fromText && (ESP_EVENT.deferred.test(lower) || LOG_DEFERRED.test(lower)));
  if (!delayed || /permanent (?:error|failure|fatal)|failed permanently/.test(lower)) return false;
  // A subject that says the sending gave up decides, whatever the quoted reply says ("421 ...
  // temporarily deferred" in Gmail's "Delivery Status Notification (Failure)").
  // (Not the original's subject after a delay notice's own: "Delivery delayed: RE: … (Failure)".)
  // (A gateway's tag in front, "[EXTERNAL] Delivery delayed: …", is not the notice's subject.)
  const subject = report.subject.toLowerCase().trimStart().replace(SUBJECT_TAGS, '');
  if (FINAL_SUBJECT.test(subject) && !DELAY_SUBJECTS.some((s) => subject.startsWith(s))) return false;
  return !hasPermanentCode(lower) || WARNING_ONLY.test(lower);
}
