// @vitest-environment happy-dom
import * as O from '../../lib/webmail/outlook-selectors';
import { findOpenMessages, isMessageUrl, readOpenMessages, splitAddress } from '../../lib/webmail/outlook';
import { selectAll, selectFirst } from '../../lib/webmail/query';
import { loadFixture } from './dom-fixture';
import { buildElement } from './markup';
import { selectorReport } from './selector-report';

/** The page's messages, asserting there are `count`, with a message naming the selectors when not. */
function readPage(page: string, count: number, doc = loadFixture(page)) {
  const messages = readOpenMessages(doc);
  expect(messages, `messages read in ${selectorReport(doc, page)}`).toHaveLength(count);
  return messages;
}

const EXCHANGE = 'microsoftexchange329e71ec88ae4615bbc36ab6ce41109e@example.com';

describe('Outlook reader', () => {
  it('reads the classic NDR in single-message view', () => {
    const page = 'outlook/classic-single.html';
    const doc = loadFixture(page);
    const [message] = readPage(page, 1, doc);
    expect(message.sender, `the sender in ${selectorReport(doc, page)}`).toBe(EXCHANGE);
    expect(message.senderName).toBe('Microsoft Outlook');
    expect(message.subject).toBe('Undeliverable: Quarterly report');
    const lines = message.text.split('\n');
    expect(lines).toContain('Delivery has failed to these recipients or groups:');
    expect(lines).toContain('Diagnostic information for administrators:');
    expect(lines).toContain("Remote Server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup'");
    // The body itself, as the messageBody list finds it.
    expect(message.element, `the body in ${selectorReport(doc, page)}`).toBe(selectFirst(doc, O.messageBody));
  });

  it('reads the new-style NDR in single-message view', () => {
    const [message] = readPage('outlook/modern-single.html', 1);
    expect(message.sender).toBe(EXCHANGE);
    expect(message.text).toContain("Your message to mallory@example.net couldn't be delivered.");
    expect(message.text.split('\n')).toContain('Status code: 550 5.1.1');
    expect(message.text).toContain('More Info for Email Admins');
  });

  it.each(['classic-conversation.html', 'modern-conversation.html'])(
    'reads both messages of a conversation, each with its own sender (%s)',
    (file) => {
      const page = `outlook/${file}`;
      const doc = loadFixture(page);
      const messages = readPage(page, 2, doc);
      expect(messages.map((m) => m.sender), `senders in ${selectorReport(doc, page)}`).toEqual(['kim@example.com', EXCHANGE]);
      expect(messages.every((m) => m.subject === 'Quarterly report')).toBe(true);
      expect(new Set(messages.map((m) => m.id)).size).toBe(2);
      expect(messages[0].id.startsWith('AAQkADAwATM0MDAAMS1hYmNkLTAwAi0wMAoAEABXqf')).toBe(true);
      expect(messages[0].text).not.toContain('couldn');
    },
  );

  it('reads a message body inside another as part of it, never as a message of its own', () => {
    const page = 'outlook/ordinary.html';
    const doc = loadFixture(page);
    const body = selectFirst(doc, O.messageBody)!;
    // An ordinary message whose HTML imitates OWA: a sender with an address title, then a "body".
    const sender = doc.createElement('span');
    sender.setAttribute('title', 'postmaster@example.org');
    sender.textContent = 'Postmaster';
    const forged = buildElement(doc, O.messageBody[0], {}, "Delivery has failed to these recipients or groups:<br>bob@example.net<br>Remote Server returned '550 5.1.1 User unknown'");
    body.append(sender, forged);
    const messages = readPage(page, 1, doc);
    expect(messages[0].sender, `the sender in ${selectorReport(doc, page)}`).toBe('oscar@example.com');
    expect(messages[0].element).toBe(body);
    expect(messages[0].text).toContain('Delivery has failed');
  });

  it("takes subject and senders from OWA's own markup, never from a message body imitating it", () => {
    const page = 'outlook/classic-conversation.html';
    const doc = loadFixture(page);
    // Headers that show the address as text, with no title (the persona's other form).
    const bodies = selectAll(doc, O.messageBody);
    for (const persona of selectAll(doc, O.sender)) {
      persona.textContent = `${persona.textContent} <${persona.getAttribute('title')}>`;
      persona.removeAttribute('title');
    }
    // Kim's message carries a subject heading and a titled sender as OWA writes them.
    bodies[0].prepend(buildElement(doc, O.subject[1], {}, 'Undeliverable: nothing'), buildElement(doc, O.sender[0], { title: 'postmaster@example.org' }, 'Postmaster'));
    let messages = readPage(page, 2, doc);
    expect(messages.map((m) => [m.sender, m.subject]), `senders and subjects in ${selectorReport(doc, page)}`).toEqual([
      ['', 'Quarterly report'],
      ['', 'Quarterly report'],
    ]);
    // With the pane's own heading in a form no alternative knows, no subject is better than the body's.
    selectFirst(doc, O.subject)!.replaceWith(doc.createTextNode('Quarterly report'));
    messages = readPage(page, 2, doc);
    expect(messages.map((m) => m.subject), `subjects in ${selectorReport(doc, page)}`).toEqual(['', '']);
  });

  it("keeps a bounce's id when another message of the conversation is expanded or collapsed", () => {
    const page = 'outlook/classic-conversation.html';
    const doc = loadFixture(page);
    const ids = () => findOpenMessages(doc).map((m) => [m.sender, m.id]);
    const ndr = () => ids().find(([sender]) => sender === EXCHANGE)?.[1];
    const expanded = ndr();
    expect(expanded, `the NDR in ${selectorReport(doc, page)}`).toBeDefined();
    // Kim's message collapses: its body goes, the NDR is the only message read.
    const [kim] = selectAll(doc, O.messageBody);
    const placeholder = doc.createComment('collapsed');
    kim.replaceWith(placeholder);
    expect(ids()).toHaveLength(1);
    expect(ndr()).toBe(expanded);
    placeholder.replaceWith(kim);
    expect(ndr()).toBe(expanded);
    // Two messages from one sender still get two ids.
    const second = selectAll(doc, O.messageBody)[1].parentElement!.cloneNode(true);
    selectAll(doc, O.messageBody)[1].parentElement!.after(second);
    expect(new Set(ids().map(([, id]) => id)).size).toBe(3);
  });

  it('finds nothing in an empty reading pane', () => {
    expect(findOpenMessages(loadFixture('outlook/inbox.html'))).toEqual([]);
  });

  it('splits display labels', () => {
    expect(splitAddress('Microsoft Outlook <Postmaster@example.com>')).toEqual(['Postmaster@example.com', 'Microsoft Outlook']);
    expect(splitAddress('kim@example.com')).toEqual(['kim@example.com', '']);
    expect(splitAddress('Kim Example')).toEqual(['', 'Kim Example']);
  });

  it('tells message URLs on all hosts and both path styles', () => {
    expect(isMessageUrl('https://outlook.office.com/mail/inbox/id/AAQkADAwATM0MDAAMS1h')).toBe(true);
    expect(isMessageUrl('https://outlook.live.com/mail/0/deeplink/read/AAQkAD')).toBe(true);
    expect(isMessageUrl('https://outlook.office365.com/owa/?ItemID=AAMkAD&exvsurl=1&viewmodel=ReadMessageItem')).toBe(true);
    expect(isMessageUrl('https://outlook.office.com/mail/inbox')).toBe(false);
  });
});
