/** Words shown for enum values, shared by the cards, the ticket note and the history. */
import { lookAlike } from '../lib/text/look-alike';
import { REASONS, type Layer, type Reason } from '../lib/reasons';
import type { Advice, EvidenceSource, HoldCause, WhoActs } from '../lib/types';

export const LAYER_LABEL: Record<Layer, string> = {
  recipient: 'Recipient address',
  domain: 'Recipient domain',
  'mailbox-capacity': 'Mailbox capacity',
  server: 'Receiving server',
  policy: 'Policy',
};

export const WHO_ACTS_LABEL: Record<WhoActs, string> = {
  sender: 'You, the sender',
  recipient: 'The recipient',
  both: 'You and the recipient',
};

export const SOURCE_LABEL: Record<EvidenceSource, string> = {
  'delivery-status': 'Delivery status',
  body: 'Message text',
  headers: 'Headers',
  'feedback-report': 'Feedback report',
  query: 'Your input',
};

export type BadgeTone = 'danger' | 'warn' | 'policy' | 'ok' | 'neutral';

export interface Badge {
  tone: BadgeTone;
  /** A symbol that repeats the meaning of the colour (hidden from screen readers). */
  icon: string;
  label: string;
}

const RETRY_BADGE: Record<Advice['retry']['kind'], Badge> = {
  none: { tone: 'neutral', icon: '■', label: 'Do not resend as is' },
  later: { tone: 'warn', icon: '↻', label: 'Resend later yourself' },
  backoff: { tone: 'warn', icon: '↻', label: 'Retry later' },
  minutes: { tone: 'warn', icon: '↻', label: 'Retry in minutes' },
  pause: { tone: 'danger', icon: '‖', label: 'Pause sending' },
};

/**
 * A delay notice's recipient: its mail server is still trying, so there is nothing to retry by
 * hand ("Retry later" would ask for just that). The words of the panel's bar (verdictCounts).
 */
const RETRYING_BADGE: Badge = { tone: 'warn', icon: '↻', label: 'Still being retried' };

/** A sending service's own hold (VerdictView.serviceHold), instead of "Policy" and "Permanent". */
const HELD_BADGE: Badge = { tone: 'policy', icon: '◆', label: 'Held by your sending service' };

/**
 * Reasons that are no delivery failure (a success notice, an automatic reply, a spam complaint),
 * with the badge that says what they are instead. Such a card says neither "Do not resend" nor
 * "Permanent" or "Temporary", and has no "Failed at".
 */
const NOT_A_FAILURE: Partial<Record<Reason, Badge>> = {
  delivered: { tone: 'ok', icon: '✓', label: 'Delivered' },
  vacation: { tone: 'ok', icon: '✓', label: 'Delivered: automatic reply' },
  feedback: { tone: 'danger', icon: '!', label: 'Spam complaint' },
};

/** False for a success notice, an automatic reply or a complaint: the mail itself was delivered. */
export function isFailure(reason: Reason): boolean {
  return !NOT_A_FAILURE[reason];
}

/**
 * True for a success notice or an automatic reply: nobody has anything to do, so a card says
 * nobody "acts" (lib's advice still names someone, "You and the recipient", which reads as a task).
 * A spam complaint is no failure either, but the sender acts on it.
 */
export function nothingToDo(reason: Reason): boolean {
  return NOT_A_FAILURE[reason]?.tone === 'ok';
}

/**
 * The badges of one verdict: what to do with the address first, then what kind of failure.
 * `delayed`: the verdict comes from a delay notice (see VerdictView.delayed); `reason`: the
 * verdict's reason, when it has one.
 */
export function badgesFor(
  advice: Advice,
  { delayed = false, reason, held }: { delayed?: boolean; reason?: Reason; held?: HoldCause } = {},
): Badge[] {
  const instead = reason && NOT_A_FAILURE[reason];
  if (instead) {
    const badges = [instead];
    if (advice.senderSignal) badges.push({ tone: 'policy', icon: '!', label: 'Affects all your mail' });
    return badges;
  }
  // A service's own hold: no receiver's policy, and no server's answer to call permanent or not.
  // (A hold over the account's plan has the retry kind 'later': sent again once the plan allows.)
  if (held) return [RETRY_BADGE[advice.retry.kind], HELD_BADGE];
  const badges: Badge[] = [];
  if (advice.suppress) badges.push({ tone: 'danger', icon: '✕', label: 'Suppress address' });
  else if (delayed && advice.retry.kind === 'backoff') badges.push(RETRYING_BADGE);
  else badges.push(RETRY_BADGE[advice.retry.kind]);
  if (advice.layer === 'policy') badges.push({ tone: 'policy', icon: '◆', label: 'Policy' });
  if (advice.senderSignal) badges.push({ tone: 'policy', icon: '!', label: 'Affects all your mail' });
  badges.push(
    !advice.permanent
      ? { tone: 'ok', icon: '○', label: 'Temporary' }
      : advice.retry.kind === 'later'
        ? // A 5xx that no server retries, yet the same message may go through later (a full
          // mailbox): a bare "Permanent" beside "Resend later yourself" reads as a contradiction.
          { tone: 'neutral', icon: '●', label: 'Permanent for this attempt' }
        : { tone: 'neutral', icon: '●', label: 'Permanent' },
  );
  return badges;
}

/**
 * A sending service's own hold (VerdictView.serviceHold) in the card's rows, where the lib's
 * words are the receiver's: its reason is 'onhold' ("the cause cannot be decided"), its layer
 * 'policy' (the account's own), and its status, when the event gives none, implied.
 */
export const HELD_FAILED_AT = 'Your sending service (no receiving server was asked)';
export const HELD_CODE_NOTE = "the sending service's own label, not a server's answer";
export function heldReasonLabel(cause: HoldCause): string {
  return cause === 'plan' ? "Held back by your sending service: your plan's limit" : 'Held back by your sending service: the address is on its suppression list';
}
/** The code a held message shows: none when the event gave none (a status the hold implies would read as a server's). */
export function heldCode(reply: string, status: string, statusImplied: boolean): string {
  return statusImplied ? reply : codeLine(reply, status);
}

/** "1 address", "2 addresses". */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** "550 5.1.1" style code line; '' when there is no code. */
export function codeLine(reply: string, status: string): string {
  return [reply, status].filter(Boolean).join(' ');
}

/**
 * The reason of a greylisted message (its advice's retry kind 'minutes'): its reason's summary
 * ("The receiver's local policy forbids this message") would contradict "routine, not a block".
 */
export const GREYLISTED_REASON = 'Greylisted: the receiver defers a first attempt from a sender it does not know yet';

/** A reason in plain words: its summary in lib/reasons.ts, capitalised ("The address does not exist"). */
export function reasonLabel(reason: Reason): string {
  const summary: string = REASONS[reason]?.summary ?? reason;
  return summary.charAt(0).toUpperCase() + summary.slice(1);
}

/**
 * The first few of a list of names, then how many more: "a@example.net, b@example.net and 38
 * more". Short enough to be read out as a name.
 */
export function namesAndMore(names: readonly string[], shown = 2): string {
  const more = names.length - shown;
  return `${names.slice(0, shown).join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
}

/** How many look-alike warnings a card (and its ticket-note section) shows. */
export const MAX_LOOK_ALIKE_NOTES = 3;

/** The warning for an address that looks like another (lib/text/look-alike.ts); '' for any other. */
export function lookAlikeNote(address: string): string {
  const why = lookAlike(address);
  return why ? `Look-alike letters: ${address} ${why}, so it is not the address it may look like.` : '';
}
