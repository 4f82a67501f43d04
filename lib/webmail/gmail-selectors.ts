/**
 * Gmail's markup hooks, in one place. Each export is a list of alternatives, most stable first
 * (attributes and roles before Gmail's short class tokens, which change without notice).
 * Sources: webmail.md §2 (gmail.js, InboxSDK), noted from public code, not checked against a
 * live mailbox (verify). Each `name_` lists [expected matches, fixture] for the offline test in
 * test/webmail/selectors.test.ts (tree-shaken out of the build): a row's matches must come from
 * the list's first alternative, unless the row names, third, the older alternative that page was
 * saved for (see `Expectations` in query.ts).
 */
import type { Expectations, Selector } from './query';

/** The reading pane: the scope we observe and the fallback's text source. */
export const readingPane: Selector = [
  // Landmark role of the main column; noted 2026-11 (gmail.js, InboxSDK). TODO [2027-06-01]: re-check.
  'div[role="main"]',
  // The pane's long-lived class token, should the role go. TODO [2027-06-01]: re-check.
  'div.nH.bkK',
];
export const readingPane_: Expectations = [
  [1, 'gmail/address-not-found.html'],
  [1, 'gmail/thread-two-bounces.html'],
  [1, 'gmail/inbox.html'],
];

/** One expanded message of the open conversation. Collapsed messages have no body and are skipped. */
export const message: Selector = [
  // Message container with its permanent id ('#msg-f:<decimal>'); noted 2026-11 (gmail.js, PR #256).
  // TODO [2027-06-01]: re-check.
  'div.adn[data-message-id]',
  // Any element carrying the legacy hex id, should the class token change. TODO [2027-06-01]: re-check.
  '[data-legacy-message-id]',
  // List item form of the Nov 2023 thread markup (InboxSDK #1073). TODO [2027-06-01]: re-check.
  '[role="listitem"][data-message-id]',
];
export const message_: Expectations = [
  [1, 'gmail/address-not-found.html'],
  [1, 'gmail/message-blocked.html'],
  [1, 'gmail/delivery-incomplete.html'],
  [1, 'gmail/legacy-permanent-failure.html'],
  [1, 'gmail/third-party-bounce.html'],
  [3, 'gmail/thread-two-bounces.html'],
  [1, 'gmail/ordinary.html'],
  [0, 'gmail/inbox.html'],
];

/** The body of one message (searched inside `message`). */
export const messageBody: Selector = [
  // Body wrapper; 'a3s' has outlived many redesigns (gmail.js, InboxSDK PR #1309). noted 2026-11.
  // TODO [2027-06-01]: re-check.
  'div.a3s',
  // Its parent, named in InboxSDK PR #1309 as the modern body. TODO [2027-06-01]: re-check.
  'div.ii.gt',
];
export const messageBody_: Expectations = [
  [1, 'gmail/address-not-found.html'],
  [3, 'gmail/thread-two-bounces.html'],
  [1, 'gmail/ordinary.html'],
  [0, 'gmail/inbox.html'],
];

/** The sender of one message: Gmail puts the address in an `email` attribute. */
export const sender: Selector = [
  // Sender name span with the address attribute; noted 2026-11 (gmail.js). TODO [2027-06-01]: re-check.
  'span.gD[email]',
  // The header line's first address, should the class go. TODO [2027-06-01]: re-check.
  'h3 span[email]',
];
export const sender_: Expectations = [
  [1, 'gmail/address-not-found.html'],
  [3, 'gmail/thread-two-bounces.html'],
  [1, 'gmail/ordinary.html'],
  [0, 'gmail/inbox.html'],
];

/** The conversation's subject. */
export const subject: Selector = [
  // Subject heading; noted 2026-11 (gmail.js). TODO [2027-06-01]: re-check.
  'h2.hP',
  // The same heading found by its thread id attributes (InboxSDK). TODO [2027-06-01]: re-check.
  'h2[data-thread-perm-id]',
  // Any element with the legacy thread id, should the heading lose it. TODO [2027-06-01]: re-check.
  '[data-legacy-thread-id]',
];
export const subject_: Expectations = [
  [1, 'gmail/address-not-found.html'],
  [1, 'gmail/thread-two-bounces.html'],
  [1, 'gmail/ordinary.html'],
  [0, 'gmail/inbox.html'],
];

/** A link carrying the account's `ik` key, needed for "Show original" (webmail.md §4). */
export const idKeyLink: Selector = [
  // Any same-origin link with ik= (print, download); noted 2026-11 (page-fetch.js). TODO [2027-06-01]: re-check.
  'a[href*="ik="]',
];
export const idKeyLink_: Expectations = [
  [1, 'gmail/address-not-found.html'],
  [1, 'gmail/thread-two-bounces.html'],
  [0, 'gmail/inbox.html'],
];
