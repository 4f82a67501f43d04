/** Field-by-field shape checks for the CLI's JSON output (names and types, not values). */
import { REASON_NAMES } from '../../lib';

export const RECORD_FIELDS = ['file', 'path', 'kind', 'provider', 'original', 'dmarcFail', 'recipients', 'omittedRecipients', 'acceptedRecipients', 'unreadLines', 'error'];
export const KINDS = ['bounce', 'delay', 'delivered', 'feedback', 'autoreply', 'not-bounce', 'error'];
export const ORIGINAL_FIELDS = ['subject', 'messageId', 'from', 'to', 'date'];
export const RECIPIENT_FIELDS = [
  'recipient', 'sentTo', 'refusedWith', 'contradictsDelivery', 'senderUnverified', 'action', 'status', 'reply', 'reason', 'permanent', 'hard', 'provider', 'providerTokens',
  'remoteMta', 'diagnostic', 'feedback', 'basis', 'impliedStatus', 'suppress', 'layer', 'whoActs', 'headline',
  'steps', 'retry', 'senderSignal', 'helpUrl',
];
export const EXPLAIN_RESULT_FIELDS = [
  'reply', 'status', 'reason', 'permanent', 'suppress', 'layer', 'whoActs', 'headline', 'steps', 'retry',
  'senderSignal', 'provider', 'helpUrl',
];
const LAYERS = ['recipient', 'domain', 'mailbox-capacity', 'server', 'policy'];
const WHO = ['sender', 'recipient', 'both'];
const RETRY_KINDS = ['none', 'later', 'backoff', 'minutes', 'pause'];

const sorted = (keys: string[]) => [...keys].sort();

export function expectRecord(record: Record<string, unknown>): void {
  expect(sorted(Object.keys(record))).toEqual(sorted(RECORD_FIELDS));
  expect(typeof record.file).toBe('string');
  expect(typeof record.path).toBe('string');
  expect(Number.isInteger(record.omittedRecipients) && (record.omittedRecipients as number) >= 0).toBe(true);
  expect(Number.isInteger(record.acceptedRecipients) && (record.acceptedRecipients as number) >= 0).toBe(true);
  expect(Number.isInteger(record.unreadLines) && (record.unreadLines as number) >= 0).toBe(true);
  expect(KINDS).toContain(record.kind);
  expect(typeof record.provider).toBe('string');
  expect(typeof record.error).toBe('string');
  expect(typeof record.dmarcFail).toBe('boolean');
  const original = record.original as Record<string, unknown>;
  expect(sorted(Object.keys(original))).toEqual(sorted(ORIGINAL_FIELDS));
  for (const field of ORIGINAL_FIELDS) expect(typeof original[field]).toBe('string');
  expect(Array.isArray(record.recipients)).toBe(true);
  if (record.kind === 'error') {
    expect(record.error).not.toBe('');
    expect(record.recipients).toEqual([]);
  } else {
    expect(record.error).toBe('');
  }
  for (const r of record.recipients as Record<string, unknown>[]) expectRecipient(r);
}

export function expectRecipient(r: Record<string, unknown>): void {
  expect(sorted(Object.keys(r))).toEqual(sorted(RECIPIENT_FIELDS));
  for (const f of ['recipient', 'sentTo', 'refusedWith', 'action', 'status', 'reply', 'provider', 'remoteMta', 'diagnostic', 'feedback', 'basis', 'impliedStatus', 'headline', 'helpUrl']) {
    expect(typeof r[f], f).toBe('string');
  }
  for (const f of ['contradictsDelivery', 'senderUnverified', 'permanent', 'hard', 'suppress', 'senderSignal']) expect(typeof r[f], f).toBe('boolean');
  // a report not believed suppresses nothing
  if (r.contradictsDelivery || r.senderUnverified) expect([r.hard, r.suppress]).toEqual([false, false]);
  expect(r.status as string).toMatch(/^$|^[245]\.\d{1,3}\.\d{1,3}$/);
  expect(r.impliedStatus as string).toMatch(/^$|^[245]\.\d{1,3}\.\d{1,3}$/);
  // a status is either carried by the message or implied, never both
  expect(r.status === '' || r.impliedStatus === '').toBe(true);
  expect(r.reply as string).toMatch(/^$|^[2-5]\d\d$/);
  expect(REASON_NAMES).toContain(r.reason);
  expect(LAYERS).toContain(r.layer);
  expect(WHO).toContain(r.whoActs);
  expect(Array.isArray(r.providerTokens)).toBe(true);
  expect(Array.isArray(r.steps)).toBe(true);
  expectRetry(r.retry);
}

export function expectExplainResult(r: Record<string, unknown>): void {
  expect(sorted(Object.keys(r))).toEqual(sorted(EXPLAIN_RESULT_FIELDS));
  for (const f of ['reply', 'status', 'headline', 'provider', 'helpUrl']) expect(typeof r[f], f).toBe('string');
  for (const f of ['permanent', 'suppress', 'senderSignal']) expect(typeof r[f], f).toBe('boolean');
  expect(REASON_NAMES).toContain(r.reason);
  expect(LAYERS).toContain(r.layer);
  expect(WHO).toContain(r.whoActs);
  expect(Array.isArray(r.steps)).toBe(true);
  for (const step of r.steps as unknown[]) expect(typeof step).toBe('string');
  expectRetry(r.retry);
}

function expectRetry(retry: unknown): void {
  const policy = retry as Record<string, unknown>;
  expect(RETRY_KINDS).toContain(policy.kind);
  expect(typeof policy.summary).toBe('string');
}
