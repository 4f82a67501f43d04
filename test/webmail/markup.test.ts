// @vitest-environment happy-dom
/** The fake-markup builder the webmail tests rely on: what it writes, each list's alternative matches. */
import { buildElement, elementFor, gmailConversation } from './markup';
import { SELECTORS } from './selector-report';
import { findIdKey, readOpenMessages } from '../../lib/webmail/gmail';

describe('markup.ts', () => {
  for (const [host, lists] of Object.entries(SELECTORS)) {
    for (const [name, selector] of Object.entries(lists)) {
      it.each(selector.map((alternative) => [alternative]))(`${host} ${name}: builds an element '%s' matches`, (alternative) => {
        const element = buildElement(document, alternative);
        document.body.replaceChildren(element);
        expect(document.querySelectorAll(alternative), elementFor(alternative)).toHaveLength(1);
      });
    }
  }

  it('refuses a value the selector would not match', () => {
    expect(() => elementFor('a[href*="ik="]', { href: 'https://example.com/' })).toThrow(/would not match/);
  });

  it('builds a Gmail conversation the reader reads', () => {
    const html = gmailConversation('Delivery Status Notification (Failure)', 'k1', [
      { id: 'msg-f:1', sender: 'mailer-daemon@googlemail.com', senderName: 'Mail Delivery Subsystem', body: '<p>550 5.1.1 user unknown</p>' },
      { id: 'msg-f:2', sender: 'kim@example.com', senderName: 'Kim <K>', body: '<p>Hello</p>' },
    ]);
    const doc = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
    expect(readOpenMessages(doc).map((m) => [m.id, m.sender, m.senderName, m.subject, m.text.trim()])).toEqual([
      ['msg-f:1', 'mailer-daemon@googlemail.com', 'Mail Delivery Subsystem', 'Delivery Status Notification (Failure)', '550 5.1.1 user unknown'],
      ['msg-f:2', 'kim@example.com', 'Kim <K>', 'Delivery Status Notification (Failure)', 'Hello'],
    ]);
    expect(findIdKey(doc)).toBe('k1');
  });
});
