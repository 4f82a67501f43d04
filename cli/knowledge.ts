/**
 * The CLI's one door to lib/knowledge (advise, lookup).
 *
 * lib/knowledge/index.ts is being written in parallel and did not exist when the CLI was
 * written. Until it lands, this adapter supplies a deliberately small stand-in built only on
 * lib's REASONS table, so that the CLI runs end to end and its output has its final shape.
 * When lib/knowledge/index.ts exists, replace everything below with:
 *
 *   export { advise, lookup } from '../lib/knowledge';
 */
import { classify, REASONS } from '../lib';
import type { Advice, Explanation, LookupResult, RecipientVerdict, WhoActs } from '../lib';
import type { Layer } from '../lib';

export function advise(verdict: RecipientVerdict): Advice {
  const info = REASONS[verdict.reason] ?? REASONS.undefined;
  const suppress = verdict.permanent && verdict.hard;
  const senderSignal = info.layer === 'policy' && verdict.reason !== 'feedback';
  return {
    headline: `${capitalise(info.summary)}.`,
    whatHappened: '',
    layer: info.layer,
    whoActs: whoActs(info.layer),
    permanent: verdict.permanent,
    suppress,
    retry: suppress || verdict.permanent
      ? { kind: 'none', summary: 'Do not resend unchanged.' }
      : { kind: 'backoff', summary: 'Retry later with growing intervals.', maxHours: 120 },
    steps: [],
    senderSignal,
    helpUrl: '',
    softToHard: '',
  };
}

export async function lookup(query: string): Promise<LookupResult> {
  const result = await classify(query, { text: true });
  const verdicts = result.kind !== 'error' ? result.recipients : [];
  const results: Explanation[] = verdicts.length > 0 ? verdicts.map(explainVerdict) : explainCodes(query);
  return results.length > 0
    ? { query, results }
    : { query, results, message: 'No reply code or status code found in the query.' };
}

function explainVerdict(v: RecipientVerdict): Explanation {
  return { ...advise(v), reply: v.reply, status: v.status, reason: v.reason, provider: v.provider, providerTokens: v.providerTokens, title: '' };
}

/** Codes named on their own ("550 5.1.1"): a status like 5.1.1 and a reply like 550. */
function explainCodes(query: string): Explanation[] {
  const status = /\b[245]\.\d{1,3}\.\d{1,3}\b/.exec(query)?.[0] ?? '';
  const reply = /(?<![.\d])[245]\d\d(?![.\d])/.exec(query)?.[0] ?? '';
  if (!status && !reply) return [];
  const permanent = (status || reply).startsWith('5');
  const verdict: RecipientVerdict = {
    recipient: '', action: '', status, reply, remoteMta: '', diagnostic: '', reason: 'undefined', permanent,
    hard: false, provider: '', providerTokens: [], feedback: '', evidence: [],
  };
  return [explainVerdict(verdict)];
}

function whoActs(layer: Layer): WhoActs {
  if (layer === 'policy') return 'sender';
  if (layer === 'recipient' || layer === 'mailbox-capacity') return 'recipient';
  return 'both';
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
