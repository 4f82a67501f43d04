/**
 * The words of the advice: per-reason headlines and steps, the precise DNS steps for
 * authentication, and which official page to show for a provider. advice.ts decides which apply.
 */
import type { Reason } from '../reasons';
import type { HoldCause, ProviderId, RetryPolicy, WhoActs } from '../types';
import type { HelpId } from './help-links';
import type { AuthFocus } from './schema';

export type Kind = RetryPolicy['kind'];

export interface Profile {
  readonly whoActs: WhoActs;
  readonly senderSignal: boolean;
  /** Headline when temporary, when permanent. */
  readonly headline: readonly [string, string];
  readonly retry: readonly [Kind, Kind];
  readonly steps: readonly string[];
  /** Steps when the failure is permanent, where they differ. */
  readonly permanentSteps?: readonly string[];
}

export const KEEP = 'Do not remove the address because of this bounce: the person very likely exists.';
export const ADMIN_RULE_STEP = "The refusal comes from a rule that the recipient organisation's Google Workspace administrator set up: ask the recipient to have their administrator allow your message.";
export const RECIPIENT_STEP = 'Tell the recipient, through another channel, what the bounce says, so that their mail administrator can fix it.';
/** Providers that are blocklists rather than receivers. */
export const LISTS: ReadonlySet<ProviderId> = new Set<ProviderId>(['spamhaus', 'cloudmark']);
export const FIND_LIST = 'Find out which blocklist or rule blocks your sending IP; the reply usually names it.';

export const BLOCKLIST_CAUSE_STEP = "Fix the cause first (a compromised account, an open relay, a bought or old list), then request removal on the list's own page.";

/** How the step that asks to look for a typo in the domain begins. */
export const DOMAIN_TYPO_CHECK = 'Check the domain part for typos';

/**
 * Steps for a DNS answer that the recipient's domain does not exist (NXDOMAIN), reported as final:
 * no later send reaches it until the domain is registered again. (The address is not suppressed
 * on it: the corpus reads it as a network failure.)
 */
export const NO_SUCH_DOMAIN_STEPS: readonly string[] = [
  `${DOMAIN_TYPO_CHECK} (for example gmial.com or hotmial.com); if it is one, correct the address and send to the corrected one.`,
  "If the domain is spelled right, it does not exist now (look it up with dig MX): do not send to it again until it does; ask the person for an address that works.",
];

/** The relay refusal's step when the refusing server is the sender's own (smarthost, Exchange, an ISP's relay). */
export const OWN_RELAY_STEP =
  "If the refusing server is your own relay, smarthost or Exchange server, make it accept your mail for outside domains: have your mail program log in to it (SMTP AUTH), or have your sending IP address or connector allowed to relay there (in Exchange or Microsoft 365, a connector for your server).";
/** The relay refusal's step when the refusing server is the recipient domain's own. */
export const RECIPIENT_MX_STEP =
  "If the refusing server is the recipient domain's own mail server, it does not take mail for that domain (its MX records may point at the wrong server): tell the recipient through another channel.";

/**
 * The first step for a refused sender address, by what the refusal's words say was wrong with it
 * (advice.ts picks): its domain is not in DNS (5.1.8), the receiver's call-back to the sender's
 * mailbox failed, the login may not use it, the sending service has not verified it, or it has
 * no domain at all.
 */
export const SENDER_STEPS = {
  dns: 'Check the envelope sender (Return-Path) address: its domain must exist in DNS (SOA and MX or A records) and accept bounces.',
  callout:
    "The receiver checked your sender address by asking your own mail server whether that mailbox exists, and the answer was no: the envelope sender (Return-Path) must be a real mailbox that accepts mail, bounces included, not an address your server refuses.",
  owner: 'The account your mail program logs in with may not send as this address: send from an address that account owns, or have the mail server allow the account to use it.',
  identity: 'Verify the sending address or its domain with the sending service (in Amazon SES, as an identity in the region you send from), or send from an identity that is already verified there.',
  qualified: 'Your mail program gave a sender address without a full domain (such as "sam" or "sam@localhost"): set the sender and From to a complete address such as sam@example.com.',
} as const;

/** The headline for a refused HELO/EHLO name: not yet final (a delay, a server still retrying), and final. */
export const HELO_HEADLINE = [
  "The receiving server refused the name your sending server gives in its HELO/EHLO greeting, for now; fix that name, the recipient is not at fault.",
  "The receiving server refused the name your sending server gives in its HELO/EHLO greeting; fix that name, the recipient is not at fault.",
] as const;

/** The first step for a refused HELO/EHLO name (the sending server's greeting). */
export const HELO_STEP =
  "Set the sending server's HELO/EHLO name to its own fully qualified host name (such as mail.example.com, not localhost or a bare name), with an A record for that name pointing at the sending IP and a PTR record pointing back.";

export const PROFILES: Readonly<Record<Reason, Profile>> = {
  userunknown: {
    whoActs: 'sender', senderSignal: false, retry: ['backoff', 'none'],
    headline: ['The receiving server says this address does not exist, but only as a temporary answer; check the address before the next send.', 'The address does not exist: remove it from your list.'],
    steps: ['Do not suppress the address yet: a temporary answer can mean the server could not look it up just now. Check it for typos such as a missing letter or a wrong domain.', 'If the next send gets the same answer, or a permanent one (5.1.1), suppress the address.'],
    permanentSteps: ['Suppress the address so that no further mail goes to it.', 'If the person is a real customer, ask for the correct address through another channel; look for typos such as a missing letter or a wrong domain.'],
  },
  hostunknown: {
    whoActs: 'sender', senderSignal: false, retry: ['backoff', 'none'],
    headline: ["The recipient's domain could not be found for now; delivery will be retried.", "The recipient's domain cannot receive email: correct the domain or remove the address."],
    steps: [`${DOMAIN_TYPO_CHECK} (for example gmial.com or hotmial.com) and correct it if you can.`, 'If the domain is really gone, suppress the address.'],
    // (A typo is looked for before the address is dropped: correcting it keeps the customer.)
    permanentSteps: [`${DOMAIN_TYPO_CHECK} (for example gmial.com or hotmial.com); if it is one, correct the address and send again.`, 'Suppress the address if the domain is right: it cannot receive mail.'],
  },
  hasmoved: {
    whoActs: 'sender', senderSignal: false, retry: ['backoff', 'none'],
    headline: ['The server says the recipient has moved, but only as a temporary answer; look for a new address before the next send.', 'The recipient no longer receives mail at this address: remove it, and use a new address only once the person confirms it.'],
    steps: ['Do not suppress the address yet: the answer is temporary.', 'If the bounce names a new address, confirm it with the person before using it; if the next send gets the same answer, suppress the old one.'],
    permanentSteps: ['Suppress the address.', 'If the bounce names a new address, confirm it with the person before using it.'],
  },
  suspend: {
    whoActs: 'recipient', senderSignal: false, retry: ['backoff', 'none'],
    headline: ['The mailbox is disabled for now; delivery will be retried.', 'The mailbox exists but is disabled: pause mail to it, and suppress it if a later send bounces the same way.'],
    steps: ['Nothing to do yet: the account is switched off for now, and your mail server retries.', 'If the final report says the same, pause mail to this address and reach the person another way.'],
    permanentSteps: ['Pause mail to this address: the account exists but is switched off, so mail sent now bounces.', 'If the person is a customer, reach them through another channel and ask whether the account comes back, or for a working address.'],
  },
  mailboxfull: {
    // A permanent refusal is not retried by any server: sending again is the sender's to do.
    whoActs: 'recipient', senderSignal: false, retry: ['backoff', 'later'],
    headline: ["The recipient's mailbox is full; the address is valid and delivery can be retried.", "The recipient's mailbox is full; the address is valid but the mailbox may be abandoned."],
    steps: ['Nothing to fix on your side: let your mail server retry.', 'If the mailbox stays full for days, reach the person another way; a mailbox that never empties is often abandoned.'],
    permanentSteps: ['Nothing to fix on your side: send the message again in a day or two, once the recipient has made room.', 'If later sends bounce the same way, reach the person another way; a mailbox that never empties is often abandoned.'],
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
    steps: [SENDER_STEPS.dns, 'If the sending account was blocked for abuse, secure it (new password, check forwarding rules and sign-ins) before sending again.', KEEP],
  },
  blocked: {
    whoActs: 'sender', senderSignal: true, retry: ['pause', 'pause'],
    headline: ['Your sending server or IP address is blocked for now; the recipient is not at fault.', 'Your sending server or IP address is blocked by the receiver; the recipient is not at fault.'],
    steps: [FIND_LIST, BLOCKLIST_CAUSE_STEP, KEEP],
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
    permanentSteps: ['Lower the sending rate and the number of simultaneous connections to this provider.', 'Send this message again later, at the lower rate.', 'If the limit is on your own account (a daily quota), wait for it to reset and check that the account is not compromised.', KEEP],
  },
  toomanyconn: {
    whoActs: 'sender', senderSignal: true, retry: ['backoff', 'backoff'],
    headline: ['Too many connections or recipients at once; send more slowly and let the rest be retried.', 'Too many connections or recipients at once; split the sending and try again.'],
    steps: ['Open fewer simultaneous connections to this receiver.', 'Put fewer recipients on one message (50 or fewer is safe) and let the server retry the rest.', KEEP],
    permanentSteps: ['Open fewer simultaneous connections to this receiver.', 'Put fewer recipients on one message (50 or fewer is safe) and send again to those refused.', KEEP],
  },
  norelaying: {
    whoActs: 'both', senderSignal: false, retry: ['backoff', 'none'],
    headline: ['The server would not pass the message on for now.', 'The server refused to pass the message on: it does not handle mail for this route.'],
    // (The sender's own relay first: that is who refuses in most cases. advice.ts puts the
    // recipient's step first where the refusing host is in the recipient's domain.)
    steps: [OWN_RELAY_STEP, RECIPIENT_MX_STEP, KEEP],
  },
  notaccept: {
    whoActs: 'sender', senderSignal: false, retry: ['backoff', 'none'],
    headline: ['The destination is not accepting mail right now; delivery will be retried.', 'The destination accepts no email at all: remove the address.'],
    steps: ['Nothing to do yet: your mail server retries on its own.', 'If the destination still takes no email after the retries, suppress the address and ask the person for another one.'],
    permanentSteps: ['Suppress the address: the domain or host states that it takes no email.', 'If the person is a customer, ask for another address.'],
  },
  networkerror: {
    whoActs: 'both', senderSignal: false, retry: ['backoff', 'later'],
    headline: ['A network or DNS problem delayed delivery; it will be retried.', 'A network or routing failure stopped delivery; check the recipient domain.'],
    steps: ['Nothing to change yet: your server retries on its own.', "If it persists, check the recipient domain's MX records (for example with dig MX) and whether its servers answer on port 25."],
    permanentSteps: ["Check the recipient's domain: its MX records (for example with dig MX) and whether its mail servers accept connections on port 25.", 'If the domain looks right, send again later; if it no longer receives mail, suppress the address.'],
  },
  expired: {
    whoActs: 'both', senderSignal: false, retry: ['later', 'later'],
    headline: ['Your server gave up after retrying for too long; the earlier temporary errors hold the real cause.', 'Your server gave up after retrying for too long; the earlier temporary errors hold the real cause.'],
    steps: ['Look at the earlier temporary errors for this address in your server\'s logs: they name the real cause.', "Check the recipient domain's MX records and whether its servers answer; send again later if they do."],
  },
  systemerror: {
    whoActs: 'recipient', senderSignal: false, retry: ['backoff', 'later'],
    headline: ['The receiving system had a temporary problem; delivery will be retried.', "The receiving system failed to take the message; the recipient's administrator must act."],
    steps: ['Nothing to fix on your side: let your mail server retry.', "If it keeps failing, tell the recipient another way that their mail server is refusing mail."],
    permanentSteps: ["Tell the recipient another way that their mail system refused the message with an error of its own.", 'Send again later; if it keeps failing, their administrator has to fix it.', KEEP],
  },
  mailererror: {
    whoActs: 'recipient', senderSignal: false, retry: ['backoff', 'later'],
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

/** A recipient refused only because the server's reply to the message data named another. */
export function refusedWithTexts(other: string): NoticeText {
  return {
    title: 'Refused because of another recipient',
    headline: `The server refused the whole message because of another recipient, ${other}; this address was not refused itself.`,
    whatHappened: `The receiving server answered the message once for all its recipients, and its reply names ${other}. The reply is about that address, not this one.`,
    steps: [`Act on ${other} by its own verdict (remove it if it does not exist), then send the message again to this address.`, 'Do not remove this address on this bounce.'],
    senderSignal: false,
    retry: 'Nothing to wait for: send the message again to this address alone, without the other one.',
  };
}

/** How the service came to list the address. */
const HOLD_LISTED: Readonly<Record<Exclude<HoldCause, 'plan'>, string>> = {
  bounce: 'listed after an earlier message to it bounced',
  complaint: 'listed after the recipient marked an earlier message as spam',
  unsubscribe: 'listed after the recipient unsubscribed',
  manual: 'listed by hand, by someone on your account',
  list: 'listed after an earlier bounce, a complaint or an unsubscribe, or by hand',
};

/** The step every listed address gets (the team's rule of 2026-12-08). */
export const HOLD_STEP =
  "Keep the address off your sends. If you think the listing is wrong, find the earlier event that put it there (the bounce, complaint or unsubscribe), and only then remove it from the service's suppression list.";

/**
 * A sending service that held the message back itself, without contacting any server (see
 * RecipientVerdict.serviceHold): not a new failure of the address, and never the receiver's,
 * the sender's IP's or the content's fault.
 */
export function heldTexts(cause: HoldCause): NoticeText {
  if (cause === 'plan') {
    return {
      title: 'Held back by the sending service: plan limit',
      headline: "The sending service held the message back and contacted no server: your account's plan allows no more recipients for now.",
      whatHappened:
        "The email service you send through did not send this message, because your account is over its plan's limit on recipients. No receiving server was asked, so this says nothing about the address, which is not at fault. Any code shown with it is the service's own label, not a server's answer.",
      steps: ["Check your plan's limits with the service: raise the limit, or wait until it resets, then send again.", 'Keep the address: nothing is wrong with it.'],
      senderSignal: false,
      retry: 'Send again once the plan allows it; the service will hold back every message until then.',
      retryKind: 'later',
    };
  }
  const listed = HOLD_LISTED[cause];
  const steps = [HOLD_STEP];
  if (cause === 'complaint' || cause === 'unsubscribe') steps.push('Mail this person again only if they sign up again themselves: they asked for no more of your mail.');
  return {
    title: 'Held back by the sending service',
    headline: `The sending service held the message back and contacted no server: the address is on its suppression list, ${listed}.`,
    whatHappened: `The email service you send through did not send this message to this address, because the address is on its own suppression list, ${listed}. No receiving server was asked, so this is no new failure of the address, and it says nothing against your sending server, its IP address or the content. Any code shown with it (such as 5.1.1 or 5.0.0) is the service's own label for the listing, not a server's answer.`,
    steps,
    senderSignal: false,
    retry: 'Do not resend: the service holds back every message to this address while it stays listed.',
  };
}

/** A report that calls dead the address it was delivered to (see RecipientVerdict.contradictsDelivery). */
export function contradictionTexts(address: string): NoticeText {
  return {
    title: 'A report that contradicts itself',
    headline: `This report says ${address} cannot receive mail, yet it was delivered to that very address; remove nothing on its word.`,
    whatHappened:
      'A bounce goes to the sender of a failed message and names another address. This one calls dead the mailbox that received it, which cannot be: the report is mistaken, or forged to make you drop an address.',
    steps: [
      'Check who really sent it: a genuine report comes from your own mail system or provider, and its original source shows their SPF or DKIM passing.',
      'Keep the address; if in doubt, send it a short test message.',
    ],
    senderSignal: false,
    retry: 'Nothing to retry: this report is not to be trusted.',
  };
}

/**
 * A report that calls an address dead while its sender failed DMARC at the mailbox that received
 * it (see RecipientVerdict.senderUnverified). `meaning`: what the report says, if genuine.
 */
export function unverifiedTexts(address: string, meaning: string): NoticeText {
  return {
    title: 'A report whose sender could not be verified',
    headline: `This report says ${address} cannot receive mail, but its sender could not be verified (DMARC); confirm the failure before you remove the address.`,
    whatHappened:
      `The mailbox that received this report checked who sent it, and the sending domain did not pass DMARC (or the result could not be read). Forged bounces look like this: they are made to have you click a link or drop an address that works.${meaning ? ` If the report is genuine, it means ${meaning}.` : ''}`,
    steps: [
      'Look for this message in your own sending logs or Sent folder: a forged report names a message you never sent, or a failure your own mail system did not record.',
      'If your logs show the same refusal for this address, remove it; otherwise keep it, and send it a short test message if in doubt.',
    ],
    senderSignal: false,
    retry: 'Nothing to retry until the failure is confirmed.',
  };
}

/** What a notice that reports no failure says (its codes' registry meanings are of failures). */
export const NOT_A_FAILURE_MEANINGS = {
  delivered: 'The receiving server accepted the message: this is a success notice, not a bounce.',
  vacation: 'An automatic reply (such as an out-of-office message) came back: your message was delivered, and the address works.',
} as const;

/** The texts of advice that rests on the kind of notice rather than on a code. */
export interface NoticeText {
  readonly title: string;
  readonly headline: string;
  readonly whatHappened: string;
  readonly steps: readonly string[];
  readonly senderSignal: boolean;
  readonly retry: string;
  /** The retry's kind, where the same message may go through later ('none' when absent). */
  readonly retryKind?: 'later';
}

/**
 * What a feedback report asks of the sender, by its Feedback-Type (RFC 5965, RFC 6591 for
 * auth-failure). `abuse` is also the answer for reports that name no type.
 */
export const FEEDBACK_TEXTS: Readonly<Record<'abuse' | 'fraud' | 'virus' | 'auth-failure' | 'opt-out' | 'not-spam' | 'other', NoticeText>> = {
  abuse: {
    title: 'Spam complaint',
    headline: 'A recipient reported your message as spam: stop sending them marketing mail.',
    whatHappened: "The recipient's mailbox provider forwarded a spam complaint (an abuse feedback report) about this message.",
    steps: ['Unsubscribe the person from all marketing mail now.', 'Check how they were added to your list; complaint rates above 0.1% hurt delivery for everyone on the list.'],
    senderSignal: true,
    retry: 'Do not send marketing mail to this person again.',
  },
  fraud: {
    title: 'Fraud or phishing report',
    headline: 'A message using your domain was reported as fraud or phishing: find out whether it was yours.',
    whatHappened: 'The receiver reports the message as fraudulent (phishing or impersonation). It may not have come from you: someone can put your domain in the From line.',
    steps: [
      "Compare the report's copy of the message (sending IP, Received lines, links) with what your own systems sent.",
      'If it was not yours, your domain is being spoofed: publish a DMARC policy of quarantine or reject once your own mail passes DMARC.',
      'If it was yours, stop that sending and review its content and links before anything else goes out.',
    ],
    senderSignal: true,
    retry: 'Do not resend this message.',
  },
  virus: {
    title: 'Malware report',
    headline: 'The receiver reports that your message carried malware: stop sending it and check the sending system.',
    whatHappened: 'The feedback report says the message carried a virus or other malware.',
    steps: ['Stop the sending that produced this message.', 'Scan the attachment and the system that sent it; a compromised account or website often sends such mail.', 'Change the passwords of the sending account if it may be compromised.'],
    senderSignal: true,
    retry: 'Do not resend this message.',
  },
  'auth-failure': {
    title: 'Authentication failure report',
    headline: 'A report of a message that failed SPF, DKIM or DMARC checks under your domain: not a complaint, nobody needs unsubscribing.',
    whatHappened: "A receiver sends these (DMARC failure reports) for messages that use your domain but failed authentication. Either one of your own services is not set up to pass, or someone else is sending in your domain's name.",
    steps: [
      "Look at the report's source IP and the returned headers: is that server or service one of yours?",
      'If it is yours, fix its SPF and DKIM so that they pass with your own domain.',
      'If it is not yours, someone is spoofing your domain: once your own mail passes, move your DMARC policy to quarantine or reject.',
      'Do not remove any address because of this report.',
    ],
    senderSignal: true,
    retry: 'Nothing to retry.',
  },
  'opt-out': {
    title: 'Unsubscribe request',
    headline: 'The recipient asked to be unsubscribed: remove them from the list this message came from.',
    whatHappened: 'The feedback report is an unsubscribe request (opt-out), sent on the recipient\'s behalf.',
    steps: ['Unsubscribe the person from the list this message came from, promptly.', 'Make sure your messages carry a working List-Unsubscribe header, so that requests reach you this way rather than as spam complaints.'],
    senderSignal: false,
    retry: 'Do not send this kind of mail to this person again.',
  },
  'not-spam': {
    title: 'Not-spam report',
    headline: 'A recipient marked your message as not spam: nothing to do.',
    whatHappened: 'The feedback report says the recipient moved the message out of their spam folder.',
    steps: [],
    senderSignal: false,
    retry: 'Nothing to retry.',
  },
  other: {
    title: 'Feedback report',
    headline: 'A feedback report of another kind: read its text to see what the receiver reports.',
    whatHappened: 'The receiver sent a feedback report whose type is not one of the standard ones (abuse, fraud, virus, auth-failure, opt-out, not-spam).',
    steps: ["Read the report's human-readable part: it says what the receiver wants you to know."],
    senderSignal: false,
    retry: 'Nothing to retry.',
  },
};

export const AUTH_STEPS: Readonly<Record<AuthFocus, string>> = {
  spf: 'Check the SPF TXT record of the envelope sender (Return-Path) domain: it must list the server or service that sent this message (usually with include:), and it must not need more than 10 DNS lookups.',
  dkim: 'Check DKIM: the message must carry a DKIM-Signature, and its public key must be published as a TXT record at <selector>._domainkey.<signing domain> (the selector is the s= value in the signature header).',
  dmarc: 'Publish a DMARC TXT record at _dmarc.<your From domain>, for example "v=DMARC1; p=none; rua=mailto:dmarc@<your domain>"; p=none is enough to start.',
  align: 'Make the From domain match a domain that passes: sign DKIM with your own domain (d=) at your email service, or give the service a Return-Path (bounce) domain under your own domain.',
  ptr: 'Ask whoever controls the sending IP (your hosting provider or email service) to set its PTR record to a host name of yours, and publish an A (or AAAA) record for that name pointing back to the same IP.',
  tls: 'Turn on STARTTLS for outgoing mail on the sending server (TLS 1.2 or newer), with a valid certificate.',
};

export const AUTH_CHECK = 'Send a test message to a mailbox you own at a large provider and read the Authentication-Results header: it shows which of SPF, DKIM and DMARC fails.';

/** The official page for a sender problem at a provider, when there is one. */
export const SENDER_PAGES: Partial<Record<ProviderId, HelpId>> = {
  google: 'google.senders',
  microsoft: 'outlook.postmaster',
  yahoo: 'yahoo.senders',
  apple: 'apple.postmaster',
};

export const PROVIDER_PAGES: Partial<Record<ProviderId, HelpId>> = {
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
export const DELIST_STEPS: Partial<Record<HelpId, string>> = {
  'microsoft.delist': 'Request removal of your IP at Microsoft\'s delist portal: ',
  'outlook.support': 'Ask Outlook.com to lift the block with its sender support form: ',
  'spamhaus.check': 'Look up your IP or domain at Spamhaus and follow the removal steps there: ',
  'proofpoint.faq': 'Check your IP at Proofpoint and request a review, following: ',
  'barracuda.removal': 'Request removal from the Barracuda Reputation Block List: ',
  'cloudmark.csi': 'Check your IP at Cloudmark Sender Intelligence and request a reset: ',
};

