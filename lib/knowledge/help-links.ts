/**
 * The only links we ever show: official pages of the standards bodies, mailbox providers,
 * filters and blocklists. Links found inside a bounce are never turned into links of ours.
 */
export const HELP_LINKS = {
  'iana.enhanced-status': 'https://www.iana.org/assignments/smtp-enhanced-status-codes/smtp-enhanced-status-codes.xhtml',
  'rfc5321.replies': 'https://www.rfc-editor.org/rfc/rfc5321#section-4.2.3',
  'google.errors': 'https://support.google.com/a/answer/3726730',
  'google.senders': 'https://support.google.com/mail/answer/81126',
  'google.postmaster': 'https://postmaster.google.com/',
  'microsoft.ndr': 'https://learn.microsoft.com/en-us/exchange/mail-flow-best-practices/non-delivery-reports-in-exchange-online/non-delivery-reports-in-exchange-online',
  'microsoft.asxxx': 'https://learn.microsoft.com/en-us/exchange/mail-flow-best-practices/non-delivery-reports-in-exchange-online/fix-error-code-451-4-7-500-699-asxxx-in-exchange-online',
  'microsoft.5.7.700': 'https://learn.microsoft.com/en-us/exchange/mail-flow-best-practices/non-delivery-reports-in-exchange-online/fix-error-code-5-7-700-through-5-7-750',
  'microsoft.541': 'https://learn.microsoft.com/en-us/exchange/mail-flow-best-practices/non-delivery-reports-in-exchange-online/fix-error-code-550-5-4-1-in-exchange-online',
  'microsoft.delist': 'https://sender.office.com/',
  'outlook.5.7.515': 'https://support.microsoft.com/en-au/topic/fix-ndr-error-550-5-7-515-in-outlook-com-34cfe8f8-6fbf-457e-9e8b-9e4dbaf4e0ef',
  'outlook.postmaster': 'https://postmaster.live.com/pm/troubleshooting.aspx',
  'outlook.support': 'https://olcsupport.office.com/',
  'outlook.snds': 'https://sendersupport.olc.protection.outlook.com/snds/',
  'yahoo.errors': 'https://senders.yahooinc.com/smtp-error-codes/',
  'yahoo.senders': 'https://senders.yahooinc.com/best-practices/',
  'apple.postmaster': 'https://support.apple.com/en-us/102322',
  'comcast.errors': 'https://postmaster.comcast.net/mail-error-codes.html',
  'telekom.postmaster': 'https://postmaster.t-online.de/index.en.html',
  'gmx.errors': 'https://postmaster.gmx.com/en/error-messages',
  'mimecast.errors': 'https://mimecastsupport.zendesk.com/hc/en-us/articles/34000709564691-Policies-Mimecast-SMTP-Error-Codes',
  'proofpoint.faq': 'https://www.proofpoint.com/us/support-services/ip-blocked-faq',
  'sophos.errors': 'https://docs.sophos.com/central/customer/help/en-us/ManageYourProducts/EmailSecurity/SMTPErrorCodes/index.html',
  'barracuda.removal': 'https://www.barracudacentral.org/rbl/removal-request',
  'spamhaus.check': 'https://check.spamhaus.org/',
  'cloudmark.csi': 'https://csi.cloudmark.com/',
  'yandex.spam': 'https://yandex.com/support/mail/bounces/yandex/message-rejected-under-suspicion-of-spam.html',
  'spectrum.errors': 'https://www.spectrumbusiness.net/support/internet/understanding-email-error-codes',
  'godaddy.errors': 'https://ca.godaddy.com/help/fix-rejected-email-with-a-bounce-error-40685',
} as const;

export type HelpId = keyof typeof HELP_LINKS;

export function helpUrl(id: HelpId | undefined): string {
  return id ? HELP_LINKS[id] : '';
}

/** True when the URL is one of ours (for tests and for renderers that want to double-check). */
export function isOfficialHelpUrl(url: string): boolean {
  for (const key in HELP_LINKS) if (HELP_LINKS[key as HelpId] === url) return true;
  return false;
}
