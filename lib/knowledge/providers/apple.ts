/**
 * Provider responses: Apple iCloud Mail.
 * Rows mostly follow the provider's own documentation order (rows added later may stand at the
 * end). Position does not decide precedence: the matcher scores code agreement and token length
 * (see ../provider-match.ts), and the tests fail on any tie between a row and another for the
 * row's own sample. Matchers are lower-case substrings.
 * Generated once from ../shared/reference/provider-responses.json; texts are ours.
 */
import type { ProviderRow } from '../schema';

export const APPLE_ROWS: readonly ProviderRow[] = [
  {
    id: 'apple.CS01', provider: 'apple', reason: 'policyviolation', permanent: true, whoActs: 'sender',
    title: 'Refused by iCloud local policy',
    meaning: 'iCloud refused the message under a local rule, based on reputation, authentication or content signals.',
    reply: '550', status: '5.7.1',
    texts: ['message rejected due to local policy', '[cs01]', '[cs02]'], tokens: ['CS01', 'CS02'],
    // Words any server writes: only with apple's host name or token.
    needsProvider: true,
    senderSignal: true, help: 'apple.postmaster',
    sample: '550 5.7.1 [CS01]',
    source: 'https://smtp.codes/icloud', confidence: 'high',
  },
  {
    id: 'apple.HM08', provider: 'apple', reason: 'spamdetected', permanent: true, whoActs: 'sender',
    title: 'Refused by iCloud local policy (content)',
    meaning: 'iCloud refused the message under a local rule, often because of its content.',
    reply: '554', status: '5.7.1',
    texts: ['[hm08]', '[hm07]'], tokens: ['HM07', 'HM08'],
    help: 'apple.postmaster',
    sample: '554 5.7.1 [HM08]',
    source: 'https://www.suped.com/learn/email-deliverability/what-does-apples-message-rejected-due-to-local-policy-error-mean-and-how-can-it-be-resolved', confidence: 'medium',
  },
  {
    id: 'apple.HME1', provider: 'apple', reason: 'authfailure', permanent: true, whoActs: 'sender',
    title: 'Failed both SPF and DKIM',
    meaning: 'iCloud blocked the message because it failed both SPF and DKIM.',
    reply: '554', status: '5.7.1',
    texts: ['[hme1]'], tokens: ['HME1'],
    help: 'apple.postmaster',
    sample: '554 5.7.1 [HME1]',
    source: 'sisimai/go-sisimai/rhost/for-apple.go', confidence: 'medium',
  },
  {
    id: 'apple.5.7.1.dmarc', provider: 'apple', reason: 'authfailure', permanent: true, whoActs: 'sender',
    title: 'Rejected by the From domain\'s DMARC policy',
    meaning: 'iCloud refused the message because it failed the From domain\'s DMARC policy.',
    reply: '554', status: '5.7.1',
    texts: ['s dmarc policy'], all: ['rejected due to'],
    focus: 'dmarc', help: 'apple.postmaster',
    sample: '554 5.7.1 [HM03] Message rejected due to example.com\'s DMARC policy',
    source: 'https://smtp.codes/icloud', confidence: 'high',
  },
  {
    id: 'apple.4.7.1.excessive-volume', provider: 'apple', reason: 'speeding', permanent: false, whoActs: 'sender',
    title: 'Too much mail to this recipient',
    meaning: 'This iCloud recipient got too many messages in a short time.',
    reply: '421', status: '4.7.1',
    texts: ['deferred due to excessive volume'],
    senderSignal: false, retry: 'backoff',
    sample: '421 4.7.1 deferred due to excessive volume',
    source: 'https://smtp.codes/icloud', confidence: 'high',
  },
  {
    id: 'apple.4.7.1.service-unavailable', provider: 'apple', reason: 'systemerror', permanent: false, whoActs: 'recipient',
    title: 'iCloud temporarily unavailable',
    meaning: 'iCloud was not accepting messages for a moment.',
    reply: '451', status: '4.7.1',
    texts: ['service unavailable - try again later'],
    needsProvider: true, senderSignal: false,
    sample: '451 4.7.1 Service unavailable - try again later (mx01.mail.icloud.com)',
    source: 'https://smtp.codes/icloud', confidence: 'high',
  },
  {
    id: 'apple.5.1.1.no-such-user', provider: 'apple', reason: 'userunknown', permanent: true, whoActs: 'sender',
    title: 'iCloud address does not exist',
    meaning: 'There is no iCloud mailbox with this address.',
    reply: '550', status: '5.1.1',
    texts: ['user does not exist', 'unknown or illegal alias'],
    needsProvider: true, dead: true,
    sample: '550 5.1.1 user does not exist (mx01.mail.icloud.com)',
    source: 'https://smtp.codes/icloud', confidence: 'high',
  },
  {
    id: 'apple.5.1.1.inactive', provider: 'apple', reason: 'suspend', permanent: true, whoActs: 'sender',
    title: 'iCloud address inactive',
    meaning: 'The iCloud address exists but is deactivated.',
    reply: '550', status: '5.1.1',
    texts: ['inactive email address'],
    needsProvider: true,
    sample: '550 5.1.1 inactive email address (mx01.mail.icloud.com)',
    source: 'sisimai/go-sisimai/rhost/for-apple.go', confidence: 'medium',
  },
  {
    id: 'apple.5.1.6.moved', provider: 'apple', reason: 'hasmoved', permanent: true, whoActs: 'sender',
    title: 'Recipient no longer on this server',
    meaning: 'The recipient has left this server and no forwarding is set up.',
    reply: '550', status: '5.1.6',
    texts: ['recipient no longer on server'],
    needsProvider: true,
    sample: '550 5.1.6 recipient no longer on server (mx01.mail.icloud.com)',
    source: 'sisimai/go-sisimai/rhost/for-apple.go', confidence: 'medium',
  },
  {
    id: 'apple.5.2.2.over-quota', provider: 'apple', reason: 'mailboxfull', permanent: false, whoActs: 'recipient',
    title: 'iCloud mailbox full',
    meaning: 'The iCloud mailbox is full.',
    reply: '552', status: '5.2.2',
    texts: ['user is over quota'],
    needsProvider: true,
    sample: '552 5.2.2 user is over quota (mx01.mail.icloud.com)',
    source: 'sisimai/go-sisimai/rhost/for-apple.go', confidence: 'medium',
  },
  {
    id: 'apple.5.7.0.proofpoint', provider: 'apple', reason: 'blocked', permanent: true, whoActs: 'sender',
    title: 'Blocked by Proofpoint reputation (iCloud)',
    meaning: 'iCloud uses Proofpoint\'s IP reputation, and it blocked your sending IP.',
    reply: '550', status: '5.7.0',
    texts: ['support.proofpoint.com/dnsbl-lookup', 'blocked - see https://support.proofpoint.com'],
    needsProvider: true, help: 'proofpoint.faq',
    sample: '550 5.7.0 support.proofpoint.com/dnsbl-lookup (mx01.mail.icloud.com)',
    source: 'sisimai/go-sisimai/rhost/for-apple.go', confidence: 'medium',
  },
];
