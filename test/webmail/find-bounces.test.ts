// @vitest-environment happy-dom
import { findBounces } from '../../lib/webmail/find-bounces';
import * as G from '../../lib/webmail/gmail-selectors';
import * as O from '../../lib/webmail/outlook-selectors';
import { findOpenMessages, gmailReader } from '../../lib/webmail/gmail';
import { outlookReader } from '../../lib/webmail/outlook';
import { selectAll, selectFirst } from '../../lib/webmail/query';
import { loadFixture } from './dom-fixture';
import { buildElement, elementFor, removeAll, unwrapAll } from './markup';
import { selectorReport } from './selector-report';

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
    const doc = loadFixture(file);
    const found = findBounces(gmailReader, doc, GMAIL_MSG);
    expect(found, `bounces found in ${selectorReport(doc, file)}`).toHaveLength(count);
    expect(found.every((b) => !b.fallback), `read from the pane's text, not by the selectors, in ${selectorReport(doc, file)}`).toBe(true);
  });

  it.each([
    ['outlook/classic-single.html', 1],
    ['outlook/classic-conversation.html', 1],
    ['outlook/modern-single.html', 1],
    ['outlook/modern-conversation.html', 1],
    ['outlook/ordinary.html', 0],
    ['outlook/inbox.html', 0],
  ])('Outlook %s: %i bounce(s)', (file, count) => {
    const doc = loadFixture(file);
    const found = findBounces(outlookReader, doc, OWA_MSG);
    expect(found, `bounces found in ${selectorReport(doc, file)}`).toHaveLength(count);
    expect(found.every((b) => !b.fallback), `read from the pane's text, not by the selectors, in ${selectorReport(doc, file)}`).toBe(true);
  });

  it('falls back to the reading pane text when the message selectors find nothing', () => {
    const page = 'outlook/classic-single.html';
    const doc = loadFixture(page);
    // The bodies' markup goes (a change the selectors do not know); their text stays.
    expect(unwrapAll(doc, O.messageBody), `bodies in ${selectorReport(doc, page)}`).toBeGreaterThan(0);
    const pane = selectFirst(doc, O.readingPane);
    expect(pane, `the reading pane in ${selectorReport(doc, page)}`).not.toBeNull();
    const found = findBounces(outlookReader, doc, OWA_MSG);
    expect(found, `bounces found in ${selectorReport(doc, page)}`).toHaveLength(1);
    const [bounce] = found;
    expect(bounce.fallback).toBe(true);
    expect(bounce.element).toBe(pane);
    // Only on a message URL: a list page is never scanned.
    expect(findBounces(outlookReader, doc, 'https://outlook.office.com/mail/inbox')).toEqual([]);
  });

  it("does not call a person's reply in a bounce's conversation a bounce (the subject is the conversation's)", () => {
    const page = 'gmail/address-not-found.html';
    const doc = loadFixture(page);
    const bounce = selectFirst(doc, G.message)!;
    // Frank answers in the same conversation, quoting the bounce: Gmail shows the bounce's subject over both.
    const quoted = selectFirst(bounce, G.messageBody)!.cloneNode(true) as Element;
    const reply = buildElement(
      doc,
      G.message[0],
      { 'data-message-id': '#msg-f:1781000000000000099' },
      elementFor(G.sender[0], { email: 'frank@example.com', name: 'Frank Example' }, 'Frank Example') +
        elementFor(G.messageBody[0], {}, '<div>Carol, is this address still right?</div><div class="gmail_quote"></div>'),
    );
    reply.querySelector('.gmail_quote')!.append(...Array.from(quoted.childNodes));
    bounce.after(reply);
    expect(findOpenMessages(doc), `messages in ${selectorReport(doc, page)}`).toHaveLength(2);
    expect(findBounces(gmailReader, doc, GMAIL_MSG).map((b) => [b.id, b.sender])).toEqual([['msg-f:1781000000000000011', 'mailer-daemon@googlemail.com']]);
    // A second report in the conversation from a gateway's automated mailbox is still a bounce.
    reply.querySelector(G.sender[0])!.setAttribute('email', 'noreply@gateway.example.net');
    expect(findBounces(gmailReader, doc, GMAIL_MSG).map((b) => b.id)).toEqual(['msg-f:1781000000000000011', 'msg-f:1781000000000000099']);
    reply.querySelector(G.sender[0])!.setAttribute('email', 'frank@example.com');
    // Without the bounce shown, the subject is all there is: the reply is still looked at.
    removeAll(bounce, G.messageBody);
    expect(findBounces(gmailReader, doc, GMAIL_MSG).map((b) => b.id)).toEqual(['msg-f:1781000000000000099']);
  });

  it('skips a bounce the app has hidden (a view it left)', () => {
    const page = 'gmail/thread-two-bounces.html';
    const doc = loadFixture(page);
    const bodies = selectAll(doc, G.messageBody);
    expect(bodies, `bodies in ${selectorReport(doc, page)}`).toHaveLength(3);
    const hidden = bodies[1] as HTMLElement & { checkVisibility?: () => boolean }; // the first bounce's body
    hidden.checkVisibility = () => false;
    expect(findBounces(gmailReader, doc, GMAIL_MSG).map((b) => b.id)).toEqual(['msg-f:1781000000000000063']);
  });

  it('never throws on a broken reader', () => {
    const broken = { ...gmailReader, findOpenMessages: () => { throw new Error('boom'); } };
    expect(findBounces(broken, loadFixture('gmail/address-not-found.html'), GMAIL_MSG)).toEqual([]);
  });
});
