import { describe, expect, it } from 'vitest';
import { classify } from '../../lib/classify/classify';
import { htmlToPlainText } from '../../lib/mime/html-text';

describe('htmlToPlainText', () => {
  it('keeps the words: tags dropped, entities decoded, blocks and cells laid out', () => {
    const html = `<!DOCTYPE html><html><head><title>Undeliverable</title><style>p { color: red }</style></head>
      <body><!-- generated --><script>alert(1)</script>
      <p>Delivery has failed to these recipients:</p><div><b>kim@example.com</b><br>
      Remote&nbsp;Server returned &#39;550 5.1.1 &lt;kim@example.com&gt;: user unknown&#x27;</div>
      <table><tr><td>Status</td><td>5.1.1</td></tr></table><p>caf&eacute; &amp; &hellip;</p></body></html>`;
    expect(htmlToPlainText(html)).toBe(
      "Delivery has failed to these recipients:\n\nkim@example.com\nRemote Server returned '550 5.1.1 <kim@example.com>: user unknown'\n\nStatus 5.1.1\n\ncaf&eacute; & …",
    );
  });

  it('keeps an address written raw in angle brackets, and the body of a page whose head never closes', () => {
    expect(htmlToPlainText('<p>550 <kim@example.com>... User unknown</p>')).toBe('550 <kim@example.com>... User unknown');
    expect(htmlToPlainText('<html><head><title>x<body><p>550 5.1.1 gone</p>')).toBe('x\n550 5.1.1 gone');
  });

  it('reads hostile markup in one pass', () => {
    expect(htmlToPlainText('<'.repeat(200_000))).toBe('<'.repeat(200_000));
    expect(htmlToPlainText('<!--'.repeat(100_000) + 'x')).toBe('');
    expect(htmlToPlainText('<script>'.repeat(50_000) + 'x')).toBe('x');
    // numbers past Unicode, and surrogates, become the replacement character
    expect(htmlToPlainText('&'.repeat(100_000) + '&#1114112;&#xD800;')).toBe('&'.repeat(100_000) + '\ufffd\ufffd');
    expect(htmlToPlainText('<p'.repeat(100_000))).toBe('<p'.repeat(100_000));
  });
});

describe('an HTML-only bounce', () => {
  it('is read as text: no markup in the diagnostic or the evidence', async () => {
    const raw = `From: postmaster@example.net\nTo: sender@example.org\nSubject: Undeliverable: hello\nContent-Type: text/html; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\n<html><body><p>Delivery has failed to these recipients:</p><p><a href=3D"mailto:kim@example.com">kim@example.com</a><br>Remote Server returned '550 5.1.1 &lt;kim@example.com&gt;: Recipient address rejected: User unknown'</p></body></html>\n`;
    const r = await classify(raw);
    expect(r.kind).toBe('bounce');
    if (r.kind !== 'bounce') return;
    expect(r.recipients.map((x) => [x.recipient, x.status, x.reason])).toEqual([['kim@example.com', '5.1.1', 'userunknown']]);
    for (const text of [r.recipients[0].diagnostic, ...r.recipients[0].evidence.map((e) => e.text)]) expect(text).not.toMatch(/<\/?(?:p|a|br|html|body)\b|&lt;|&gt;/);
  });
});
