import type { Reason } from '../lib/reasons';
import type { Advice, HoldCause } from '../lib/types';
import { badgesFor } from './labels';

/** Colour-coded badges that also say what they mean in words and a symbol. */
export function Badges({ advice, delayed = false, reason, held }: { advice: Advice; delayed?: boolean; reason?: Reason; held?: HoldCause }) {
  return (
    <ul class="bi-badges" aria-label="Verdict">
      {badgesFor(advice, { delayed, reason, held }).map((badge) => (
        <li key={badge.label} class={`bi-badge bi-badge--${badge.tone}`}>
          <span class="bi-badge__icon" aria-hidden="true">
            {badge.icon}
          </span>
          {badge.label}
        </li>
      ))}
    </ul>
  );
}
