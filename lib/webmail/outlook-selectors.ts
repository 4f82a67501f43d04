/**
 * Outlook on the web's markup hooks, in one place. OWA's class names are hashed and change with
 * each release (webmail.md §2), so only roles, ids and data attributes are used; aria-labels
 * are localised and come last. Sources: public extension code cited in webmail.md §2; not
 * checked against a live mailbox (verify). Each `name_` lists [expected matches, fixture] for
 * test/webmail/selectors.test.ts: a row's matches must come from the list's first alternative,
 * unless the row names, third, the older alternative that page was saved for (see
 * `Expectations` in query.ts).
 */
import type { Expectations, Selector } from './query';

/** The reading pane. */
export const readingPane: Selector = [
  // Reading pane container id (evicypher-webmail, later versions); noted 2026-11. TODO [2027-06-01]: re-check.
  '#ReadingPaneContainerId',
  // Read/compose app section (wd-extension-poc consts.ts); noted 2026-11. TODO [2027-06-01]: re-check.
  '[data-app-section="MailReadCompose"]',
  // Landmark role, the last resort. TODO [2027-06-01]: re-check.
  'div[role="main"]',
];
export const readingPane_: Expectations = [
  [1, 'outlook/classic-conversation.html'],
  [1, 'outlook/modern-single.html'],
  [1, 'outlook/ordinary.html'],
  [1, 'outlook/inbox.html'],
];

/** The body of each opened message. */
export const messageBody: Selector = [
  // Rendered body (POW-Capstone2025 content.js); noted 2026-11. TODO [2027-06-01]: re-check.
  'div[role="document"]',
  // English aria-label, last resort (localised). TODO [2027-06-01]: re-check.
  'div[aria-label="Message body"]',
];
export const messageBody_: Expectations = [
  [2, 'outlook/classic-conversation.html'],
  [1, 'outlook/classic-single.html'],
  [2, 'outlook/modern-conversation.html'],
  [1, 'outlook/modern-single.html'],
  [1, 'outlook/ordinary.html'],
  [0, 'outlook/inbox.html'],
];

/**
 * The sender of one message, searched in the message's header (the body's nearest ancestor that
 * holds one). OWA's persona shows the name with the address in its title. TODO [2027-06-01]: re-check.
 */
export const sender: Selector = [
  // Persona name with the address in its title (From, then To); verify. TODO [2027-06-01]: re-check.
  'span[title*="@"]',
  // The same on any element, should the persona stop being a span. TODO [2027-06-01]: re-check.
  '[title*="@"]',
];
export const sender_: Expectations = [
  [4, 'outlook/classic-conversation.html'],
  [2, 'outlook/modern-single.html'],
  [2, 'outlook/ordinary.html'],
  [0, 'outlook/inbox.html'],
];

/** The subject of the opened conversation or message. */
export const subject: Selector = [
  // Conversation subject heading (role + level); verify. TODO [2027-06-01]: re-check.
  '[role="heading"][aria-level="2"]',
  // Any level-2 heading in the pane. TODO [2027-06-01]: re-check.
  'h2',
];
export const subject_: Expectations = [
  [1, 'outlook/classic-conversation.html'],
  [1, 'outlook/modern-single.html'],
  [1, 'outlook/ordinary.html'],
  [0, 'outlook/inbox.html'],
];

/** The selected conversation in the message list: its data-convid names the open message. */
export const selectedConversation: Selector = [
  // Selected option of the list (wd-extension-poc consts.ts); noted 2026-11. TODO [2027-06-01]: re-check.
  '[role="listbox"] [aria-selected="true"][data-convid]',
  // The same item should the list lose its role. TODO [2027-06-01]: re-check.
  '[data-convid][aria-selected="true"]',
];
export const selectedConversation_: Expectations = [
  [1, 'outlook/classic-conversation.html'],
  [1, 'outlook/modern-conversation.html'],
  [0, 'outlook/inbox.html'],
];
