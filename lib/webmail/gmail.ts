/**
 * Gmail reader: the opened conversation's expanded messages as plain data.
 */
import * as S from './gmail-selectors';
import { closest, nearest, selectAll, selectFirst, selectFirstOutside, type NearestMemo } from './query';
import { GMAIL_ORIGIN } from './gmail-source';
import { extractText } from './text';
import type { MessageHead, OpenMessage, WebmailReader } from './types';

/** Gmail's permanent message id without the leading '#': 'msg-f:1781…' (or 'msg-a:r…' for fresh replies). */
export function messageIdOf(element: Element): string {
  const permanent = (element.getAttribute('data-message-id') ?? '').replace(/^#/, '');
  if (permanent) return permanent;
  return element.getAttribute('data-legacy-message-id') ?? '';
}

function textOf(element: Element | null): string {
  return (element?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

export function findOpenMessages(root: ParentNode): MessageHead[] {
  const heads: MessageHead[] = [];
  // A thread's messages share their ancestors: each is searched for the subject once per reading.
  const subjects: NearestMemo = new Map();
  try {
    for (const container of selectAll(root, S.message)) {
      const body = selectFirst(container, S.messageBody);
      if (!body) continue; // collapsed
      // A nested message (a quoted one inside another's body) is read with its parent.
      const outer = container.parentElement ? closest(container.parentElement, S.message) : null;
      if (outer) continue;
      // Header and subject are Gmail's, never markup in a body (a message can imitate them).
      const from = selectFirstOutside(container, S.sender, S.messageBody);
      heads.push({
        id: messageIdOf(container) || `gmail:${heads.length}`,
        sender: (from?.getAttribute('email') ?? '').trim().toLowerCase(),
        senderName: (from?.getAttribute('name') ?? textOf(from)).trim(),
        subject: textOf(nearest(container, S.subject, null, subjects, S.messageBody)),
        element: body,
      });
    }
  } catch {
    // Unexpected markup: report what was found so far.
  }
  return heads;
}

export function readOpenMessages(root: ParentNode): OpenMessage[] {
  return findOpenMessages(root).map((head) => ({ ...head, text: extractText(head.element) }));
}

export function readingPane(root: ParentNode): Element | null {
  return selectFirst(root, S.readingPane);
}

/**
 * An opened conversation's URL ends in its id: '#inbox/FMfcgz…', '#label/x/18b2…',
 * '#search/q/FMfcgz…'. List views end in a word ('#inbox', '#inbox/p2'). What Gmail adds after
 * a '?' (an open compose window, '?compose=new'; an attachment preview, '?projector=1') is not
 * part of the view's path.
 */
export function isMessageUrl(url: string): boolean {
  const hash = url.slice(url.indexOf('#') + 1).split('?')[0];
  if (!url.includes('#')) return false;
  const last = hash.slice(hash.lastIndexOf('/') + 1);
  return /^[A-Za-z0-9_-]{16,200}$/.test(last);
}

/**
 * The account key ('ik') from a link of Gmail's own that carries it; '' when none. Links inside a
 * message's body are the sender's, not Gmail's: one written "https://mail.google.com/?ik=…" must
 * not choose the key, so they are passed over, as are links to any other origin.
 */
export function findIdKey(root: ParentNode): string {
  for (const link of selectAll(root, S.idKeyLink)) {
    if (closest(link, S.messageBody)) continue;
    const href = link.getAttribute('href') ?? '';
    let url: URL;
    try {
      url = new URL(href, GMAIL_ORIGIN);
    } catch {
      continue;
    }
    if (url.origin !== GMAIL_ORIGIN) continue;
    const match = /[?&]ik=([A-Za-z0-9]{1,40})(?:&|$)/.exec(url.search);
    if (match) return match[1];
  }
  return '';
}

export const gmailReader: WebmailReader = {
  findOpenMessages,
  readOpenMessages,
  readingPane,
  isMessageUrl,
  paneSelector: S.readingPane,
  bodySelector: S.messageBody,
};
