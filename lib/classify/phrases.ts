/**
 * Words that name a cause, for texts whose code is missing or too generic to say why
 * (a 550 or 5.7.1 can mean a dozen things). All phrases are lower-case substrings of the
 * normalised text (see `normaliseForMatch`).
 *
 * Two tiers, each an ordered table where the first row with a match wins:
 * - CAUSE_ROWS name a cause unmistakably and beat a status code (a "5.1.1 ... blocked using
 *   zen.spamhaus.org" is a blocklisting, whatever the code says);
 * - WEAK_ROWS are generic words ("unknown", "rejected", "policy") that only decide when
 *   neither a specific phrase nor a specific status code did.
 * Within a tier, specific causes come before the general ones their texts also contain:
 * "blocked using spamhaus" is `blocked` before "spam" can make it `spamdetected`, and
 * "sender address rejected" is `rejected` before "address rejected" can make it `userunknown`.
 * Network failures are kept apart (DNS_ROW, CONNECTION_ROW): decide.ts weighs them against expiry.
 * The expiry and SMTP-stage words live here too, and all the tables share one automaton
 * (readPhrases): a text is read once for every question asked of it.
 */
import type { Reason } from '../reasons';
import type { HoldCause } from '../types';
import { HitIndex, type Hit, type PhraseTable, type TextHits } from './text-hits';
import { literalAlternation } from '../text/phrase-set';

export interface PhraseRow {
  id: string;
  reason: Reason;
  phrases: readonly string[];
  /**
   * The row is a sending service's own hold (SERVICE_HOLD_ROWS): the service sent nothing
   * because the address is on its suppression list, listed for this cause.
   */
  hold?: HoldCause;
}

/**
 * A sending service holding a message back itself, without contacting any server: the address
 * is on the service's own suppression list (or the account is over its plan). These are the
 * services' own documented labels, in their event payloads and logs; no receiving server writes
 * them. First among the causes, and decided before status codes (decide.ts): the service's
 * "5.1.1" or "5.0.0" beside them is its label for the listing, and the words "spam" or "quota"
 * in them ("Spam Reporting Address", "Recipient List over Package Quota") name no content or
 * mailbox of the recipient's. (JSON values are matched with their quotes where the bare word
 * would be too common: Mandrill's `"reject_reason": "spam"`.)
 */
export const SERVICE_HOLD_ROWS: readonly PhraseRow[] = [
  {
    // Listed after an earlier bounce.
    id: 'hold.bounce',
    reason: 'onhold',
    hold: 'bounce',
    phrases: [
      'bounced address', // SendGrid's drop reason "Bounced Address"; Mailgun 605 "Not delivering to previously bounced address"
      'bounce suppression list', // SendGrid's Email Activity
      '"reject_reason": "hard-bounce"', // Mandrill (Mailchimp Transactional)
      '"reject_reason": "soft-bounce"',
      'reject reason: hard-bounce',
      'reject reason: soft-bounce',
      'previously_bounced', // HubSpot's drop reason
      'has suppressed sending to this address', // Amazon SES's global suppression list ("Suppressed")
      // Resend's subtype for the same list (its "message", "... on the suppression list because it
      // has a recent history of producing hard bounces", comes with real bounces too).
      '"subtype": "suppressed"',
    ],
  },
  {
    // Listed after the recipient complained (marked a message as spam).
    id: 'hold.complaint',
    reason: 'onhold',
    hold: 'complaint',
    phrases: [
      'spam reporting address', // SendGrid
      'marked your messages as spam', // Mailgun 607
      '"reject_reason": "spam"', // Mandrill
      'reject reason: spam',
      'previous_spam', // HubSpot
      'previously marked an email as spam',
    ],
  },
  {
    // Listed after the recipient unsubscribed.
    id: 'hold.unsubscribe',
    reason: 'onhold',
    hold: 'unsubscribe',
    phrases: [
      'unsubscribed address', // SendGrid "Unsubscribed Address"; Mailgun 606 "Not delivering to unsubscribed address"
      '"reject_reason": "unsub"', // Mandrill
      'reject reason: unsub',
      'due to unsubscribed user', // Brevo's "blocked" event
      'previously_unsubscribed', // HubSpot
    ],
  },
  {
    // Deactivated by hand.
    id: 'hold.manual',
    reason: 'onhold',
    hold: 'manual',
    phrases: ['manuallydeactivated', 'manually deactivated'], // Postmark
  },
  {
    // The account's plan, not the address: SendGrid's "Recipient List over Package Quota".
    id: 'hold.plan',
    reason: 'onhold',
    hold: 'plan',
    phrases: ['over package quota'],
  },
  {
    // On the service's list, for a reason it does not say here (a bounce, a complaint, an
    // unsubscribe or a hand of the account's).
    id: 'hold.list',
    reason: 'onhold',
    hold: 'list',
    phrases: [
      'on the suppression list for your account', // Amazon SES's account-level list
      'onaccountsuppressionlist', // its bounce subtype
      'is on your suppression list', // Resend
      'marked as inactive', // Postmark's InactiveRecipient
      'suppressed due to customer policy', // SparkPost's policy_rejection
      'suppressed due to system policy',
      'due to blacklist user', // Brevo's "blocked" event: the contact is on the account's blocklist
      'preblocked', // Mailjet
      'rejection denylist', // Mandrill
    ],
  },
];

export const CAUSE_ROWS: readonly PhraseRow[] = [
  ...SERVICE_HOLD_ROWS,
  {
    // A broken header is a format error even when the header is an authentication one:
    // "Duplicate header 'DKIM-Signature'" is not a failed DKIM check.
    id: 'cause.notcompliantrfc.header',
    reason: 'notcompliantrfc',
    phrases: ['duplicate header', 'malformed header'],
  },
  {
    id: 'cause.authfailure',
    reason: 'authfailure',
    phrases: [
      'dmarc',
      'spf:', // "550 SPF: 192.0.2.1 is not allowed to send mail from example.org"
      'spf check',
      'spf fail',
      'spf validation',
      'spf record',
      'spf policy', // "rejected per sender's SPF policy"
      'spf unauthorized', // Cisco Secure Email: "SPF unauthorized mail is prohibited"
      'sender policy framework',
      'does not designate',
      'dkim',
      'unauthenticated email',
      'not pass authentication',
      'sender authentication',
      'authentication checks',
      'unauthenticated mail',
      'sender id check',
      'senderid',
      'spoofed', // "rejecting spoofed message": the sender's domain did not authenticate
      // SPF policy services' explanation links (Mail::SPF, postfix-policyd-spf-perl): "Please see
      // http://www.openspf.net/Why?s=mfrom;id=…" or "…/why.html?sender=…"
      'openspf.org/why',
      'openspf.net/why',
      // Outlook.com's 5.7.515 for bulk senders: "sending domain ... does not meet the required
      // authentication level" / "... doesn't meet the authentication requirements"
      'required authentication level',
      "doesn't meet the authentication requirements",
      'does not meet the authentication requirements',
    ],
  },
  {
    id: 'cause.requireptr',
    reason: 'requireptr',
    phrases: [
      'mismatches client ip',

      'reverse dns',
      'ptr record',
      'ptr resource record',
      'reverse lookup',
      'cannot find your hostname',
      'cannot resolve your address',
      'reverse hostname',
      'client host name is unknown',
      'rdns',
      'lookup of your ip address',
      'client address is not listed in the dns',
      'ip name lookup failed',
      'no ptr',
      'without reverse',
      'not have a valid reverse',
      'cannot find your reverse',
      'unresolvable',
      'reverse mapping',
      'unverifyable sending ip',
      'unverifiable sending ip',
    ],
  },
  {
    id: 'cause.badreputation',
    reason: 'badreputation',
    phrases: ['poor reputation', 'low reputation', 'bad reputation', 'sender reputation', 'ip reputation', 'domain reputation', 'reputation of the sending', 'email reputation'],
  },
  {
    id: 'cause.virusdetected',
    reason: 'virusdetected',
    phrases: ['virus found', 'virus detected', 'infected with', 'infected by virus', 'message infected by', 'mail infected by', 'attachment infected by', 'infected:', 'malware', 'trojan', 'worm found', 'virus infected', 'a virus', 'virus e-mail', 'virus email'],
  },
  {
    // cPanel's Exim writes this in place of "Unrouteable address": the recipient's domain could
    // not be routed (no such domain, no MX, an MX that is an IP address). The blocklist it also
    // mentions is a guess of the template's, not a refusal anyone sent.
    id: 'cause.hostunknown.cpanel',
    reason: 'hostunknown',
    phrases: ['the account or domain may not exist, they may be blacklisted'],
  },
  {
    // Exchange Online 5.7.703: the sender's own organisation blocks the recipient through its
    // Tenant Allow/Block List, a rule of its own (before the "block list" of a refused server).
    id: 'cause.policyviolation.tenant-list',
    reason: 'policyviolation',
    phrases: ['tenant allow block list', 'tenant allow/block list'],
  },
  {
    id: 'cause.blocked',
    reason: 'blocked',
    phrases: [
      'blocked - see',

      'invalid ip for sending',
      'not accepting connections',
      "weren't sent",
      'smtp server of your isp',
      // the sending host's greeting (HELO/EHLO name) refused
      'helo command rejected',
      'bad helo',
      'invalid helo',
      'helo rejected',
      // policyd-weight scores the sending host's HELO, DNS and blocklistings before the content
      // is sent: "correct HELO and DNS MX settings or to get removed from DNSBLs"
      'appeared to be spam or forged',
      'helo and dns mx settings',
      'no dns entries for your mta',

      'blocked using',
      'blocklist',
      'blacklist',
      'block list',
      'spamhaus',
      'spamcop',
      'sorbs',
      'dnsbl',
      ' rbl',
      'client host rejected',
      'client host blocked', // Orange: "Client host blocked for spamming issues" (the IP, not the content)
      // Orange and La Poste refusing the sending server for a while (rate or reputation)
      'service refused, please try later',
      'client host [', // Postfix's "Client host [192.0.2.1] blocked using ..."
      'dhap', // Cisco's directory harvest prevention: too many unknown recipients from this sender
      'directory harvest',
      'your ip',
      'sending ip',
      'dynamic ip',
      'dynamic address',
      'dialup',
      'dial-up',
      'residential',
      'refused to talk to me',
      'messages from the ip address',
      'too many spam complaints',
      'poor ip',
      'ip address has been',
      'access denied, banned',
      'may not be mail exchanger',
      'not allowed to send mail from',
      'listed at',
      'is listed in',
      'are listed in',
      'listed on',
      'your host',
      'host is blocked',
      'rejecting connections from',
      'connection rejected',
      'sender ip',
    ],
  },
  {
    id: 'cause.rejected',
    reason: 'rejected',
    phrases: [
      'purported responsible address',
      // United Internet (GMX, WEB.DE, IONOS): the sender's domain has no usable MX or A record
      'invalid dns mx or a/aaaa resource record',

      'sender rejected',
      'relaying disallowed as', // Zoho: the From is not one the authenticated account may use
      'sender is rejected',
      'sender denied',
      'sender not allowed',
      'unauthorized sender', // Apple's private relay: the sending domain is not registered with Apple
      'sender domain',
      'sender verify fail', // Exim: "sender verify fail for <me@…>", "Sender verify failed"
      'sender verify defer',
      'sender verification',
      'invalid sender',
      'bad sender',
      'sender unknown',
      'unknown sender',
      'envelope sender',
      'sender address',
      'address of sender',
      'sender blocked',
      'your sender',
      'from address',
      'return path',
      'sender is not allowed',
      'not authorized to send',
      'not a registered gateway user',
      'identities failed the check', // Amazon SES: the sender's identity is not verified
      // a mailing list refusing a post from someone not subscribed
      'you are not a member',
      'are not member',
      'non-member',
      'only members',
    ],
  },
  {
    id: 'cause.notcompliantrfc',
    reason: 'notcompliantrfc',
    phrases: [
      'multiple addresses in from',
      'rfc 5322',
      'rfc5322',
      'rfc 2822',
      'rfc2822',
      'rfc 822',
      'not compliant',
      'non-compliant',
      'bare lf',
      'bare linefeed',
      'multiple from',
      'multiple to',
      'multiple subject',
      'multiple date',
      'multiple message-id',
      'multiple cc',
    ],
  },
  {
    id: 'cause.spamdetected',
    reason: 'spamdetected',
    phrases: [
      'spam',
      'junk mail',
      'gtube pattern', // rspamd's reject of the GTUBE test message (not "gtube" alone: bigtube.com)
      'unsolicited',
      'bulk mail',
      'content rejected',
      'score too high',
      'high probability of',
      'rejected by our content',
      'blocked by our content',
      'uribl',
      'surbl',
    ],
  },
  {
    id: 'cause.policyviolation',
    reason: 'policyviolation',
    phrases: [
      // a mailing list's rules for posts (Mailman 3: "Message has implicit destination")
      'implicit destination',
      'mailing-list was rejected for the following reason',
      'content presents a potential',
      'policy reasons',
      'local policy',
      'policy violation',
      'policy rejection',
      'violates our policy',
      'against our policy',
      'vba macro', // MessageLabs: an Office file with macros, refused by attachment policy
      // an attachment of a type the receiver's rules refuse (Exim, Gmail): not broken content
      'potentially executable',
      'executable attachment',
      'illegal attachment',
      // greylisting: a first attempt deferred on purpose; the retry passes
      'greylist', 'graylist', 'grey-list', 'gray-list'],
  },
  {
    // The recipient's own block list: the address exists and has chosen to refuse the sender.
    id: 'cause.filtered',
    reason: 'filtered',
    phrases: ["doesn't want your mail", 'does not want your mail', 'blocked by the recipient', 'recipient has blocked'],
  },
  {
    id: 'cause.exceedlimit',
    reason: 'exceedlimit',
    phrases: ['exceeds the maximum message size that', 'message size exceeds recipient', 'exceeds size limit set by the recipient'],
  },
  {
    id: 'cause.mesgtoobig',
    reason: 'mesgtoobig',
    phrases: [
      'line limit exceeded',
      'line too long',
      'lines too long', // Exim: "message has lines too long for transport"
      'attachment size', // an administrator's rule on attachments' size
      'over the maximum size', // a mailing list's size limit for posts

      'message too large',
      'message too big',
      'message is too large',
      'message is too big',
      'message is too long', // IceWarp
      'mailsize limit', // NetEase: "exceeded mailsize limit"
      'size exceeds',
      'exceeds the maximum message size',
      'exceeded maximum message size',
      'too large for this system',
      'mail size limit',
      'message file too big',
      'message exceeds',
      'message size limit',
      'email size exceeded', // Mimecast and others: "Maximum email size exceeded"
    ],
  },
  {
    id: 'cause.mailboxfull',
    reason: 'mailboxfull',
    phrases: [
      // in other languages (German, French, Spanish, Russian, Chinese, Japanese)
      'postfach ist voll',
      'postfach voll',
      'boîte aux lettres pleine',
      'buzón lleno',
      'ящик переполнен',
      '邮箱已满',
      'メールボックスがいっぱい',
      'mailbox full',
      'mailbox is full',
      'domain size limit', // SmarterMail: the recipient domain's storage is used up
      'mailbox has exceeded',
      'mailbox exceeded',
      'exceeded storage',
      'storage allocation',
      'insufficient storage',
      'mail box full',
      'mailfolder is full',
      'mailbox size limit',
      'out of storage',
      'not enough storage space',
      'would exceed mailbox',
      'user is over',
      'mailbox would exceed',
      'exceeded the storage',
      'quota',
      'mailbox is over',
      'full mailbox',
      'inbox is full',
    ],
  },
  {
    id: 'cause.hasmoved',
    reason: 'hasmoved',
    phrases: ['has moved', 'address has changed', 'is now at', 'changed address', 'no longer with', 'no longer valid, please use', 'not local; please try'], // RFC 5321's 551 (not "User not local; relaying denied")
  },
  {
    // ... unless the check did finish, and found no such user.
    id: 'cause.unverified.unknown',
    reason: 'userunknown',
    phrases: ['unverified address: unknown user', 'unverified address: user unknown', 'unverified address: undeliverable address: unknown user'],
  },
  {
    // Postfix could not finish checking the address ("unverified address: connect to ...:
    // Connection refused"): whatever else follows, nothing says the mailbox is gone.
    id: 'cause.unverified',
    reason: 'systemerror',
    phrases: ['unverified address', 'verification in progress'],
  },
  {
    // A list that stopped mailing a member after bounces ("Your membership in the mailing list
    // ... has been disabled"): it says nothing of the member's mailbox itself.
    id: 'cause.list.disabled',
    reason: 'onhold',
    phrases: ['subscription has been disabled', 'membership in the mailing list', 'due to excessive bounces', 'bounce score'],
  },
  {
    // A login refused, whatever else is disabled ("SmtpClientAuthentication is disabled for the
    // Tenant"): before the mailbox states, whose "is disabled" it also says.
    id: 'cause.securityerror.login',
    reason: 'securityerror',
    phrases: ['authentication unsuccessful', 'smtpclientauthentication'],
  },
  {
    id: 'cause.suspend',
    reason: 'suspend',
    phrases: [
      'is frozen',
      'temporary locked',
      'temporarily locked',

      'account disabled',
      'mailbox disabled',
      'disabled mailbox',
      // (Not Postfix's "delivery temporarily suspended: <cause>", its pause before the next try.)
      'account suspended',
      'account is suspended',
      'account has been suspended',
      'account has been temporarily suspended',
      'mailbox suspended',
      'mailbox is suspended',
      'mailbox currently suspended',
      'mailbox has been suspended',
      'user suspended',
      'suspended user',
      'suspended account',
      'suspended mailbox',
      'suspended recipient',
      'recipient suspended',
      'address suspended',
      'address has been suspended',
      'suspended for inactivity',
      'account inactive',
      'inactive account',
      'mailbox inactive',
      'is inactive',
      'inactive email address', // iCloud's disabled address (550 5.1.1), also under a custom domain that names no Apple host
      'account is locked',
      'account has been locked',
      'account expired',
      'temporarily disabled',
      'deactivated',
      'mailbox is not enabled',
      'account closed',
      'is disabled',
      'not active',
      'has been disabled',
      'recipient account is blocked',
      'user is terminated', // an account ended by its provider, which can often restore it
      'inactive mbox', // Korean providers: a dormant account its owner can wake
    ],
  },
  {
    id: 'cause.hostunknown',
    reason: 'hostunknown',
    phrases: [
      'domain is not reachable',
      'because the domain', // Gmail: "wasn't delivered to ... because the domain ... couldn't be found"
      'unrouteable address', // Exim: no route to the domain (unknown users are "unknown user")

      'host unknown',
      'unknown host',
      'host not found',
      'domain not found',
      'no such domain',
      'domain does not exist',
      'unrouteable mail domain',
      'name service error',
      'host or domain name not found',
      'unknown domain',
      'nonexistent domain', // Exchange: SMTPSEND.DNS.NonExistentDomain
      'nonexistentdomain',
      'infodomainnonexistent', // Exchange's "5.4.310 DNS domain … does not exist [Message=InfoDomainNonexistent]"
      'illegal host/domain name', // Sun Messaging Server and PMDF
      'all relevant mx records point to non-existent hosts',
      'domain could not be found',
      "couldn't find any host named",
      'could not find any host named',
      'bad destination system address',
      'invalid domain',
      'no such host',
      'domain is not valid',
    ],
  },
  {
    id: 'cause.notaccept',
    reason: 'notaccept',
    phrases: [
      'not accepting network messages',

      'does not accept mail',
      'does not accept email',
      'accepts no mail',
      'null mx',
      'not accepting mail',
      'no mail accepted',
      'indicated no smtp service',
      "couldn't find a mail exchanger",
      'could not find a mail exchanger',
      'no mx record',
    ],
  },
  {
    id: 'cause.userunknown',
    reason: 'userunknown',
    phrases: [
      "user doesn't have a",
      'check if address is correct',
      'not listed in public name & address book',
      // Lotus Notes / Domino in Japanese: "not in the directory (list)"
      'ディレクトリのリストにありません',
      'ディレクトリには見つかりません',
      'not listed in domino directory',
      'not listed in the domino directory',
      "doesn't have an account",
      'does not have an account',

      'user unknown',
      'addressee unknown',
      // in other languages (German, French, Spanish, Russian, Chinese, Japanese)
      'empfänger unbekannt',
      'unbekannter empfänger',
      'benutzer unbekannt',
      'destinataire inconnu',
      'utilisateur inconnu',
      'usuario desconocido',
      'destinatario desconocido',
      'пользователь не найден',
      '用户不存在',
      '收件人不存在',
      '收件者不存在', // Traditional Chinese
      '使用者不存在',
      '邮箱不存在',
      '地址不存在',
      'ユーザー不明',
      '宛先不明',
      'unknown user',
      'no such user',
      'no such mailbox',
      'no such recipient',
      'no such account',
      'no such address',
      'no mailbox here',
      'recipient unknown',
      'unknown recipient',
      'invalid recipient',
      'recipient not found',
      'recipientnotfound',
      'recipnotfound',
      'user not found',
      'mailbox not found',
      'address not found',
      'not a valid mailbox',
      'invalid mailbox',
      'unknown local part',
      'unknown address',
      'unknown or illegal alias',
      "user doesn't exist",
      'user does not exist',
      'mailbox does not exist',
      'account does not exist',
      'address does not exist',
      'recipient does not exist',
      'is not a known user',
      'bad recipient',
      'invalid address',
      'address unknown',
      'no account by that name',
      'no such local user',
      'user invalid',
      'invalid final delivery userid',
      "couldn't be found",
      "non sono riuscito a trovare l'indirizzo e-mail", // Exchange, Italian: "the e-mail address you entered couldn't be found"
      'email account that you tried to reach does not exist',
      'no valid recipients',
      'this address no longer accepts mail', // Plesk's reply for an address that does not exist
      'account deleted',
      'account has been deleted',
      'no longer exists',
      'invalid user address',
      "dosn't exist", // Alibaba Mail: "554 RCPT (account) dosn't exist"
      'unrecognised o/r name', // X.400: the O/R name (the address) is unknown
      'unrecognized o/r name',
    ],
  },
  {
    id: 'cause.securityerror',
    reason: 'securityerror',
    phrases: [
      'unauthenticated senders',
      // Exchange Online 5.7.57: "Client not authenticated to send mail" (SMTP AUTH missing)
      'not authenticated to send',

      'authentication required',
      'must be authenticated',
      'auth required',
      'starttls',
      'tls required',
      'tls is required', // Postfix: "TLS is required, but was not offered by host ..."
      'not using a tls connection', // Gmail 4.7.29, and any server that insists on TLS
      'requires tls',
      'encryption required',
      'certificate',
      'authentication failed',
      'smtp auth',
      'must authenticate',
      'client was not authenticated', // Exchange's 530 5.7.1
      'tls not available',
      'tls handshake failed',
      'handshake failure',
      'cannot start tls',
      'permissions to send as', // Microsoft 5.7.60: no right to send as that sender
    ],
  },
  {
    id: 'cause.norelaying',
    reason: 'norelaying',
    phrases: [
      'allowed rcpthosts', // qmail: "that domain isn't in my list of allowed rcpthosts"
      'relay access denied',
      'relaying is denied', // Kerio Connect
      'relaying denied',
      'relay not permitted',
      'not permitted to relay',
      'relaying not allowed',
      'relay not allowed', // Mimecast and others: "Open relay not allowed"
      'relay is not allowed',
      'unable to relay',
      'relay denied',
      'no relaying',
      'not allowed to relay',
      'relay prohibited',
      'we do not relay',
      'relaying mail to',
      'not a gateway',
    ],
  },
  {
    // Limits per hour or day are sending rates, even when counted in recipients.
    id: 'cause.speeding.period',
    reason: 'speeding',
    phrases: ['recipients this hour', 'messages this hour', 'per hour', 'per day', 'in the last hour'],
  },
  {
    id: 'cause.toomanyconn',
    reason: 'toomanyconn',
    phrases: [
      'connection frequency',
      'connection rate limit',
'too many connections', 'too many recipients', 'too many concurrent', 'connection limit', 'too many sessions', 'recipient limit', 'too many hosts'],
  },
  {
    id: 'cause.speeding',
    reason: 'speeding',
    phrases: [
      'receiving mail at a rate',
      'too quickly', // Gmail and Yahoo: "is receiving mail too quickly"
      'allowed outgoing messages', // Plesk: the sender's own outgoing limit
      'reached your message limit', // DirectAdmin
'rate limit', 'ratelimit', 'rate-limit', 'sending rate', 'too fast', 'throttl', 'exceeded the rate', 'too many messages', 'frequency limited', 'unusual rate'],
  },
  {
    id: 'cause.systemfull',
    reason: 'systemfull',
    phrases: ['disk full', 'system storage', 'out of disk', 'no space left'],
  },
  {
    id: 'cause.mailererror',
    reason: 'mailererror',
    phrases: ['mailer error', 'procmail', 'maildrop', 'command died', 'command output', 'delivery program', 'local delivery failed', 'pipe to |', 'exit status'],
  },
  {
    id: 'cause.contenterror',
    reason: 'contenterror',
    phrases: ['invalid mime', 'mime error', 'invalid content', 'content-transfer-encoding', 'headers are invalid'],
  },
  {
    id: 'cause.syntaxerror',
    reason: 'syntaxerror',
    phrases: ['syntax error', 'command unrecognized', 'command not recognized', 'unrecognized command', 'bad sequence', 'protocol error'],
  },
  {
    id: 'cause.onhold',
    reason: 'onhold',
    phrases: [': on hold'],
  },
  {
    id: 'cause.systemerror',
    reason: 'systemerror',
    phrases: ['system error', 'internal error', 'server error', 'local error', 'misconfigur', 'configuration error', 'ldap server'],
  },
];

/** DNS and routing failures: the destination could not be found or reached this time. */
export const DNS_ROW: PhraseRow = {
  id: 'network.dns',
  reason: 'networkerror',
  phrases: [
    'dns error',
    'host name lookup failure',
    'temporary lookup failure',
    'dns lookup',
    'dns query failed', // Exchange and others: the lookup of the destination failed
    'name server',
    'mail loop',
    'loops back to myself',
    'routing loop',
    'too many received', // "Too many Received: headers": the message has gone round in circles
    'too many hops',
    'hop count exceeded',
    'exceeded maximum hop count', // Lotus Notes
    'no route found to domain', // Lotus Domino's router: its own configuration has no way to the domain
  ],
};

/** Connection failures: after retrying for days these mean the message expired (decide.ts). */
export const CONNECTION_ROW: PhraseRow = {
  id: 'network.connection',
  reason: 'networkerror',
  phrases: [
    'timed out',
    'network is unreachable',
    'no route to host',
    'host unreachable',
    'connection reset',
    'lost connection',
    'could not connect',
    'unable to connect',
    "wasn't able to establish",
    'connection refused',
    'timeout',
    'network error', // OpenSMTPD: "Network error on destination MXs"
  ],
};

export const WEAK_ROWS: readonly PhraseRow[] = [
  // "Mailbox unavailable" is RFC 5321's own text for 550, which servers send for an unknown user
  // and for a disabled mailbox alike: a status that says which (5.2.1 disabled) comes first.
  // ("address rejected" is IronPort's LDAP-accept refusal; Postfix's "Recipient address
  // rejected:" label is blanked first, see blankNames.)
  { id: 'weak.userunknown', reason: 'userunknown', phrases: ['address rejected', 'recipient rejected', 'does not exist', "doesn't exist", 'no such', 'mailbox unavailable', 'mailbox not available'] },
  { id: 'weak.policyviolation', reason: 'policyviolation', phrases: ['policy', 'violation', 'prohibited', 'not permitted', 'not allowed', 'administrative prohibition', 'restricted'] },
  { id: 'weak.securityerror', reason: 'securityerror', phrases: ['not authorized', 'unauthorized', 'authentication'] },
  { id: 'weak.contenterror', reason: 'contenterror', phrases: ['mime ', 'encoding', 'attachment', 'charset', '8-bit'] },
  { id: 'weak.filtered', reason: 'filtered', phrases: ['filter', 'refused', 'denied', 'rejected', 'blocked'] },
  { id: 'weak.systemerror', reason: 'systemerror', phrases: ['temporary failure', 'service unavailable', 'currently unavailable', 'system not accepting', 'try again later', 'temporarily'] },
];

/** A character of a (lower-cased) domain name: a-z, 0-9, "." or "-". */
function isDomainChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 46 || c === 45;
}

/**
 * Whether char code `c` ends a local part read leftwards from its "@": white space (space, tab,
 * newline), < > ( ) [ ] " ' , ; : or @. (Compared as numbers: no one-letter string per character.)
 */
function endsLocal(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 60 || c === 62 || c === 40 || c === 41 || c === 91 || c === 93 || c === 34 || c === 39 || c === 44 || c === 59 || c === 58 || c === 64;
}

/**
 * `lower` with the names in it that carry no words of a reply blanked (as many underscores, so
 * that every position stays where it was): Postfix's stage label (blankStageLabel), host names
 * made of authentication words (blankAuthHosts), every address
 * ("dmarc-reports@example.org", "spam@...") and the host of Postfix's and Exim's "host
 * antispam.example.org[192.0.2.1] said:". A mailbox called "dmarc" or a filter host called
 * "antispam" is no DMARC failure or spam verdict. Linear: each character is looked at a
 * bounded number of times.
 */
export function blankNames(lower: string): string {
  // (Most diagnostics and many segments hold nothing to blank: one look finds that out, for the
  // half a dozen each step below would take.)
  if (!NAME_SIGN.test(lower)) return lower;
  return blankAuthHosts(blankAddressesAndHosts(blankStageLabel(lower)));
}

/**
 * Postfix writes "<rcpt>: Recipient address rejected:" in front of whatever a recipient
 * restriction answers: "User unknown in local recipient table", but also an SPF policy
 * service's "Please see http://www.openspf.org/why.html?sender=..." or policyd-weight's words
 * about the sending host. The label names the stage, not a verdict on the address: the words
 * after it decide.
 */
const STAGE_LABEL = 'recipient address rejected:';

function blankStageLabel(lower: string): string {
  if (!lower.includes(STAGE_LABEL)) return lower;
  return lower.split(STAGE_LABEL).join('_'.repeat(STAGE_LABEL.length));
}

/** Words of the authentication rows that host names are made of ("mail.dkim.example.net"). */
const HOST_PRONE_WORDS = ['dkim', 'dmarc'];
/** Any of HOST_PRONE_WORDS, in one look (literals: linear). */
const HOST_PRONE_WORD = literalAlternation(HOST_PRONE_WORDS);

/**
 * A sign of anything blankNames blanks: the stage label, an address's "@", a log field's "=",
 * Postfix's "host ", a HOST_PRONE_WORDS word. Without one, every step would return the text as
 * it is. (Literals and a class: linear.)
 */
const NAME_SIGN = literalAlternation(['@', '=', 'host ', STAGE_LABEL, ...HOST_PRONE_WORDS]);

/**
 * `lower` with every host name that contains a HOST_PRONE_WORDS word blanked: a mail log's
 * "relay=mail.dkim.example.net[...]" or Exim's "H=in.dmarc-shield.example.net" names a
 * machine, not a failed check. A name is a run of domain characters with at least two dots
 * inside it (three labels) and a last label of two letters or more. Kept: one under "_"
 * ("_dmarc.example.org", the DNS name of a DMARC record), one after a path's "/" (a link's
 * file, ".../dmarc.policy.html"; not a link's host after "//"), and two-label runs, which are words far more often than machines:
 * "failed DKIM.Please ..." with its space lost, "rejected per dmarc.org policy".
 * Linear: each run of domain characters is read once, and the result is built once.
 */
function blankAuthHosts(lower: string): string {
  if (!HOST_PRONE_WORD.test(lower)) return lower;
  let out = '';
  let done = 0;
  // Each maximal run of domain characters once (a run is never re-read from inside it).
  for (let start = 0; start < lower.length; ) {
    if (!isDomainChar(lower.charCodeAt(start))) {
      start++;
      continue;
    }
    let runEnd = start;
    while (runEnd < lower.length && isDomainChar(lower.charCodeAt(runEnd))) runEnd++;
    let end = runEnd;
    while (end > start && (lower[end - 1] === '.' || lower[end - 1] === '-')) end--; // a full stop ends the sentence, not the name
    const name = lower.slice(start, end);
    const lastDot = name.lastIndexOf('.');
    if (
      HOST_PRONE_WORDS.some((word) => name.includes(word)) &&
      name.split('.').length >= 3 &&
      lower[start - 1] !== '_' &&
      !(lower[start - 1] === '/' && lower[start - 2] !== '/') && // (a link's host, after "//", is a machine)
      /^[a-z]{2,}$/.test(name.slice(lastDot + 1))
    ) {
      out += lower.slice(done, start) + '_'.repeat(end - start);
      done = end;
    }
    start = runEnd;
  }
  return done === 0 ? lower : out + lower.slice(done);
}

/**
 * Where a host name starts in a report or a mail log: Postfix's and Exim's "host NAME[IP] said:"
 * (a name only when "[" follows), and the log fields that hold nothing but a machine's name:
 * Postfix's and Sendmail's "relay=NAME[IP]", Exim's "H=NAME [IP]". A relay called
 * "spamfilter.example.net" or "blocklist-gw.example.net" is no verdict.
 */
const HOST_MARKERS: readonly { marker: string; needsBracket: boolean }[] = [
  { marker: 'host ', needsBracket: true },
  { marker: 'relay=', needsBracket: false },
  { marker: 'h=', needsBracket: false },
];

function blankAddressesAndHosts(lower: string): string {
  // (Most texts have no log field: one look for "=" spares looking for each.)
  const fields = lower.includes('=');
  const hostWord = lower.includes('host ');
  if (!hostWord && !fields && !lower.includes('@')) return lower;
  let out = '';
  let from = 0;
  // Addresses
  for (let at = lower.indexOf('@'); at !== -1; at = lower.indexOf('@', Math.max(at + 1, from))) {
    let start = at;
    while (start > from && !endsLocal(lower.charCodeAt(start - 1))) start--;
    let end = at + 1;
    while (end < lower.length && isDomainChar(lower.charCodeAt(end))) end++;
    if (start === at || !lower.slice(at + 1, end).includes('.')) continue;
    out += lower.slice(from, start) + '_'.repeat(end - start);
    from = end;
  }
  let text = from === 0 ? lower : out + lower.slice(from);
  for (const { marker, needsBracket } of HOST_MARKERS) {
    if (needsBracket ? hostWord : fields && text.includes(marker)) text = blankHostsAfter(text, marker, needsBracket);
  }
  return text;
}

/** `text` with the host name after each `marker` blanked (see HOST_MARKERS). Linear. */
function blankHostsAfter(text: string, marker: string, needsBracket: boolean): string {
  let result = '';
  let done = 0;
  for (let at = text.indexOf(marker); at !== -1; at = text.indexOf(marker, at + marker.length)) {
    // A field starts a word: "relay=" and "h=" are not the end of "smth=".
    if (!needsBracket && at > 0 && text[at - 1] !== ' ' && text[at - 1] !== ',' && text[at - 1] !== '(') continue;
    const nameStart = at + marker.length;
    let nameEnd = nameStart;
    while (nameEnd < text.length && isDomainChar(text.charCodeAt(nameEnd))) nameEnd++;
    while (nameEnd > nameStart && text[nameEnd - 1] === '.') nameEnd--; // Sendmail's "relay=mx.example.net., "
    const bracket = text[nameEnd] === '[' || (text[nameEnd] === ' ' && text[nameEnd + 1] === '[');
    if (nameEnd === nameStart || (needsBracket && !bracket) || !text.slice(nameStart, nameEnd).includes('.')) continue;
    result += text.slice(done, nameStart) + '_'.repeat(nameEnd - nameStart);
    done = nameEnd;
  }
  return done === 0 ? text : result + text.slice(done);
}

/** White space other than a lone space: what normaliseForMatch has to fold. */
const FOLDABLE = /[^\S ]| {2}/;

/** Typographic apostrophes, which the phrases write as "'" ("couldn’t be delivered"). */
const CURLY_APOSTROPHE = /[\u2018\u2019]/g;

/** Anything normaliseForMatch changes besides the letter case. */
const NEEDS_WORK = /[^\S ]| {2}|[\u2018\u2019]/;

/** Lower-cases, folds runs of white space and straightens apostrophes, once per text. */
export function normaliseForMatch(text: string): string {
  const lower = text.toLowerCase();
  if (!NEEDS_WORK.test(lower)) return lower;
  return (FOLDABLE.test(lower) ? lower.replace(/\s+/g, ' ') : lower).replace(CURLY_APOSTROPHE, "'");
}


export interface PhraseMatch {
  row: PhraseRow;
  phrase: string;
}

/** The SMTP stage a reply answered, as the words name it (decide.ts). */
export type Stage = 'connect' | 'mail' | 'rcpt' | 'data' | '';

/** Words that say delivery was given up after retrying. */
export const EXPIRY_PHRASES = [
  'retry timeout exceeded',
  'retry time not reached for any host',
  'delivery time expired',
  'message expired',
  'queue too long',
  'could not be delivered within',
  'not delivered within',
  'envelope expired',
  'could not deliver for the last',
  'unable to deliver message after multiple retries',
  'maximum time in queue',
  'delivery expired',
  'has not been delivered for',
  'was not delivered for',
  'could not be delivered for',
  'did not accept our requests to connect',
  'delivery failed 20 attempts',
  'maximum time expired', // X.400
  'have been failing for a long time',
  'gave up',
  'will be retried for',
  'the server will continue trying',
];

/** Words that name the SMTP stage a reply answered; the first stage listed wins. */
export const STAGES: readonly [Stage, readonly string[]][] = [
  ['data', ['in reply to end of data', 'in reply to data', 'after end of data', 'after data', '>>> data', 'smtp command data', 'end of data command', 'during data', 'the data command']],
  ['rcpt', ['in reply to rcpt to', 'after rcpt to', '>>> rcpt to', 'rcpt to command']],
  ['mail', ['in reply to mail from', 'after mail from', '>>> mail from', 'mail from command', '[mail_from]']],
  ['connect', ['in reply to helo', 'in reply to ehlo', 'after helo', 'after ehlo', 'smtp greeting', 'initial connection', 'while connected', 'in reply to greeting', 'but my name was rejected', 'refused to talk to me']],
];

export const EXPIRY_TABLE: PhraseTable = [{ phrases: EXPIRY_PHRASES }];
export const STAGE_TABLE: PhraseTable = STAGES.map(([, phrases]) => ({ phrases }));

/** Every table above in one automaton, built on first use. */
let index: HitIndex | undefined;

/** Every phrase of the tables above found in `lower` (normalised), in one pass. */
export function readPhrases(lower: string): TextHits {
  index ??= new HitIndex([CAUSE_ROWS, WEAK_ROWS, DNS_ROWS, CONNECTION_ROWS, EXPIRY_TABLE, STAGE_TABLE, SUSPEND_ROWS]);
  return index.read(lower);
}

/**
 * The first row (by table order) of `rows` with a phrase in `lower`, and the phrase that matched.
 * `rows` must be one of the tables readPhrases indexes (CAUSE_ROWS, WEAK_ROWS, DNS_ROWS,
 * CONNECTION_ROWS, EXPIRY_TABLE, STAGE_TABLE, SUSPEND_ROWS): any other is a programming error and throws.
 */
export function matchRows(rows: readonly PhraseRow[], lower: string): PhraseMatch | undefined {
  if (!lower) return undefined;
  const hit = readPhrases(lower).first(rows);
  return hit ? { row: rows[hit.row], phrase: hit.phrase } : undefined;
}

/** Generic words that only restate a refusal: they name no cause besides the address's. */
const RESTATED = new Set(['rejected', 'refused']);
/** The generic reasons that can overrule address words: refusals, not "try again later" or "attachment". */
const OVERRULING: ReadonlySet<string> = new Set(['policyviolation', 'securityerror', 'filtered']);

/**
 * The reason generic words give: the first row of WEAK_ROWS with a hit, except that words about
 * the address ("mailbox unavailable", "recipient rejected") give way to other generic words
 * that name a cause and stand outside them ("550 mailbox unavailable: blocked by policy",
 * "... by content filter"). RFC 5321's own text for 550 covers policy refusals too, and those
 * leave the address alive. ("Rejected the recipient because it does not exist" stays an
 * unknown address: "rejected" names no other cause.)
 */
export function weakCause(hits: TextHits, text: string): Hit | undefined {
  const first = hits.first(WEAK_ROWS);
  if (!first || WEAK_ROWS[first.row].reason !== 'userunknown') return first;
  const all = hits.all(WEAK_ROWS);
  const address = all.filter((h) => h.row === first.row);
  let other: Hit | undefined;
  for (const h of all) {
    if (h.row === first.row || RESTATED.has(h.phrase) || !OVERRULING.has(WEAK_ROWS[h.row].reason) || (other && other.row <= h.row)) continue;
    if (!address.some((a) => h.start >= a.start && h.end <= a.end) && !inUrl(text, h.start)) other = h;
  }
  return other ?? first;
}

/** Does position `at` stand inside a URL ("see https://example.org/policy.html")? Looks back 200 characters at most. */
function inUrl(text: string, at: number): boolean {
  const before = text.slice(Math.max(0, at - 200), at);
  const word = Math.max(before.lastIndexOf(' '), before.lastIndexOf('\n'), before.lastIndexOf('\t'));
  return before.indexOf('://', word + 1) !== -1;
}

/** weakCause() of `lower` (normalised), with its row. */
export function matchWeak(lower: string): PhraseMatch | undefined {
  if (!lower) return undefined;
  const hit = weakCause(readPhrases(lower), lower);
  return hit ? { row: WEAK_ROWS[hit.row], phrase: hit.phrase } : undefined;
}

export const DNS_ROWS: readonly PhraseRow[] = [DNS_ROW];

/**
 * Postfix's "Host or domain name not found. ... Host not found, try again": the resolver failed
 * this time (a DNS server failure or time-out), which says nothing about whether the domain
 * exists. `lower`: a lower-cased text.
 */
export function dnsTryAgain(lower: string): boolean {
  return lower.includes('not found, try again');
}
/** The disabled-mailbox row alone, to find it past another cause (decide.ts). */
export const SUSPEND_ROWS: readonly PhraseRow[] = CAUSE_ROWS.filter((r) => r.reason === 'suspend');
export const CONNECTION_ROWS: readonly PhraseRow[] = [CONNECTION_ROW];
