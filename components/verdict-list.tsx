import { VerdictCard, type HeadingLevel } from './verdict-card';
import { describeOutcome, dmarcNote, groupTitles, groupViews, omittedNote, summaryLine, type Outcome, type VerdictView } from './verdict-view';

/** One card per verdict: recipients that share a verdict share a card listing their addresses. */
export function VerdictList({ views, level = 2 }: { views: readonly VerdictView[]; level?: HeadingLevel }) {
  const groups = groupViews(views);
  const titles = groupTitles(groups);
  return (
    <div class="bi-list">
      {groups.map((group, i) => (
        <VerdictCard key={group.id} view={group.views[0]} members={group.views} title={titles[i] || undefined} level={level} />
      ))}
    </div>
  );
}

interface OutcomeProps {
  outcome: Outcome;
  level?: HeadingLevel;
  /** Shown while there is nothing to explain yet. */
  idleText?: string;
  /** Show the visible summary line above several cards (the in-page panel has it in its bar). */
  summary?: boolean;
}

/**
 * Cards, or a plain message instead of an empty card, plus a polite live region that announces
 * each new outcome in one sentence (the cards themselves are not read out in full).
 */
export function OutcomeView({ outcome, level = 2, idleText = '', summary = true }: OutcomeProps) {
  const line = summary ? summaryLine(outcome) : '';
  return (
    <div class="bi-outcome">
      <p class="bi-sr" role="status" aria-live="polite">
        {describeOutcome(outcome)}
      </p>
      {line && (
        <p class="bi-summary" data-testid="summary">
          {line}
        </p>
      )}
      {outcome.state === 'idle' && idleText && <p class="bi-placeholder">{idleText}</p>}
      {outcome.state === 'message' && (
        <p class={`bi-message bi-message--${outcome.tone}`} data-testid="message">
          {outcome.text}
        </p>
      )}
      {dmarcNote(outcome) && (
        <p class="bi-message bi-message--warn" role="note" data-testid="dmarc">
          {dmarcNote(outcome)}
        </p>
      )}
      {outcome.state === 'views' && outcome.note && (
        <p class="bi-message bi-message--info" data-testid="note">
          {outcome.note}
        </p>
      )}
      {/* Above the cards: what they leave out (a long log's unread lines) is read before them, not after the last card. */}
      {omittedNote(outcome) && (
        <p class="bi-message bi-message--info" data-testid="omitted">
          {omittedNote(outcome)}
        </p>
      )}
      {outcome.state === 'views' && <VerdictList views={outcome.views} level={level} />}
    </div>
  );
}
