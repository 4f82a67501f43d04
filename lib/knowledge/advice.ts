/**
 * Advice for one recipient verdict: what happened, who has to act, whether to suppress the
 * address, how to retry, and concrete next steps.
 *
 * The two safety rules live here:
 *   - suppress only when the address itself is dead (userunknown, hostunknown, hasmoved,
 *     notaccept with a permanent class, or a provider response saying the account does not exist);
 *   - never for policy, authentication, reputation, blocklist, spam or throttling, even on 5xx:
 *     there the mailbox is fine and the sender must change something (senderSignal).
 */
import { DEAD_ADDRESS_REASONS, REASONS, type Layer, type Reason } from '../reasons';
import type { Advice, ProviderId, RecipientVerdict, RetryPolicy, WhoActs } from '../types';
import { ADMIN_RULE_STEP, BLOCKLIST_CAUSE_STEP, HELO_HEADLINE, HELO_STEP, RECIPIENT_MX_STEP, SENDER_STEPS, AUTH_CHECK, AUTH_STEPS, contradictionTexts, DELIST_STEPS, heldTexts, DOMAIN_TYPO_CHECK, FEEDBACK_TEXTS, FIND_LIST, KEEP, LISTS, NO_SUCH_DOMAIN_STEPS, PROFILES, NOT_A_FAILURE_MEANINGS, PROVIDER_PAGES, RECIPIENT_STEP, refusedWithTexts, SENDER_PAGES, unverifiedTexts, type Kind, type NoticeText } from './advice-texts';
import { PROVIDER_NAMES } from './provider-names';
import { likelyDomainTypo } from './domain-typos';
import { CLASS_MEANINGS, explainStatus, type StatusExplanation } from './enhanced-status';
import { HELP_LINKS, helpUrl, type HelpId } from './help-links';
import { detectProvider, providerBySentence, providerRowById, providerRowsForToken, rankProviderRows } from './provider-match';
import { explainReply, type ReplyExplanation } from './reply-codes';
import { localExit } from './sysexits';
import type { AuthFocus, ProviderRow } from './schema';

/** What advise needs from a verdict; a whole RecipientVerdict fits. */
export type AdviceInput = Pick<RecipientVerdict, 'reason' | 'status' | 'reply' | 'permanent' | 'hard' | 'provider' | 'providerTokens' | 'refusedWith' | 'contradictsDelivery' | 'senderUnverified' | 'providerRow' | 'serviceHold'> & {
  /** The server that refused (Remote-MTA), when the report names it. */
  remoteMta?: string;
  /** The failed address, when the advice is for a verdict: '' when the report names none. */
  recipient?: string;
  diagnostic?: string;
  /** A feedback report's type ('abuse', 'auth-failure', 'opt-out', ...). */
  feedback?: string;
  /** 'delayed': a delay notice, still being retried. */
  action?: RecipientVerdict['action'];
};

/** Reasons that say the recipient's domain could not be found or takes no mail. */
const DOMAIN_REASONS: ReadonlySet<Reason> = new Set(['hostunknown', 'notaccept']);

/**
 * A DNS failure whose answer was that the domain does not exist (Gmail's "DNS Error: … responded
 * with code NXDOMAIN", read as networkerror as the corpus labels it), not one that failed this
 * time (SERVFAIL, a timeout). (Not Postfix's "Host or domain name not found", which it writes
 * for a lookup to try again too.)
 */
const NO_SUCH_DOMAIN = /\bnxdomain\b/i;

/** The address with its domain corrected, where the domain is a likely slip; '' otherwise. */
function correctedAddress(address: string): string {
  const at = address.lastIndexOf('@');
  const fixed = at > 0 ? likelyDomainTypo(address.slice(at + 1)) : undefined;
  return fixed ? `${address.slice(0, at + 1)}${fixed}` : '';
}

/**
 * Where a failure's own words name the domain that could not be found: Gmail's "lookup of
 * gmial.com responded with code NXDOMAIN" and "Domain name not found: gmial.com", Postfix's
 * "name=gmial.com type=MX", Sendmail's "Name server: gmial.com: host not found".
 */
const DOMAIN_IN_DNS_WORDS = /(?:lookup of |domain name not found: |\bname=|name server: )([a-z0-9][a-z0-9.-]{2,252})/i;
/** An address written in the text ("<kim@gmial.com>"): its local part and its domain. */
const ADDRESS_IN_WORDS = /([^\s<>"'(),;:@[\]]{1,64})@([a-z0-9][a-z0-9.-]{2,252})/i;

/**
 * For a paste that names no recipient: the address written in the failure's words, else the
 * domain its DNS words name, with the provider domain it is a likely slip of; undefined otherwise.
 */
function typoInWords(diagnostic: string): { address: string; domain: string; fixed: string } | undefined {
  const text = diagnostic.slice(0, 8 * 1024);
  const trim = (d: string) => d.replace(/[.-]+$/, '');
  const a = ADDRESS_IN_WORDS.exec(text);
  const addressDomain = a ? trim(a[2]) : '';
  const fixedAddress = addressDomain ? likelyDomainTypo(addressDomain) : undefined;
  if (a && fixedAddress) return { address: `${a[1]}@${addressDomain}`, domain: addressDomain, fixed: fixedAddress };
  const d = DOMAIN_IN_DNS_WORDS.exec(text);
  const domain = d ? trim(d[1]) : '';
  const fixed = domain ? likelyDomainTypo(domain) : undefined;
  return fixed ? { address: '', domain, fixed } : undefined;
}

const UNNAMED_STEP = 'The report does not say which address failed: find it in the message you sent (its To and Cc), then suppress that address.';

/** "Expired" read off a delay notice (it has been failing a long time) is not yet given up. */
const STILL_RETRYING = 'Delivery is delayed and your server is still retrying; the temporary errors it reports name the cause.';

/** Reasons whose permanent form means the address itself is dead. */
const DEAD_REASONS = DEAD_ADDRESS_REASONS;

/** Reasons that never suppress a recipient, whatever the code or the row says. */
const NEVER_SUPPRESS: ReadonlySet<Reason> = new Set<Reason>([
  'policyviolation', 'authfailure', 'badreputation', 'blocked', 'spamdetected', 'speeding', 'requireptr', 'securityerror',
  'filtered', 'rejected', 'notcompliantrfc', 'virusdetected', 'contenterror', 'toomanyconn', 'norelaying',
]);

/** Temporary 4.7.x with these reasons is the receiver slowing the sender down: a sender signal. */
const THROTTLE_REASONS: ReadonlySet<Reason> = new Set<Reason>(['speeding', 'badreputation', 'blocked', 'policyviolation', 'authfailure', 'requireptr', 'spamdetected']);

/** Auth focus from an enhanced status code, when the row does not say. */
function focusFromStatus(status: string, provider: ProviderId): AuthFocus | undefined {
  const d = /^[45]\.7\.(\d+)$/.exec(status)?.[1];
  if (!d) return undefined;
  if (provider === 'google') {
    const g: Record<string, AuthFocus> = { '23': 'ptr', '25': 'ptr', '27': 'spf', '29': 'tls', '30': 'dkim', '32': 'align', '40': 'dmarc' };
    if (g[d]) return g[d];
  }
  const iana: Record<string, AuthFocus> = { '20': 'dkim', '21': 'dkim', '22': 'align', '23': 'spf', '24': 'spf', '25': 'ptr' };
  return iana[d];
}

/** Steps and headlines that speak of a server still retrying, and what a final report says instead. */
const SERVER_RETRIES = /let (?:your (?:mail )?server|the server) retry|retries on its own/i;
const WILL_BE_RETRIED = /(?:; (?:delivery|it) will be retried| and let the rest be retried| and delivery can be retried)\.$/;
/** What a final report of a temporary refusal adds to the headline: nothing retries it any more. */
const GAVE_UP_HEADLINE = 'The message was not delivered and your server has stopped retrying it: send it again once this is fixed.';
const GAVE_UP_STEP = 'Your mail server has stopped retrying this message: send it again later yourself.';
/** An expired message's steps while the server is still retrying it (a delay notice). */
const STILL_RETRYING_STEPS = ["Nothing to do yet: your server is still retrying; the temporary errors it reports name the cause.", "If it keeps failing, check the recipient domain's MX records and whether its servers answer."];

/** The class sentence of a temporary failure in a final report: the server has given up on it. */
const FINAL_TEMPORARY_MEANING = 'Temporary failure, reported as final: the sending server has stopped trying, but a later send can succeed.';

/** The class sentence of a temporary failure whose cause does not clear by waiting (the message's size, content, a virus). */
const UNCHANGED_TEMPORARY_MEANING = 'Temporary code, but this cause does not clear by waiting: the same message fails the same way until the cause is fixed.';

/** The class sentence of a permanent failure that a later send may get past. */
const LATER_MEANING = 'Permanent failure for this attempt: no server will try again, but the same message may go through if sent again once the cause has cleared.';

const GREYLIST_WORDS = ['greylist', 'graylist', 'grey-list', 'gray-list', 'greylisted'];
const GREYLIST_HEADLINE = 'Greylisting: the receiver defers the first attempt from a sender it does not know yet; the next attempt is normally accepted.';
const GREYLIST_STEP =
  'Nothing to fix: your mail server retries on its own. If the retries are still deferred after an hour, check that they leave from the same IP address (a pool of sending addresses looks new each time).';

/** Words of a DNS failure for the sender's domain ("Unrouteable address", "Host or domain name not found"). */
const SENDER_DNS_WORDS = ['unrouteable', 'unroutable', 'domain not found', 'host not found', 'domain name not found', 'name service error', 'nxdomain', 'no mx record', 'domain does not exist'];

/** Which first step a refused sender address gets, from the refusal's lower-cased words. */
function senderProblem(diag: string): keyof typeof SENDER_STEPS {
  if (diag.includes('address is not verified') || diag.includes('identities failed the check')) return 'identity';
  if (diag.includes('not owned by')) return 'owner';
  if (diag.includes('fully-qualified address') || diag.includes('fully qualified address')) return 'qualified';
  // A call-back to the sender's own mail server (Exim's "Sender verify failed", Postfix's
  // reject_unverified_sender "undeliverable address"): its mailbox, unless the words say its
  // domain could not be found.
  const callout = ['verif', 'callout', 'call-out', 'undeliverable address'].some((w) => diag.includes(w));
  return callout && !SENDER_DNS_WORDS.some((w) => diag.includes(w)) ? 'callout' : 'dns';
}

/** A refused HELO/EHLO greeting (Postfix's "Helo command rejected: need fully-qualified hostname"). */
const HELO_WORDS = ['helo command rejected', 'ehlo command rejected', 'invalid helo', 'invalid ehlo', 'bad helo', 'helo name', 'ehlo name', 'need fully-qualified hostname', 'helo hostname'];

/** Whether a host name is in the domain of an address ("mx1.example.org" for "kim@example.org"). */
function inDomainOf(host: string, address: string): boolean {
  const domain = address.slice(address.lastIndexOf('@') + 1).toLowerCase().replace(/\.$/, '');
  const h = host.trim().toLowerCase().replace(/\.$/, '');
  return address.includes('@') && domain.includes('.') && h !== '' && (h === domain || h.endsWith(`.${domain}`));
}

/** Finds the provider row a verdict rests on: by the diagnostic text, else by its tokens. */
export function resolveProviderRow(v: AdviceInput): ProviderRow | undefined {
  // The row must tell the same story as the verdict: the same reason, or a verdict without a
  // cause, or the same layer without turning a living address into a dead one.
  const fits = (row: ProviderRow) =>
    row.reason === v.reason ||
    v.reason === 'onhold' ||
    v.reason === 'undefined' ||
    (REASONS[row.reason]?.layer === REASONS[v.reason]?.layer && (!row.dead || DEAD_REASONS.has(v.reason)));
  // The row the classifier found the reason by, wherever in the recipient's text it stood.
  const decided = v.providerRow ? providerRowById(v.providerRow) : undefined;
  if (decided && fits(decided)) return decided;
  // Any other row speaks only for replies from its own provider, as in the classifier
  // (guessProvider): "SPF check failed" from a Proofpoint MX or an unknown host is not QQ Mail's.
  // (Where the verdict names none, the words themselves may: their host names and tokens, or a
  // whole sentence only one provider writes. Words that name no provider get no row.)
  // A public blocklist's row (LISTS, or a row marked publicList) is the exception: any receiver that consults the list
  // quotes it ("blocked using Spamhaus" from Microsoft's or Comcast's MX), and its removal page
  // is the list's, whoever answered.
  const lower = (v.diagnostic ?? '').slice(0, 64 * 1024).toLowerCase();
  const found = detectProvider(lower);
  const speaker = v.provider || found.provider || providerBySentence(lower);
  const own = (row: ProviderRow) => LISTS.has(row.provider) || row.publicList === true || (speaker !== '' && row.provider === speaker);
  if (lower) {
    const best = rankProviderRows(lower, { reply: v.reply || undefined, status: v.status || undefined }, found).find((s) => own(s.row));
    if (best && fits(best.row)) return best.row;
  }
  for (const t of v.providerTokens ?? []) {
    const row = providerRowsForToken(t).find((r) => own(r) && fits(r));
    if (row) return row;
  }
  return undefined;
}

function retryPolicy(kind: Kind, reason: Reason, suppress: boolean, provider: ProviderId, retried: boolean): RetryPolicy {
  // (`provider` is the receiver that answered: '' for a public blocklist's row, see buildAdvice.)
  const where = PROVIDER_NAMES[provider] ? `to ${PROVIDER_NAMES[provider]}` : 'to this receiver';
  switch (kind) {
    case 'backoff':
      return { kind, summary: 'Let your mail server retry with growing intervals, at least 30 minutes apart, for up to five days.', maxHours: 120 };
    case 'later':
      if (reason === 'expired') return { kind, summary: 'Your server has already stopped retrying; send again yourself once the cause is cleared.' };
      return { kind, summary: 'No server retries this: send the message again yourself in a day or two, when the cause may have cleared.' };
    case 'minutes':
      return { kind, summary: 'Greylisting: retry from the same server after a few minutes; the next attempt is normally accepted.', maxHours: 12 };
    case 'pause':
      // A deferral still being retried (Yahoo's TSS04) keeps its retries: what is held is new mail.
      return {
        kind,
        summary: retried
          ? `Slow down, and hold new mail ${where} until the cause is fixed; your mail server retries the deferred messages, so do not resend them by hand.`
          : `Hold further mail ${where} until the cause is fixed: until then every message is refused the same way, and each refusal hurts your reputation.`,
      };
    default:
      if (suppress) return { kind: 'none', summary: 'Do not send to this address again.' };
      if (reason === 'delivered' || reason === 'vacation') return { kind: 'none', summary: 'Nothing to retry.' };
      return { kind: 'none', summary: 'Do not resend this message unchanged: it will fail the same way until the cause is fixed.' };
  }
}

const SOFT_TO_HARD =
  'If this address still fails after five days of retries, or soft-bounces on three sends within fourteen days, treat it as a hard bounce and stop mailing it.';
const REPEAT_TO_HARD = 'If three sends to this address fail like this within fourteen days, treat it as a hard bounce and stop mailing it.';

/**
 * When to stop mailing an address that keeps failing softly. `serverRetries`: the card's retry
 * line leaves this message to the sending server (backoff, greylisting); otherwise no server
 * retries it any more (a permanent refusal, a temporary one reported as final), and the line
 * counts the sender's own sends, never days of server retries.
 */
function softToHard(reason: Reason, status: string, permanent: boolean, suppress: boolean, senderSignal: boolean, stillRetrying: boolean, serverRetries: boolean): string {
  if (suppress || senderSignal) return '';
  // A failure whose words name no cause: its security or policy status (X.7.x) is all there is,
  // and a policy refusal repeats on every send while the mailbox is fine: counting sends would
  // end in stopping mail to a live address.
  if ((reason === 'onhold' || reason === 'undefined') && status.slice(1, 3) === '.7') return '';
  // (A delay notice's message has not expired yet.)
  if (stillRetrying && reason === 'expired') return SOFT_TO_HARD;
  switch (reason) {
    case 'mailboxfull':
    case 'systemfull':
    case 'networkerror':
    case 'systemerror':
    case 'mailererror':
    case 'onhold':
    case 'undefined':
      return serverRetries ? SOFT_TO_HARD : REPEAT_TO_HARD;
    case 'expired':
      return 'Your server already retried for days. If the next send to this address expires too, or three sends fail within fourteen days, treat it as a hard bounce and stop mailing it.';
    case 'suspend':
      return serverRetries
        ? SOFT_TO_HARD
        : 'A disabled mailbox rarely comes back: if a later send bounces the same way, suppress the address.';
    case 'userunknown':
    case 'hostunknown':
    case 'notaccept':
      return permanent ? '' : 'A temporary "no such address" answer usually turns permanent: if it repeats on the next send, suppress the address.';
    default:
      return '';
  }
}

function sentenceCase(s: string): string {
  return s ? s[0].toUpperCase() + s.slice(1) : s;
}

/** A feedback report's advice depends on its type, not on any code: a complaint, an unsubscribe request, a DMARC failure report. */
function feedbackAdvice(type: string | undefined, permanent: boolean): Advice & { title: string } {
  const t = (type ?? '').toLowerCase();
  const text = t === '' || t === 'abuse' ? FEEDBACK_TEXTS.abuse : Object.hasOwn(FEEDBACK_TEXTS, t) ? FEEDBACK_TEXTS[t as keyof typeof FEEDBACK_TEXTS] : FEEDBACK_TEXTS.other;
  return {
    title: text.title,
    headline: text.headline,
    whatHappened: text.whatHappened,
    layer: REASONS.feedback.layer,
    whoActs: 'sender',
    permanent,
    suppress: false,
    retry: { kind: 'none', summary: text.retry },
    steps: [...text.steps],
    senderSignal: text.senderSignal,
    helpUrl: '',
    softToHard: '',
  };
}

/** Advice for a recipient refused only because the reply named another: no row, no status meaning. */
function refusedWithAdvice(other: string, permanent: boolean): Advice & { title: string } {
  return noticeAdvice(refusedWithTexts(other), permanent);
}

/** Advice that rests on what the report is (a shared refusal, a contradiction), not on its codes. */
function noticeAdvice(text: NoticeText, permanent: boolean, layer: Layer = 'recipient'): Advice & { title: string } {
  return {
    title: text.title,
    headline: text.headline,
    whatHappened: text.whatHappened,
    layer,
    whoActs: 'sender',
    permanent,
    suppress: false,
    retry: { kind: text.retryKind ?? 'none', summary: text.retry },
    steps: [...text.steps],
    senderSignal: false,
    helpUrl: '',
    softToHard: '',
  };
}

/** Builds the advice from a verdict and the provider row it rests on (if any). */
export function buildAdvice(v: AdviceInput, row: ProviderRow | undefined): Advice & { title: string } {
  if (v.reason === 'feedback') return feedbackAdvice(v.feedback, Boolean(v.permanent));
  // Before any row: a row found in the reply is about the other address.
  if (v.refusedWith) return refusedWithAdvice(v.refusedWith, Boolean(v.permanent));
  // Nor may a report that calls dead the mailbox it reached be taken at its word.
  if (v.contradictsDelivery) return noticeAdvice(contradictionTexts(v.recipient || 'this address'), Boolean(v.permanent));
  // Nor one whose sender failed DMARC at the mailbox that received it, until confirmed.
  if (v.senderUnverified) return noticeAdvice(unverifiedTexts(v.recipient || 'this address', REASONS[v.reason]?.summary ?? ''), Boolean(v.permanent));
  // A sending service's own hold: no server was asked, so no code, row or reason profile
  // speaks; the service's listing (the account's own policy) does, and nothing is suppressed anew.
  if (v.serviceHold) return noticeAdvice(heldTexts(v.serviceHold), Boolean(v.permanent), 'policy');
  const reason: Reason = row && (v.reason === 'onhold' || v.reason === 'undefined') ? row.reason : v.reason in PROFILES ? v.reason : 'undefined';
  const profile = PROFILES[reason];
  const status: StatusExplanation | undefined = v.status ? explainStatus(v.status) : undefined;
  const reply: ReplyExplanation | undefined = v.reply ? explainReply(v.reply) : undefined;
  // (A DNS answer that the domain does not exist, given with no code at all, is no failure of
  // this time: Gmail gives up on it at once, and nothing retries it.)
  /** A DNS failure whose answer was that the domain does not exist (read once for the class and the typo step). */
  const nxdomain = reason === 'networkerror' && NO_SUCH_DOMAIN.test((v.diagnostic ?? '').slice(0, 64 * 1024));
  const nxdomainAlone = nxdomain && !v.status && !v.reply;
  const permanent = Boolean(v.permanent) || nxdomainAlone;
  /** A delay notice: the sending server is still retrying, whatever the code says. */
  const stillRetrying = v.action === 'delayed';
  /** Permanent and reported as final: the headline and steps of a failure that stands. */
  const final = permanent && !stillRetrying;
  /** No server retries any more: a permanent refusal, or a final report of a temporary one. */
  const doneRetrying = (permanent || v.action === 'failed') && !stillRetrying;
  const provider: ProviderId = row?.provider ?? v.provider ?? '';
  /** The row is a public blocklist's (Spamhaus, Barracuda's BRBL): its provider is no receiver that answered. */
  const listRow = LISTS.has(provider) || row?.publicList === true;

  const layer: Layer = row ? REASONS[row.reason].layer : status && status.reason === reason ? status.layer : REASONS[reason].layer;
  const deadAddress = permanent && !NEVER_SUPPRESS.has(reason) && (DEAD_REASONS.has(reason) || row?.dead === true);
  // A report that names no address leaves nothing to suppress until the address is found; a
  // delay notice's recipient is still being tried, whatever its status says.
  const unnamed = v.recipient === '';
  const suppress = deadAddress && !unnamed && v.action !== 'delayed';

  const temporary47 = !permanent && /^4\.7\./.test(v.status ?? '');
  let senderSignal = row?.senderSignal ?? (profile.senderSignal || (temporary47 && THROTTLE_REASONS.has(reason)));
  if (row?.whoActs === 'recipient' && row.senderSignal === undefined) senderSignal = false;

  // A provider response that only the recipient's side can fix, under a reason whose usual advice
  // speaks to the sender (a recipient's block list, a TLS fault of their server, their own rule).
  // Gmail marks rejections made by a rule of the recipient's Workspace administrator with "gcdp".
  const adminRule = !row?.step && (v.providerTokens ?? []).includes('gcdp') && !DEAD_REASONS.has(reason);
  if (adminRule) senderSignal = false;
  const recipientSide = (adminRule || (row?.whoActs === 'recipient' && !senderSignal)) && profile.whoActs !== 'recipient';

  const diag = (v.diagnostic ?? '').slice(0, 64 * 1024).toLowerCase();
  let kind: Kind;
  if (suppress) kind = 'none';
  else if (row?.retry) kind = row.retry;
  else if (!permanent && GREYLIST_WORDS.some((w) => diag.includes(w))) kind = 'minutes';
  else if (reason === 'expired' && v.action === 'delayed') kind = 'backoff';
  else if (recipientSide) kind = permanent ? 'none' : 'backoff';
  // (Nor, once final, is one a later send gets past: the domain does not exist.)
  else if (nxdomain && final) kind = 'none';
  else kind = profile.retry[permanent ? 1 : 0];
  if (kind === 'pause' && !senderSignal) kind = permanent ? 'none' : 'backoff';
  // A final report of a temporary failure: the sending server has given up, so it retries
  // nothing more; the sender may send again later.
  // (No server retries a permanent refusal either.)
  if ((v.action === 'failed' || permanent) && (kind === 'backoff' || kind === 'minutes')) kind = 'later';
  // Greylisting is a first attempt deferred on purpose: nothing is wrong with the sending.
  const greylisted = kind === 'minutes' && !row;
  if (greylisted) senderSignal = false;
  const retry = retryPolicy(kind, reason, suppress, listRow ? '' : provider, !doneRetrying);

  // Steps: the row's own step, the reason's steps (auth and PTR made precise), a delisting page.
  const steps: string[] = [];
  if (row?.step && !(doneRetrying && SERVER_RETRIES.test(row.step))) steps.push(row.step);
  if (greylisted) {
    steps.push(GREYLIST_STEP, KEEP);
  } else if (recipientSide) {
    if (adminRule) steps.push(ADMIN_RULE_STEP);
    else if (!row?.step) steps.push(RECIPIENT_STEP);
    steps.push(KEEP);
  } else if (reason === 'authfailure' || reason === 'requireptr') {
    const focus = row?.focus ?? (reason === 'requireptr' ? 'ptr' : focusFromStatus(v.status ?? '', provider));
    if (focus) steps.push(AUTH_STEPS[focus]);
    if (reason === 'authfailure' && (!focus || focus === 'dmarc' || focus === 'align')) {
      for (const f of ['spf', 'dkim', 'dmarc'] as const) if (f !== focus) steps.push(AUTH_STEPS[f]);
    }
    if (reason === 'requireptr') steps.push('Use that same host name as the server\'s HELO name.');
    else steps.push(AUTH_CHECK);
    steps.push(KEEP);
  } else if (row?.focus === 'tls') {
    steps.push(AUTH_STEPS.tls, ...profile.steps.filter((s) => s === KEEP));
  } else {
    // Once no server retries (a temporary failure reported as final, a permanent refusal), no
    // step may promise that one does: the sender sends again later. While one still retries (a
    // delay notice), the steps are those of a failure not yet final.
    // (A dead address's permanent steps suppress it: only when the failure is permanent.)
    const settled = DEAD_REASONS.has(reason) ? final : doneRetrying;
    const source = reason === 'expired' && stillRetrying ? STILL_RETRYING_STEPS : nxdomain && final ? NO_SUCH_DOMAIN_STEPS : (settled && profile.permanentSteps) || profile.steps;
    const kept = doneRetrying ? source.filter((s) => !SERVER_RETRIES.test(s)) : source;
    if (kind === 'later' && (!permanent || kept.length < source.length)) steps.push(GAVE_UP_STEP);
    for (const s of kept) if (!steps.includes(s)) steps.push(s);
  }
  // A refused sender address: the step its words point to comes first (the DNS step only for a
  // domain that cannot be found).
  if (reason === 'rejected') {
    const at = steps.indexOf(SENDER_STEPS.dns);
    const problem = senderProblem(diag);
    if (at >= 0 && problem !== 'dns') {
      steps.splice(at, 1);
      steps.unshift(SENDER_STEPS[problem]);
    }
  }
  // A refused HELO/EHLO name is fixed in the sending server's own name and DNS, not on a blocklist.
  const heloRefused = !row?.step && !deadAddress && HELO_WORDS.some((w) => diag.includes(w));
  if (heloRefused) {
    for (const s of [FIND_LIST, BLOCKLIST_CAUSE_STEP]) {
      const at = steps.indexOf(s);
      if (at >= 0) steps.splice(at, 1);
    }
    steps.unshift(HELO_STEP);
  }
  // A relay refusal from a host in the recipient's own domain is theirs to fix: their step first.
  if (reason === 'norelaying' && inDomainOf(v.remoteMta ?? '', v.recipient ?? '')) {
    const at = steps.indexOf(RECIPIENT_MX_STEP);
    if (at > 0) steps.unshift(...steps.splice(at, 1));
  }
  if (suppress && !steps.some((s) => s.startsWith('Suppress'))) steps.unshift('Suppress the address so that no further mail goes to it.');
  if (deadAddress && unnamed) steps.unshift(UNNAMED_STEP);
  // A domain that cannot be found and is one slip from a large provider's ("gmial.com"): the
  // person most likely has the address there.
  // (Not a DNS lookup that failed this time, nor one still retried: the domain may well exist.)
  const noSuchDomain = DOMAIN_REASONS.has(reason) || nxdomain;
  const corrected = noSuchDomain && final ? correctedAddress(v.recipient ?? '') : '';
  // A paste that names no recipient (a bare "DNS Error: … lookup of gmial.com … NXDOMAIN"): the
  // address or domain its own words name.
  const inWords = noSuchDomain && final && !v.recipient ? typoInWords(v.diagnostic ?? '') : undefined;
  const typoStep = corrected
    ? `The domain looks like a slip of ${corrected.slice(corrected.lastIndexOf('@') + 1)}: ask the person whether ${corrected} is their address, and send there.`
    : inWords?.address
      ? `The domain looks like a slip of ${inWords.fixed}: ask the person whether ${inWords.address.slice(0, inWords.address.lastIndexOf('@') + 1)}${inWords.fixed} is their address, and send there.`
      : inWords
        ? `The domain ${inWords.domain} looks like a slip of ${inWords.fixed}: ask the person whether their address is at ${inWords.fixed} (the same name before the @), and send there.`
        : '';
  if (typoStep) {
    const generic = steps.findIndex((s) => s.startsWith(DOMAIN_TYPO_CHECK));
    if (generic >= 0) steps.splice(generic, 1);
    steps.unshift(typoStep);
  }

  let help: HelpId | undefined = row?.help;
  if (!help && senderSignal) help = SENDER_PAGES[provider];
  if (!help) help = PROVIDER_PAGES[provider];
  const delist = help ? DELIST_STEPS[help] : undefined;
  if (delist && (reason === 'blocked' || reason === 'badreputation' || reason === 'spamdetected')) {
    // The list is known: drop the generic "find out which list" and name its page before the last step.
    const at = steps.indexOf(FIND_LIST);
    if (at >= 0) steps.splice(at, 1);
    // (Nor the row's own removal step: the step below names the page, after fixing the cause.)
    const own = row?.step && /request removal|delist/i.test(row.step) ? steps.indexOf(row.step) : -1;
    if (own >= 0 && steps.includes(BLOCKLIST_CAUSE_STEP)) steps.splice(own, 1);
    const keep = steps.indexOf(KEEP);
    steps.splice(keep >= 0 ? keep : steps.length, 0, delist + HELP_LINKS[help!]);
  }
  const dedup = [...new Set(steps)].slice(0, 6);

  const summary = `The message was not delivered because ${REASONS[reason].summary}.`;
  // A registered code whose registry meaning is not the cause found (a provider reusing it, or
  // the server's words telling more) must not be explained by its registry meaning.
  const generic = reason === 'onhold' || reason === 'undefined';
  const statusFits = status !== undefined && (status.reason === reason || generic);
  /** The code names something specific (not an "other or undefined" X.Y.0 code). */
  const specific = status?.registered === true && !/\.0$/.test(status.status);
  const parts: string[] = [];
  if (reason === 'delivered' || reason === 'vacation') parts.push(NOT_A_FAILURE_MEANINGS[reason]);
  else if (greylisted) parts.push('The receiving server turns away the first attempt from a sender it has not seen before and accepts a retry a few minutes later (greylisting). This is routine, not a block.');
  else if (row) parts.push(row.meaning);
  else if (status?.registered && statusFits) parts.push(status.meaning);
  else if (!status && reply && (reply.reason === reason || generic)) parts.push(reply.meaning);
  else {
    parts.push(summary);
    if (status && !status.registered) parts.push(retry.kind === 'later' && permanent ? status.meaning.replace(CLASS_MEANINGS['5'], LATER_MEANING) : status.meaning);
    else if (status && specific && !statusFits) {
      parts.push(`The registry name of ${status.status} is "${status.title}"; the server's words point to the cause above.`);
    }
  }
  if (!row && status && reply?.registered && reply.reply[0] !== '2') parts.push(`Reply ${reply.reply} (${reply.title.toLowerCase()}).`);
  // A local delivery program's bare exit status ("X-Unix; 75"): what its number says.
  const exit = reason === 'mailererror' ? localExit(v.diagnostic ?? '') : undefined;
  if (exit) parts.push(`The local delivery program ended with exit status ${exit.code} (${exit.name} in sysexits.h): ${exit.meaning}.`);
  const klass = (v.status || v.reply || '')[0];
  if (reason !== 'delivered' && reason !== 'vacation' && reason !== 'feedback' && klass !== '2' && status?.registered !== false) {
    // (A refusal the sender may try again later, a full mailbox, is final for this attempt only.)
    // (A temporary failure no server retries any more, an expired message, is reported as final.)
    // (Nor does a temporary code promise a later success where the cause does not clear by
    // itself: a message too big, its content, a virus.)
    parts.push(!permanent ? (doneRetrying || kind === 'later' ? FINAL_TEMPORARY_MEANING : kind === 'none' ? UNCHANGED_TEMPORARY_MEANING : CLASS_MEANINGS['4']) : retry.kind === 'later' ? LATER_MEANING : CLASS_MEANINGS['5']);
  }
  if ((klass === '5' && !permanent) || (klass === '4' && permanent)) {
    parts.push(permanent
      ? 'The code looks temporary, but this condition does not clear by waiting.'
      : 'The code looks permanent, but this condition is known to clear by itself, so it is treated as temporary.');
  }
  const replyClass = v.reply?.[0];
  const statusClass = v.status?.[0];
  if ((replyClass === '4' || replyClass === '5') && (statusClass === '4' || statusClass === '5') && replyClass !== statusClass) {
    parts.push(`The reply code ${v.reply} and the status ${v.status} disagree on whether this is permanent; the status, the more specific of the two, is followed here.`);
  }
  const name = PROVIDER_NAMES[provider];
  const title =
    (greylisted ? 'Greylisted: try again in a few minutes' : undefined) ??
    // (A success's status is "2.0.0", which the registry calls "Other undefined Status", or
    // Exchange Online's "250 2.6.0 ... Queued mail for delivery", "Other or undefined media
    // error": an X.Y.0 status names no more than its class and subject.)
    (reason === 'delivered' && (!status || /\.0$/.test(status.status)) ? 'Delivered' : undefined) ??
    row?.title ??
    (status?.registered && statusFits ? status.title : undefined) ??
    (!status && reply && (reply.reason === reason || generic) ? reply.title : undefined) ??
    sentenceCase(REASONS[reason].summary);
  const base = greylisted
    ? GREYLIST_HEADLINE
    : recipientSide
    ? `${row?.title ?? "A rule of the recipient's organisation refused the message"}; only the recipient's side can change this, and the address itself is fine.`
    : reason === 'expired' && stillRetrying
      ? STILL_RETRYING
      : heloRefused
        ? // The sending server's greeting name was refused, not its IP address listed anywhere.
          HELO_HEADLINE[final || doneRetrying ? 1 : 0]
      : reason === 'onhold' && !row && !status && reply?.registered
        ? // The reply's title names a kind of failure ("Storage limit exceeded"), not its cause.
          `The reply code ${reply.reply} alone does not settle the cause; read the server's words or its enhanced status code before acting.`
        : kind === 'later' && !permanent
          ? profile.headline[0].replace(WILL_BE_RETRIED, '; your server has stopped retrying, so send it again later.')
          : !permanent && doneRetrying && NEVER_SUPPRESS.has(reason)
            ? // A temporary refusal the sending server gave up on ("retry timeout exceeded") is
              // held back no longer: it was refused, and only a new send delivers it.
              `${profile.headline[1]} ${GAVE_UP_HEADLINE}`
            : profile.headline[final ? 1 : 0];
  // Blocklists are named in the title; the prefix names the receiver that answered.
  const prefix = row && name && !listRow ? `According to ${name}, ` : '';
  const headline = prefix ? `${prefix}${base[0].toLowerCase()}${base.slice(1)}` : base;

  let whoActs: WhoActs = adminRule ? 'recipient' : greylisted ? 'sender' : row?.whoActs ?? profile.whoActs;
  if (senderSignal && whoActs === 'recipient') whoActs = 'both';

  return {
    headline,
    whatHappened: parts.join(' '),
    // Greylisting refuses no one: it is the receiving server's routine, not a policy block.
    layer: greylisted ? 'server' : layer,
    whoActs,
    permanent,
    suppress,
    retry,
    steps: dedup,
    senderSignal,
    helpUrl: helpUrl(help),
    softToHard: softToHard(reason, v.status ?? '', permanent, suppress, senderSignal, stillRetrying, kind === 'backoff' || kind === 'minutes'),
    title,
  };
}

/** Advice for one recipient verdict. Never throws. */
export function advise(v: AdviceInput): Advice {
  try {
    const { title: _title, ...advice } = buildAdvice(v, resolveProviderRow(v));
    return advice;
  } catch {
    const { title: _title, ...advice } = buildAdvice({ ...v, reason: 'undefined', diagnostic: '', providerTokens: [] }, undefined);
    return advice;
  }
}
