/**
 * What a webmail reader returns: the opened message(s) of a page as plain data.
 * DOM in, data out; no extension APIs (see CONTRIBUTING.md).
 */

/** The cheap part of an opened message: enough to decide whether it is a bounce. */
export interface MessageHead {
  /**
   * Stable within the page for as long as the message stays open: Gmail's permanent id
   * ('msg-f:1781…'), Outlook's conversation id, sender and position among that sender's
   * messages, or 'pane' for the text fallback.
   */
  id: string;
  /** The sender's address, lower-cased; '' when the page shows none. */
  sender: string;
  /** The sender's display name as shown ('Mail Delivery Subsystem'); '' when none. */
  senderName: string;
  /** The subject of the opened message or conversation; '' when not found. */
  subject: string;
  /** The element holding the message body. The in-page panel is placed just above it. */
  element: Element;
}

/** An opened message with its body turned into text. */
export interface OpenMessage extends MessageHead {
  text: string;
}

/** One host's reader. */
export interface WebmailReader {
  /** Opened messages (cheap: no body text is read). */
  findOpenMessages(root: ParentNode): MessageHead[];
  /** Opened messages with their body text. */
  readOpenMessages(root: ParentNode): OpenMessage[];
  /** The reading pane (role=main and the like), the scope to observe; null when absent. */
  readingPane(root: ParentNode): Element | null;
  /** True when the URL shows an opened message rather than a list. */
  isMessageUrl(url: string): boolean;
  /** Selector alternatives of the reading pane: the app may keep several (views it left, hidden). */
  paneSelector: readonly string[];
  /** Selector alternatives of a message body: added nodes that match or hold one may open a message. */
  bodySelector: readonly string[];
}
