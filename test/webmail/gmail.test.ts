// @vitest-environment happy-dom
import { findIdKey, findOpenMessages, isMessageUrl, readOpenMessages } from '../../lib/webmail/gmail';
import { loadFixture } from './dom-fixture';

describe('Gmail reader', () => {
  it.each([
    ['address-not-found.html', 'msg-f:1781000000000000011', 'Address not found', '550 5.1.1 The email account'],
    ['message-blocked.html', 'msg-f:1781000000000000021', 'Message blocked', '550-5.7.26 Unauthenticated email'],
    ['delivery-incomplete.html', 'msg-f:1781000000000000031', 'Delivery incomplete', '452 4.2.2'],
    ['legacy-permanent-failure.html', 'msg-f:1781000000000000041', 'Technical details of permanent failure:', '550 5.1.1 <dave@example.net>'],
  ])('reads Gmail\'s own notice in %s', (file, id, heading, reply) => {
    const [message, ...rest] = readOpenMessages(loadFixture(`gmail/${file}`));
    expect(rest).toHaveLength(0);
    expect(message.id).toBe(id);
    expect(message.sender).toBe('mailer-daemon@googlemail.com');
    expect(message.senderName).toBe('Mail Delivery Subsystem');
    expect(message.subject).toMatch(/^Delivery Status Notification \((Failure|Delay)\)$/);
    expect(message.text).toContain(heading);
    expect(message.text).toContain(reply);
    expect(message.element.classList.contains('a3s')).toBe(true);
  });

  it('keeps the lines of the remote reply apart', () => {
    const [message] = readOpenMessages(loadFixture('gmail/message-blocked.html'));
    const lines = message.text.split('\n');
    expect(lines).toContain('The response was:');
    expect(lines.filter((line) => line.startsWith('550'))).toHaveLength(3);
  });

  it('reads a third-party bounce opened in Gmail', () => {
    const [message] = readOpenMessages(loadFixture('gmail/third-party-bounce.html'));
    expect(message.sender).toBe('mailer-daemon@mail.example.com');
    expect(message.senderName).toBe('Mail Delivery System');
    expect(message.subject).toBe('Undelivered Mail Returned to Sender');
    expect(message.text).toContain('said: 552 5.2.2');
  });

  it('reads every expanded message of a conversation, in order', () => {
    const messages = readOpenMessages(loadFixture('gmail/thread-two-bounces.html'));
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
    const old = loadFixture('gmail/ordinary.html').querySelector('[role="main"]')!;
    doc.body.prepend(doc.importNode(old, true)); // a view Gmail left in the page, first in order
    const subjects = findOpenMessages(doc).map((m) => [m.id, m.subject]);
    expect(subjects).toContainEqual(['msg-f:1781000000000000062', 'Planning meeting on Thursday']);
    expect(subjects).toContainEqual(['msg-f:1781000000000000071', 'Lunch on Friday?']);
  });

  it('searches the thread for its subject once per reading, not once per message', () => {
    const doc = loadFixture('gmail/thread-two-bounces.html');
    const list = doc.querySelector('[role="list"]')!;
    const first = list.querySelector('[data-message-id]')!;
    for (let i = 0; i < 40; i++) {
      const copy = first.cloneNode(true) as Element;
      copy.setAttribute('data-message-id', `#msg-f:17810000000001${String(i).padStart(4, '0')}`);
      list.appendChild(copy);
    }
    // The list holds no subject, so each search of it reads all of it: that is the cost to count.
    const original = Element.prototype.querySelector;
    let searchesOfList = 0;
    const spy = vi.spyOn(Element.prototype, 'querySelector').mockImplementation(function (this: Element, selector: string) {
      if (this === list) searchesOfList++;
      return original.call(this, selector);
    });
    try {
      const heads = findOpenMessages(doc);
      expect(heads).toHaveLength(43);
      expect(heads.every((m) => m.subject === 'Planning meeting on Thursday')).toBe(true);
    } finally {
      spy.mockRestore();
    }
    // One search per subject alternative, shared by the 43 messages.
    expect(searchesOfList).toBeLessThanOrEqual(3);
  });

  it('finds no message in the inbox list, and the head alone costs no body read', () => {
    expect(findOpenMessages(loadFixture('gmail/inbox.html'))).toEqual([]);
    const [head] = findOpenMessages(loadFixture('gmail/ordinary.html'));
    expect(head).not.toHaveProperty('text');
    expect(head.sender).toBe('ivan@example.com');
  });

  it('falls back to the legacy id and skips collapsed messages', () => {
    const doc = loadFixture('gmail/address-not-found.html');
    const container = doc.querySelector('[data-message-id]')!;
    container.removeAttribute('data-message-id');
    container.classList.remove('adn');
    expect(findOpenMessages(doc).map((m) => m.id)).toEqual(['18b2c3d4e5f60011']);
    container.querySelector('.ii.gt')!.remove();
    expect(findOpenMessages(doc)).toEqual([]);
  });

  it('finds the account key for Show original', () => {
    expect(findIdKey(loadFixture('gmail/address-not-found.html'))).toBe('a1b2c3d4e5');
    expect(findIdKey(loadFixture('gmail/inbox.html'))).toBe('');
  });

  it("takes the account key from Gmail's own links, never from a link in a message's body", () => {
    const doc = loadFixture('gmail/address-not-found.html');
    const body = doc.querySelector('.a3s')!;
    const print = doc.querySelector('a.print-all')!;
    // The sender's links, one to Gmail itself and one elsewhere, with the message moved before Gmail's own link.
    for (const href of ['https://mail.google.com/mail/u/0/?ik=attacker1&view=pt', 'https://evil.example/?ik=attacker2']) {
      const link = doc.createElement('a');
      link.setAttribute('href', href);
      body.prepend(link);
    }
    print.before(body.closest('[role="list"]')!);
    expect(findIdKey(doc)).toBe('a1b2c3d4e5');
    // Outside any body, a link to another origin is not Gmail's either.
    const foreign = doc.createElement('a');
    foreign.setAttribute('href', 'https://evil.example/mail/?ik=attacker3');
    print.before(foreign);
    expect(findIdKey(doc)).toBe('a1b2c3d4e5');
  });

  it('tells message URLs from list URLs', () => {
    expect(isMessageUrl('https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWDsKmhZbVwqBvXcLkRnTpMs')).toBe(true);
    expect(isMessageUrl('https://mail.google.com/mail/u/1/#label/projects/18b2c3d4e5f60011')).toBe(true);
    expect(isMessageUrl('https://mail.google.com/mail/u/0/#inbox')).toBe(false);
    expect(isMessageUrl('https://mail.google.com/mail/u/0/#inbox/p2')).toBe(false);
    expect(isMessageUrl('https://mail.google.com/mail/u/0/')).toBe(false);
  });
});
