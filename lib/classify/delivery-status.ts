/**
 * RFC 3464 message/delivery-status (and RFC 6533 message/global-delivery-status) fields:
 * one per-message group, then one group per recipient.
 *
 * Real reports bend the format: groups without blank lines between them, fields indented,
 * Diagnostic-Code continued on following lines, types missing ("Diagnostic-Code: 550 ...").
 * We start a new recipient group whenever a recipient field repeats within a group.
 */
import { isHeaderLine } from '../mime/headers';

export interface DsnRecipient {
  finalRecipient: string;
  originalRecipient: string;
  action: string;
  status: string;
  remoteMta: string;
  diagnostic: string;
  /** The Diagnostic-Code's type, lower-cased ("smtp", "x-unix"), '' when it has none. */
  diagnosticType: string;
  /** What the Status field says after its code ("(host name lookup failure)"), '' when nothing. */
  statusComment: string;
  /** The field lines as they stood, for evidence. */
  lines: string[];
}

export interface DeliveryStatus {
  reportingMta: string;
  recipients: DsnRecipient[];
}

const RECIPIENT_FIELDS = new Set(['final-recipient', 'original-recipient']);
const MAX_FIELD = 4096;

function emptyRecipient(): DsnRecipient {
  return { finalRecipient: '', originalRecipient: '', action: '', status: '', remoteMta: '', diagnostic: '', diagnosticType: '', statusComment: '', lines: [] };
}

/** An enhanced status code as RFC 3463 writes it ('5.1.1'), else ''. */
export function wellFormedStatus(code: string): string {
  return /^[245]\.\d{1,3}\.\d{1,3}$/.test(code) ? code : '';
}

/** Strips an RFC 3464 type ("rfc822;", "dns;", "smtp;") from a field value. */
export function stripType(value: string): string {
  const type = typeOf(value);
  return type ? value.slice(value.indexOf(';') + 1).trim() : value.trim();
}

/** The RFC 3464 type of a field value ("smtp" of "smtp; 550 ..."), lower-cased; '' when none. */
export function typeOf(value: string): string {
  const semi = value.indexOf(';');
  if (semi > 0 && semi < 16) {
    const type = value.slice(0, semi).trim();
    if (/^[a-z0-9-]+$/i.test(type)) return type.toLowerCase();
  }
  return '';
}

/** Field names of RFC 3464 (and the X- extensions MTAs add): a line naming one starts a field. */
const DSN_FIELDS = new Set([
  'reporting-mta', 'dsn-gateway', 'received-from-mta', 'arrival-date', 'original-envelope-id', 'final-recipient',
  'original-recipient', 'action', 'status', 'remote-mta', 'diagnostic-code', 'last-attempt-date', 'final-log-id',
  'will-retry-until',
]);

function isDsnField(line: string): boolean {
  const name = line.slice(0, line.indexOf(':')).trim().toLowerCase();
  return DSN_FIELDS.has(name) || name.startsWith('x-');
}

export function parseDeliveryStatus(body: string): DeliveryStatus {
  const result: DeliveryStatus = { reportingMta: '', recipients: [] };
  let current: DsnRecipient | undefined;
  let lastField: { rcpt: DsnRecipient | undefined; name: string } | undefined;

  const lines = body.split('\n');
  for (const raw of lines) {
    if (raw.trim() === '') {
      // A blank line ends a group; the next recipient field opens a new one.
      if (current && (current.finalRecipient || current.originalRecipient)) current = undefined;
      lastField = undefined;
      continue;
    }
    const first = raw.charCodeAt(0);
    const indented = first === 32 || first === 9;
    const line = raw.trim();
    // An indented line continues the field above (RFC 5322 folding), unless it is itself a
    // delivery-status field: some MTAs indent every field. "https://..." in a folded
    // Diagnostic-Code looks like "name: value" but continues it.
    if (indented && lastField && (!isHeaderLine(line) || (lastField.name === 'diagnostic-code' && !isDsnField(line)))) {
      appendContinuation(lastField.rcpt, lastField.name, line);
      continue;
    }
    if (!isHeaderLine(line)) {
      if (lastField) appendContinuation(lastField.rcpt, lastField.name, line);
      continue;
    }
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();

    if (RECIPIENT_FIELDS.has(name)) {
      const seen = current && (name === 'original-recipient' ? current.originalRecipient : current.finalRecipient);
      if (!current || seen) {
        current = emptyRecipient();
        result.recipients.push(current);
      }
    }
    if (name === 'reporting-mta') {
      result.reportingMta = stripType(value);
      lastField = undefined;
      continue;
    }
    if (!current) {
      // Per-message field (Arrival-Date, Received-From-MTA, ...), or a recipient field before any
      // recipient: a Status or Action here belongs to an unnamed recipient.
      if (name === 'status' || name === 'action' || name === 'diagnostic-code' || name === 'x-actual-recipient') {
        current = emptyRecipient();
        result.recipients.push(current);
      } else {
        lastField = undefined;
        continue;
      }
    }
    current.lines.push(line);
    lastField = { rcpt: current, name };
    switch (name) {
      case 'final-recipient':
      case 'x-actual-recipient':
        if (!current.finalRecipient) current.finalRecipient = stripType(value);
        break;
      case 'original-recipient':
        current.originalRecipient = stripType(value);
        break;
      case 'action':
        current.action = value.toLowerCase().split(/[\s(;]/, 1)[0];
        break;
      case 'status': {
        // Only a well-formed code counts; "4." or "5" say too little to show as a status.
        const code = value.split(/[\s(;]/, 1)[0];
        current.status = wellFormedStatus(code);
        current.statusComment = value.slice(code.length).trim();
        break;
      }
      case 'remote-mta':
        current.remoteMta = stripType(value);
        break;
      case 'diagnostic-code':
        current.diagnostic = stripType(value);
        current.diagnosticType = typeOf(value);
        break;
      default:
        lastField = { rcpt: current, name: '' };
    }
  }
  // RFC 3464 requires Action; a block that leaves it out says by its status class (RFC 3463)
  // whether it reports a delivery (2.X.X) or a permanent failure (5.X.X). (4.X.X may be a
  // delay or a final report: left unsaid.)
  for (const r of result.recipients) if (!r.action && (r.status[0] === '2' || r.status[0] === '5')) r.action = r.status[0] === '2' ? 'delivered' : 'failed';
  return result;
}

function appendContinuation(rcpt: DsnRecipient | undefined, name: string, line: string): void {
  if (!rcpt) return;
  // "Final-Recipient: rfc822;" folded before its address: the address is on the next line.
  if ((name === 'final-recipient' || name === 'x-actual-recipient') && !rcpt.finalRecipient) {
    rcpt.finalRecipient = stripType(line);
    rcpt.lines.push(line);
    return;
  }
  if (name === 'original-recipient' && !rcpt.originalRecipient) {
    rcpt.originalRecipient = stripType(line);
    rcpt.lines.push(line);
    return;
  }
  if (name !== 'diagnostic-code') return;
  if (rcpt.diagnostic.length < MAX_FIELD) rcpt.diagnostic += (rcpt.diagnostic ? ' ' : '') + line;
  rcpt.lines.push(line);
}
