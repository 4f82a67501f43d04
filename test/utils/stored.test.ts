import { describe, expect, it } from 'vitest';
import { classify } from '../../lib/classify/classify';
import type { Classification } from '../../lib/types';
import { historyEntry } from '../../utils/history';
import { historyFrom, isClassification, tabReportsFrom } from '../../utils/stored';
import { fakeAdvise } from '../components/fixtures';

const BOUNCE = `From: MAILER-DAEMON@mx.example.net
To: ann@example.org
Subject: Undelivered Mail Returned to Sender

<kim@example.com>: host mx.example.com[192.0.2.1] said: 550 5.1.1 <kim@example.com>:
    Recipient address rejected: User unknown (in reply to RCPT TO command)
`;

async function real(): Promise<Classification> {
  const r = await classify(BOUNCE);
  if (r.kind === 'error') throw new Error(r.error);
  // What storage hands back is a structured clone: plain data only.
  return JSON.parse(JSON.stringify(r));
}

describe('stored values read back', () => {
  it('accept what the classifier and the history really produce', async () => {
    const c = await real();
    expect(isClassification(c)).toBe(true);
    const entry = historyEntry(c, fakeAdvise, 'mail.google.com', 1_700_000_000_000);
    const keyed = historyEntry(c, fakeAdvise, 'mail.google.com', 1_700_000_000_000, 'mail.google.com|msg-f:1#abc');
    expect(historyFrom([entry, keyed])).toEqual([entry, keyed]);
    const reports = {
      '7': [
        { classification: c, host: 'mail.google.com', time: 1_700_000_000_000, key: 'k', message: 'msg-f:2#abc' },
        { classification: c, host: 'mail.google.com', time: 1_700_000_000_000, key: 'k' },
      ],
    };
    expect(tabReportsFrom(reports)).toEqual(reports);
  });

  it('drop malformed history entries instead of breaking the side panel', async () => {
    const good = historyEntry(await real(), fakeAdvise, 'popup', 1_700_000_000_000);
    const bad: unknown[] = [
      null,
      'x',
      { ...good, time: 'yesterday' },
      { ...good, id: 7 },
      { ...good, time: Number.NaN },
      { ...good, time: 1e300 },
      { ...good, recipients: undefined },
      { ...good, recipients: [{ ...good.recipients[0], address: 42 }] },
      { ...good, recipients: [{ ...good.recipients[0], reason: 'toString' }] },
      { ...good, kind: 'weird' },
    ];
    expect(historyFrom([...bad, good])).toEqual([good]);
    expect(historyFrom({ length: 1, 0: good })).toEqual([]);
    expect(historyFrom(undefined)).toEqual([]);
  });

  it('drop malformed tab reports, and reject classifications missing what the panel reads', async () => {
    const c = await real();
    const ok = { classification: c, host: 'h', time: 1, key: 'k' };
    expect(isClassification({ kind: 'bounce', recipients: [] })).toBe(false);
    expect(isClassification({ ...c, original: undefined })).toBe(false);
    expect(isClassification({ ...c, recipients: [{ ...c.recipients[0], evidence: [null] }] })).toBe(false);
    expect(isClassification({ ...c, recipients: [{ ...c.recipients[0], reason: 'x' }] })).toBe(false);
    expect(
      tabReportsFrom({
        '1': [ok, { ...ok, message: 7 }],
        '2': [{ ...ok, time: 'now' }],
        x: [ok],
        '3': [{ ...ok, classification: { kind: 'bounce', recipients: [] } }],
        // What an older version kept: one report per tab, not a list.
        '4': ok,
      }),
    ).toEqual({ '1': [ok] });
    expect(tabReportsFrom([ok])).toEqual({});
    expect(tabReportsFrom(null)).toEqual({});
  });
});
