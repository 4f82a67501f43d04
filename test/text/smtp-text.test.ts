import { describe, expect, it } from 'vitest';
import { joinContinuations } from '../../lib/text/smtp-text';

describe('joinContinuations', () => {
  it('drops the repeated codes of a multi-line reply', () => {
    expect(joinContinuations('550-5.7.1 This message is 550-5.7.1 not RFC 5322 compliant. 550 5.7.1 Thanks')).toBe(
      '550-5.7.1 This message is not RFC 5322 compliant. Thanks',
    );
    expect(joinContinuations('mx.example.com 550-Please turn on SMTP Authentication. 550-mail0 is not permitted to 550 relay')).toBe(
      'mx.example.com 550-Please turn on SMTP Authentication. mail0 is not permitted to 550 relay',
    );
  });

  it('keeps other codes and texts without repeats as they are', () => {
    const text = "Remote Server returned '550 5.1.351 unknown recipient -> 550 <a@example.com>: User unknown'";
    expect(joinContinuations(text)).toBe(text);
    expect(joinContinuations('no code here')).toBe('no code here');
  });
});
