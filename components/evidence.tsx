import type { Evidence as EvidenceLine } from '../lib/types';
import { plural, SOURCE_LABEL } from './labels';

interface Props {
  evidence: readonly EvidenceLine[];
  /** How the reason was decided, in words. */
  basis?: string;
  /** The remote server's words; shown first unless an evidence line already quotes them. */
  diagnostic?: string;
}

/** The folded list of lines a verdict rests on. Email text is rendered as text, never as HTML. */
export function Evidence({ evidence, diagnostic = '', basis = '' }: Props) {
  const quoted = diagnostic && !evidence.some((line) => line.text.includes(diagnostic));
  const count = evidence.length + (quoted ? 1 : 0);
  if (count === 0) return null;
  return (
    <details class="bi-evidence">
      <summary>
        Evidence <span class="bi-muted">({plural(count, 'line')})</span>
      </summary>
      {basis && <p class="bi-evidence__basis">Reason decided by {basis}.</p>}
      <ul class="bi-evidence__lines">
        {quoted && (
          <li>
            <span class="bi-evidence__source">Server reply</span>
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
    </details>
  );
}
