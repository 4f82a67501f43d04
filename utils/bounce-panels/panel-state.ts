/**
 * What the in-page panel's host element says about a verdict, as attributes: the stable hooks
 * for tests and for anyone styling around it. Pure.
 */
import type { ClassifyResult, RecipientVerdict } from '@/lib/types';

export type PanelState = 'bounce' | 'delay' | 'none';

export function panelState(result: ClassifyResult): PanelState {
  if (result.kind === 'bounce') return 'bounce';
  if (result.kind === 'delay') return 'delay';
  return 'none';
}

/** The recipient the attributes describe: the first that failed (for a delay, the first one). */
export function leadRecipient(result: ClassifyResult): RecipientVerdict | undefined {
  if (result.kind === 'error') return undefined;
  return result.recipients.find((r) => r.action === 'failed') ?? result.recipients[0];
}

/** Recipients the panel reports on: those that failed (all of them for a delay notice). */
export function recipientCount(result: ClassifyResult, state: PanelState = panelState(result)): number {
  if (result.kind === 'error' || state === 'none') return 0;
  if (state === 'delay') return result.recipients.length;
  const failed = result.recipients.filter((r) => r.action === 'failed').length;
  // The text path may not know the Action of each recipient; then all of them count.
  return failed || result.recipients.length;
}

/** data-* attributes of the panel host; null removes the attribute (still reading). */
export function panelAttributes(result: ClassifyResult | null): Record<string, string | null> {
  if (!result) return { 'data-state': null, 'data-status': null, 'data-reply': null, 'data-reason': null, 'data-recipients': null };
  const state = panelState(result);
  const lead = state === 'none' ? undefined : leadRecipient(result);
  return {
    'data-state': state,
    'data-status': lead?.status ?? '',
    'data-reply': lead?.reply ?? '',
    'data-reason': lead?.reason ?? '',
    'data-recipients': String(recipientCount(result, state)),
  };
}

export function applyAttributes(element: Element, attributes: Record<string, string | null>): void {
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null) element.removeAttribute(name);
    else element.setAttribute(name, value);
  }
}
