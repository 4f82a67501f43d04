/**
 * Amazon SES notifications (bounce, complaint, delivery, and the delivery-delay and reject
 * events) sent as JSON, directly or wrapped
 * in an SNS envelope whose "Message" holds the JSON as a string. Mail gateways often fold the
 * long lines, so line breaks are dropped before parsing.
 */
import { stripType, typeOf, wellFormedStatus, type DeliveryStatus, type DsnRecipient } from './delivery-status';
import type { FeedbackReport } from './read-report';
import type { OriginalMessage } from '../types';

export interface SesNotification {
  dsn?: DeliveryStatus;
  feedback?: FeedbackReport;
  original: Partial<OriginalMessage>;
}

/**
 * The largest notification read as JSON: a 2 MB paste (the popup's largest) laid out one field a
 * line by classify.ts grows by its indentation. Beyond it the text is read as text.
 */
const MAX_JSON = 4 * 1024 * 1024;

/** The first balanced {...} in `text`, honouring strings; undefined when there is none. */
function extractJsonObject(text: string): string | undefined {
  const start = text.indexOf('{');
  if (start === -1) return undefined;
  let depth = 0;
  let inString = false;
  const end = Math.min(text.length, start + MAX_JSON);
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // backslash escapes the next char
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123) depth++;
    else if (c === 125 && --depth === 0) return text.slice(start, i + 1);
  }
  return undefined;
}

function parseLoose(text: string): unknown {
  const json = extractJsonObject(text.replace(/\n/g, ''));
  if (!json) return undefined;
  try {
    return JSON.parse(json);
  } catch {
    return undefined;
  }
}

/**
 * SES's bounce subtypes for its own suppression lists, and what each means where the
 * notification gives no diagnostic: the account-level list (addresses added after a bounce, a
 * complaint, or by hand) and the global list (addresses that recently bounced as invalid for any
 * SES customer). The words are those phrases.ts reads as the service's hold.
 */
const SES_HOLDS: Readonly<Record<string, string>> = {
  OnAccountSuppressionList: 'OnAccountSuppressionList: Amazon SES sent nothing, as the address is on the suppression list for your account',
  Suppressed: 'Suppressed: Amazon SES has suppressed sending to this address, which recently bounced as an invalid address',
};

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
const arr = (v: unknown): Json[] => (Array.isArray(v) ? v.map(obj) : []);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

export function looksLikeSesJson(text: string): boolean {
  const head = text.slice(0, 4096);
  return head.indexOf('"notificationType"') !== -1 || head.indexOf('\\"notificationType\\"') !== -1 || head.indexOf('"eventType"') !== -1 || head.indexOf('\\"eventType\\"') !== -1;
}

export function readSesNotification(text: string): SesNotification | undefined {
  let root = obj(parseLoose(text));
  if (typeof root['Message'] === 'string') root = obj(parseLoose(root['Message'] as string));
  const type = str(root['notificationType'] ?? root['eventType']).toLowerCase();
  if (!type) return undefined;
  const mail = obj(root['mail']);
  const common = obj(mail['commonHeaders']);
  const original: Partial<OriginalMessage> = {
    subject: str(common['subject']),
    messageId: str(common['messageId']) || str(mail['messageId']),
    from: Array.isArray(common['from']) ? (common['from'] as unknown[]).map(str).join(', ') : '',
    to: Array.isArray(common['to']) ? (common['to'] as unknown[]).map(str).join(', ') : '',
    date: str(common['date']),
  };
  const line = (name: string, value: string) => `${name}: ${value}`;

  if (type === 'bounce') {
    const bounce = obj(root['bounce']);
    // SES's own suppression lists: SES sent nothing, and its status (5.1.1 whatever the cause the
    // address was listed for) is its label, not a server's answer. Its words say so; where it
    // gives none, the subtype's documented meaning does.
    const subType = str(bounce['bounceSubType']);
    const held = Object.hasOwn(SES_HOLDS, subType) ? SES_HOLDS[subType] : undefined;
    const recipients: DsnRecipient[] = arr(bounce['bouncedRecipients']).map((r) => ({
      finalRecipient: str(r['emailAddress']),
      originalRecipient: '',
      action: str(r['action']).toLowerCase() || (str(bounce['bounceType']) === 'Transient' ? 'delayed' : 'failed'),
      // Only a well-formed code counts, as in a delivery-status part: the JSON is the sender's to write.
      status: held ? '' : wellFormedStatus(str(r['status']).trim()),
      remoteMta: '',
      diagnostic: stripType(str(r['diagnosticCode'])) || (held ?? ''),
      diagnosticType: typeOf(str(r['diagnosticCode'])),
      statusComment: '',
      lines: [line('emailAddress', str(r['emailAddress'])), line('status', str(r['status'])), line('diagnosticCode', str(r['diagnosticCode'])), line('bounceType', `${str(bounce['bounceType'])}/${str(bounce['bounceSubType'])}`)],
    }));
    return { dsn: { reportingMta: stripType(str(bounce['reportingMTA'])), recipients }, original };
  }
  if (type === 'deliverydelay') {
    // Still being retried: each delayed recipient with its status and the last reply.
    const delay = obj(root['deliveryDelay']);
    const recipients: DsnRecipient[] = arr(delay['delayedRecipients']).map((r) => ({
      finalRecipient: str(r['emailAddress']),
      originalRecipient: '',
      action: 'delayed',
      status: wellFormedStatus(str(r['status']).trim()),
      remoteMta: '',
      diagnostic: stripType(str(r['diagnosticCode'])),
      diagnosticType: typeOf(str(r['diagnosticCode'])),
      statusComment: '',
      lines: [line('emailAddress', str(r['emailAddress'])), line('status', str(r['status'])), line('diagnosticCode', str(r['diagnosticCode'])), line('delayType', str(delay['delayType']))],
    }));
    return { dsn: { reportingMta: stripType(str(delay['reportingMTA'])), recipients }, original };
  }
  if (type === 'reject') {
    // SES sent nothing: it found a virus in the message (its documented meaning of a Reject
    // event, whose only reason is "Bad content").
    const reason = str(obj(root['reject'])['reason']) || 'Bad content';
    const meaning = `${reason}: Amazon SES found a virus in the message and did not send it`;
    const recipients: DsnRecipient[] = (Array.isArray(mail['destination']) ? (mail['destination'] as unknown[]).map(str) : []).map((addr) => ({
      finalRecipient: addr,
      originalRecipient: '',
      action: 'failed',
      status: '',
      remoteMta: '',
      diagnostic: meaning,
      diagnosticType: '',
      statusComment: '',
      lines: [line('destination', addr), line('reject.reason', reason)],
    }));
    return { dsn: { reportingMta: '', recipients }, original };
  }
  if (type === 'delivery') {
    const delivery = obj(root['delivery']);
    const response = str(delivery['smtpResponse']);
    const recipients: DsnRecipient[] = (Array.isArray(delivery['recipients']) ? (delivery['recipients'] as unknown[]).map(str) : []).map((addr) => ({
      finalRecipient: addr,
      originalRecipient: '',
      action: 'delivered',
      status: '',
      remoteMta: str(delivery['remoteMtaIp']),
      diagnostic: response,
      diagnosticType: 'smtp',
      statusComment: '',
      lines: [line('recipient', addr), line('smtpResponse', response)],
    }));
    return { dsn: { reportingMta: str(delivery['reportingMTA']), recipients }, original };
  }
  if (type === 'complaint') {
    const complaint = obj(root['complaint']);
    const recipients = arr(complaint['complainedRecipients']).map((r) => str(r['emailAddress']));
    const feedbackType = str(complaint['complaintFeedbackType']) || 'abuse';
    return { feedback: { type: feedbackType.toLowerCase(), recipients, lines: [line('complaintFeedbackType', feedbackType)] }, original };
  }
  return undefined;
}
