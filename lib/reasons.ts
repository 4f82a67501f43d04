/**
 * The 34 bounce reasons, defined once. The `Reason` type comes from this record's keys, so a
 * typo such as "deliverd" is a compile error rather than a silent miss.
 *
 * `permanent` is the usual class of the failure when the message itself does not say;
 * `hard` says whether the reason, when permanent, means the address itself is dead and must be
 * suppressed. Policy, reputation and content reasons are never hard: the mailbox is fine and the
 * sender has to change something instead.
 */
import type { Kind } from './types';

export type Layer = 'recipient' | 'domain' | 'mailbox-capacity' | 'server' | 'policy';

export interface ReasonInfo {
  /** One line: the message was not delivered because ... */
  readonly summary: string;
  /** Usual class when the message carries no code. */
  readonly permanent: boolean;
  /** A permanent failure with this reason means the address is dead. */
  readonly hard: boolean;
  /** Which layer failed. */
  readonly layer: Layer;
  /** Status implied when the message carries none (RFC 3463 form). */
  readonly impliedStatus: string;
}

export const REASONS = {
  userunknown: { summary: 'the mailbox does not exist', permanent: true, hard: true, layer: 'recipient', impliedStatus: '5.1.1' },
  hostunknown: { summary: "the recipient's domain does not exist or has no mail server", permanent: true, hard: true, layer: 'domain', impliedStatus: '5.1.2' },
  hasmoved: { summary: 'the recipient has moved to another address', permanent: true, hard: true, layer: 'recipient', impliedStatus: '5.1.6' },
  suspend: { summary: 'the mailbox is disabled or suspended', permanent: true, hard: false, layer: 'recipient', impliedStatus: '5.2.1' },
  mailboxfull: { summary: "the recipient's mailbox is full", permanent: false, hard: false, layer: 'mailbox-capacity', impliedStatus: '4.2.2' },
  exceedlimit: { summary: "the message is larger than the recipient's own limit", permanent: true, hard: false, layer: 'mailbox-capacity', impliedStatus: '5.2.3' },
  mesgtoobig: { summary: "the message is larger than the receiving system's limit", permanent: true, hard: false, layer: 'server', impliedStatus: '5.3.4' },
  systemfull: { summary: "the receiving server's disk is full", permanent: false, hard: false, layer: 'server', impliedStatus: '4.3.1' },
  filtered: { summary: 'a filter at the recipient refused it', permanent: true, hard: false, layer: 'policy', impliedStatus: '5.2.0' },
  rejected: { summary: 'the sender address was refused', permanent: true, hard: false, layer: 'policy', impliedStatus: '5.1.8' },
  blocked: { summary: 'the sending server or IP address was refused', permanent: true, hard: false, layer: 'policy', impliedStatus: '5.7.1' },
  badreputation: { summary: 'the sending IP or domain has a poor reputation', permanent: false, hard: false, layer: 'policy', impliedStatus: '4.7.0' },
  requireptr: { summary: 'the sending IP has no valid reverse DNS (PTR) record', permanent: true, hard: false, layer: 'policy', impliedStatus: '5.7.25' },
  authfailure: { summary: 'SPF, DKIM or DMARC checks failed', permanent: true, hard: false, layer: 'policy', impliedStatus: '5.7.26' },
  notcompliantrfc: { summary: 'the message breaks the email format rules', permanent: true, hard: false, layer: 'policy', impliedStatus: '5.7.1' },
  spamdetected: { summary: 'the content was judged to be spam', permanent: true, hard: false, layer: 'policy', impliedStatus: '5.7.1' },
  virusdetected: { summary: 'the message carries malware', permanent: true, hard: false, layer: 'policy', impliedStatus: '5.7.1' },
  contenterror: { summary: "the message's structure or encoding is invalid", permanent: true, hard: false, layer: 'policy', impliedStatus: '5.6.0' },
  policyviolation: { summary: "the receiver's local policy forbids this message", permanent: true, hard: false, layer: 'policy', impliedStatus: '5.7.0' },
  securityerror: { summary: 'a security requirement (authentication, TLS) was not met', permanent: true, hard: false, layer: 'policy', impliedStatus: '5.7.0' },
  speeding: { summary: 'the sender exceeded a rate limit', permanent: false, hard: false, layer: 'policy', impliedStatus: '4.7.0' },
  toomanyconn: { summary: 'too many connections or recipients at once', permanent: false, hard: false, layer: 'server', impliedStatus: '4.3.2' },
  norelaying: { summary: 'the server refused to relay for this domain', permanent: true, hard: false, layer: 'server', impliedStatus: '5.7.1' },
  notaccept: { summary: 'the destination accepts no mail at all', permanent: true, hard: true, layer: 'domain', impliedStatus: '5.1.10' },
  networkerror: { summary: 'a DNS or network failure stopped delivery', permanent: false, hard: false, layer: 'server', impliedStatus: '4.4.0' },
  expired: { summary: "delivery kept failing until the sender's retry time ran out", permanent: false, hard: false, layer: 'server', impliedStatus: '4.4.7' },
  systemerror: { summary: 'the receiving system had an error', permanent: false, hard: false, layer: 'server', impliedStatus: '4.3.0' },
  mailererror: { summary: 'a local delivery program failed', permanent: true, hard: false, layer: 'server', impliedStatus: '5.3.0' },
  syntaxerror: { summary: 'the SMTP dialogue was malformed', permanent: true, hard: false, layer: 'server', impliedStatus: '5.5.2' },
  onhold: { summary: 'the cause cannot be decided from what the message says', permanent: true, hard: false, layer: 'server', impliedStatus: '5.0.0' },
  undefined: { summary: 'no cause could be found', permanent: true, hard: false, layer: 'server', impliedStatus: '5.0.0' },
  delivered: { summary: 'the message was delivered (a success notice)', permanent: false, hard: false, layer: 'recipient', impliedStatus: '2.0.0' },
  feedback: { summary: 'a spam complaint or other feedback report', permanent: false, hard: false, layer: 'policy', impliedStatus: '' },
  vacation: { summary: 'an automatic reply, not a bounce', permanent: false, hard: false, layer: 'recipient', impliedStatus: '' },
} as const satisfies Record<string, ReasonInfo>;

export type Reason = keyof typeof REASONS;

export const REASON_NAMES = Object.keys(REASONS) as Reason[];

/** Reasons that say the address itself is dead (`hard`): the one list the classifier and the advice share. */
export const DEAD_ADDRESS_REASONS: ReadonlySet<Reason> = new Set(REASON_NAMES.filter((r) => REASONS[r].hard));

/**
 * A security or policy status (X.7.x) is a refusal by policy, whatever words come with it: it
 * never lets address words ("user unknown") make an address dead, so a policy block never
 * suppresses a real customer. Then the reason is `filtered`. The classifier and the popup's
 * lookup both ask this.
 */
export function policyOverrules(status: string, reason: Reason): boolean {
  return status.slice(1, 3) === '.7' && DEAD_ADDRESS_REASONS.has(reason);
}

export function isReason(name: string): name is Reason {
  return Object.prototype.hasOwnProperty.call(REASONS, name);
}

/** What each kind of report is called in plain words, one and many (the CLI's summary, the side panel's history). */
export const KIND_NAMES: Readonly<Record<Kind, readonly [one: string, many: string]>> = {
  bounce: ['bounce', 'bounces'],
  delay: ['delay notice', 'delay notices'],
  delivered: ['delivery notice', 'delivery notices'],
  feedback: ['feedback report', 'feedback reports'],
  autoreply: ['automatic reply', 'automatic replies'],
  'not-bounce': ['message that is not a bounce', 'messages that are not bounces'],
};
