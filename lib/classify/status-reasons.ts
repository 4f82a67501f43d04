/**
 * What an enhanced status code alone says about the cause. The meanings belong to the
 * knowledge base (lib/knowledge, one row per registered code); this module only says which
 * codes are specific enough for the classifier to let them decide.
 *
 * Left to the words instead: codes whose row names no cause (onhold, undefined), the "other"
 * details X.0.0, X.1.0, X.2.0, X.5.0 and X.7.0 (they name only an area), X.7.1 ("not authorised", used for anything from spam to
 * blocklists), and X.1.10, which RFC 7505 made "null MX" but Microsoft 365 sends for every
 * unknown recipient.
 */
import { statusRow } from '../knowledge/enhanced-status';
import type { Reason } from '../reasons';

const TOO_GENERIC = new Set(['0.0', '1.0', '2.0', '5.0', '7.0', '7.1', '1.10']);

/** A code that only names an area ("other", 5.7.1 "not authorised"): the words must decide. */
export function isGenericStatus(status: string): boolean {
  return TOO_GENERIC.has(status.slice(2));
}

export function reasonForStatus(status: string): Reason | undefined {
  if (!status || isGenericStatus(status)) return undefined;
  const row = statusRow(status);
  if (!row) return undefined;
  const reason = status[0] === '4' ? row.reasonTransient : row.reason;
  return reason === 'onhold' || reason === 'undefined' ? undefined : reason;
}
