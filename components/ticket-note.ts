/**
 * The plain-text note "Copy ticket note" puts on the clipboard: what happened and what to do
 * next, per recipient. Pure text, no markup, so it pastes cleanly into any ticket system.
 *
 * Helpdesks often render a ticket as Markdown or HTML, so every text that came from the bounce
 * (the server's words, the subject, the addresses, and our advice, which may quote them) is made
 * inert first: no tags, no Markdown links, no live URLs. Only our own official help links
 * (lib/knowledge's table) are written as they are.
 */
import { isOfficialHelpUrl } from '../lib/knowledge/help-links';
import { codeLine, HELD_CODE_NOTE, HELD_FAILED_AT, heldCode, isFailure, LAYER_LABEL, lookAlikeNote, MAX_LOOK_ALIKE_NOTES, nothingToDo, plural, WHO_ACTS_LABEL } from './labels';
import { groupTitles, groupViews, verdictCounts, type VerdictView } from './verdict-view';

export interface TicketContext {
  /** Subject of the message that bounced, when known. */
  subject?: string;
  /** What the results are to each other ("5.2.2 has 2 possible readings below..."), when lookup() says. */
  note?: string;
  /** A warning about the whole report (its sender failed DMARC), when there is one. */
  warning?: string;
  /**
   * What the cards leave out (omittedNote: recipients counted but not read, lines not read,
   * recipients delivered), when anything: a note that says "1 to suppress" of a 3,000-line log
   * must not read as the whole log.
   */
  omitted?: string;
}

/** How many different server replies one section quotes. */
const MAX_REPLIES = 10;

/** Line breaks and tabs: the text stays on its line, so it cannot start a heading or a definition. */
const BREAKS = /[\t\n\v\f\r\u0085\u2028\u2029]+/g;
/** Control, zero-width and direction-changing characters: invisible, and able to disguise text. */
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;
/** A word followed by a colon, and the host after "//" when there is one. Bounded: linear. */
const SCHEME = /([a-z][a-z0-9+.-]{0,30}):(\/\/[^\s/?#\\‹›"'()[\]]{0,255})?/gi;
/** Schemes that make a link even without "//". */
const LINK_SCHEMES = new Set(['http', 'https', 'ftp', 'ftps', 'javascript', 'vbscript', 'data', 'file', 'blob', 'mailto', 'tel', 'sms']);
const DEFANGED_SCHEME: Record<string, string> = { http: 'hxxp', https: 'hxxps', ftp: 'fxp', ftps: 'fxps' };
const DEFANGED = new Set(Object.values(DEFANGED_SCHEME));
/** A bare www. host name, which many renderers turn into a link. */
const WWW = /(^|[^\w.@/-])(www\.[a-z0-9.-]{1,253})/gi;
/** A host name: labels and a top-level domain. Bounded repeats: linear. */
const HOST = '[a-z0-9-]{1,63}(?:\\.[a-z0-9-]{1,63}){0,30}\\.[a-z]{2,24}';
/** A bare host name with a path ("evil.example.com/login?x=1"), which chat and helpdesk renderers turn into a link. */
const HOST_PATH = new RegExp(`(^|[^\\w.@/:-])(${HOST})(?=/)`, 'gi');
/** A host after "//" with no scheme ("//evil.example/x"), a link in HTML. */
const RELATIVE = new RegExp(`(^|[^\\w:/])//(${HOST})`, 'gi');
/** Mentions that notify a whole channel in chat tools. */
const MASS_MENTION = /(^|\s)@(everyone|here|channel|all)\b/gi;

const defangHost = (host: string) => host.replace(/\./g, '[.]');

/**
 * Text from the bounce, made inert but kept readable: on one line, with `<` `>` written as
 * `‹` `›` (no HTML tag or Markdown autolink can form), `](` split (no Markdown link or image),
 * and URLs written as hxxps://example[.]com or javascript[:]…, so nothing becomes a live link.
 */
export function inertText(text: string): string {
  return text
    .replace(BREAKS, ' ')
    .replace(INVISIBLE, '')
    .replace(/</g, '‹')
    .replace(/>/g, '›')
    .replace(/\]\s*\(/g, '] (')
    .replace(SCHEME, (match: string, scheme: string, authority: string | undefined, at: number, all: string) => {
      const lower = scheme.toLowerCase();
      if (DEFANGED.has(lower)) return match;
      if (authority) {
        // Our own official help pages, which the steps name, stay live.
        const url = /^\S{1,300}/.exec(all.slice(at, at + 300))?.[0].replace(/[.,;:)]+$/, '') ?? '';
        if (isOfficialHelpUrl(url)) return match;
        const safe = DEFANGED_SCHEME[lower];
        return `${safe ? `${safe}:` : `${scheme}[:]`}//${defangHost(authority.slice(2))}`;
      }
      // "javascript:alert(1)" is a link; "data: 550" in prose is not.
      const next = all.charAt(at + match.length);
      return LINK_SCHEMES.has(lower) && next.trim() ? `${scheme}[:]` : match;
    })
    .replace(WWW, (_m: string, before: string, host: string) => `${before}${defangHost(host)}`)
    .replace(HOST_PATH, (_m: string, before: string, host: string) => `${before}${defangHost(host)}`)
    .replace(RELATIVE, (_m: string, before: string, host: string) => `${before}//${defangHost(host)}`)
    .replace(MASS_MENTION, (_m: string, before: string, who: string) => `${before}(at)${who}`)
    .replace(/ {2,}/g, ' ')
    .trim();
}

/** One card's section: the addresses it stands for (a group shares one verdict, titled as its card is), then the verdict. */
function section(views: readonly VerdictView[], groupTitle: string): string {
  const view = views[0]!;
  const { advice } = view;
  const code = view.serviceHold ? heldCode(view.reply, view.status, view.statusImplied) : codeLine(view.reply, view.status);
  const addresses = views.map((v) => v.recipient).filter(Boolean);
  const name = (addresses.length > 1 && groupTitle ? `${groupTitle}: ${addresses.join(', ')}` : view.recipient) || view.title || code || 'Result';
  const usual = view.codesUsual ? ', the code usually sent with it' : view.serviceHold ? `, ${HELD_CODE_NOTE}` : '';
  const lines = [`${name}${code && name !== code ? ` (${code}${usual})` : ''}`];
  if (view.providerTokens.length) lines.push(`Provider code: ${view.providerTokens.join(', ')}`);
  // (As many as the card shows.)
  const lookAlikes = (addresses.length ? addresses : [view.recipient]).map(lookAlikeNote).filter(Boolean);
  lines.push(...lookAlikes.slice(0, MAX_LOOK_ALIKE_NOTES));
  lines.push(`What happened: ${advice.headline}${advice.whatHappened ? ` ${advice.whatHappened}` : ''}`);
  const failedAt = isFailure(view.reason) ? `Failed at: ${view.serviceHold ? HELD_FAILED_AT : LAYER_LABEL[advice.layer]}. ` : '';
  const whoActs = nothingToDo(view.reason) ? '' : `Who acts: ${WHO_ACTS_LABEL[advice.whoActs]}.`;
  if (failedAt || whoActs) lines.push(`${failedAt}${whoActs}`.trim());
  lines.push(advice.suppress ? 'Address: suppress it; stop mailing it now.' : `Retry: ${advice.retry.summary}`);
  if (advice.steps.length) {
    lines.push('Next steps:');
    advice.steps.forEach((step, i) => lines.push(`  ${i + 1}. ${inertText(step)}`));
  }
  if (advice.softToHard) lines.push(`Watch for: ${advice.softToHard}`);
  // Each address's own words where they differ (a group shares the verdict, not the reply).
  const said = new Map<string, string[]>();
  for (const v of views) if (v.diagnostic) said.set(v.diagnostic, [...(said.get(v.diagnostic) ?? []), v.recipient]);
  // (A sending service's own hold asked no server: the words are the service's.)
  const saidBy = view.serviceHold ? 'The sending service said' : 'Server said';
  if (said.size === 1) lines.push(`${saidBy}: ${[...said.keys()][0]}`);
  else for (const [words, who] of [...said].slice(0, MAX_REPLIES)) lines.push(`${saidBy} (${who.join(', ')}): ${words}`);
  // Every line but the steps' numbering is made inert; the official help link is added after.
  const inert = lines.map((line) => (line.startsWith('  ') ? line : inertText(line)));
  if (advice.helpUrl && isOfficialHelpUrl(advice.helpUrl)) inert.push(`Help: ${advice.helpUrl}`);
  return inert.join('\n');
}

export function ticketNote(views: readonly VerdictView[], context: TicketContext = {}): string {
  // The words of the panel's bar and the popup's summary line: "1 to suppress, 1 policy block".
  const counts = verdictCounts(views);
  const recipients = views.filter((v) => v.recipient).length;
  // (Only a verdict read from a report says how its reason was decided; a looked-up code does not.)
  const fromReport = views.some((v) => v.basis);
  const summary =
    recipients > 0
      ? `Bounce summary: ${[plural(recipients, 'recipient'), ...counts].join(', ')}.`
      : fromReport
        ? 'Bounce summary: the report names no failed address; find it in the message you sent.'
        : `Bounce code lookup: ${plural(views.length, 'result')}.`;
  const head = context.subject ? [summary, `Bounced message: ${inertText(context.subject)}`] : [summary];
  if (context.warning) head.push(`Warning: ${inertText(context.warning)}`);
  if (context.note) head.push(inertText(context.note));
  if (context.omitted) head.push(`Not shown: ${inertText(context.omitted)}`);
  const groups = groupViews(views);
  const titles = groupTitles(groups);
  return [head.join('\n'), ...groups.map((g, i) => section(g.views, titles[i]))].join('\n\n') + '\n';
}
