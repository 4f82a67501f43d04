import type { Evidence as EvidenceLine } from '../lib/types';
import { plural, SOURCE_LABEL } from './labels';
import type { VerdictView } from './verdict-view';

interface Props {
  evidence: readonly EvidenceLine[];
  /** How the reason was decided, in words. */
  basis?: string;
  /** The remote server's words; shown first unless an evidence line already quotes them. */
  diagnostic?: string;
  /**
   * Whose words `diagnostic` are: a server's, or, for a sending service's own hold
   * (VerdictView.serviceHold), the service's, since no server was asked.
   */
  held?: boolean;
}

/** The label of the diagnostic's line. */
export const saidBy = (held: boolean | undefined) => (held ? "Sending service's words" : 'Server reply');

function quotesDiagnostic({ evidence, diagnostic = '' }: Props): boolean {
  return Boolean(diagnostic) && !evidence.some((line) => line.text.includes(diagnostic));
}

function lineCount(props: Props): number {
  return props.evidence.length + (quotesDiagnostic(props) ? 1 : 0);
}

/** The lines themselves, with how the reason was decided above them. */
function EvidenceLines(props: Props) {
  const { evidence, diagnostic = '', basis = '', held } = props;
  return (
    <>
      {basis && <p class="bi-evidence__basis">Reason decided by {basis}.</p>}
      <ul class="bi-evidence__lines">
        {quotesDiagnostic(props) && (
          <li>
            <span class="bi-evidence__source">{saidBy(held)}</span>
            <code class="bi-evidence__text">{diagnostic}</code>
          </li>
        )}
        {evidence.map((line, i) => (
          <li key={i}>
            <span class="bi-evidence__source">
              {SOURCE_LABEL[line.source] ?? line.source}
              {line.gave && ` · used for ${line.gave}`}
            </span>
            <code class="bi-evidence__text">{line.text}</code>
          </li>
        ))}
      </ul>
    </>
  );
}

/** The folded list of lines a verdict rests on. Email text is rendered as text, never as HTML. */
export function Evidence(props: Props) {
  const count = lineCount(props);
  if (count === 0) return null;
  return (
    <details class="bi-evidence">
      <summary>
        Evidence <span class="bi-muted">({plural(count, 'line')})</span>
      </summary>
      <EvidenceLines {...props} />
    </details>
  );
}

/** The evidence of each address of a shared card, folded twice: once for all, once per address. */
export function GroupEvidence({ views }: { views: readonly VerdictView[] }) {
  const withLines = views.filter((view) => lineCount(view) > 0);
  if (withLines.length === 0) return null;
  return (
    <details class="bi-evidence">
      <summary>
        Evidence <span class="bi-muted">(for each of {plural(withLines.length, 'address', 'addresses')})</span>
      </summary>
      <ul class="bi-evidence__members">
        {withLines.map((view) => (
          <li key={view.id}>
            <details class="bi-evidence__member" data-testid="member-evidence">
              <summary>
                <span class="bi-evidence__address">{view.recipient}</span>{' '}
                <span class="bi-muted">({plural(lineCount(view), 'line')})</span>
              </summary>
              <EvidenceLines evidence={view.evidence} diagnostic={view.diagnostic} basis={view.basis} held={Boolean(view.serviceHold)} />
            </details>
          </li>
        ))}
      </ul>
    </details>
  );
}
