/**
 * Outlook on the web reader (outlook.live.com, outlook.office.com, outlook.office365.com,
 * outlook.cloud.microsoft; /mail/ and the older /owa/ paths): the opened message(s) as plain data.
 */
import * as S from './outlook-selectors';
import { closest, nearest, selectAll, selectFirst, selectFirstOutside, type NearestMemo } from './query';
import { extractText } from './text';
import type { MessageHead, OpenMessage, WebmailReader } from './types';

function textOf(element: Element | null): string {
  return (element?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** 'Name <addr@host>' or a bare address; returns [address, name]. */
export function splitAddress(label: string): [string, string] {
  const lt = label.lastIndexOf('<');
  const gt = label.lastIndexOf('>');
  if (lt >= 0 && gt > lt) return [label.slice(lt + 1, gt).trim(), label.slice(0, lt).trim().replace(/^"|"$/g, '')];
  return label.includes('@') ? [label.trim(), ''] : ['', label.trim()];
}

function conversationId(root: ParentNode, url: string): string {
  const selected = selectFirst(root, S.selectedConversation);
  const convid = selected?.getAttribute('data-convid');
  if (convid) return convid;
  const i = url.indexOf('/id/');
  if (i >= 0) return url.slice(i + 4).split(/[/?#]/)[0];
  return 'owa';
}

export function findOpenMessages(root: ParentNode): MessageHead[] {
  const heads: MessageHead[] = [];
  try {
    const pane = readingPane(root);
    const scope: ParentNode = pane ?? root;
    const doc = (root as Node).ownerDocument ?? (root as Document);
    const conv = conversationId(root, doc?.location?.href ?? '');
    // Subject and senders are OWA's, never markup in a body (a message can imitate them).
    const subject = textOf(selectFirstOutside(scope, S.subject, S.messageBody));
    // Ancestors the messages share are searched once per reading, not once per message.
    const senders: NearestMemo = new Map();
    /** Messages read so far from each sender: a message's id counts only those (see below). */
    const fromSender = new Map<string, number>();
    // A body inside another is markup in a message (a quoted or forged one), read with its parent,
    // never a message of its own with a sender taken from the outer message's text.
    const bodies = selectAll(scope, S.messageBody).filter((body) => !(body.parentElement && closest(body.parentElement, S.messageBody)));
    bodies.forEach((body) => {
      // The header that belongs to this body, never one outside the reading pane.
      const from = nearest(body, S.sender, pane, senders, S.messageBody);
      const [titleAddress] = splitAddress(from?.getAttribute('title') ?? '');
      const [textAddress, textName] = splitAddress(textOf(from));
      const sender = (titleAddress || textAddress).toLowerCase();
      // The id counts the expanded messages before it from the same sender, not all of them:
      // expanding or collapsing another person's message of the conversation leaves it unchanged.
      const nth = fromSender.get(sender) ?? 0;
      fromSender.set(sender, nth + 1);
      heads.push({
        id: `${conv}:${sender}:${nth}`,
        sender,
        senderName: textAddress ? textName : textOf(from),
        subject,
        element: body,
      });
    });
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

/** An opened item: '/mail/inbox/id/AAQk…', '/mail/deeplink/read/…', or '/owa/?ItemID=…'. */
export function isMessageUrl(url: string): boolean {
  const lower = url.toLowerCase();
  return lower.includes('/id/') || lower.includes('/deeplink/read') || lower.includes('itemid=');
}

export const outlookReader: WebmailReader = {
  findOpenMessages,
  readOpenMessages,
  readingPane,
  isMessageUrl,
  paneSelector: S.readingPane,
  bodySelector: S.messageBody,
};
