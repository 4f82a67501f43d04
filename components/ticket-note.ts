/**
 * The plain-text note "Copy ticket note" puts on the clipboard: what happened and what to do
 * next, per recipient. Pure text, no markup, so it pastes cleanly into any ticket system.
 */
import { codeLine, LAYER_LABEL, plural, WHO_ACTS_LABEL } from './labels';
import { addressesToSuppress, type VerdictView } from './verdict-view';

export interface TicketContext {
  /** Subject of the message that bounced, when known. */
  subject?: string;
}

function section(view: VerdictView): string {
  const { advice } = view;
  const code = codeLine(view.reply, view.status);
  const name = view.recipient || view.title || code || 'Result';
  const lines = [`${name}${code && name !== code ? ` (${code})` : ''}`];
  if (view.providerTokens.length) lines.push(`Provider code: ${view.providerTokens.join(', ')}`);
  lines.push(`What happened: ${advice.headline}${advice.whatHappened ? ` ${advice.whatHappened}` : ''}`);
  lines.push(`Failed at: ${LAYER_LABEL[advice.layer]}. Who acts: ${WHO_ACTS_LABEL[advice.whoActs]}.`);
  lines.push(advice.suppress ? 'Address: suppress it; stop mailing it now.' : `Retry: ${advice.retry.summary}`);
  if (advice.steps.length) {
    lines.push('Next steps:');
    advice.steps.forEach((step, i) => lines.push(`  ${i + 1}. ${step}`));
  }
  if (advice.softToHard) lines.push(`Watch for: ${advice.softToHard}`);
  if (view.diagnostic) lines.push(`Server said: ${view.diagnostic}`);
  return lines.join('\n');
}

export function ticketNote(views: readonly VerdictView[], context: TicketContext = {}): string {
  const suppress = addressesToSuppress(views).length;
  const recipients = views.filter((v) => v.recipient).length;
  const summary =
    recipients > 0
      ? `Bounce summary: ${plural(recipients, 'recipient')}, ${suppress} to suppress.`
      : `Bounce code lookup: ${plural(views.length, 'result')}.`;
  const head = context.subject ? [summary, `Bounced message: ${context.subject}`] : [summary];
  return [head.join('\n'), ...views.map(section)].join('\n\n') + '\n';
}
