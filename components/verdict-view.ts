/**
 * The data one verdict card shows, built from either source the product has: a recipient of a
 * classified bounce (with its advice), or an explanation returned by lookup() for a bare code.
 * Pure functions, no DOM: the popup, the side panel and the in-page panel all use them.
 */
import type { Reason } from '../lib/reasons';
import type {
  Advice,
  Classification,
  ClassifyResult,
  Evidence,
  Explanation,
  LookupResult,
  ProviderId,
  RecipientVerdict,
} from '../lib/types';
import { plural } from './labels';

export interface VerdictView {
  /** Stable within one result list (used as the Preact key and for element ids). */
  id: string;
  /** The failed address; '' for a looked-up code. */
  recipient: string;
  /** The address the sender used, when an alias or forward led to `recipient`; '' otherwise. */
  sentTo: string;
  /** Short title of the code or provider response; '' when none. */
  title: string;
  reply: string;
  status: string;
  reason: Reason;
  provider: ProviderId;
  providerTokens: string[];
  permanent: boolean;
  /** The remote server's words, as the message carries them ('' for a looked-up code). */
  diagnostic: string;
  /** How the reason was decided ('' for a looked-up code). */
  basis: string;
  /** The status is implied by the reason, not carried by the message. */
  statusImplied: boolean;
  evidence: Evidence[];
  advice: Advice;
}

export type Advise = (verdict: RecipientVerdict) => Advice;

/** What a surface shows for one input: nothing yet, cards, or a plain message instead of cards. */
export type Outcome =
  | { state: 'idle' }
  | { state: 'views'; views: VerdictView[]; classification?: Classification; note?: string }
  | { state: 'message'; tone: 'info' | 'error'; text: string };

export const MESSAGES = {
  noCode:
    'No code, provider token or bounce found. Try a reply code such as 550, a status such as 5.1.1, a token such as S3150, or paste the whole bounce.',
  notBounce:
    'This does not look like a bounce: no failed delivery, status code or provider response was found in it.',
  autoreply: 'This is an automatic reply (for example, out of office), not a bounce. Your message was delivered.',
  noRecipients: 'This looks like a bounce, but no recipient or status code could be read from it.',
} as const;

export function viewFromVerdict(verdict: RecipientVerdict, advice: Advice, index: number, title = ''): VerdictView {
  return {
    id: `v${index}`,
    recipient: verdict.recipient,
    sentTo: verdict.sentTo ?? '',
    title,
    reply: verdict.reply,
    status: verdict.status,
    reason: verdict.reason,
    provider: verdict.provider,
    providerTokens: verdict.providerTokens,
    permanent: verdict.permanent,
    diagnostic: verdict.diagnostic,
    basis: verdict.basis,
    statusImplied: verdict.statusImplied,
    evidence: verdict.evidence,
    advice,
  };
}

export function viewFromExplanation(explanation: Explanation, index: number): VerdictView {
  return {
    id: `e${index}`,
    recipient: '',
    sentTo: '',
    title: explanation.title,
    reply: explanation.reply,
    status: explanation.status,
    reason: explanation.reason,
    provider: explanation.provider,
    providerTokens: explanation.providerTokens,
    permanent: explanation.permanent,
    diagnostic: '',
    basis: '',
    statusImplied: false,
    evidence: [],
    advice: explanation,
  };
}

/** Cards for a classified message, or a message saying why there are none. */
export function outcomeOfClassification(result: ClassifyResult, advise: Advise, explanations: Explanation[] = []): Outcome {
  if (result.kind === 'error') return { state: 'message', tone: 'error', text: `Could not read this input: ${result.error}` };
  if (result.recipients.length === 0) {
    const text =
      result.kind === 'not-bounce' ? MESSAGES.notBounce : result.kind === 'autoreply' ? MESSAGES.autoreply : MESSAGES.noRecipients;
    return { state: 'message', tone: 'info', text };
  }
  const views = result.recipients.map((verdict, i) => {
    // lookup() may already have explained each recipient; reuse that rather than advising twice.
    const explained = explanations.length === result.recipients.length ? explanations[i] : undefined;
    return viewFromVerdict(verdict, explained ?? advise(verdict), i, explained?.title ?? '');
  });
  return { state: 'views', views, classification: result };
}

/** Cards for what lookup() returned: the classified bounce when there is one, else one per explanation. */
export function outcomeOfLookup(result: LookupResult, advise: Advise): Outcome {
  if (result.classification && result.classification.recipients.length > 0) {
    return outcomeOfClassification(result.classification, advise, result.results);
  }
  if (result.results.length > 0) {
    const views = result.results.map(viewFromExplanation);
    return result.note ? { state: 'views', views, note: result.note } : { state: 'views', views };
  }
  if (result.classification) return outcomeOfClassification(result.classification, advise);
  return { state: 'message', tone: 'info', text: result.message || MESSAGES.noCode };
}

/** The note under the cards when a report names more recipients than were read; '' otherwise. */
export function omittedNote(outcome: Outcome): string {
  const omitted = outcome.state === 'views' ? (outcome.classification?.omittedRecipients ?? 0) : 0;
  if (omitted <= 0) return '';
  return `This report names ${omitted.toLocaleString('en-US')} more ${omitted === 1 ? 'recipient' : 'recipients'}, counted but not read: only the first ${outcome.state === 'views' ? outcome.views.length.toLocaleString('en-US') : 0} are shown.`;
}

/** Addresses to stop mailing: suppress === true only, each once, in card order. */
export function addressesToSuppress(views: readonly VerdictView[]): string[] {
  const seen = new Set<string>();
  for (const view of views) if (view.advice.suppress && view.recipient) seen.add(view.recipient);
  return [...seen];
}

/** One sentence for screen readers when an outcome appears. */
export function describeOutcome(outcome: Outcome): string {
  if (outcome.state === 'idle') return '';
  if (outcome.state === 'message') return outcome.text;
  const { views } = outcome;
  const suppress = addressesToSuppress(views).length;
  const count = plural(views.length, 'result');
  const first = views[0]?.advice.headline ?? '';
  return `${count}${suppress ? `, ${suppress} to suppress` : ''}. ${outcome.note ?? first}`.trim();
}

/**
 * Cards to show: recipients whose verdicts read the same (reason, codes, provider tokens,
 * permanence and the whole advice) share one card that lists their addresses, in the order the
 * first of each appears. Each view keeps its own diagnostic and evidence. A looked-up code (no
 * recipient) always has a card of its own.
 */
export interface VerdictGroup {
  /** The first view's id: stable within one result list. */
  id: string;
  /** At least one; the first stands for the group. */
  views: VerdictView[];
}

function sameVerdictKey(view: VerdictView): string {
  return JSON.stringify([
    view.reason,
    view.reply,
    view.status,
    view.statusImplied,
    view.provider,
    view.providerTokens,
    view.permanent,
    view.title,
    view.advice,
  ]);
}

export function groupViews(views: readonly VerdictView[]): VerdictGroup[] {
  const groups: VerdictGroup[] = [];
  const byKey = new Map<string, VerdictGroup>();
  for (const view of views) {
    const key = view.recipient ? sameVerdictKey(view) : '';
    const group = key ? byKey.get(key) : undefined;
    if (group) {
      group.views.push(view);
      continue;
    }
    const created = { id: view.id, views: [view] };
    groups.push(created);
    if (key) byKey.set(key, created);
  }
  return groups;
}

/**
 * What the recipients of an outcome come to, in a few words each: "1 to suppress",
 * "2 policy blocks", "1 to retry later", "1 not to resend as is". Counts recipients, not
 * cards; suppressed addresses count once, as "Copy addresses to suppress" copies them.
 */
export function verdictCounts(views: readonly VerdictView[]): string[] {
  const recipients = views.filter((view) => view.recipient);
  const suppress = addressesToSuppress(recipients).length;
  const rest = recipients.filter((view) => !view.advice.suppress);
  const policy = rest.filter((view) => view.advice.layer === 'policy').length;
  const others = rest.filter((view) => view.advice.layer !== 'policy');
  const resendNot = others.filter((view) => view.advice.retry.kind === 'none').length;
  const retry = others.length - resendNot;
  const parts: string[] = [];
  if (suppress) parts.push(`${suppress} to suppress`);
  if (policy) parts.push(plural(policy, 'policy block'));
  if (retry) parts.push(`${retry} to retry later`);
  if (resendNot) parts.push(`${resendNot} not to resend as is`);
  return parts;
}

/**
 * The visible line above several cards: "2 recipients · 1 to suppress · 1 policy block", or
 * "3 results" for looked-up codes. '' when there is at most one result (the card says it all).
 */
export function summaryLine(outcome: Outcome): string {
  if (outcome.state !== 'views' || outcome.views.length < 2) return '';
  const { views } = outcome;
  const recipients = views.every((view) => view.recipient);
  const count = recipients ? plural(views.length, 'recipient') : plural(views.length, 'result');
  return [count, ...(recipients ? verdictCounts(views) : [])].join(' · ');
}
