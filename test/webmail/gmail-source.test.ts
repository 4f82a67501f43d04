import { decodeEntities, extractRawMessage, showOriginalUrl } from '../../lib/webmail/gmail-source';
import { fixtureHtml } from './dom-fixture';

describe('showOriginalUrl', () => {
  it('builds the same-origin Show original URL for the right account', () => {
    expect(showOriginalUrl('https://mail.google.com/mail/u/2/#inbox/FMfcgz', 'a1b2c3d4e5', 'msg-f:1781000000000000011')).toBe(
      'https://mail.google.com/mail/u/2/?ik=a1b2c3d4e5&view=om&permmsgid=msg-f%3A1781000000000000011',
    );
    expect(showOriginalUrl('https://mail.google.com/mail/#inbox', 'a1b2', 'msg-a:r123')).toBe(
      'https://mail.google.com/mail/u/0/?ik=a1b2&view=om&permmsgid=msg-a%3Ar123',
    );
  });
  it('uses th= for a legacy hex id', () => {
    expect(showOriginalUrl('https://mail.google.com/mail/u/0/#inbox/x', 'a1b2', '18b2c3d4e5f60011')).toBe(
      'https://mail.google.com/mail/u/0/?ik=a1b2&view=om&th=18b2c3d4e5f60011',
    );
  });
  it('refuses anything that is not Gmail or not a clean id', () => {
    expect(showOriginalUrl('https://evil.example.com/mail/u/0/', 'a1b2', 'msg-f:1')).toBe('');
    expect(showOriginalUrl('https://mail.google.com/mail/u/0/', 'a1&x=1', 'msg-f:1')).toBe('');
    expect(showOriginalUrl('https://mail.google.com/mail/u/0/', 'a1b2', 'gmail:0')).toBe('');
    expect(showOriginalUrl('https://mail.google.com/mail/u/0/', 'a1b2', '18b2&view=x')).toBe('');
    expect(showOriginalUrl('not a url', 'a1b2', 'msg-f:1')).toBe('');
  });
});

describe('extractRawMessage', () => {
  it('takes the raw message out of a Show original page', () => {
    const raw = extractRawMessage(fixtureHtml('gmail/show-original-address-not-found.html'));
    expect(raw.startsWith('Delivered-To: frank@example.com\r\n')).toBe(true);
    expect(raw).toContain('From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>');
    expect(raw).toContain('Content-Type: message/delivery-status');
    expect(raw).toContain('Status: 5.1.1');
    expect(raw).not.toContain('&lt;');
  });
  it('falls back to the first <pre> holding a message, then to a plain-text answer', () => {
    expect(extractRawMessage('<html><pre class="x">Received: by 2002\r\nSubject: a\r\n\r\nb</pre></html>')).toBe(
      'Received: by 2002\r\nSubject: a\r\n\r\nb',
    );
    expect(extractRawMessage('\r\nReturn-Path: <>\r\nSubject: a\r\n\r\nb')).toBe('Return-Path: <>\r\nSubject: a\r\n\r\nb');
  });

  it('gives nothing for a page without a message', () => {
    expect(extractRawMessage('<html><body>Sign in</body></html>')).toBe('');
    expect(extractRawMessage('<pre id="raw_message_text">not a message</pre>')).toBe('');
  });
  it('decodes character references and leaves unknown ones', () => {
    expect(decodeEntities('&lt;a&gt; &amp; &#39;x&#x27; &bogus; &#0;')).toBe("<a> & 'x' &bogus; &#0;");
  });
});
