/**
 * What an enhanced status code alone says about the cause (RFC 3463 and its updates).
 * Only codes specific enough to name a reason are listed; X.0.0, X.2.0, X.5.0 and X.7.1 ("not
 * authorised", used for anything from spam to blocklists) are deliberately absent, so the words
 * decide. X.1.10 is left out too: RFC 7505 made it "null MX", but Microsoft 365 sends it for
 * every unknown recipient, so only the words can tell the two apart.
 * Keys are "subject.detail".
 */
import type { Reason } from '../reasons';

export const STATUS_REASONS: Readonly<Record<string, Reason>> = {
  '1.1': 'userunknown',
  '1.2': 'hostunknown',
  '1.3': 'userunknown',
  '1.4': 'userunknown',
  '1.5': 'userunknown',
  '1.6': 'hasmoved',
  '1.7': 'rejected',
  '1.8': 'rejected',
  '2.1': 'suspend',
  '2.2': 'mailboxfull',
  '2.3': 'exceedlimit',
  '2.4': 'systemerror',
  '3.0': 'systemerror',
  '3.1': 'systemfull',
  '3.2': 'notaccept',
  '3.3': 'systemerror',
  '3.4': 'mesgtoobig',
  '3.5': 'systemerror',
  '4.0': 'networkerror',
  '4.1': 'networkerror',
  '4.2': 'networkerror',
  '4.3': 'networkerror',
  '4.4': 'hostunknown',
  '4.5': 'networkerror',
  '4.6': 'networkerror',
  '4.7': 'expired',
  '5.1': 'syntaxerror',
  '5.2': 'syntaxerror',
  '5.3': 'toomanyconn',
  '5.4': 'syntaxerror',
  '5.5': 'syntaxerror',
  '6.0': 'contenterror',
  '6.1': 'contenterror',
  '6.2': 'contenterror',
  '6.3': 'contenterror',
  '6.4': 'contenterror',
  '6.5': 'contenterror',
  '6.6': 'contenterror',
  '6.7': 'contenterror',
  '6.8': 'contenterror',
  '6.9': 'contenterror',
  '6.10': 'contenterror',
  '7.0': 'securityerror',
  '7.2': 'policyviolation',
  '7.3': 'securityerror',
  '7.4': 'securityerror',
  '7.5': 'securityerror',
  '7.6': 'securityerror',
  '7.7': 'securityerror',
  '7.8': 'securityerror',
  '7.9': 'securityerror',
  '7.10': 'securityerror',
  '7.11': 'securityerror',
  '7.12': 'securityerror',
  '7.13': 'suspend',
  '7.14': 'securityerror',
  '7.15': 'securityerror',
  '7.16': 'exceedlimit',
  '7.17': 'suspend',
  '7.18': 'suspend',
  '7.19': 'suspend',
  '7.20': 'authfailure',
  '7.21': 'authfailure',
  '7.22': 'authfailure',
  '7.23': 'authfailure',
  '7.24': 'authfailure',
  '7.25': 'requireptr',
  '7.26': 'authfailure',
  '7.27': 'rejected',
  '7.28': 'spamdetected',
  '7.29': 'authfailure',
  '7.30': 'securityerror',
};

export function reasonForStatus(status: string): Reason | undefined {
  if (!status) return undefined;
  return STATUS_REASONS[status.slice(2)];
}
