/**
 * HTML to plain text for the classifier: tags dropped, entities decoded, block elements and
 * <br> as line breaks, <script>, <style> and <head> dropped whole. A single pass with indexOf,
 * no DOM and no backtracking, so hostile markup (unclosed comments, a million '<') costs time
 * linear in its length. Only the words matter here; layout is kept only as far as line breaks.
 */

/** Elements whose end, or whose presence, breaks a line. */
const BLOCKS = new Set([
  'address', 'article', 'aside', 'blockquote', 'br', 'dd', 'div', 'dl', 'dt', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5',
  'h6', 'header', 'hr', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'table', 'tbody', 'thead', 'tfoot', 'tr', 'ul',
]);
/** Table cells: kept apart by a space. */
const CELLS = new Set(['td', 'th']);
/** Elements whose content is not text for a reader. */
const SKIPPED = new Set(['head', 'script', 'style', 'template', 'title', 'noscript']);

const NAMED: Readonly<Record<string, string>> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ensp: ' ', emsp: ' ', thinsp: ' ',
  ndash: '–', mdash: '—', hellip: '…', lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', laquo: '«', raquo: '»',
  copy: '©', reg: '®', trade: '™', bull: '•', middot: '·', shy: '', zwnj: '', zwj: '',
};

const ENTITY = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z]{2,8}));?/g;

function decodeEntities(text: string): string {
  if (text.indexOf('&') === -1) return text;
  return text.replace(ENTITY, (whole, dec: string | undefined, hex: string | undefined, name: string | undefined) => {
    if (name !== undefined) return NAMED[name.toLowerCase()] ?? whole;
    const code = dec !== undefined ? Number(dec) : parseInt(hex!, 16);
    return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : '\ufffd';
  });
}

/** The element name at the start of a tag's inside ("p", "/div", "br/"), lower-cased. */
function tagName(inside: string): { name: string; closing: boolean } {
  let i = 0;
  const closing = inside.charCodeAt(0) === 47; // '/'
  if (closing) i = 1;
  let j = i;
  while (j < inside.length) {
    const c = inside.charCodeAt(j);
    if (!((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57))) break;
    j++;
  }
  return { name: inside.slice(i, j).toLowerCase(), closing };
}

export function htmlToPlainText(html: string): string {
  const lower = html.toLowerCase();
  const out: string[] = [];
  /** Skipped elements found never to close: not looked for again (that would be quadratic). */
  const unclosed = new Set<string>();
  const text = (s: string) => {
    if (s) out.push(decodeEntities(s.replace(/\s+/g, ' ')));
  };
  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt === -1) {
      text(html.slice(i));
      break;
    }
    text(html.slice(i, lt));
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4);
      i = end === -1 ? html.length : end + 3;
      continue;
    }
    const gt = html.indexOf('>', lt + 1);
    if (gt === -1) {
      text(html.slice(lt));
      break;
    }
    const inside = html.slice(lt + 1, gt);
    // "<someone@example.com>" written raw in HTML: an address, not an element.
    if (inside.indexOf('@') !== -1 && !/[\s="']/.test(inside)) {
      text(`<${inside}>`);
      i = gt + 1;
      continue;
    }
    const { name, closing } = tagName(inside);
    i = gt + 1;
    if (!closing && SKIPPED.has(name) && !unclosed.has(name)) {
      // Skipped to its end tag; an element never closed is not skipped (its text may be all
      // there is, as in "<head><title>…<body>…" with no </head>).
      const end = lower.indexOf(`</${name}`, i);
      const close = end === -1 ? -1 : html.indexOf('>', end);
      if (close === -1) unclosed.add(name);
      else i = close + 1;
      continue;
    }
    if (BLOCKS.has(name)) out.push('\n');
    else if (CELLS.has(name)) out.push(' ');
  }
  return out
    .join('')
    .split('\n')
    .map((line) => line.replace(/ {2,}/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
