/**
 * The `--jsonl` record: one object per input file, with a fixed set of fields so that other
 * tools can rely on them. Every field is always present; strings are '' when there is nothing.
 */
import { emptyOriginal } from '../lib';
import type { Advice, Kind, OriginalMessage, ProviderId, RecipientVerdict, RetryPolicy } from '../lib';
import type { Inspected } from './inspect';

export interface JsonlRecipient {
  recipient: string;
  /** The address the sender used, when an alias or forward led to `recipient` ('' otherwise). */
  sentTo: string;
  /** Another recipient whose refusal this one shares: the reply to the message data names only it ('' otherwise). */
  refusedWith: string;
  /** The report calls dead the address it was delivered to, so it is not believed (`hard` false, nothing suppressed). */
  contradictsDelivery: boolean;
  /** The report's sender failed DMARC where it was received, so this address is not taken as dead on its word (`hard` false). */
  senderUnverified: boolean;
  action: RecipientVerdict['action'];
  status: string;
  reply: string;
  reason: RecipientVerdict['reason'];
  permanent: boolean;
  hard: boolean;
  provider: ProviderId;
  providerTokens: string[];
  remoteMta: string;
  diagnostic: string;
  feedback: string;
  /** How the reason was decided, in words. */
  basis: string;
  /** The status the reason implies when the message carries none ('' otherwise; `status` is then ''). */
  impliedStatus: string;
  suppress: boolean;
  layer: Advice['layer'];
  whoActs: Advice['whoActs'];
  headline: string;
  steps: string[];
  retry: RetryPolicy;
  senderSignal: boolean;
  helpUrl: string;
}

export interface JsonlRecord {
  /** The input's base name, as the stable contract has it. */
  file: string;
  /** Its path as given or as found by walking (files of the same name in two folders differ here). */
  path: string;
  kind: Kind | 'error';
  provider: ProviderId;
  original: OriginalMessage;
  /** The mailbox that received the report says its sender failed DMARC: it may be forged. */
  dmarcFail: boolean;
  recipients: JsonlRecipient[];
  /** Recipients the report names past the first 1,000, counted but not read. */
  omittedRecipients: number;
  /** Recipients the text names as accepted or delivered beside those that failed, not listed. */
  acceptedRecipients: number;
  /** Lines of a text report past the first 2,000, not read. */
  unreadLines: number;
  error: string;
}


export function toJsonlRecord({ file, path, result, advice }: Inspected): JsonlRecord {
  if (result.kind === 'error') {
    return { file, path, kind: 'error', provider: '', original: emptyOriginal(), dmarcFail: false, recipients: [], omittedRecipients: 0, acceptedRecipients: 0, unreadLines: 0, error: result.error };
  }
  return {
    file,
    path,
    kind: result.kind,
    provider: result.provider,
    original: { ...emptyOriginal(), ...result.original },
    dmarcFail: result.dmarcFail !== undefined,
    recipients: result.recipients.map((r, i) => toJsonlRecipient(r, advice[i])),
    omittedRecipients: result.omittedRecipients ?? 0,
    acceptedRecipients: result.acceptedRecipients ?? 0,
    unreadLines: result.unreadLines ?? 0,
    error: '',
  };
}

function toJsonlRecipient(r: RecipientVerdict, a: Advice): JsonlRecipient {
  return {
    recipient: r.recipient,
    sentTo: r.sentTo ?? '',
    refusedWith: r.refusedWith ?? '',
    contradictsDelivery: r.contradictsDelivery === true,
    senderUnverified: r.senderUnverified === true,
    action: r.action,
    // `status` is what the message says; a status only implied by the reason goes apart.
    status: r.statusImplied ? '' : r.status ?? '',
    reply: r.reply ?? '',
    reason: r.reason,
    permanent: r.permanent,
    hard: r.hard,
    provider: r.provider,
    providerTokens: r.providerTokens,
    remoteMta: r.remoteMta,
    diagnostic: r.diagnostic,
    feedback: r.feedback,
    basis: r.basis,
    impliedStatus: r.statusImplied ? r.status : '',
    ...adviceFields(a),
  };
}

/** The advice fields both JSON outputs carry (--jsonl recipients and explain --json results). */
export function adviceFields(a: Advice): Pick<Advice, 'suppress' | 'layer' | 'whoActs' | 'headline' | 'steps' | 'retry' | 'senderSignal' | 'helpUrl'> {
  return {
    suppress: a.suppress,
    layer: a.layer,
    whoActs: a.whoActs,
    headline: a.headline,
    steps: a.steps,
    retry: a.retry,
    senderSignal: a.senderSignal,
    helpUrl: a.helpUrl,
  };
}

export function toJsonlLine(inspected: Inspected): string {
  return JSON.stringify(toJsonlRecord(inspected)) + '\n';
}
