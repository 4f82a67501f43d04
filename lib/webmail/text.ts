/**
 * Turns a rendered message into text, close to what `innerText` gives (which happy-dom lacks and
 * which forces a layout in browsers): text nodes in document order, a line break around block
 * elements and at <br>, whitespace collapsed outside <pre>, style and script skipped.
 */

/** Output cap: a bounce's readable part is small; quoted originals can be huge. */
export const MAX_TEXT_CHARS = 200_000;

const BLOCK = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'CENTER', 'DD', 'DETAILS', 'DIV', 'DL', 'DT',
  'FIELDSET', 'FIGCAPTION', 'FIGURE', 'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6',
  'HEADER', 'HR', 'LI', 'MAIN', 'NAV', 'OL', 'P', 'PRE', 'SECTION', 'SUMMARY', 'TABLE', 'TBODY',
  'TFOOT', 'THEAD', 'TR', 'UL',
]);
/** Table cells stay on their row's line, separated by a space. */
const CELL = new Set(['TD', 'TH']);
const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'HEAD', 'TITLE', 'SVG', 'BOUNCE-INSPECTOR-PANEL']);
/** Deeper trees are cut off rather than risk the stack (mail HTML can nest absurdly). */
const MAX_DEPTH = 256;

/** A text node is read this many characters at a time, so a huge one stops at the cap too. */
const TEXT_CHUNK = 8192;

const TEXT_NODE = 3;
const ELEMENT_NODE = 1;

export function extractText(root: Node): string {
  const out: string[] = [];
  let length = 0;
  /** The output ends at a line start (nothing on the current line yet). */
  let atLineStart = true;
  /** A collapsed space is owed before the next word on this line. */
  let pendingSpace = false;

  const newline = () => {
    if (!atLineStart) {
      out.push('\n');
      length += 1;
      atLineStart = true;
    }
    pendingSpace = false;
  };

  const write = (piece: string) => {
    if (piece === '') return;
    if (pendingSpace && !atLineStart) {
      out.push(' ');
      length += 1;
    }
    pendingSpace = false;
    out.push(piece);
    length += piece.length;
    atLineStart = false;
  };

  /**
   * Writes a text node's words (whitespace collapsed) or, inside <pre>, its lines. Read in chunks
   * that end anywhere, even inside a word or a run of spaces: write() joins a word cut in two (no
   * space is owed between the pieces) and a run of spaces cut in two still owes one space.
   */
  const text = (value: string, pre: boolean) => {
    for (let from = 0; from < value.length && length < MAX_TEXT_CHARS; from += TEXT_CHUNK) {
      const chunk = value.length <= TEXT_CHUNK ? value : value.slice(from, from + TEXT_CHUNK);
      if (pre) {
        const lines = chunk.split('\n');
        for (let i = 0; i < lines.length; i++) {
          if (i > 0) {
            atLineStart = false; // keep empty lines inside <pre>
            newline();
          }
          write(lines[i]);
        }
        continue;
      }
      // Collapse runs of whitespace; remember a leading or trailing space for the next word.
      const words = chunk.split(/[ \t\n\r\f\u00a0]+/);
      for (let i = 0; i < words.length; i++) {
        if (i > 0) pendingSpace = true;
        write(words[i]);
      }
    }
  };

  /** Children in order, by sibling links (no copy of the child list), until the cap is reached. */
  const children = (node: Node, depth: number, pre: boolean) => {
    for (let child = node.firstChild; child && length < MAX_TEXT_CHARS; child = child.nextSibling) visit(child, depth + 1, pre);
  };

  const visit = (node: Node, depth: number, pre: boolean): void => {
    if (length >= MAX_TEXT_CHARS || depth > MAX_DEPTH) return;
    if (node.nodeType === TEXT_NODE) {
      text(node.nodeValue ?? '', pre);
      return;
    }
    if (node.nodeType !== ELEMENT_NODE) {
      // Document or fragment: walk its children.
      children(node, depth, pre);
      return;
    }
    const element = node as Element;
    const tag = element.tagName.toUpperCase();
    if (SKIP.has(tag)) return;
    if (element.hasAttribute('hidden')) return;
    if (tag === 'BR') {
      // A <br> always ends the line, even an empty one.
      atLineStart = false;
      newline();
      return;
    }
    const block = BLOCK.has(tag);
    if (block) newline();
    children(element, depth, pre || tag === 'PRE');
    if (block) newline();
    else if (CELL.has(tag)) pendingSpace = true;
  };

  try {
    visit(root, 0, false);
  } catch {
    // A detached or exotic node: return what was read so far.
  }
  return out.join('').slice(0, MAX_TEXT_CHARS).replace(/\n{3,}/g, '\n\n').trim();
}
