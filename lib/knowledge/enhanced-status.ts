/**
 * Enhanced status codes (RFC 3463): the registry table, and an honest explanation built from the
 * class and subject digits for any well-formed code the registry does not list.
 */
import { REASONS, type Layer, type Reason } from '../reasons';
import type { StatusRow } from './schema';
import { STATUS_ROWS } from './tables/status-table';

export { STATUS_ROWS };

export interface StatusExplanation {
  /** 'status.X.1.1' for a registered code, 'status.derived.X.1.99' otherwise. */
  id: string;
  /** The code as asked, e.g. '5.1.1'. */
  status: string;
  title: string;
  meaning: string;
  reason: Reason;
  permanent: boolean;
  layer: Layer;
  /** The code is in the IANA registry. */
  registered: boolean;
  source: string;
}

const BY_CODE: ReadonlyMap<string, StatusRow> = new Map(STATUS_ROWS.map((r) => [r.code, r]));

export const CLASS_MEANINGS: Readonly<Record<'2' | '4' | '5', string>> = {
  '2': 'Success: the message was delivered or the request was accepted.',
  '4': 'Temporary failure: the sending server may try again, and a later attempt can succeed.',
  '5': 'Permanent failure: sending the same message again unchanged will fail the same way.',
};

const SUBJECTS: readonly { readonly name: string; readonly sentence: string; readonly reason: Reason; readonly reasonTransient: Reason; readonly layer: Layer }[] = [
  { name: 'other', sentence: 'The code names no subject area.', reason: 'undefined', reasonTransient: 'systemerror', layer: 'server' },
  { name: 'addressing', sentence: "It concerns an address (the sender's or the recipient's).", reason: 'onhold', reasonTransient: 'onhold', layer: 'recipient' },
  { name: 'mailbox', sentence: "It concerns the recipient's mailbox.", reason: 'onhold', reasonTransient: 'onhold', layer: 'recipient' },
  { name: 'mail system', sentence: 'It concerns the receiving mail system as a whole.', reason: 'systemerror', reasonTransient: 'systemerror', layer: 'server' },
  { name: 'network and routing', sentence: 'It concerns the network or routing between the servers.', reason: 'networkerror', reasonTransient: 'networkerror', layer: 'server' },
  { name: 'delivery protocol', sentence: 'It concerns the SMTP conversation itself.', reason: 'syntaxerror', reasonTransient: 'systemerror', layer: 'server' },
  { name: 'content', sentence: 'It concerns the message content or its format.', reason: 'contenterror', reasonTransient: 'contenterror', layer: 'policy' },
  { name: 'security and policy', sentence: "It concerns security or the receiver's policy.", reason: 'policyviolation', reasonTransient: 'policyviolation', layer: 'policy' },
];

/** Splits 'C.S.D' into numbers; undefined unless class is 2, 4 or 5 and the parts are 1-3 digits. */
export function parseStatus(status: string): { klass: '2' | '4' | '5'; subject: number; detail: number } | undefined {
  if (typeof status !== 'string' || status.length > 11) return undefined;
  const m = /^([245])\.(\d{1,3})\.(\d{1,3})$/.exec(status.trim());
  if (!m) return undefined;
  return { klass: m[1] as '2' | '4' | '5', subject: Number(m[2]), detail: Number(m[3]) };
}

/** The registry row for a code in any class ('5.1.1' and '4.1.1' both give X.1.1). */
export function statusRow(status: string): StatusRow | undefined {
  const p = parseStatus(status);
  return p ? BY_CODE.get(`X.${p.subject}.${p.detail}`) : undefined;
}

/**
 * Explains an enhanced status code: the registry row in the code's class, or a derived explanation
 * from the class and subject digits. undefined for anything that is not a status code.
 */
export function explainStatus(status: string): StatusExplanation | undefined {
  const p = parseStatus(status);
  if (!p) return undefined;
  const code = `${p.klass}.${p.subject}.${p.detail}`;
  const row = BY_CODE.get(`X.${p.subject}.${p.detail}`);
  if (row) {
    const reason: Reason = p.klass === '2' ? 'delivered' : p.klass === '4' ? row.reasonTransient : row.reason;
    return {
      id: row.id,
      status: code,
      title: row.title,
      meaning: row.meaning,
      reason,
      permanent: p.klass === '5',
      layer: reason === row.reason ? row.layer : REASONS[reason].layer,
      registered: true,
      source: row.source,
    };
  }
  const subject = SUBJECTS[p.subject];
  const reason: Reason = p.klass === '2' ? 'delivered' : !subject ? 'undefined' : p.klass === '4' ? subject.reasonTransient : subject.reason;
  const about = subject
    ? `${subject.sentence} The detail number ${p.detail} is not in the IANA registry: it is usually a private code of the receiving system, so the words after the code matter more than the number.`
    : `The middle digit ${p.subject} names no subject area defined by RFC 3463, so only the first digit means anything.`;
  return {
    id: `status.derived.X.${p.subject}.${p.detail}`,
    status: code,
    title: subject ? `Unregistered ${subject.name} code` : 'Code with an undefined subject',
    meaning: `${CLASS_MEANINGS[p.klass]} ${about}`,
    reason,
    permanent: p.klass === '5',
    layer: subject ? subject.layer : REASONS[reason].layer,
    registered: false,
    source: 'https://www.rfc-editor.org/rfc/rfc3463',
  };
}
