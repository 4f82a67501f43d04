// The advice module alone: the classifier and postal-mime stay out of this bundle.
import { advise } from '@/lib/knowledge/advice';
import { CopyButtons } from '@/components/copy-buttons';
import { OutcomeView } from '@/components/verdict-list';
import { dmarcNote, omittedNote, outcomeOfClassification } from '@/components/verdict-view';
import { namesAndMore } from '@/components/labels';
import type { TabReport } from '@/utils/storage';
import { currentReport, loaded, openReports, picked, reportId } from './state';

export const EMPTY_TEXT = 'Open a bounce in Gmail or Outlook on the web and its verdict shows here.';

const timeFormat = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });

/** A report's name in the switch: its addresses, or its subject when it names none. */
function reportName(report: TabReport): string {
  const addresses = report.classification.recipients.map((r) => r.recipient).filter(Boolean);
  return addresses.length ? namesAndMore(addresses) : report.classification.original.subject || report.classification.subject || 'No address';
}

/**
 * With several bounces open in the tab (a thread of them), one button per bounce, in page order:
 * the one shown is pressed, and pressing another shows it instead.
 */
function OpenBounces({ shown }: { shown: TabReport }) {
  const open = openReports.value;
  if (open.length < 2) return null;
  return (
    <div class="panel__open" role="group" aria-labelledby="open-bounces" data-testid="open-bounces">
      <p id="open-bounces" class="panel__meta">
        {open.length} bounces are open in this tab. Showing:
      </p>
      <ul class="bi-row-list">
        {open.map((report) => (
          <li key={reportId(report)}>
            <button
              type="button"
              class="bi-button panel__open-button"
              aria-pressed={report === shown}
              onClick={() => (picked.value = reportId(report))}
            >
              {reportName(report)}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The verdict of the bounce open in the followed tab (or a choice of them), or a plain sentence saying there is none. */
export function CurrentReport() {
  const report = currentReport.value;
  const outcome = report ? outcomeOfClassification(report.classification, advise) : undefined;
  const subject = report?.classification.original.subject || report?.classification.subject;
  return (
    <section class="panel__section" aria-labelledby="current-title" data-testid="current">
      <h2 id="current-title" class="panel__heading">
        Open report
      </h2>
      {!report || !outcome ? (
        <p class="bi-placeholder">{loaded.value ? EMPTY_TEXT : 'Loading…'}</p>
      ) : (
        <>
          <OpenBounces shown={report} />
          <p class="panel__meta">
            {report.host} · {timeFormat.format(report.time)}
            {subject && (
              <>
                {' · '}
                <span class="panel__subject">{subject}</span>
              </>
            )}
          </p>
          {outcome.state === 'views' && <CopyButtons views={outcome.views} context={{ subject, warning: dmarcNote(outcome), omitted: omittedNote(outcome) }} />}
          <OutcomeView outcome={outcome} level={3} />
        </>
      )}
    </section>
  );
}
