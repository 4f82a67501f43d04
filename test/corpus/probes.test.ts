/**
 * Bounces beyond the corpus: raw messages, webmail texts and popup pastes (README.md gives the
 * count) built from public layouts (MTA templates, provider documentation, forum posts) in
 * rounds of probing, each with the verdict an expert expects (test/fixtures/probes/cases.json,
 * `note` says why). Most checks are about safety: who is named as failed, and whether an address is suppressed.
 *
 * KNOWN lists the cases where the classifier answers otherwise on purpose, with the reason; a
 * known case that starts passing fails the test too, so the list stays true.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { classify } from '../../lib/classify/classify';
import { advise, lookup } from '../../lib/knowledge';
import type { ClassifyResult, RecipientVerdict } from '../../lib/types';

interface Expected {
  kind?: string | string[];
  recipients?: string[];
  reason?: string | string[];
  hard?: boolean;
  suppress?: boolean;
  status?: string;
  reply?: string;
  per?: (Expected | null)[];
  perAddr?: Record<string, Expected>;
  noHard?: boolean;
  noSuppress?: boolean;
  noResultOk?: boolean;
  forbid?: string[];
  first?: Expected;
  original?: { subject?: string; messageId?: string };
}

interface Case {
  id: string;
  mode: 'raw' | 'text' | 'lookup';
  input?: string;
  inputB64?: string;
  opts?: { subject?: string; from?: string };
  expected: Expected;
  note?: string;
}

const CASES: Case[] = JSON.parse(readFileSync(join(__dirname, '../fixtures/probes/cases.json'), 'utf8'));

/** Where we answer otherwise on purpose. */
const KNOWN: Record<string, string> = {
  'r1-asahi-57-unknownuser': 'a 5.7.x status never makes an address dead (product rule), even beside "Unknown user"',
  'r2-pf-571-user-does-not-exist': 'a 5.7.x status never makes an address dead (product rule), even beside "does not exist"',
  'r1-unverified-450-unknown': 'a 4xx "unknown user" in a final bounce is hard (the corpus labels it so) but not suppressed yet',
  'r1-broadcom-too-many-received': 'mail loops are networkerror, as the corpus labels them',
  'r3-aol-policy-579': "Yahoo documents 554 5.7.9 as an authentication failure",
  'r3-lk-dns-error': 'the popup explains codes and tokens; a DNS error line with neither gets the no-code message (the text path reads it)',
  'r3-lk-access-denied-nocode': 'the words alone name no cause the popup can explain safely',
  'r3-owa-classic-moderator': 'APPROVAL.InvalidExpiry has no documented response in the reference; read by its words',
  'r4-adv-phish-quota-text': "a phishing \"mailbox full\" notice read off a page: a page gives no To address, so the reader's own is taken for a recipient (nothing is suppressed)",
  'r4-adv-parcel-not-delivered': 'a courier\'s "delivery failed ... returned to sender" notice reads as a bounce (nothing is suppressed)',
  'r4-adv-msgid-only': 'no address is named (the Message-IDs are not taken for one): hard still describes the failure, and the advice suppresses nothing',
  'r4-multi-owa-3-no-diag': 'a recipient whose only line is the report template, with no code, is not named',
  'r4-pop-tutorial-paste': 'a pasted text has no sender or subject to tell a lesson from a bounce',
  'r4-pop-reply-from-recipient': 'a pasted text has no sender to tell the recipient\'s own reply from a bounce',
  'r6-gw-lk-ml-no-such-user-571': 'a 5.7.x status never makes an address dead (product rule), even beside "No such user"',
  'r6-gw-lk-hs-ldap-unknown': 'a 5.7.x status never makes an address dead (product rule), even beside "unknown recipient"',
  'r6-gw-mc-451-exim-retry-timeout': "Mimecast's documented 451 (greylisting or reputation) decides, even after the sender's retries ran out",
  'r6-mta-cgp-connection-broken-expired': 'CommuniGate Pro\'s "connection with <host> is broken" names no cause the classifier reads; nothing is suppressed',
  'r6-intl-it-gmail-domain-typo': 'Gmail\'s "DNS Error ... NXDOMAIN" reply is a DNS failure (networkerror), as the corpus labels three such reports and as the raw message reads it (page text and Show original must agree); nothing is suppressed, and the advice says to check the domain',
  'r6-intl-tr-gmail-domain-not-found': 'as r6-intl-it-gmail-domain-typo, in Turkish',
  // Email services' own event payloads: the classifier reads them as text, not by their schema.
  'r42-os-gmail-old-two-5-1-1-text': "Gmail's older layout lists the recipients, then quotes a reply naming only the first: the quoting line ends the list's shared block, so the others are not listed (as r32-sm-two-gmail-datablock-5726-noreasons-text)",
  'r42-os-gmail-old-three-relay-denied-text': 'as r42-os-gmail-old-two-5-1-1-text, with three recipients',
  'r41-log-postfix-wrapped-80-long-local-part': 'a log line hard-wrapped by a terminal in the middle of an address is read line by line, so the address is cut (lines are not joined by their width)',
  'r41-csv-type-messagetrace-failed-no-detail': 'a message trace row marked Failed that gives no reason names no code or cause, so its recipient is not listed; nothing is suppressed',
  'r41-csv-postmark-complaint-first': "a Postmark bounces export in CSV with a SpamComplaint row reads the complaint as a spam filter's refusal (the JSON form is read as a complaint); nothing is suppressed",
  'r40-delivered-receipt-es': "a delivery receipt in Spanish from Exchange's system mailbox names an address: read as a bounce of undefined cause (the delivered words are English only, and the Spanish wording is unverified); nothing is suppressed",
  'r40-moderation-pending-notice': "a moderation notice from Exchange's system mailbox names the moderator: listed as a failed recipient of undefined cause (the notice's wording is unverified); nothing is suppressed",
  'r8-esp-sendgrid-blocked-no-mx': "SendGrid's resolver error mentions a PTR record and is read as the sender's reverse DNS",
  'r8-esp-mailjet-bounce-user-unknown': 'a Mailjet payload names its address only in an "email" field the text reader does not take; reason and suppress are right',
  'r8-esp-powermta-acct-file-with-header': 'a PowerMTA accounting file with its header line names no address the text reader takes (the single record alone does)',
  'r9-asia-jp-docomo-unknown-user-status-520-no-transcript': "\"550 Unknown user\" with status 5.2.0 and no sign of the SMTP stage: the words decide (the corpus labels 5.2.x with unknown-user words so); a docomo filter after DATA is read as such when the bounce shows the stage",
  'r9-asia-cn-aliyun-542-not-allowed-to-receive': "Alibaba Mail's private reply 542 is no reply code of RFC 5321, and its words name no cause the classifier reads; nothing is suppressed",
  'r9-asia-tw-yahoo-421-gl01-deferred-delay': 'a delay notice keeps the reason "expired" (the corpus convention); its advice says delivery is delayed and still being retried',
  'r10-conf-t-postfix-forward-target-unknown': "the 5.1.1 is about the alias's forwarding target, not the alias itself; the reply is read as the alias's own",
  'r10-conf-r-status447-diag550-511': "the remote server's own 550 5.1.1 decides, though the reporting server's status says it expired",
  'r10-conf-r-text-full-dsn-511': 'the delivery-status part decides where it and the human-readable part disagree',
  'r10-conf-r-postfix-expired-450-411': 'a 4xx "unknown user" in a final bounce is hard (the corpus labels it so) but not suppressed yet',
  'r10-conf-r-generic-failed-status250': 'a delivery-status Status of 5.1.1 decides over a Diagnostic-Code of 250 that contradicts it',
  // Messages dressed as bounces.
  'r12-fwd-phish-outgoing-failed-resend-text': 'a phishing notice in a bounce\'s words that lists addresses reads as a bounce: it gives no code and no cause, so nothing is suppressed',
  'r12-fwd-phish-release-no-address-text': 'a phishing "messages could not be delivered" notice from a mailer-daemon look-alike reads as a bounce that names nobody; nothing is suppressed',
  'r13-cd-sendmail-cannot-send-5-days': "the remote server's own last reply (451 4.7.1) gives the status, not the report's 4.4.7, as the corpus labels four such reports; the reason is expired and nothing is suppressed",
  'r13-cd-qmail-simscan-virus': 'simscan names the virus, not a word the classifier reads ("contains the Eicar-Test-Signature virus"; "virus" alone would match "antivirus"); read as filtered, nothing is suppressed',
  // Mailing lists' own notices.
  'r14-list-smtp-level-subscribers-only-5-7-1': 'a list refusing a non-member at RCPT with 5.7.1 is a refusal under a policy status: filtered, never hard',
  'r14-list-mm2-nonmember-autoreject-raw': "Mailman 2's automatic rejection of a non-member names the list as the address refused (filtered, never hard); its words name no cause more precise",
  'r14-list-google-groups-workspace-x-failed-cc-member': 'the Google Groups rule is read for googlegroups.com; a group on a Workspace domain with the same words names no cause the classifier reads (nothing is suppressed)',
  'r14-list-listserv-daily-error-monitoring': "LISTSERV's daily error report summarises earlier bounces; it is read as no bounce",
  // Addresses out of the ordinary.
  'r15-addr-orig-to-comment-in-local-part-names-nobody': 'an original To with a comment in its local part ("kim(work)@example.org") is not read when the report names nobody; nothing is suppressed',
  'r15-addr-gmail-text-quoted-local-part-with-at': 'a quoted local part holding "@" is not read as an address in text (nor is the address inside it): the report names nobody, and nothing is suppressed',
  'r15-addr-lookup-postfix-quoted-local-part': 'as r15-addr-gmail-text-quoted-local-part-with-at, pasted into the popup',
  'r15-addr-homoglyph-phish-fake-bounce': 'a phishing notice dressed as a bounce reads as one; its look-alike address is listed with no cause, and nothing is suppressed',
  'r15-addr-gmail-text-long-local-part-tail-is-real-address': 'a local part longer than 64 characters is not read as an address (its tail would name another mailbox): the report names nobody, and nothing is suppressed',
  'r16-words-text-google-groups-fr-n-existe-pas': "Google Groups' refusal in French is not read (its English wording is); it reads as no bounce, and nothing is suppressed",
  // Text copied from a page that lost its layout.
  'r12-paste-netease-hl-rep': "NetEase's HL:REP is in no source of the reference tables; the word \"spam\" in NetEase's help link names the cause; nothing is suppressed",
  // Pastes into the popup.
  // Forwarding services.
  'r22-fwd-simplelogin-e515-alias-not-exist': "SimpleLogin's \"550 SL E515 Email not exist\" is in no source of the reference tables and no source says which alias state sends it; read as a failure with no cause (nothing suppressed, a dead alias may be kept)",
  'r22-fwd-lk-simplelogin-e515-paste': 'the same SimpleLogin E515 reply pasted alone: no cause is read from it, and nothing is suppressed',
  // Delivery status notifications at their edges.
  'r23-dsn-five-actions-one-report': 'a mixed report lists its delivered, relayed or expanded recipients too, as delivered (never hard, never suppressed), so the page shows every recipient the report names',
  'r23-dsn-crlf-line-endings': 'a mixed report lists its delivered, relayed or expanded recipients too, as delivered (never hard, never suppressed), so the page shows every recipient the report names',
  'r23-dsn-cr-only-line-endings': 'a mixed report lists its delivered, relayed or expanded recipients too, as delivered (never hard, never suppressed), so the page shows every recipient the report names',
  'r23-dsn-fields-out-of-order': 'a mixed report lists its delivered, relayed or expanded recipients too, as delivered (never hard, never suppressed), so the page shows every recipient the report names',
  'r23-dsn-huge-1200-interleaved': 'a mixed report lists its delivered recipients too, as delivered (never hard, never suppressed); past the 1,000-recipient cap the failed ones are read first, so every failed one here is read',
  'r23-dsn-status-only-no-action': 'a mixed report lists its delivered, relayed or expanded recipients too, as delivered (never hard, never suppressed), so the page shows every recipient the report names (here a block with Status 2.0.0 and no Action)',
  // Phishing and a postmaster's prose dressed as bounces.
  'r18-forge-phish-pending-text-webmail': "a \"messages pending for your inbox\" phish read off a page: a page gives no To address, so the reader's own is taken for a temporary recipient (nothing is suppressed)",
  'r18-forge-notice-postmaster-guidelines-contact-us': 'a postmaster\'s guidelines quoting 550 5.7.1 and 5.7.25 in prose, with "refused" in its own words, reads as a bounce naming nobody; nothing is suppressed',
  // Whose words are whose in a multi-recipient report.
  'r29-mdaemon-accepted-first-then-unknown-then-data': "MDaemon's transcript refuses the message at DATA after accepting one recipient: the refusal goes to the last recipient named, not to the accepted one, which is left with no cause of its own (onhold: the refused recipient's \"User unknown\" is not its cause; nothing is suppressed)",
  // A regression sweep of the day's rules.
  'r31-delay-ko-exchange-text': "Exchange's delay notice in Korean: its wording could not be verified, so it is not read as a delay; nothing is hard (a 451 greylisting reply)",
  'r32-sm-two-gmail-datablock-5726-noreasons-text': "Sendmail's older list without reasons, two gmail.com recipients refused at DATA at Google's shared server: the block is at no recipient's domain and two listed addresses are open, so it is no one's and the one with no other evidence is not listed (nothing is suppressed)",
  'r32-sm-mimecast-two-same-company-antispoof-text': "Mimecast's anti-spoofing reply quotes the sender's address, which page text cannot tell from a recipient (the raw message, whose sender is known, passes); the sender's address is not suppressed",
  'r32-cjk-zh-sender-glued-not-listed-text': 'a Chinese sentence naming the sender in parentheses, glued to the text: page text has no sender to leave out, so it is listed, and not suppressed',
};

/** (In the cases, null means "no expectation", as an absent field does.) */
const asList = (v: string | string[] | null | undefined) => (v == null ? undefined : Array.isArray(v) ? v : [v]);

function input(c: Case): string | Uint8Array {
  return c.inputB64 ? Uint8Array.from(atob(c.inputB64), (ch) => ch.charCodeAt(0)) : (c.input ?? '');
}

function checkVerdict(v: RecipientVerdict, x: Expected, problems: string[]): void {
  const reasons = asList(x.reason);
  if (reasons && !reasons.includes(v.reason)) problems.push(`${v.recipient}: reason ${v.reason} not in ${reasons}`);
  if (x.hard != null) {
    if (v.hard !== x.hard) problems.push(`${v.recipient}: hard ${v.hard}, expected ${x.hard}`);
    if (advise(v).suppress !== x.hard) problems.push(`${v.recipient}: suppress ${advise(v).suppress}, expected ${x.hard}`);
  }
  if (x.status != null && v.status !== x.status) problems.push(`${v.recipient}: status ${v.status}, expected ${x.status}`);
  if (x.reply != null && v.reply !== x.reply) problems.push(`${v.recipient}: reply ${v.reply}, expected ${x.reply}`);
}

async function problemsOf(c: Case): Promise<string[]> {
  const e = c.expected;
  const problems: string[] = [];
  if (c.mode === 'lookup') {
    const r = await lookup(c.input ?? '');
    const cls = r.classification;
    const addrs = r.results.map((_, i) => cls?.recipients[i]?.recipient ?? '');
    if (e.kind && !asList(e.kind)!.includes(cls?.kind ?? '')) problems.push(`kind ${cls?.kind}`);
    if (e.noResultOk !== true && r.results.length === 0) problems.push(`no result: ${r.message}`);
    const first = e.first ?? (e.reason != null || e.suppress != null ? e : undefined);
    if (first && r.results.length) {
      const reasons = asList(first.reason);
      if (reasons && !reasons.includes(r.results[0].reason)) problems.push(`reason ${r.results[0].reason} not in ${reasons}`);
      if (first.reply != null && r.results[0].reply !== first.reply) problems.push(`reply ${r.results[0].reply}`);
      if (first.suppress != null && r.results[0].suppress !== first.suppress) problems.push(`suppress ${r.results[0].suppress}`);
    }
    for (const [addr, x] of Object.entries(e.perAddr ?? {})) {
      const i = addrs.indexOf(addr);
      if (i === -1) problems.push(`no result for ${addr}`);
      else if (x.suppress != null && r.results[i].suppress !== x.suppress) problems.push(`${addr}: suppress ${r.results[i].suppress}`);
    }
    if (e.recipients && addrs.join(',') !== e.recipients.join(',')) problems.push(`recipients [${addrs}]`);
    if (e.noSuppress && r.results.some((x) => x.suppress)) problems.push('suppress where nothing may be');
    for (const f of e.forbid ?? []) if (addrs.includes(f)) problems.push(`${f} listed`);
    return problems;
  }

  const r: ClassifyResult = await classify(input(c), c.mode === 'text' ? { text: true, ...c.opts } : {});
  if (r.kind === 'error') return [`error: ${r.error}`];
  if (e.kind && !asList(e.kind)!.includes(r.kind)) problems.push(`kind ${r.kind}`);
  if (e.recipients && r.recipients.map((v) => v.recipient).join(',') !== e.recipients.join(',')) {
    problems.push(`recipients [${r.recipients.map((v) => v.recipient)}]`);
  }
  r.recipients.forEach((v, i) => {
    const x = e.perAddr ? e.perAddr[v.recipient] : e.per ? e.per[i] : e;
    if (x) checkVerdict(v, x, problems);
  });
  if (e.noHard && r.recipients.some((v) => v.hard || advise(v).suppress)) problems.push('hard or suppress where nothing may be');
  for (const f of e.forbid ?? []) if (r.recipients.some((v) => v.recipient === f)) problems.push(`${f} listed as a recipient`);
  if (e.original?.subject !== undefined && r.original.subject !== e.original.subject) problems.push(`original subject ${r.original.subject}`);
  if (e.original?.messageId !== undefined && r.original.messageId !== e.original.messageId) problems.push(`original messageId ${r.original.messageId}`);
  return problems;
}

describe('bounces beyond the corpus (probes)', () => {
  it('has cases of every mode, with unique ids, and KNOWN names only real cases', () => {
    const ids = CASES.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(CASES.map((c) => c.mode))).toEqual(new Set(['raw', 'text', 'lookup']));
    for (const id of Object.keys(KNOWN)) expect(ids, id).toContain(id);
  });

  it.each(CASES.map((c) => [c.id, c] as const))('%s', async (id, c) => {
    const problems = await problemsOf(c);
    if (KNOWN[id]) expect(problems.length, `${id} is listed as known but now passes: take it off the list`).toBeGreaterThan(0);
    else expect(problems, c.note).toEqual([]);
  });
});
