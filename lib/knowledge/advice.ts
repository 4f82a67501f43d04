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
import { REASONS, type Layer, type Reason } from '../reasons';
import type { Advice, ProviderId, RecipientVerdict, RetryPolicy, WhoActs } from '../types';
import { CLASS_MEANINGS, explainStatus, type StatusExplanation } from './enhanced-status';
import { HELP_LINKS, helpUrl, type HelpId } from './help-links';
import { detectProvider, providerRowsForToken, rankProviderRows } from './provider-match';
import { explainReply, type ReplyExplanation } from './reply-codes';
import type { AuthFocus, ProviderRow } from './schema';

/** What advise needs from a verdict; a whole RecipientVerdict fits. */
export type AdviceInput = Pick<RecipientVerdict, 'reason' | 'status' | 'reply' | 'permanent' | 'hard' | 'provider' | 'providerTokens'> & {
  diagnostic?: string;
};

/** Reasons whose permanent form means the address itself is dead. */
const DEAD_REASONS: ReadonlySet<Reason> = new Set<Reason>(['userunknown', 'hostunknown', 'hasmoved', 'notaccept']);

/** Reasons that never suppress a recipient, whatever the code or the row says. */
const NEVER_SUPPRESS: ReadonlySet<Reason> = new Set<Reason>([
  'policyviolation', 'authfailure', 'badreputation', 'blocked', 'spamdetected', 'speeding', 'requireptr', 'securityerror',
  'filtered', 'rejected', 'notcompliantrfc', 'virusdetected', 'contenterror', 'toomanyconn', 'norelaying',
]);

/** Temporary 4.7.x with these reasons is the receiver slowing the sender down: a sender signal. */
const THROTTLE_REASONS: ReadonlySet<Reason> = new Set<Reason>(['speeding', 'badreputation', 'blocked', 'policyviolation', 'authfailure', 'requireptr', 'spamdetected']);

export const PROVIDER_NAMES: Readonly<Record<ProviderId, string>> = {
  google: 'Gmail',
  microsoft: 'Microsoft',
  yahoo: 'Yahoo',
  apple: 'iCloud',
  amazon: 'Amazon SES',
  comcast: 'Comcast',
  cox: 'Cox',
  spectrum: 'Spectrum',
  godaddy: 'GoDaddy',
  gmx: 'GMX / WEB.DE',
  mailru: 'Mail.ru',
  yandex: 'Yandex',
  zoho: 'Zoho',
  proton: 'Proton',
  tencent: 'QQ Mail',
  orange: 'Orange',
  mimecast: 'Mimecast',
  proofpoint: 'Proofpoint',
  barracuda: 'Barracuda',
  spamhaus: 'Spamhaus',
  cloudmark: 'Cloudmark',
  '': '',
};

type Kind = RetryPolicy['kind'];

interface Profile {
  readonly whoActs: WhoActs;
  readonly senderSignal: boolean;
  /** Headline when temporary, when permanent. */
  readonly headline: readonly [string, string];
  readonly retry: readonly [Kind, Kind];
  readonly steps: readonly string[];
  /** Steps when the failure is permanent, where they differ. */
  readonly permanentSteps?: readonly string[];
}

const KEEP = 'Do not remove the address because of this bounce: the person very likely exists.';
const ADMIN_RULE_STEP = "The refusal comes from a rule that the recipient organisation's Google Workspace administrator set up: ask the recipient to have their administrator allow your message.";
const RECIPIENT_STEP = 'Tell the recipient, through another channel, what the bounce says, so that their mail administrator can fix it.';
/** Providers that are blocklists rather than receivers. */
const LISTS: ReadonlySet<ProviderId> = new Set<ProviderId>(['spamhaus', 'cloudmark']);
const FIND_LIST = 'Find out which blocklist or rule blocks your sending IP; the reply usually names it.';

const PROFILES: Readonly<Record<Reason, Profile>> = {
  userunknown: {
    whoActs: 'sender', senderSignal: false, retry: ['backoff', 'none'],
    headline: ['The receiving server says this address does not exist, but only as a temporary answer; check the address before the next send.', 'The address does not exist: remove it from your list.'],
    steps: ['Suppress the address so that no further mail goes to it.', 'If the person is a real customer, ask for the correct address through another channel; look for typos such as a missing letter or a wrong domain.'],
  },
  hostunknown: {
    whoActs: 'sender', senderSignal: false, retry: ['backoff', 'none'],
    headline: ["The recipient's domain could not be found for now; delivery will be retried.", "The recipient's domain cannot receive email: correct the domain or remove the address."],
    steps: ['Check the domain part for typos (for example gmial.com or hotmial.com) and correct it if you can.', 'If the domain is really gone, suppress the address.'],
  },
  hasmoved: {
    whoActs: 'sender', senderSignal: false, retry: ['none', 'none'],
    headline: ['The recipient has moved and left no forwarding address: remove this address.', 'The recipient has moved and left no forwarding address: remove this address.'],
    steps: ['Suppress the address.', 'If the bounce names a new address, confirm it with the person before using it.'],
  },
  suspend: {
    whoActs: 'recipient', senderSignal: false, retry: ['backoff', 'none'],
    headline: ['The mailbox is disabled for now; delivery will be retried.', 'The mailbox exists but is disabled: stop mailing it unless the person reactivates it.'],
    steps: ['Stop sending to this address for now; the account is switched off.', 'If the person is a customer, reach them through another channel and ask for a working address.'],
  },
  mailboxfull: {
    whoActs: 'recipient', senderSignal: false, retry: ['backoff', 'backoff'],
    headline: ["The recipient's mailbox is full; the address is valid and delivery can be retried.", "The recipient's mailbox is full; the address is valid but the mailbox may be abandoned."],
    steps: ['Nothing to fix on your side: let your mail server retry.', 'If the mailbox stays full for days, reach the person another way; a mailbox that never empties is often abandoned.'],
  },
  exceedlimit: {
    whoActs: 'sender', senderSignal: false, retry: ['none', 'none'],
    headline: ['The message is larger than this recipient accepts; send a smaller one.', 'The message is larger than this recipient accepts; send a smaller one.'],
    steps: ['Make the message smaller: share large files by link instead of attaching them.', 'Remember that attachments grow by about a third when encoded for email.'],
  },
  mesgtoobig: {
    whoActs: 'sender', senderSignal: false, retry: ['none', 'none'],
    headline: ['The message is larger than the receiving system accepts; send a smaller one.', 'The message is larger than the receiving system accepts; send a smaller one.'],
    steps: ['Make the message smaller: share large files by link instead of attaching them.', 'Remember that attachments grow by about a third when encoded for email.'],
  },
  systemfull: {
    whoActs: 'recipient', senderSignal: false, retry: ['backoff', 'backoff'],
    headline: ["The receiving server is out of storage; delivery will be retried.", "The receiving server is out of storage; try again later."],
    steps: ['Nothing to fix on your side: let your mail server retry.', "If it lasts for days, tell the recipient another way that their mail server is refusing mail."],
  },
  filtered: {
    whoActs: 'recipient', senderSignal: false, retry: ['backoff', 'none'],
    headline: ["A filter or rule on the recipient's side held back the message; the address may be fine.", "A filter or rule on the recipient's side refused the message; the address may be fine."],
    steps: ['Contact the recipient through another channel and ask them (or their IT team) to allow your address or domain.', KEEP],
  },
  rejected: {
    whoActs: 'sender', senderSignal: true, retry: ['pause', 'pause'],
    headline: ['Your sender address was refused for now; fix the sending setup, the recipient is not at fault.', 'Your sender address was refused; fix the sending setup, the recipient is not at fault.'],
    steps: ['Check the envelope sender (Return-Path) address: its domain must exist in DNS (SOA and MX or A records) and accept bounces.', 'If the sending account was blocked for abuse, secure it (new password, check forwarding rules and sign-ins) before sending again.', KEEP],
  },
  blocked: {
    whoActs: 'sender', senderSignal: true, retry: ['pause', 'pause'],
    headline: ['Your sending server or IP address is blocked for now; the recipient is not at fault.', 'Your sending server or IP address is blocked by the receiver; the recipient is not at fault.'],
    steps: [FIND_LIST, 'Fix the cause first (a compromised account, an open relay, a bought or old list), then request removal on the list\'s own page.', KEEP],
  },
  badreputation: {
    whoActs: 'sender', senderSignal: true, retry: ['pause', 'pause'],
    headline: ['The receiver is holding back mail from your IP or domain for its reputation; pause and repair it, the recipient is not at fault.', 'The receiver refuses mail from your IP or domain for its reputation; pause and repair it, the recipient is not at fault.'],
    steps: ['Pause bulk sending to this provider.', 'Send only to people who asked for your mail and opened it recently; remove addresses that bounced and people who complained.', 'Watch the provider\'s reputation tools (Google Postmaster Tools, Microsoft SNDS), then resume with low volume and raise it gradually.', KEEP],
  },
  requireptr: {
    whoActs: 'sender', senderSignal: true, retry: ['pause', 'pause'],
    headline: ['Your sending IP has no valid reverse DNS name, so its mail is held back; fix the PTR record, the recipient is not at fault.', 'Your sending IP has no valid reverse DNS name; fix the PTR record, the recipient is not at fault.'],
    steps: [],
  },
  authfailure: {
    whoActs: 'sender', senderSignal: true, retry: ['pause', 'pause'],
    headline: ['The message failed sender authentication (SPF, DKIM or DMARC) and is being held back; fix your DNS setup, the recipient is not at fault.', 'The message failed sender authentication (SPF, DKIM or DMARC); fix your DNS setup, the recipient is not at fault.'],
    steps: [],
  },
  notcompliantrfc: {
    whoActs: 'sender', senderSignal: true, retry: ['pause', 'pause'],
    headline: ['The message breaks the email format rules; fix the sending software, the recipient is not at fault.', 'The message breaks the email format rules; fix the sending software, the recipient is not at fault.'],
    steps: ['Check the headers your sending software writes: exactly one valid From address, a Date, a unique Message-ID, no duplicated headers, non-ASCII text only in encoded form.', KEEP],
  },
  spamdetected: {
    whoActs: 'sender', senderSignal: true, retry: ['pause', 'pause'],
    headline: ['The content was judged to be spam and held back; change the message, the recipient is not at fault.', 'The content was judged to be spam; change the message before sending more, the recipient is not at fault.'],
    steps: ['Review the content: remove link shorteners, links to domains with a poor reputation and spam-like wording; test the message before resending.', 'Check that the recipients asked for this mail; stop mailing people who never engage.', KEEP],
  },
  virusdetected: {
    whoActs: 'sender', senderSignal: true, retry: ['none', 'none'],
    headline: ['The message was refused as possibly harmful; remove the attachment, the recipient is not at fault.', 'The message was refused as possibly harmful; remove the attachment, the recipient is not at fault.'],
    steps: ['Scan the attachment; remove programs, macro-enabled documents and archives that contain them, and share such files by link.', 'Check whether the sending computer or account is infected or compromised.', KEEP],
  },
  contenterror: {
    whoActs: 'sender', senderSignal: false, retry: ['none', 'none'],
    headline: ["The message's format or encoding could not be handled; fix the message and resend.", "The message's format or encoding could not be handled; fix the message and resend."],
    steps: ['Check the message structure: valid MIME parts, declared character sets, lines ending in CR LF and no longer than 998 characters.', KEEP],
  },
  policyviolation: {
    whoActs: 'both', senderSignal: false, retry: ['pause', 'none'],
    headline: ["The receiver's policy held back this message; the address itself may be fine.", "The receiver's policy refused this message; the address itself may be fine."],
    steps: ["Read the server's words in the bounce: they name the rule that stopped the message.", 'If the rule concerns your IP, content or authentication, fix that first; if it is a rule of the recipient organisation, ask the recipient to have it changed.', KEEP],
  },
  securityerror: {
    whoActs: 'sender', senderSignal: true, retry: ['pause', 'pause'],
    headline: ['A security requirement (login or encryption) was not met for now; check the sending setup.', 'A security requirement (login or encryption) was not met; fix the sending setup.'],
    steps: ['Check the sending program\'s login (SMTP AUTH) settings: user name, password or app password, port 587 with STARTTLS.', 'If the receiver requires encryption, turn on STARTTLS (TLS 1.2 or newer) for outgoing mail.', KEEP],
  },
  speeding: {
    whoActs: 'sender', senderSignal: true, retry: ['pause', 'pause'],
    headline: ['You are sending faster than the receiver allows; slow down, the recipient is not at fault.', 'The receiver refused the message because of a sending-rate limit; slow down, the recipient is not at fault.'],
    steps: ['Lower the sending rate and the number of simultaneous connections to this provider.', 'Let your mail server retry deferred messages with growing intervals; do not resend them by hand.', 'If the limit is on your own account (a daily quota), wait for it to reset and check that the account is not compromised.', KEEP],
  },
  toomanyconn: {
    whoActs: 'sender', senderSignal: true, retry: ['backoff', 'backoff'],
    headline: ['Too many connections or recipients at once; send more slowly and let the rest be retried.', 'Too many connections or recipients at once; split the sending and try again.'],
    steps: ['Open fewer simultaneous connections to this receiver.', 'Put fewer recipients on one message (50 or fewer is safe) and let the server retry the rest.', KEEP],
  },
  norelaying: {
    whoActs: 'both', senderSignal: false, retry: ['backoff', 'none'],
    headline: ['The server would not pass the message on for now.', 'The server refused to pass the message on: it does not handle mail for this route.'],
    steps: ["If your server delivered straight to the recipient's domain, its MX records may point at a server that does not handle the domain: tell the recipient.", 'If you send through a relay or smarthost, log in to it (SMTP AUTH) or have your IP address registered with it.', KEEP],
  },
  notaccept: {
    whoActs: 'sender', senderSignal: false, retry: ['backoff', 'none'],
    headline: ['The destination is not accepting mail right now; delivery will be retried.', 'The destination accepts no email at all: remove the address.'],
    steps: ['Suppress the address: the domain or host states that it takes no email.', 'If the person is a customer, ask for another address.'],
  },
  networkerror: {
    whoActs: 'both', senderSignal: false, retry: ['backoff', 'none'],
    headline: ['A network or DNS problem delayed delivery; it will be retried.', 'A network or routing failure stopped delivery; check the recipient domain.'],
    steps: ['Nothing to change yet: your server retries on its own.', "If it persists, check the recipient domain's MX records (for example with dig MX) and whether its servers answer on port 25."],
    permanentSteps: ["Check the recipient's domain: its MX records (for example with dig MX) and whether its mail servers accept connections on port 25.", 'If the domain looks right, send again later; if it no longer receives mail, suppress the address.'],
  },
  expired: {
    whoActs: 'both', senderSignal: false, retry: ['none', 'none'],
    headline: ['Your server gave up after retrying for too long; the earlier temporary errors hold the real cause.', 'Your server gave up after retrying for too long; the earlier temporary errors hold the real cause.'],
    steps: ['Look at the earlier temporary errors for this address in your server\'s logs: they name the real cause.', "Check the recipient domain's MX records and whether its servers answer; send again later if they do."],
  },
  systemerror: {
    whoActs: 'recipient', senderSignal: false, retry: ['backoff', 'none'],
    headline: ['The receiving system had a temporary problem; delivery will be retried.', "The receiving system failed to take the message; the recipient's administrator must act."],
    steps: ['Nothing to fix on your side: let your mail server retry.', "If it keeps failing, tell the recipient another way that their mail server is refusing mail."],
    permanentSteps: ["Tell the recipient another way that their mail system refused the message with an error of its own.", 'Send again later; if it keeps failing, their administrator has to fix it.', KEEP],
  },
  mailererror: {
    whoActs: 'recipient', senderSignal: false, retry: ['backoff', 'none'],
    headline: ["The recipient's delivery program failed; delivery may work later.", "The recipient's delivery program failed; their administrator must fix it."],
    steps: ["Tell the recipient another way that their server's local delivery is failing.", KEEP],
  },
  syntaxerror: {
    whoActs: 'sender', senderSignal: true, retry: ['none', 'none'],
    headline: ['The SMTP conversation between the servers failed; check the sending software.', 'The SMTP conversation between the servers failed; check the sending software.'],
    steps: ['Check the sending software and any firewall or proxy that alters SMTP traffic; the fault is in the conversation, not in the address.', KEEP],
  },
  onhold: {
    whoActs: 'both', senderSignal: false, retry: ['backoff', 'none'],
    headline: ['The server deferred the message without a clear reason; read its words before acting.', 'The server refused the message without a clear reason; read its words before acting.'],
    steps: ["Read the server's words in the bounce: they decide whether the address, the content or your setup is at fault.", 'Do not remove the address on this bounce alone.'],
  },
  undefined: {
    whoActs: 'both', senderSignal: false, retry: ['backoff', 'none'],
    headline: ["No cause could be found; read the server's words before acting.", "No cause could be found; read the server's words before acting."],
    steps: ["Read the server's words in the bounce: they decide whether the address, the content or your setup is at fault.", 'Do not remove the address on this bounce alone.'],
  },
  delivered: {
    whoActs: 'both', senderSignal: false, retry: ['none', 'none'],
    headline: ['The message was delivered; nothing to do.', 'The message was delivered; nothing to do.'],
    steps: [],
  },
  feedback: {
    whoActs: 'sender', senderSignal: true, retry: ['none', 'none'],
    headline: ['A recipient reported your message as spam: stop sending them marketing mail.', 'A recipient reported your message as spam: stop sending them marketing mail.'],
    steps: ['Unsubscribe the person from all marketing mail now.', 'Check how they were added to your list; complaint rates above 0.1% hurt delivery for everyone on the list.'],
  },
  vacation: {
    whoActs: 'recipient', senderSignal: false, retry: ['none', 'none'],
    headline: ['An automatic reply, not a bounce: the address works.', 'An automatic reply, not a bounce: the address works.'],
    steps: [],
  },
};

const AUTH_STEPS: Readonly<Record<AuthFocus, string>> = {
  spf: 'Check the SPF TXT record of the envelope sender (Return-Path) domain: it must list the server or service that sent this message (usually with include:), and it must not need more than 10 DNS lookups.',
  dkim: 'Check DKIM: the message must carry a DKIM-Signature, and its public key must be published as a TXT record at <selector>._domainkey.<signing domain> (the selector is the s= value in the signature header).',
  dmarc: 'Publish a DMARC TXT record at _dmarc.<your From domain>, for example "v=DMARC1; p=none; rua=mailto:dmarc@<your domain>"; p=none is enough to start.',
  align: 'Make the From domain match a domain that passes: sign DKIM with your own domain (d=) at your email service, or give the service a Return-Path (bounce) domain under your own domain.',
  ptr: 'Ask whoever controls the sending IP (your hosting provider or email service) to set its PTR record to a host name of yours, and publish an A (or AAAA) record for that name pointing back to the same IP.',
  tls: 'Turn on STARTTLS for outgoing mail on the sending server (TLS 1.2 or newer), with a valid certificate.',
};

const AUTH_CHECK = 'Send a test message to a mailbox you own at a large provider and read the Authentication-Results header: it shows which of SPF, DKIM and DMARC fails.';

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

/** The official page for a sender problem at a provider, when there is one. */
const SENDER_PAGES: Partial<Record<ProviderId, HelpId>> = {
  google: 'google.senders',
  microsoft: 'outlook.postmaster',
  yahoo: 'yahoo.senders',
  apple: 'apple.postmaster',
};

const PROVIDER_PAGES: Partial<Record<ProviderId, HelpId>> = {
  google: 'google.errors',
  microsoft: 'microsoft.ndr',
  yahoo: 'yahoo.errors',
  apple: 'apple.postmaster',
  comcast: 'comcast.errors',
  gmx: 'gmx.errors',
  mimecast: 'mimecast.errors',
  proofpoint: 'proofpoint.faq',
  barracuda: 'barracuda.removal',
  spamhaus: 'spamhaus.check',
  cloudmark: 'cloudmark.csi',
  spectrum: 'spectrum.errors',
  godaddy: 'godaddy.errors',
};

/** Delisting pages: a step naming the page is added when the help link is one of these. */
const DELIST_STEPS: Partial<Record<HelpId, string>> = {
  'microsoft.delist': 'Request removal of your IP at Microsoft\'s delist portal: ',
  'outlook.support': 'Ask Outlook.com to lift the block with its sender support form: ',
  'spamhaus.check': 'Look up your IP or domain at Spamhaus and follow the removal steps there: ',
  'proofpoint.faq': 'Check your IP at Proofpoint and request a review, following: ',
  'barracuda.removal': 'Request removal from the Barracuda Reputation Block List: ',
  'cloudmark.csi': 'Check your IP at Cloudmark Sender Intelligence and request a reset: ',
};

const GREYLIST_WORDS = ['greylist', 'graylist', 'grey-list', 'gray-list', 'greylisted'];

/** Finds the provider row a verdict rests on: by the diagnostic text, else by its tokens. */
export function resolveProviderRow(v: AdviceInput): ProviderRow | undefined {
  // The row must tell the same story as the verdict: the same reason, or a verdict without a
  // cause, or the same layer without turning a living address into a dead one.
  const fits = (row: ProviderRow) =>
    row.reason === v.reason ||
    v.reason === 'onhold' ||
    v.reason === 'undefined' ||
    (REASONS[row.reason]?.layer === REASONS[v.reason]?.layer && (!row.dead || DEAD_REASONS.has(v.reason)));
  if (v.diagnostic) {
    const lower = v.diagnostic.slice(0, 64 * 1024).toLowerCase();
    const best = rankProviderRows(lower, { reply: v.reply || undefined, status: v.status || undefined }, detectProvider(lower))[0];
    if (best && fits(best.row)) return best.row;
  }
  for (const t of v.providerTokens ?? []) {
    const row = providerRowsForToken(t).find(fits);
    if (row) return row;
  }
  return undefined;
}

function retryPolicy(kind: Kind, reason: Reason, suppress: boolean, provider: ProviderId): RetryPolicy {
  const where = PROVIDER_NAMES[provider] && !LISTS.has(provider) ? `to ${PROVIDER_NAMES[provider]}` : 'to this receiver';
  switch (kind) {
    case 'backoff':
      return { kind, summary: 'Let your mail server retry with growing intervals, at least 30 minutes apart, for up to five days.', maxHours: 120 };
    case 'minutes':
      return { kind, summary: 'Greylisting: retry from the same server after a few minutes; the next attempt is normally accepted.', maxHours: 12 };
    case 'pause':
      return {
        kind,
        summary: `Pause this sending ${where} and fix the cause before resuming: until then every message meets the same refusal, and a stream of refused mail hurts your reputation further.`,
      };
    default:
      if (suppress) return { kind: 'none', summary: 'Do not send to this address again.' };
      if (reason === 'expired') return { kind: 'none', summary: 'Your server has already stopped retrying; send again only once the cause is cleared.' };
      if (reason === 'delivered' || reason === 'vacation') return { kind: 'none', summary: 'Nothing to retry.' };
      if (reason === 'feedback') return { kind: 'none', summary: 'Do not send marketing mail to this person again.' };
      return { kind: 'none', summary: 'Do not resend this message unchanged: it will fail the same way until the cause is fixed.' };
  }
}

const SOFT_TO_HARD =
  'If this address still fails after five days of retries, or soft-bounces on three sends within fourteen days, treat it as a hard bounce and stop mailing it.';
const REPEAT_TO_HARD = 'If three sends to this address fail like this within fourteen days, treat it as a hard bounce and stop mailing it.';

function softToHard(reason: Reason, permanent: boolean, suppress: boolean, senderSignal: boolean): string {
  if (suppress || senderSignal) return '';
  switch (reason) {
    case 'mailboxfull':
    case 'systemfull':
    case 'networkerror':
    case 'systemerror':
    case 'mailererror':
    case 'onhold':
    case 'undefined':
      return permanent && reason !== 'mailboxfull' && reason !== 'systemfull' ? REPEAT_TO_HARD : SOFT_TO_HARD;
    case 'expired':
      return 'Your server already retried for days. If the next send to this address expires too, or three sends fail within fourteen days, treat it as a hard bounce and stop mailing it.';
    case 'suspend':
      return permanent
        ? 'A disabled mailbox rarely comes back: if a later send bounces the same way, suppress the address.'
        : SOFT_TO_HARD;
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

/** Builds the advice from a verdict and the provider row it rests on (if any). */
export function buildAdvice(v: AdviceInput, row: ProviderRow | undefined): Advice & { title: string } {
  const reason: Reason = row && (v.reason === 'onhold' || v.reason === 'undefined') ? row.reason : v.reason in PROFILES ? v.reason : 'undefined';
  const profile = PROFILES[reason];
  const status: StatusExplanation | undefined = v.status ? explainStatus(v.status) : undefined;
  const reply: ReplyExplanation | undefined = v.reply ? explainReply(v.reply) : undefined;
  const permanent = Boolean(v.permanent);
  const provider: ProviderId = row?.provider ?? v.provider ?? '';

  const layer: Layer = row ? REASONS[row.reason].layer : status && status.reason === reason ? status.layer : REASONS[reason].layer;
  const suppress = permanent && !NEVER_SUPPRESS.has(reason) && (DEAD_REASONS.has(reason) || row?.dead === true);

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
  else if (recipientSide) kind = permanent ? 'none' : 'backoff';
  else kind = profile.retry[permanent ? 1 : 0];
  if (kind === 'pause' && !senderSignal) kind = permanent ? 'none' : 'backoff';
  const retry = retryPolicy(kind, reason, suppress, provider);

  // Steps: the row's own step, the reason's steps (auth and PTR made precise), a delisting page.
  const steps: string[] = [];
  if (row?.step) steps.push(row.step);
  if (recipientSide) {
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
    for (const s of (permanent && profile.permanentSteps) || profile.steps) if (!steps.includes(s)) steps.push(s);
  }
  if (suppress && !steps.some((s) => s.startsWith('Suppress'))) steps.unshift('Suppress the address so that no further mail goes to it.');

  let help: HelpId | undefined = row?.help;
  if (!help && senderSignal) help = SENDER_PAGES[provider];
  if (!help) help = PROVIDER_PAGES[provider];
  const delist = help ? DELIST_STEPS[help] : undefined;
  if (delist && (reason === 'blocked' || reason === 'badreputation' || reason === 'spamdetected')) {
    // The list is known: drop the generic "find out which list" and name its page before the last step.
    const at = steps.indexOf(FIND_LIST);
    if (at >= 0) steps.splice(at, 1);
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
  if (row) parts.push(row.meaning);
  else if (status?.registered && statusFits) parts.push(status.meaning);
  else if (!status && reply && (reply.reason === reason || generic)) parts.push(reply.meaning);
  else {
    parts.push(summary);
    if (status && !status.registered) parts.push(status.meaning);
    else if (status && specific && !statusFits && reason !== 'delivered') {
      parts.push(`The registry name of ${status.status} is "${status.title}"; the server's words point to the cause above.`);
    }
  }
  if (!row && status && reply?.registered && reply.reply[0] !== '2') parts.push(`Reply ${reply.reply} (${reply.title.toLowerCase()}).`);
  const klass = (v.status || v.reply || '')[0];
  if (reason !== 'delivered' && reason !== 'vacation' && reason !== 'feedback' && klass !== '2' && status?.registered !== false) {
    parts.push(permanent ? CLASS_MEANINGS['5'] : CLASS_MEANINGS['4']);
  }
  if ((klass === '5' && !permanent) || (klass === '4' && permanent)) {
    parts.push(permanent
      ? 'The code looks temporary, but this condition does not clear by waiting.'
      : 'The code looks permanent, but this condition is known to clear by itself, so it is treated as temporary.');
  }
  const name = PROVIDER_NAMES[provider];
  const title =
    row?.title ??
    (status?.registered && statusFits ? status.title : undefined) ??
    (!status && reply && (reply.reason === reason || generic) ? reply.title : undefined) ??
    sentenceCase(REASONS[reason].summary);
  const base = recipientSide
    ? `${row?.title ?? "A rule of the recipient's organisation refused the message"}; only the recipient's side can change this, and the address itself is fine.`
    : profile.headline[permanent ? 1 : 0];
  // Blocklists are named in the title; the prefix names the receiver that answered.
  const prefix = row && name && !LISTS.has(provider) ? `${name}: ` : '';
  const headline = prefix ? `${prefix}${base[0].toLowerCase()}${base.slice(1)}` : base;

  let whoActs: WhoActs = adminRule ? 'recipient' : row?.whoActs ?? profile.whoActs;
  if (senderSignal && whoActs === 'recipient') whoActs = 'both';

  return {
    headline,
    whatHappened: parts.join(' '),
    layer,
    whoActs,
    permanent,
    suppress,
    retry,
    steps: dedup,
    senderSignal,
    helpUrl: helpUrl(help),
    softToHard: softToHard(reason, permanent, suppress, senderSignal),
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
