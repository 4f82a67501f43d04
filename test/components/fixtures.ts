/** Hand-built classifications and advice, so the components are tested without the classifier. */
import type { Advice, Classification, Explanation, RecipientVerdict } from '../../lib/types';

export function advice(overrides: Partial<Advice> = {}): Advice {
  return {
    headline: 'The mailbox does not exist.',
    whatHappened: 'The receiving server says there is no such user.',
    layer: 'recipient',
    whoActs: 'sender',
    permanent: true,
    suppress: true,
    retry: { kind: 'none', summary: 'Do not resend to this address.' },
    steps: ['Remove the address from your lists.', 'Ask the person for a new address.'],
    senderSignal: false,
    helpUrl: '',
    softToHard: '',
    ...overrides,
  };
}

export const POLICY_ADVICE = advice({
  headline: 'Your domain failed DMARC authentication.',
  whatHappened: 'The receiver requires SPF or DKIM to align with your From domain.',
  layer: 'policy',
  suppress: false,
  retry: { kind: 'pause', summary: 'Fix authentication before sending again.' },
  steps: ['Publish an SPF record.', 'Sign with DKIM.', 'Check DMARC alignment.'],
  senderSignal: true,
  helpUrl: 'https://support.google.com/mail/answer/81126',
});

export function verdict(overrides: Partial<RecipientVerdict> = {}): RecipientVerdict {
  return {
    recipient: 'kijitora@example.jp',
    action: 'failed',
    status: '5.1.1',
    reply: '550',
    remoteMta: 'mx.example.jp',
    diagnostic: '550 5.1.1 <kijitora@example.jp>: Recipient address rejected: User unknown',
    reason: 'userunknown',
    permanent: true,
    hard: true,
    provider: '',
    providerTokens: [],
    feedback: '',
    basis: 'status 5.1.1',
    statusImplied: false,
    evidence: [
      { source: 'delivery-status', text: 'Status: 5.1.1', gave: 'status' },
      { source: 'delivery-status', text: 'Final-Recipient: rfc822; kijitora@example.jp', gave: 'recipient' },
    ],
    ...overrides,
  };
}

export function classification(recipients: RecipientVerdict[], overrides: Partial<Classification> = {}): Classification {
  return {
    kind: 'bounce',
    reportingMta: 'mx.example.org',
    provider: '',
    subject: 'Undelivered Mail Returned to Sender',
    from: 'MAILER-DAEMON@example.org',
    original: { subject: 'Invoice 42', messageId: '<42@example.org>', from: 'me@example.org', to: '', date: '' },
    recipients,
    ...overrides,
  };
}

export function explanation(overrides: Partial<Explanation> = {}): Explanation {
  return {
    ...advice(),
    reply: '550',
    status: '5.1.1',
    reason: 'userunknown',
    provider: '',
    providerTokens: [],
    title: 'Bad destination mailbox address',
    ...overrides,
  };
}

/** advise() stand-in: suppress exactly the hard verdicts, policy advice otherwise. */
export function fakeAdvise(v: RecipientVerdict): Advice {
  return v.hard ? advice() : POLICY_ADVICE;
}
