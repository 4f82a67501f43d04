// @vitest-environment happy-dom
import { extractText, MAX_TEXT_CHARS } from '../../lib/webmail/text';

function el(html: string): Element {
  return new DOMParser().parseFromString(`<body><div id="r">${html}</div></body>`, 'text/html').getElementById('r')!;
}

describe('extractText', () => {
  it('breaks lines at blocks and <br>, collapses inline whitespace', () => {
    expect(extractText(el('<h2>Address   not found</h2><p>Your message <b>to</b>\n  x</p>line<br>next'))).toBe(
      'Address not found\nYour message to x\nline\nnext',
    );
  });
  it('keeps empty lines from consecutive <br> and the text of <pre>', () => {
    expect(extractText(el('a<br><br>b<pre>550-5.1.1 one\n550 5.1.1 two</pre>'))).toBe('a\n\nb\n550-5.1.1 one\n550 5.1.1 two');
  });
  it('skips style, script and hidden elements', () => {
    expect(extractText(el('<style>p{color:red}</style><script>var x=1</script><p hidden>secret</p><p>shown</p>'))).toBe('shown');
  });
  it('keeps a table row on one line', () => {
    expect(extractText(el('<table><tr><td>Status code:</td><td>550 5.1.10</td></tr><tr><td>b</td></tr></table>'))).toBe(
      'Status code: 550 5.1.10\nb',
    );
  });
  it('caps its output', () => {
    const big = el('');
    big.appendChild(big.ownerDocument.createTextNode('x '.repeat(MAX_TEXT_CHARS)));
    expect(extractText(big).length).toBeLessThanOrEqual(MAX_TEXT_CHARS);
  });
  it('reads a long text node in pieces with the same result as whole', () => {
    // Words, runs of spaces and <pre> lines that straddle the 8 KB pieces a text node is read in.
    const words = Array.from({ length: 6000 }, (_, i) => 'w'.repeat(1 + (i % 13)) + ' '.repeat(1 + (i % 3))).join('');
    const doc = document.implementation.createHTMLDocument('');
    const p = doc.body.appendChild(doc.createElement('p'));
    p.appendChild(doc.createTextNode(words));
    expect(extractText(doc.body)).toBe(words.split(/ +/).join(' ').trim());
    const lines = Array.from({ length: 3000 }, (_, i) => `550 5.1.1 line ${i}${i % 7 ? '' : '   '}`).join('\n');
    const pre = doc.body.appendChild(doc.createElement('pre'));
    pre.appendChild(doc.createTextNode(lines));
    expect(extractText(pre)).toBe(lines.trim());
  });
  it('stops walking at the cap: neither the rest of a huge text node nor the nodes after it are read', () => {
    const doc = document.implementation.createHTMLDocument('');
    const quote = doc.body.appendChild(doc.createElement('blockquote'));
    const huge = quote.appendChild(doc.createTextNode('word '.repeat(MAX_TEXT_CHARS)));
    let read = 0;
    for (let i = 0; i < 1000; i++) {
      const line = quote.appendChild(doc.createElement('div'));
      line.textContent = 'more quoted text';
      for (const name of ['nodeType', 'tagName', 'nextSibling', 'firstChild']) {
        const value = Reflect.get(Object.getPrototypeOf(line), name, line);
        Object.defineProperty(line, name, { get: () => (read++, value) });
      }
    }
    // The text node is 5 × the cap: split whole it would be a million words, most after the cap.
    let pieces = 0;
    const split = String.prototype.split;
    String.prototype.split = function (this: string, ...args: Parameters<typeof split>) {
      pieces += this.length;
      return split.apply(this, args);
    } as typeof split;
    try {
      expect(extractText(doc.body).length).toBe(MAX_TEXT_CHARS - 1);
    } finally {
      String.prototype.split = split;
    }
    expect(read).toBe(0);
    expect(pieces).toBeLessThan(MAX_TEXT_CHARS + 2 * 8192);
    expect(huge.nodeValue!.length).toBe(5 * MAX_TEXT_CHARS);
  });
  it('survives very deep nesting', () => {
    const doc = document.implementation.createHTMLDocument('');
    let node: Element = doc.body;
    for (let i = 0; i < 5000; i++) node = node.appendChild(doc.createElement('span'));
    node.appendChild(doc.createTextNode('deep'));
    expect(() => extractText(doc.body)).not.toThrow();
  });
});
