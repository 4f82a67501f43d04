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
  it('survives very deep nesting', () => {
    const doc = document.implementation.createHTMLDocument('');
    let node: Element = doc.body;
    for (let i = 0; i < 5000; i++) node = node.appendChild(doc.createElement('span'));
    node.appendChild(doc.createTextNode('deep'));
    expect(() => extractText(doc.body)).not.toThrow();
  });
});
