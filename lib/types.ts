/**
 * The public shape of a classification. Everything the CLI prints, the popup renders and the
 * content script reports is one of these.
 */
import type { Layer, Reason } from './reasons';

export type Kind = 'bounce' | 'delay' | 'delivered' | 'feedback' | 'autoreply' | 'not-bounce';

/** RFC 3464 Action values, or '' where the message gives none. */
export type Action = 'failed' | 'delayed' | 'delivered' | 'relayed' | 'expanded' | '';

/** Mailbox providers and filters we recognise; '' when unknown. */
export type ProviderId =
  | 'google'
  | 'microsoft'
  | 'yahoo'
  | 'apple'
  | 'amazon'
  | 'comcast'
  | 'cox'
  | 'spectrum'
  | 'godaddy'
  | 'gmx'
  | 'mailru'
  | 'yandex'
  | 'zoho'
  | 'proton'
  | 'tencent'
  | 'netease'
  | 'orange'
  | 'telekom'
  | 'mimecast'
  | 'proofpoint'
  | 'barracuda'
  | 'sophos'
  | 'spamhaus'
  | 'cloudmark'
  | '';

/** Where an evidence line was found. */
export type EvidenceSource = 'delivery-status' | 'body' | 'headers' | 'feedback-report' | 'query';

/** One line of the message that a verdict rests on. */
export interface Evidence {
  source: EvidenceSource;
  /** The line as it stands in the message (unfolded, trimmed, at most 300 characters). */
  text: string;
  /** What we took from it: 'status', 'reply', 'reason', 'recipient', 'provider', ... */
  gave: string;
}

/** Why a sending service keeps an address on its suppression list (RecipientVerdict.serviceHold). */
export type HoldCause = 'bounce' | 'complaint' | 'unsubscribe' | 'manual' | 'list' | 'plan';

export interface RecipientVerdict {
  /** The failed (or reported) address, lower-cased; '' when the message names none. */
  recipient: string;
  /**
   * The address the sender used, when the report gives it (Original-Recipient) and it differs
   * from `recipient`: an alias or forward that led to the address that failed; '' otherwise.
   * (The classifier always sets it; older stored verdicts may lack it.)
   */
  sentTo?: string;
  action: Action;
  /** Enhanced status code (RFC 3463) such as '5.1.1'; '' when none can be found. */
  status: string;
  /** Basic reply code (RFC 5321) such as '550'; '' when none can be found. */
  reply: string;
  remoteMta: string;
  /** The remote server's words (Diagnostic-Code or the quoted SMTP reply), unfolded. */
  diagnostic: string;
  reason: Reason;
  /** The failure is permanent (class 5): resending unchanged will not work. */
  permanent: boolean;
  /** The address itself is dead and must be suppressed. Never true for policy or reputation, nor while a delayed message is still being retried. */
  hard: boolean;
  provider: ProviderId;
  /** Provider-specific tokens: Microsoft 'S3150', 'AS(201806281)'; Google 'p=NoSuchUser'; Yahoo 'TSS04'. */
  providerTokens: string[];
  /**
   * The id of the documented provider response the reason rests on, where the classifier found
   * one (in the reply, or in the rest of the recipient's text): the advice follows the same row.
   */
  providerRow?: string;
  /** ARF feedback type ('abuse', 'opt-out', ...) for feedback reports; '' otherwise. */
  feedback: string;
  /** How the reason was decided, in words: 'the words "user unknown" in the reply'. */
  basis: string;
  /**
   * Another recipient of the same message whose refusal this one shares: the server answered
   * the message data once for all of them, and its reply names only that address. Absent
   * otherwise.
   */
  refusedWith?: string;
  /**
   * The report calls dead the very address it was delivered to. A mailbox that received it
   * exists, so the report is mistaken or forged: `hard` is false and nothing is suppressed on
   * its word. Absent otherwise.
   */
  contradictsDelivery?: boolean;
  /**
   * The mailbox that received the report says its sender failed DMARC (`Classification.dmarcFail`),
   * so this address's death is not taken on its word: `hard` is false until the sender's own
   * logs confirm the failure. Absent otherwise.
   */
  senderUnverified?: boolean;
  /**
   * The sending service (SES, SendGrid, Mailgun, Postmark, ...) held the message back without
   * contacting any server, because the address is on its own suppression list, and why it was
   * listed: after an earlier bounce, a complaint, an unsubscribe, by hand, for a reason the
   * service does not say ('list'), or over the account's plan ('plan'). Not a new failure of
   * the address: `hard` is false and nothing is suppressed anew. Absent otherwise.
   */
  serviceHold?: HoldCause;
  /** The message carries no status code: `status` is the one the reason implies. */
  statusImplied: boolean;
  /** The lines of the message the verdict rests on. */
  evidence: Evidence[];
}

/** What the bounce says of the message that failed. Fields are '' when not carried. */
export interface OriginalMessage {
  subject: string;
  messageId: string;
  from: string;
  to: string;
  date: string;
}

export interface Classification {
  kind: Kind;
  /** The MTA that wrote the report (Reporting-MTA or the bounce's own sender host). */
  reportingMta: string;
  /** The provider of the first recipient, or of the reporting system. */
  provider: ProviderId;
  /** The bounce's own Subject and From, when the input had headers. */
  subject: string;
  from: string;
  original: OriginalMessage;
  recipients: RecipientVerdict[];
  /**
   * The Authentication-Results fields the mailbox that received the report wrote (the topmost,
   * and those under its name) record a DMARC failure of its sender, or cannot be read whole: the
   * report may be forged. Absent otherwise.
   */
  dmarcFail?: DmarcFailure;
  /** Recipients the report names past the first 1,000, counted but not read; absent when none. */
  omittedRecipients?: number;
  /**
   * Recipients the text names as accepted or delivered (a transcript's "250 2.1.5 Ok", a mail
   * log's "status=sent") beside others that failed: left out of `recipients`, counted here;
   * absent when none.
   */
  acceptedRecipients?: number;
  /**
   * Lines of a text report past the first 2,000, which were not read (a mail log pasted whole):
   * a failure named there is not among `recipients`. Absent when every line was read.
   */
  unreadLines?: number;
}

/** A DMARC failure of a report's sender, as the mailbox that received it recorded it. */
export interface DmarcFailure {
  /** The From domain that failed (header.from, else the From field's), lower-cased; '' when none is named. */
  domain: string;
  /** The failing clause under its field's name ("Authentication-Results: mx.google.com; dmarc=fail ..."), cut to 300 characters. */
  line: string;
  /** No failure is recorded, but a field cannot be read whole (cut, or a comment or quote left open): the sender is not verified either. */
  unreadable?: true;
}

/** Input forms: a raw RFC 5322 message, or the text of a bounce as a webmail page shows it. */
export type RawInput = string | Uint8Array | ArrayBuffer;

export interface ClassifyOptions {
  /** Treat the input as webmail text (no headers, HTML already turned into text). */
  text?: boolean;
  /** Subject and sender as the webmail page shows them, to help the text path. */
  subject?: string;
  from?: string;
}

/** What classify returns for input it refuses to read (too large, empty, not text). */
export interface ClassifyFailure {
  kind: 'error';
  error: string;
}

export type ClassifyResult = Classification | ClassifyFailure;

// ---------------------------------------------------------------------------------------------
// Advice (lib/knowledge): what a verdict means and what to do next.

export type WhoActs = 'sender' | 'recipient' | 'both';

export interface RetryPolicy {
  /**
   * none: do not resend to this address as it is;
   * later: no server retries it, but the same message may go through if sent again later
   *        (a full mailbox, a failure of the recipient's own system);
   * backoff: retry with growing intervals for up to `maxHours`;
   * minutes: retry within minutes (greylisting);
   * pause: stop the whole sending and investigate before resuming.
   */
  kind: 'none' | 'later' | 'backoff' | 'minutes' | 'pause';
  /** One sentence a person can act on. */
  summary: string;
  /** How long retrying makes sense, where it does. */
  maxHours?: number;
}

export interface Advice {
  /** One sentence: what happened and what it means for this address. */
  headline: string;
  /** A few plain sentences on what happened. */
  whatHappened: string;
  layer: Layer;
  whoActs: WhoActs;
  permanent: boolean;
  /** Stop mailing this address now. */
  suppress: boolean;
  retry: RetryPolicy;
  /** Numbered, concrete next steps (the numbers are added when shown). */
  steps: string[];
  /** The cause is the sender's own setup or reputation and will hit other recipients too. */
  senderSignal: boolean;
  /** Official help page from our own table (never from the message), or ''. */
  helpUrl: string;
  /** When soft turns hard: for example, still failing after five days. '' when not relevant. */
  softToHard: string;
}

/** One explanation returned by lookup(). */
export interface Explanation extends Advice {
  reply: string;
  status: string;
  reason: Reason;
  provider: ProviderId;
  /** Provider tokens this explanation rests on. */
  providerTokens: string[];
  /** Short title of the code or provider response. */
  title: string;
}

export interface LookupResult {
  query: string;
  results: Explanation[];
  /** Present when the query was a whole bounce and was classified. */
  classification?: Classification;
  /** A clear message when nothing could be explained ("no code found"). */
  message?: string;
  /** Present when the results are several readings of one code, or several codes typed together. */
  note?: string;
}
