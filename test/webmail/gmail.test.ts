// @vitest-environment happy-dom
/**
 * Elements are found and taken away through gmail-selectors (the markup each test means, not
 * Gmail's class tokens), and each assertion on what a page yields names the page and what the
 * selectors find in it, so a failure after a markup change points at lib/webmail/gmail-selectors.ts.
 */
import * as G from '../../lib/webmail/gmail-selectors';
import { findIdKey, findOpenMessages, isMessageUrl, readOpenMessages } from '../../lib/webmail/gmail';
import { closest, selectAll, selectFirst } from '../../lib/webmail/query';
import { loadFixture } from './dom-fixture';
import { buildElement, removeAll } from './markup';
import { selectorReport } from './selector-report';

/** The page's messages, asserting there are `count`, with a message naming the selectors when not. */
function readPage(page: string, count: number, doc = loadFixture(page)) {
  const messages = readOpenMessages(doc);
  expect(messages, `messages read in ${selectorReport(doc, page)}`).toHaveLength(count);
  return messages;
}

/** An element the page must hold, found through `selector` (`name` in gmail-selectors). */
function mustFind(doc: ParentNode, name: keyof typeof G, page: string): Element {
  const found = selectFirst(doc, G[name] as readonly string[]);
  expect(found, `gmail-selectors ${name} finds nothing in ${selectorReport(doc, page)}`).not.toBeNull();
  return found!;
}

describe('Gmail reader', () => {
  it.each([
    ['address-not-found.html', 'msg-f:1781000000000000011', 'Address not found', '550 5.1.1 The email account'],
    ['message-blocked.html', 'msg-f:1781000000000000021', 'Message blocked', '550-5.7.26 Unauthenticated email'],
    ['delivery-incomplete.html', 'msg-f:1781000000000000031', 'Delivery incomplete', '452 4.2.2'],
    ['legacy-permanent-failure.html', 'msg-f:1781000000000000041', 'Technical details of permanent failure:', '550 5.1.1 <dave@example.net>'],
  ])('reads Gmail\'s own notice in %s', (file, id, heading, reply) => {
    const page = `gmail/${file}`;
    const doc = loadFixture(page);
    const [message] = readPage(page, 1, doc);
    expect(message.id).toBe(id);
    expect(message.sender).toBe('mailer-daemon@googlemail.com');
    expect(message.senderName).toBe('Mail Delivery Subsystem');
    expect(message.subject).toMatch(/^Delivery Status Notification \((Failure|Delay)\)$/);
    expect(message.text).toContain(heading);
    expect(message.text).toContain(reply);
    // The body itself: what the messageBody list finds in this message, not the message around it.
    expect(message.element, `the body in ${selectorReport(doc, page)}`).toBe(selectFirst(mustFind(doc, 'message', page), G.messageBody));
  });

  it('keeps the lines of the remote reply apart', () => {
    const [message] = readPage('gmail/message-blocked.html', 1);
    const lines = message.text.split('\n');
    expect(lines).toContain('The response was:');
    expect(lines.filter((line) => line.startsWith('550'))).toHaveLength(3);
  });

  it('reads a third-party bounce opened in Gmail', () => {
    const [message] = readPage('gmail/third-party-bounce.html', 1);
    expect(message.sender).toBe('mailer-daemon@mail.example.com');
    expect(message.senderName).toBe('Mail Delivery System');
    expect(message.subject).toBe('Undelivered Mail Returned to Sender');
    expect(message.text).toContain('said: 552 5.2.2');
  });

  it('reads every expanded message of a conversation, in order', () => {
    const messages = readPage('gmail/thread-two-bounces.html', 3);
    expect(messages.map((m) => [m.id, m.sender])).toEqual([
      ['msg-f:1781000000000000061', 'frank@example.com'],
      ['msg-f:1781000000000000062', 'mailer-daemon@googlemail.com'],
      ['msg-f:1781000000000000063', 'mailer-daemon@googlemail.com'],
    ]);
    expect(messages.every((m) => m.subject === 'Planning meeting on Thursday')).toBe(true);
    expect(messages[1].text).toContain('grace@example.net');
    expect(messages[1].text).not.toContain('heidi@example.net');
  });

  it('takes each message\'s subject from its own view when the app keeps another one', () => {
    const doc = loadFixture('gmail/thread-two-bounces.html');
    const old = mustFind(loadFixture('gmail/ordinary.html'), 'readingPane', 'gmail/ordinary.html');
    doc.body.prepend(doc.importNode(old, true)); // a view Gmail left in the page, first in order
    const subjects = findOpenMessages(doc).map((m) => [m.id, m.subject]);
    expect(subjects, `subjects found in ${selectorReport(doc, 'gmail/thread-two-bounces.html with gmail/ordinary.html before it')}`).toContainEqual(['msg-f:1781000000000000062', 'Planning meeting on Thursday']);
    expect(subjects).toContainEqual(['msg-f:1781000000000000071', 'Lunch on Friday?']);
  });

  it("takes sender and subject from Gmail's own markup, never from a message body imitating it", () => {
    const page = 'gmail/thread-two-bounces.html';
    const doc = loadFixture(page);
    const [first] = selectAll(doc, G.messageBody);
    // Frank's message carries a subject heading and a sender as Gmail writes them.
    first.append(
      buildElement(doc, G.subject[0], {}, 'Delivery Status Notification (Failure)'),
      buildElement(doc, G.sender[0], { email: 'mailer-daemon@googlemail.com', name: 'Mail Delivery Subsystem' }, 'Mail Delivery Subsystem'),
    );
    const subjects = () => findOpenMessages(doc).map((m) => [m.sender, m.subject]);
    expect(subjects(), `senders and subjects in ${selectorReport(doc, page)}`).toEqual([
      ['frank@example.com', 'Planning meeting on Thursday'],
      ['mailer-daemon@googlemail.com', 'Planning meeting on Thursday'],
      ['mailer-daemon@googlemail.com', 'Planning meeting on Thursday'],
    ]);
    // Should Gmail's header stop matching the first alternative, the body's imitation is still not the sender.
    const header = selectFirst(mustFind(doc, 'message', page), G.sender)!;
    header.replaceWith(buildElement(doc, G.sender[1], { email: 'frank@example.com', name: 'Frank Example' }, 'Frank Example'));
    expect(subjects()[0], `the first message in ${selectorReport(doc, page)}`).toEqual(['frank@example.com', 'Planning meeting on Thursday']);
  });

  it('searches the thread for its subject once per reading, not once per message', () => {
    const page = 'gmail/thread-two-bounces.html';
    const doc = loadFixture(page);
    const first = mustFind(doc, 'message', page);
    const list = first.parentElement!; // the thread's list of messages
    for (let i = 0; i < 40; i++) {
      const copy = first.cloneNode(true) as Element;
      copy.setAttribute('data-message-id', `#msg-f:17810000000001${String(i).padStart(4, '0')}`);
      list.appendChild(copy);
    }
    // The list holds no subject, so each search of it reads all of it: that is the cost to count.
    const original = Element.prototype.querySelector;
    const originalAll = Element.prototype.querySelectorAll;
    let searchesOfList = 0;
    const spy = vi.spyOn(Element.prototype, 'querySelector').mockImplementation(function (this: Element, selector: string) {
      if (this === list) searchesOfList++;
      return original.call(this, selector);
    });
    const spyAll = vi.spyOn(Element.prototype, 'querySelectorAll').mockImplementation(function (this: Element, selector: string) {
      if (this === list) searchesOfList++;
      return originalAll.call(this, selector);
    });
    let heads;
    try {
      heads = findOpenMessages(doc);
    } finally {
      spy.mockRestore();
      spyAll.mockRestore();
    }
    expect(heads, `messages found in ${selectorReport(doc, page)}`).toHaveLength(43);
    expect(heads.every((m) => m.subject === 'Planning meeting on Thursday')).toBe(true);
    // One search per subject alternative, shared by the 43 messages.
    expect(searchesOfList).toBeLessThanOrEqual(G.subject.length);
  });

  it('finds no message in the inbox list, and the head alone costs no body read', () => {
    expect(findOpenMessages(loadFixture('gmail/inbox.html'))).toEqual([]);
    const ordinary = loadFixture('gmail/ordinary.html');
    const heads = findOpenMessages(ordinary);
    expect(heads, `messages found in ${selectorReport(ordinary, 'gmail/ordinary.html')}`).toHaveLength(1);
    const [head] = heads;
    expect(head).not.toHaveProperty('text');
    expect(head.sender).toBe('ivan@example.com');
  });

  it('falls back to the legacy id and skips collapsed messages', () => {
    const page = 'gmail/address-not-found.html';
    const doc = loadFixture(page);
    const container = mustFind(doc, 'message', page);
    // The permanent id goes (the reader reads it from data-message-id, then data-legacy-message-id).
    container.removeAttribute('data-message-id');
    expect(findOpenMessages(doc).map((m) => m.id), `ids found in ${selectorReport(doc, page)}`).toEqual(['18b2c3d4e5f60011']);
    // Collapsed: no body at all, by any alternative.
    removeAll(container, G.messageBody);
    expect(selectAll(container, G.messageBody)).toEqual([]);
    expect(findOpenMessages(doc)).toEqual([]);
  });

  it('finds the account key for Show original', () => {
    const doc = loadFixture('gmail/address-not-found.html');
    expect(findIdKey(doc), `the key found in ${selectorReport(doc, 'gmail/address-not-found.html')}`).toBe('a1b2c3d4e5');
    expect(findIdKey(loadFixture('gmail/inbox.html'))).toBe('');
  });

  it("takes the account key from Gmail's own links, never from a link in a message's body", () => {
    const page = 'gmail/address-not-found.html';
    const doc = loadFixture(page);
    const body = mustFind(doc, 'messageBody', page);
    const print = mustFind(doc, 'idKeyLink', page); // Gmail's own link (Print all), before any is added
    const message = closest(body, G.message)!;
    // The sender's links, one to Gmail itself and one elsewhere, with the message moved before Gmail's own link.
    for (const href of ['https://mail.google.com/mail/u/0/?ik=attacker1&view=pt', 'https://evil.example/?ik=attacker2']) {
      const link = doc.createElement('a');
      link.setAttribute('href', href);
      body.prepend(link);
    }
    print.before(message);
    expect(findIdKey(doc), `the key found in ${selectorReport(doc, page)}`).toBe('a1b2c3d4e5');
    // Outside any body, a link to another origin is not Gmail's either.
    const foreign = doc.createElement('a');
    foreign.setAttribute('href', 'https://evil.example/mail/?ik=attacker3');
    print.before(foreign);
    expect(findIdKey(doc)).toBe('a1b2c3d4e5');
  });

  it('tells message URLs from list URLs', () => {
    expect(isMessageUrl('https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWDsKmhZbVwqBvXcLkRnTpMs')).toBe(true);
    expect(isMessageUrl('https://mail.google.com/mail/u/1/#label/projects/18b2c3d4e5f60011')).toBe(true);
    // A compose window or an attachment preview open over the conversation.
    expect(isMessageUrl('https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWDsKmhZbVwqBvXcLkRnTpMs?compose=CllgCJTLwzXq')).toBe(true);
    expect(isMessageUrl('https://mail.google.com/mail/u/0/#spam/FMfcgzQXJWDsKmhZbVwqBvXcLkRnTpMs?projector=1')).toBe(true);
    expect(isMessageUrl('https://mail.google.com/mail/u/0/#inbox?compose=new')).toBe(false);
    expect(isMessageUrl('https://mail.google.com/mail/u/0/#inbox')).toBe(false);
    expect(isMessageUrl('https://mail.google.com/mail/u/0/#inbox/p2')).toBe(false);
    expect(isMessageUrl('https://mail.google.com/mail/u/0/')).toBe(false);
  });
});
