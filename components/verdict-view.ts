/**
 * The data one verdict card shows, built from either source the product has: a recipient of a
 * classified bounce (with its advice), or an explanation returned by lookup() for a bare code.
 * Pure functions, no DOM: the popup, the side panel and the in-page panel all use them.
 */
import { MAX_SCAN_LINES } from '../lib/classify/limits';
import { heldTexts } from '../lib/knowledge/advice-texts';
import { REASONS, type Reason } from '../lib/reasons';
import type {
  Advice,
  Classification,
  ClassifyResult,
  Evidence,
  Explanation,
  HoldCause,
  LookupResult,
  ProviderId,
  RecipientVerdict,
} from '../lib/types';
import { codeLine, plural } from './labels';

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
  /** The server that refused or deferred the message, as the report names it; '' when it does not. */
  remoteMta: string;
  /** How the reason was decided ('' for a looked-up code). */
  basis: string;
  /** The status is implied by the reason, not carried by the message. */
  statusImplied: boolean;
  /**
   * A looked-up token or words whose codes the query did not give: the code shown is the one the
   * provider usually sends with them (absent otherwise).
   */
  codesUsual?: boolean;
  /** A delay notice's recipient: its mail server is still trying to deliver. */
  delayed: boolean;
  /**
   * The sending service held the message back itself and contacted no server (see
   * RecipientVerdict.serviceHold), and why the address is on its list; absent otherwise.
   */
  serviceHold?: HoldCause;
  evidence: Evidence[];
  advice: Advice;
}

/** Every HoldCause, once (the Record makes a new cause a type error here until it is listed). */
const HOLD_CAUSES = Object.keys({ bounce: 0, complaint: 0, unsubscribe: 0, manual: 0, list: 0, plan: 0 } satisfies Record<HoldCause, 0>) as HoldCause[];

/**
 * The sending service's hold an advice explains, found by its headline: lookup()'s explanations
 * (a pasted bare "605") do not carry RecipientVerdict.serviceHold, only its advice.
 */
export function holdOf(advice: Advice): HoldCause | undefined {
  return HOLD_CAUSES.find((cause) => heldTexts(cause).headline === advice.headline);
}

const withHold = (view: VerdictView, hold: HoldCause | undefined): VerdictView => (hold ? { ...view, serviceHold: hold } : view);

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
  return withHold({
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
    remoteMta: verdict.remoteMta,
    basis: verdict.basis,
    statusImplied: verdict.statusImplied,
    delayed: verdict.action === 'delayed',
    evidence: verdict.evidence,
    advice,
  }, verdict.serviceHold ?? holdOf(advice));
}

export function viewFromExplanation(explanation: Explanation, index: number): VerdictView {
  return withHold({
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
    remoteMta: '',
    basis: '',
    statusImplied: false,
    delayed: false,
    evidence: [],
    advice: explanation,
  }, holdOf(explanation));
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

/**
 * Whether lookup() explained a pasted text per recipient of its classification. A failure that
 * names no address (several replies pasted one per line, a reply over several lines) is explained
 * by lookup()'s own results instead, as lookup() decides: its note says so ("3 replies, each
 * explained on its own below"), and one unnamed card would drop all replies but the first.
 */
function explainedPerRecipient(classification: Classification | undefined): classification is Classification {
  if (!classification || classification.recipients.length === 0) return false;
  const failure = classification.kind === 'bounce' || classification.kind === 'delay';
  return !failure || classification.recipients.some((verdict) => verdict.recipient);
}

/** An enhanced status of a failure or a delay (RFC 3463), standing alone: "5.7.26", not "15.7.260" or "1.5.1.1". */
const FAILURE_STATUS = /(?<![\d.])[45]\.\d{1,3}\.\d{1,3}(?![\d.])/g;
/**
 * What stands between two codes typed as a list: a separator and, before the second, its reply
 * code ("550 5.1.1 / 5.7.26", "5.1.1 & 550 5.7.26", "5.1.1 and 5.7.26"). Not a colon or words:
 * "SOGo 5.1.1: 5.7.1" and "from 5.7.25 to 5.7.26" name a version, which lookup() rightly skips.
 */
const LIST_GAP = /^\s*(?:[/&,;+|]|and|or)?\s*(?:[245]\d\d[\s-]+)?$/i;

/**
 * The note for codes typed as a list that no card explains ('' when every one is). lookup()
 * splits a paste of codes alone ("550 5.1.1 / 5.7.26", lookup.ts codeGroups), but a list inside
 * words ("we get 550 5.1.1 / 5.7.26 since Monday") is read as one reply and explains its first
 * code alone, so a sender would never hear that their mail also failed authentication. Only a
 * code next to another in the list counts (see LIST_GAP), and only for looked-up codes: a whole
 * bounce quotes codes that are not its verdict.
 */
export function unexplainedNote(query: string, views: readonly VerdictView[]): string {
  const shown = new Set(views.map((view) => view.status));
  const found = [...query.matchAll(FAILURE_STATUS)];
  const listed = (i: number) => {
    const gap = (a: RegExpMatchArray, b: RegExpMatchArray) => query.slice(a.index! + a[0].length, b.index);
    return (i > 0 && LIST_GAP.test(gap(found[i - 1], found[i]))) || (i + 1 < found.length && LIST_GAP.test(gap(found[i], found[i + 1])));
  };
  const missing = [...new Set(found.filter((m, i) => !shown.has(m[0]) && listed(i)).map((m) => m[0]))];
  if (missing.length === 0) return '';
  const list = missing.join(', ');
  return missing.length === 1
    ? `${list} in your text is not explained below: type it on its own to see what it means.`
    : `${list} in your text are not explained below: type each on its own to see what it means.`;
}

/** Cards for what lookup() returned: the classified bounce when there is one, else one per explanation. */
export function outcomeOfLookup(result: LookupResult, advise: Advise): Outcome {
  if (explainedPerRecipient(result.classification)) {
    return outcomeOfClassification(result.classification, advise, result.results);
  }
  if (result.results.length > 0) {
    const query = result.query;
    const views = result.results.map((e, i) => {
      const view = viewFromExplanation(e, i);
      const given = (code: string) => code !== '' && query.includes(code);
      return (e.reply || e.status) && !given(e.reply) && !given(e.status) ? { ...view, codesUsual: true } : view;
    });
    const note = [result.note, unexplainedNote(query, views)].filter(Boolean).join(' ');
    return note ? { state: 'views', views, note } : { state: 'views', views };
  }
  if (result.classification) return outcomeOfClassification(result.classification, advise);
  return { state: 'message', tone: 'info', text: result.message || MESSAGES.noCode };
}

/**
 * The note under the cards when a report names more recipients than were read, is longer than
 * the lines read, or names recipients that were accepted or delivered beside those that failed
 * (a mail log's sent lines); '' otherwise.
 */
export function omittedNote(outcome: Outcome): string {
  if (outcome.state !== 'views') return '';
  const omitted = outcome.classification?.omittedRecipients ?? 0;
  const accepted = outcome.classification?.acceptedRecipients ?? 0;
  const notes: string[] = [];
  // The recipients read are the failed ones shown and the accepted ones counted: a mail log's
  // first 1,000 may be 999 delivered and 1 failed ("only the first 1 are shown" was wrong).
  const read = outcome.views.length + accepted;
  const first = read === 1 ? 'only the first recipient was read' : `only the first ${read.toLocaleString('en-US')} were read`;
  if (omitted > 0) notes.push(`This report names ${omitted.toLocaleString('en-US')} more ${omitted === 1 ? 'recipient' : 'recipients'}, counted but not read: ${first}.`);
  const unread = outcome.classification?.unreadLines ?? 0;
  if (unread > 0) notes.push(`Only the first ${MAX_SCAN_LINES.toLocaleString('en-US')} lines of this text were read; ${unread.toLocaleString('en-US')} more ${unread === 1 ? 'line was' : 'lines were'} not, and a failure named there is not shown.`);
  // What to do about a pasted text's rest (a report's own recipient list cannot be cut up): the
  // recipients counted but not read stand before the unread lines, so pasting only the lines
  // past 2,000 would skip them.
  if (unread > 0) notes.push('To read the rest, paste it in smaller parts.');
  if (accepted > 0) notes.push(`${accepted.toLocaleString('en-US')} other ${accepted === 1 ? 'recipient it names was' : 'recipients it names were'} accepted or delivered, and ${accepted === 1 ? 'is' : 'are'} not shown.`);
  return notes.join(' ');
}

/**
 * The warning above the cards when the mailbox that received the report says its sender failed
 * DMARC (Classification.dmarcFail); '' otherwise.
 */
export function dmarcNote(outcome: Outcome): string {
  const failure = outcome.state === 'views' ? outcome.classification?.dmarcFail : undefined;
  if (!failure) return '';
  const who = failure.unreadable
    ? 'the authentication result it wrote cannot be read whole'
    : failure.domain
      ? `its sender, ${failure.domain}, failed DMARC`
      : 'its sender failed DMARC';
  return `The mailbox that received this report could not verify it: ${who}. A forged bounce would look like this: do not follow its links, and confirm a failure in your own sending logs before you remove an address.`;
}

/** Addresses to stop mailing: suppress === true only, each once, in card order. */
export function addressesToSuppress(views: readonly VerdictView[]): string[] {
  const seen = new Set<string>();
  for (const view of views) if (view.advice.suppress && view.recipient) seen.add(view.recipient);
  return [...seen];
}

/**
 * One sentence for screen readers when an outcome appears: the words of the visible summary line
 * (summaryLine, or the bar of the in-page panel), then the advice when every card says the same.
 */
export function describeOutcome(outcome: Outcome): string {
  if (outcome.state === 'idle') return '';
  if (outcome.state === 'message') return outcome.text;
  const { views } = outcome;
  const counts = summaryParts(views).join(', ');
  const groups = groupViews(views);
  const advice = outcome.note ?? (groups.length === 1 ? (views[0]?.advice.headline ?? '') : '');
  return `${counts}.${advice ? ` ${advice}` : ''}`;
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
 * The headings of the cards that several recipients share, one per group ('' for a card of one,
 * which is titled by its address): how many, and the verdict in words, "20 addresses: the
 * mailbox does not exist". Where two shared cards would read alike, their codes tell them apart.
 */
export function groupTitles(groups: readonly VerdictGroup[]): string[] {
  const base = groups.map((group) => {
    if (group.views.length < 2) return '';
    const view = group.views[0];
    const words: string = REASONS[view.reason]?.summary ?? view.reason;
    return `${plural(group.views.length, 'address', 'addresses')}: ${words}`;
  });
  const seen = new Map<string, number>();
  for (const title of base) if (title) seen.set(title, (seen.get(title) ?? 0) + 1);
  return base.map((title, i) => {
    if (!title || seen.get(title) === 1) return title;
    const view = groups[i].views[0];
    const detail = [codeLine(view.reply, view.status), ...view.providerTokens].filter(Boolean).join(' ');
    return detail ? `${title} (${detail})` : title;
  });
}

/**
 * What the recipients of an outcome come to, in a few words each: "1 to suppress",
 * "2 policy blocks", "1 still being retried", "1 not to resend as is". Counts recipients, not
 * cards; suppressed addresses count once, as "Copy addresses to suppress" copies them. Each
 * recipient counts under the first of these that fits it:
 * - to suppress: the address is dead;
 * - delivered, automatic replies, complaints: no failure at all (a success notice, an
 *   out-of-office reply, a spam complaint), each counted under its own name;
 * - retried in minutes: greylisted, the next attempt is normally accepted;
 * - still being retried: a delay notice whose sending server keeps trying (nothing to resend);
 * - held back by the sending service: it contacted no server (its advice says "policy": the
 *   account's own, never the receiver's, so it is no policy block);
 * - policy blocks: the receiver's policy refused it;
 * - to resend later: no server retries it, the sender may send it again in a day or two;
 * - to retry later: a temporary failure (a rare failed report of one);
 * - not to resend as is: anything else.
 */
export function verdictCounts(views: readonly VerdictView[]): string[] {
  const recipients = views.filter((view) => view.recipient);
  const suppress = addressesToSuppress(recipients).length;
  const rest = recipients.filter((view) => !view.advice.suppress);
  const counts = { delivered: 0, autoreply: 0, complaint: 0, minutes: 0, retrying: 0, policy: 0, held: 0, resendLater: 0, retryLater: 0, resendNot: 0 };
  for (const view of rest) {
    const { kind } = view.advice.retry;
    if (view.reason === 'delivered') counts.delivered++;
    else if (view.reason === 'vacation') counts.autoreply++;
    else if (view.reason === 'feedback') counts.complaint++;
    else if (kind === 'minutes') counts.minutes++;
    else if (kind === 'backoff' && view.delayed) counts.retrying++;
    else if (view.serviceHold) counts.held++;
    else if (view.advice.layer === 'policy') counts.policy++;
    else if (kind === 'later') counts.resendLater++;
    else if (kind === 'none') counts.resendNot++;
    else counts.retryLater++;
  }
  const parts: string[] = [];
  if (suppress) parts.push(`${suppress} to suppress`);
  if (counts.delivered) parts.push(`${counts.delivered} delivered`);
  if (counts.autoreply) parts.push(plural(counts.autoreply, 'automatic reply', 'automatic replies'));
  if (counts.complaint) parts.push(plural(counts.complaint, 'spam complaint'));
  if (counts.minutes) parts.push(`${counts.minutes} retried in minutes`);
  if (counts.retrying) parts.push(`${counts.retrying} still being retried`);
  if (counts.held) parts.push(`${counts.held} held back by the sending service`);
  if (counts.policy) parts.push(plural(counts.policy, 'policy block'));
  if (counts.resendLater) parts.push(`${counts.resendLater} to resend later`);
  if (counts.retryLater) parts.push(`${counts.retryLater} to retry later`);
  if (counts.resendNot) parts.push(`${counts.resendNot} not to resend as is`);
  return parts;
}

/** "2 recipients", "1 to suppress", "1 policy block"; or "3 results" for looked-up codes. */
function summaryParts(views: readonly VerdictView[]): string[] {
  const recipients = views.every((view) => view.recipient);
  const count = recipients ? plural(views.length, 'recipient') : plural(views.length, 'result');
  return [count, ...(recipients ? verdictCounts(views) : [])];
}

/**
 * The visible line above several cards: "2 recipients · 1 to suppress · 1 policy block", or
 * "3 results" for looked-up codes. '' when there is at most one result (the card says it all),
 * or when lookup()'s note says what the results are.
 */
export function summaryLine(outcome: Outcome): string {
  if (outcome.state !== 'views' || outcome.views.length < 2) return '';
  // Looked-up codes with lookup()'s note ("3 codes, each explained on its own below") need no
  // "3 results" line above it saying the same.
  if (outcome.note && !outcome.views.every((view) => view.recipient)) return '';
  return summaryParts(outcome.views).join(' · ');
}
