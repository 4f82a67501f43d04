// @vitest-environment happy-dom
import { findBounces } from '../../lib/webmail/find-bounces';
import { gmailReader } from '../../lib/webmail/gmail';
import { outlookReader } from '../../lib/webmail/outlook';
import { loadFixture } from './dom-fixture';

const GMAIL_MSG = 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWDsKmhZbVwqBvXcLkRnTpMs';
const OWA_MSG = 'https://outlook.office.com/mail/inbox/id/AAQkADAwATM0MDAAMS1h';

describe('findBounces', () => {
  it.each([
    ['gmail/address-not-found.html', 1],
    ['gmail/message-blocked.html', 1],
    ['gmail/delivery-incomplete.html', 1],
    ['gmail/legacy-permanent-failure.html', 1],
    ['gmail/third-party-bounce.html', 1],
    ['gmail/thread-two-bounces.html', 2],
    ['gmail/ordinary.html', 0],
    ['gmail/inbox.html', 0],
  ])('Gmail %s: %i bounce(s)', (file, count) => {
    const found = findBounces(gmailReader, loadFixture(file), GMAIL_MSG);
    expect(found).toHaveLength(count);
    expect(found.every((b) => !b.fallback)).toBe(true);
  });

  it.each([
    ['outlook/classic-single.html', 1],
    ['outlook/classic-conversation.html', 1],
    ['outlook/modern-single.html', 1],
    ['outlook/modern-conversation.html', 1],
    ['outlook/ordinary.html', 0],
    ['outlook/inbox.html', 0],
  ])('Outlook %s: %i bounce(s)', (file, count) => {
    expect(findBounces(outlookReader, loadFixture(file), OWA_MSG)).toHaveLength(count);
  });

  it('falls back to the reading pane text when the message selectors find nothing', () => {
    const doc = loadFixture('outlook/classic-single.html');
    for (const body of Array.from(doc.querySelectorAll('[role="document"]'))) body.removeAttribute('role');
    for (const body of Array.from(doc.querySelectorAll('[aria-label="Message body"]'))) body.removeAttribute('aria-label');
    const [bounce] = findBounces(outlookReader, doc, OWA_MSG);
    expect(bounce.fallback).toBe(true);
    expect(bounce.element.id).toBe('ReadingPaneContainerId');
    // Only on a message URL: a list page is never scanned.
    expect(findBounces(outlookReader, doc, 'https://outlook.office.com/mail/inbox')).toEqual([]);
  });

  it('skips a bounce the app has hidden (a view it left)', () => {
    const doc = loadFixture('gmail/thread-two-bounces.html');
    const hidden = doc.querySelectorAll('.a3s')[1] as HTMLElement & { checkVisibility?: () => boolean };
    hidden.checkVisibility = () => false;
    expect(findBounces(gmailReader, doc, GMAIL_MSG).map((b) => b.id)).toEqual(['msg-f:1781000000000000063']);
  });

  it('never throws on a broken reader', () => {
    const broken = { ...gmailReader, findOpenMessages: () => { throw new Error('boom'); } };
    expect(findBounces(broken, loadFixture('gmail/address-not-found.html'), GMAIL_MSG)).toEqual([]);
  });
});
