/**
 * The knowledge base against the labelled corpus: for every bounce with a Diagnostic-Code, the
 * provider match plus advice must suppress exactly the recipients the labels call hard.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { Reason } from '../../lib/reasons';
import { advise, matchProviderResponse } from '../../lib/knowledge';
import { SHARED_CORPUS, needShared } from '../shared-data';

const NO_CORPUS = needShared('corpus', 'the check of the knowledge base against the corpus labels');
type Labels = { file: string; expected: { status: string; reply: string; reason: Reason; hard: boolean }[] }[];

/** Where we knowingly differ from the labels. */
const DIFFERENT: Readonly<Record<string, string>> = {
  // 450 4.1.1 "User unknown in virtual alias table": the server itself says temporary; we retry
  // and let the soft-to-hard rule suppress it if it repeats, rather than drop it on one 4xx.
  'lhost-postfix-05.eml': 'temporary unknown user',
  // Gmail's own "The email account that you tried to reach does not exist" is labelled filtered;
  // the words say the account does not exist, so we suppress.
  'rfc3464-42.eml': "Gmail's no-such-user wording",
};

it.skipIf(NO_CORPUS)('suppresses exactly the labelled hard bounces, given each diagnostic and its codes', () => {
  const labels: Labels = JSON.parse(readFileSync(join(SHARED_CORPUS, 'labels.json'), 'utf8'));
  let checked = 0;
  const wrong: string[] = [];
  for (const l of labels) {
    const raw = readFileSync(join(SHARED_CORPUS, 'bsd', l.file), 'utf8');
    const m = /^Diagnostic-Code:[^\n]*(?:\n[ \t][^\n]*)*/im.exec(raw);
    const e = l.expected[0];
    if (!m || !e) continue;
    const diag = m[0].replace(/\s+/g, ' ');
    const hints = { reply: e.reply || undefined, status: e.status || undefined };
    const row = matchProviderResponse(diag.toLowerCase(), hints);
    const advice = advise({
      reason: row?.reason ?? e.reason,
      status: e.status,
      reply: e.reply,
      permanent: row?.permanent ?? e.status.startsWith('5'),
      hard: e.hard,
      provider: row?.provider ?? '',
      providerTokens: row?.tokens ?? [],
      diagnostic: diag,
    });
    checked++;
    if (advice.suppress !== e.hard && !DIFFERENT[l.file]) wrong.push(`${l.file}: label hard=${e.hard}, suppress=${advice.suppress} (${row?.id ?? e.reason})`);
    if (DIFFERENT[l.file]) expect(advice.suppress, l.file).toBe(!e.hard);
  }
  expect(checked).toBeGreaterThan(150);
  expect(wrong).toEqual([]);
});
