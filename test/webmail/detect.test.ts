import { looksLikeBounce, senderLooksAutomated, textLooksLikeBounce } from '../../lib/webmail/detect';

describe('looksLikeBounce', () => {
  it.each([
    [{ sender: 'mailer-daemon@googlemail.com' }],
    [{ sender: 'MAILER-DAEMON@mail.example.com' }],
    [{ sender: 'postmaster@example.net' }],
    [{ sender: 'MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@example.com' }],
    [{ senderName: 'Mail Delivery Subsystem' }],
    [{ subject: 'Delivery Status Notification (Failure)' }],
    [{ subject: 'Undeliverable: Quarterly report' }],
    [{ subject: 'Undelivered Mail Returned to Sender' }],
    [{ subject: 'Mail delivery failed: returning message to sender' }],
    [{ subject: 'failure notice' }],
    [{ subject: 'Returned mail: see transcript for details' }],
    [{ subject: 'Delivery has failed' }],
    [{ subject: 'Delayed Mail (still being retried)' }],
  ])('recognises %o', (hints) => {
    expect(looksLikeBounce(hints)).toBe(true);
  });

  it.each([
    [{ sender: 'ivan@example.com', senderName: 'Ivan', subject: 'Lunch on Friday?' }],
    [{ sender: 'postmaster-news@example.com', subject: 'Our newsletter' }],
    [{ sender: 'frank@example.com', subject: 'Planning meeting on Thursday' }],
    [{}],
  ])('leaves ordinary mail alone: %o', (hints) => {
    expect(looksLikeBounce(hints)).toBe(false);
  });
});

describe('textLooksLikeBounce', () => {
  it('spots the documented layouts and ignores ordinary text', () => {
    expect(textLooksLikeBounce('Delivery has failed to these recipients or groups:')).toBe(true);
    expect(textLooksLikeBounce("Your message to x@example.net couldn't be delivered.")).toBe(true);
    expect(textLooksLikeBounce('Technical details of permanent failure:')).toBe(true);
    expect(textLooksLikeBounce('Are you free for lunch on Friday?')).toBe(false);
  });
});

describe('senderLooksAutomated', () => {
  it('tells mailboxes no person writes from from people', () => {
    for (const sender of ['noreply@gateway.example.net', 'no-reply@example.com', 'DoNotReply@example.org', 'bounces+123@mail.example.com', 'notifications@example.com']) {
      expect(senderLooksAutomated({ sender }), sender).toBe(true);
    }
    for (const sender of ['frank@example.com', 'norah.eply@example.com', 'noreply', '']) {
      expect(senderLooksAutomated({ sender }), sender).toBe(false);
    }
  });
});
