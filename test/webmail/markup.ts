/**
 * Fake webmail markup built from the readers' selector lists, for tests that need a page or an
 * element of their own (a long thread, a reading pane that appears later) or must take one away.
 * Each element is written to match the first (preferred) alternative of its list, so a correct
 * selector change needs no edit here or in the tests: only the saved pages and the `name_` rows
 * pin the markup. Plain strings, so the end-to-end tests (Node, no DOM) use it too.
 */
import * as G from '../../lib/webmail/gmail-selectors';
import { selectAll } from '../../lib/webmail/query';
import type { Selector } from '../../lib/webmail/query';

type Attributes = Readonly<Record<string, string>>;

const escapeAttribute = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
export const escapeText = (value: string) => value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

interface Compound {
  tag: string;
  classes: string[];
  attributes: Map<string, { op: string; value: string }>;
}

/** One compound selector: tag, #id, .class, [name], [name="v"], [name*="v"], [name^="v"], [name$="v"], [name~="v"]. */
function parseCompound(text: string, whole: string): Compound {
  const compound: Compound = { tag: 'div', classes: [], attributes: new Map() };
  const token = /^(?:([a-zA-Z][\w-]*)|#([\w-]+)|\.([\w-]+)|\[([\w-]+)(?:([*^$~]?=)"([^"]*)")?\])/;
  let rest = text;
  let first = true;
  while (rest) {
    const m = token.exec(rest);
    if (!m || (m[1] && !first)) throw new Error(`markup.ts cannot build '${whole}': '${rest}' is not a simple selector part it knows`);
    if (m[1]) compound.tag = m[1].toLowerCase();
    else if (m[2]) compound.attributes.set('id', { op: '=', value: m[2] });
    else if (m[3]) compound.classes.push(m[3]);
    else compound.attributes.set(m[4], { op: m[5] ?? '', value: m[6] ?? '' });
    rest = rest.slice(m[0].length);
    first = false;
  }
  return compound;
}

/** The compound selectors of a descendant or child chain ('h3 span[email]'), spaces inside quotes kept. */
function splitCompounds(selector: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (const ch of selector.trim()) {
    if (ch === '"') quoted = !quoted;
    if (!quoted && (ch === ' ' || ch === '>')) {
      if (current) parts.push(current);
      current = '';
    } else current += ch;
  }
  if (current) parts.push(current);
  return parts;
}

/** Whether `value` satisfies the selector's test for that attribute. */
function satisfies(op: string, wanted: string, value: string): boolean {
  switch (op) {
    case '=':
      return value === wanted;
    case '*=':
      return value.includes(wanted);
    case '^=':
      return value.startsWith(wanted);
    case '$=':
      return value.endsWith(wanted);
    case '~=':
      return value.split(/\s+/).includes(wanted);
    default:
      return true;
  }
}

/**
 * The HTML of an element that `selector` (one alternative, descendant and child combinators
 * allowed) matches, holding `inner` (HTML). `attributes` go on the innermost element: they fill
 * in values the selector leaves open (`[email]`, `[href*="ik="]`), and may add others; a value
 * the selector would then not match is an error, never a silent mismatch. A `class` attribute
 * adds to the selector's classes.
 */
export function elementFor(selector: string, attributes: Attributes = {}, inner = ''): string {
  const compounds = splitCompounds(selector).map((part) => parseCompound(part, selector));
  let html = inner;
  for (let i = compounds.length - 1; i >= 0; i--) {
    const { tag, classes, attributes: wanted } = compounds[i];
    const own = i === compounds.length - 1 ? attributes : {};
    const written = new Map<string, string>();
    for (const [name, { op, value }] of wanted) {
      const given = own[name];
      if (given !== undefined && !satisfies(op, value, given)) {
        throw new Error(`markup.ts: ${name}="${given}" would not match '${selector}'`);
      }
      written.set(name, given ?? value);
    }
    for (const [name, value] of Object.entries(own)) if (name !== 'class' && !written.has(name)) written.set(name, value);
    const classList = [...classes, ...(own.class ? own.class.split(/\s+/) : [])];
    if (classList.length > 0) written.set('class', classList.join(' '));
    const attrs = [...written].map(([name, value]) => ` ${name}="${escapeAttribute(value)}"`).join('');
    html = `<${tag}${attrs}>${html}</${tag}>`;
  }
  return html;
}

/** `elementFor` as a DOM element of `doc` (the outermost one when the selector nests). */
export function buildElement(doc: Document, selector: string, attributes: Attributes = {}, inner = ''): Element {
  const template = doc.createElement('template');
  template.innerHTML = elementFor(selector, attributes, inner);
  return doc.importNode(template.content.firstElementChild!, true);
}

/** Removes every element any alternative of `selector` matches under `root` (a collapsed message has no body). */
export function removeAll(root: ParentNode, selector: Selector): void {
  for (const alternative of selector) for (const element of Array.from(root.querySelectorAll(alternative))) element.remove();
}

/**
 * Replaces every element any alternative of `selector` matches under `root` by its children,
 * so the text stays but the markup the list depends on is gone (the selectors find nothing, as
 * after a change they do not know). Returns how many elements went.
 */
export function unwrapAll(root: ParentNode, selector: Selector): number {
  let removed = 0;
  for (let found = selectAll(root, selector); found.length > 0 && removed < 10_000; found = selectAll(root, selector)) {
    for (const element of found) {
      element.replaceWith(...Array.from(element.childNodes));
      removed++;
    }
  }
  return removed;
}

export interface FakeGmailMessage {
  /** Gmail's permanent id without '#': 'msg-f:1781…' (the reader reads it from data-message-id). */
  id: string;
  sender: string;
  senderName: string;
  /** The message's rendered body, HTML. */
  body: string;
}

/**
 * A Gmail conversation as the reader sees it, from gmail-selectors' first alternatives: the
 * reading pane holding the subject, a link of Gmail's with the account key, and the expanded
 * messages, each with its sender and body.
 */
export function gmailConversation(subject: string, idKey: string, messages: readonly FakeGmailMessage[]): string {
  const items = messages.map((m) =>
    elementFor(
      G.message[0],
      { 'data-message-id': `#${m.id}` },
      elementFor(G.sender[0], { email: m.sender, name: m.senderName }, escapeText(m.senderName)) + elementFor(G.messageBody[0], {}, m.body),
    ),
  );
  const print = elementFor(G.idKeyLink[0], { href: `https://mail.google.com/mail/u/0/?ik=${idKey}&view=pt` }, 'Print all');
  return elementFor(G.readingPane[0], {}, [elementFor(G.subject[0], {}, escapeText(subject)), print, ...items].join('\n'));
}

/** A whole page around `body` (HTML). */
export function htmlPage(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeText(title)}</title></head><body>${body}</body></html>`;
}
