// The advice module alone: the classifier and postal-mime stay out of this bundle.
import { advise } from '@/lib/knowledge/advice';
import { CopyButtons } from '@/components/copy-buttons';
import { OutcomeView } from '@/components/verdict-list';
import { outcomeOfClassification } from '@/components/verdict-view';
import { currentReport, loaded } from './state';

export const EMPTY_TEXT = 'Open a bounce in Gmail or Outlook on the web and its verdict shows here.';

const timeFormat = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });

/** The verdict of the bounce open in the followed tab, or a plain sentence saying there is none. */
export function CurrentReport() {
  const report = currentReport.value;
  const outcome = report ? outcomeOfClassification(report.classification, advise) : undefined;
  const subject = report?.classification.original.subject || report?.classification.subject;
  return (
    <section class="panel__section" aria-labelledby="current-title" data-testid="current">
      <h2 id="current-title" class="panel__heading">
        Open bounce
      </h2>
      {!report || !outcome ? (
        <p class="bi-placeholder">{loaded.value ? EMPTY_TEXT : 'Loading…'}</p>
      ) : (
        <>
          <p class="panel__meta">
            {report.host} · {timeFormat.format(report.time)}
            {subject && (
              <>
                {' · '}
                <span class="panel__subject">{subject}</span>
              </>
            )}
          </p>
          {outcome.state === 'views' && <CopyButtons views={outcome.views} context={{ subject }} />}
          <OutcomeView outcome={outcome} level={3} />
        </>
      )}
    </section>
  );
}
