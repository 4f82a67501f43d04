/**
 * The one message protocol of the extension. Content scripts (Gmail, Outlook) call sendMessage;
 * the background answers through onMessages. Every message is {type, data}; each type has one
 * request shape and one response shape, so both ends are checked by the compiler.
 */
import { browser, type Browser } from 'wxt/browser';
import type { Classification } from '../lib/types';

/** Bounces one tab reports at once (a long thread of bounces, and then some); the content script keeps the shown one and those nearest it. */
export const MAX_OPEN_BOUNCES = 50;

/** One bounce open in a webmail tab, as its content script reads it. */
export interface OpenBounce {
  classification: Classification;
  message?: string;
  /**
   * Set on the one the side panel shows: whose "Details and history" was clicked last (the time of
   * that click, so that each click counts), else the newest (0).
   */
  shown?: number;
}

export interface Protocol {
  /**
   * Content script → background: every bounce open in the sender's tab with its verdict, in page
   * order, one of them `shown`. Replaces what the tab reported before; each is recorded in the
   * history. `message` identifies the opened message (history.ts messageKey): every reading of it
   * shares one history entry. `recorded` is true when the history gained or updated an entry.
   */
  reportBounces: { data: { reports: OpenBounce[] }; result: { recorded: boolean } };
  /**
   * Popup → background: a report the user inspected in the popup, for the history. The
   * background writes it in its one queue, so it cannot overwrite a tab's report written at the
   * same moment. `recorded` is true when the history gained an entry.
   */
  recordInspected: { data: { classification: Classification }; result: { recorded: boolean } };
  /** Content script → background: no bounce is open in the sender's tab any more. */
  clearVerdict: { data: Record<string, never>; result: { cleared: boolean } };
  /**
   * Content script → background: open the side panel for the sender's tab. Send it straight from
   * a click handler with no await before it: browsers open panels only in answer to a user action.
   * Firefox does not count clicks in web pages, so there `opened` is false.
   */
  openSidePanel: { data: Record<string, never>; result: { opened: boolean } };
}

export type MessageType = keyof Protocol;
export type MessageData<K extends MessageType> = Protocol[K]['data'];
export type MessageResult<K extends MessageType> = Protocol[K]['result'];

export interface Message<K extends MessageType = MessageType> {
  type: K;
  data: MessageData<K>;
}

export function sendMessage<K extends MessageType>(type: K, data: MessageData<K>): Promise<MessageResult<K>> {
  const message: Message<K> = { type, data };
  return browser.runtime.sendMessage(message);
}

export type Handlers = {
  [K in MessageType]: (
    data: MessageData<K>,
    sender: Browser.runtime.MessageSender,
  ) => MessageResult<K> | Promise<MessageResult<K>>;
};

function isMessage(value: unknown, handlers: Handlers): value is Message {
  if (typeof value !== 'object' || value === null) return false;
  const { type, data } = value as { type?: unknown; data?: unknown };
  return typeof type === 'string' && Object.hasOwn(handlers, type) && typeof data === 'object' && data !== null;
}

/**
 * Answers protocol messages from our own extension only. Handlers run synchronously up to their
 * first await, which keeps the user gesture alive for openSidePanel.
 */
export function onMessages(handlers: Handlers): () => void {
  const listener = (message: unknown, sender: Browser.runtime.MessageSender, sendResponse: (r: unknown) => void) => {
    if (sender.id !== browser.runtime.id || !isMessage(message, handlers)) return false;
    const handler = handlers[message.type] as (data: unknown, sender: Browser.runtime.MessageSender) => unknown;
    let result: unknown;
    try {
      result = handler(message.data, sender);
    } catch (error) {
      result = Promise.reject(error);
    }
    Promise.resolve(result).then(sendResponse, (error: unknown) =>
      sendResponse({ error: error instanceof Error ? error.message : String(error) }),
    );
    return true;
  };
  browser.runtime.onMessage.addListener(listener);
  return () => browser.runtime.onMessage.removeListener(listener);
}
