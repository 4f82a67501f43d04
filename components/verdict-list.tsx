import { VerdictCard, type HeadingLevel } from './verdict-card';
import { describeOutcome, omittedNote, type Outcome, type VerdictView } from './verdict-view';

export function VerdictList({ views, level = 2 }: { views: readonly VerdictView[]; level?: HeadingLevel }) {
  return (
    <div class="bi-list">
      {views.map((view) => (
        <VerdictCard key={view.id} view={view} level={level} />
      ))}
    </div>
  );
}

interface OutcomeProps {
  outcome: Outcome;
  level?: HeadingLevel;
  /** Shown while there is nothing to explain yet. */
  idleText?: string;
}

/**
 * Cards, or a plain message instead of an empty card, plus a polite live region that announces
 * each new outcome in one sentence (the cards themselves are not read out in full).
 */
export function OutcomeView({ outcome, level = 2, idleText = '' }: OutcomeProps) {
  return (
    <div class="bi-outcome">
      <p class="bi-sr" role="status" aria-live="polite">
        {describeOutcome(outcome)}
      </p>
      {outcome.state === 'idle' && idleText && <p class="bi-placeholder">{idleText}</p>}
      {outcome.state === 'message' && (
        <p class={`bi-message bi-message--${outcome.tone}`} data-testid="message">
          {outcome.text}
        </p>
      )}
      {outcome.state === 'views' && outcome.note && (
        <p class="bi-message bi-message--info" data-testid="note">
          {outcome.note}
        </p>
      )}
      {outcome.state === 'views' && <VerdictList views={outcome.views} level={level} />}
      {omittedNote(outcome) && (
        <p class="bi-message bi-message--info" data-testid="omitted">
          {omittedNote(outcome)}
        </p>
      )}
    </div>
  );
}
