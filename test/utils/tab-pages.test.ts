import { describe, expect, it } from 'vitest';
import { MatchPattern } from 'wxt/utils/match-patterns';
import { leftReportedPage, pageHost } from '../../utils/tab-pages';

const patterns = ['https://mail.google.com/*', 'https://outlook.office.com/mail/*', 'https://outlook.office.com/owa/*'].map(
  (p) => new MatchPattern(p),
);
const covered = (url: string) => patterns.some((p) => p.includes(url));

describe('pageHost', () => {
  it('names webmail pages by host, our own pages as extension', () => {
    expect(pageHost('https://mail.google.com/mail/u/0/#inbox')).toBe('mail.google.com');
    expect(pageHost('chrome-extension://abc/popup.html')).toBe('extension');
    expect(pageHost(undefined)).toBe('unknown');
  });
});

describe('leftReportedPage', () => {
  it('keeps the report while the app moves inside pages our script runs on (it reports those itself)', () => {
    expect(leftReportedPage('mail.google.com', 'https://mail.google.com/mail/u/0/#inbox/FMfcg', covered)).toBe(false);
    expect(leftReportedPage('outlook.office.com', 'https://outlook.office.com/mail/inbox/id/AAQ', covered)).toBe(false);
  });

  it('drops it for another host, another site, a path without our script, or a URL hidden from us', () => {
    expect(leftReportedPage('outlook.office.com', 'https://mail.google.com/mail/u/0/', covered)).toBe(true);
    expect(leftReportedPage('outlook.office.com', 'https://www.example.org/', covered)).toBe(true);
    expect(leftReportedPage('outlook.office.com', 'https://outlook.office.com/calendar/view/month', covered)).toBe(true);
    expect(leftReportedPage('mail.google.com', 'http://mail.google.com/mail/', covered)).toBe(true);
    expect(leftReportedPage('mail.google.com', undefined, covered)).toBe(true);
    expect(leftReportedPage('mail.google.com', 'not a url', covered)).toBe(true);
  });
});
