import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { isOfficialHelpUrl } from '../lib/knowledge/help-links';
import { Badges } from './badges';
import { Evidence, GroupEvidence } from './evidence';
import {
  codeLine,
  HELD_CODE_NOTE,
  HELD_FAILED_AT,
  heldCode,
  heldReasonLabel,
  isFailure,
  LAYER_LABEL,
  lookAlikeNote,
  MAX_LOOK_ALIKE_NOTES,
  nothingToDo,
  GREYLISTED_REASON,
  reasonLabel,
  WHO_ACTS_LABEL,
} from './labels';
import { groupTitles, type VerdictView } from './verdict-view';

export type HeadingLevel = 2 | 3 | 4;

interface Props {
  view: VerdictView;
  /** Heading level of the card title, so it fits the page outline it is placed in. */
  level?: HeadingLevel;
  /**
   * Every recipient that shares this verdict, `view` first (see groupViews). With more than one,
   * the card lists their addresses and keeps each one's evidence apart.
   */
  members?: readonly VerdictView[];
  /** The heading of a shared card (see groupTitles); a card of one is titled by its address. */
  title?: string;
}

/** Addresses a shared card shows before "and N more". */
export const MEMBERS_SHOWN = 3;

/** Help links come only from our knowledge base's table; still, link nothing else (as the ticket note does). */
function safeHelpUrl(url: string): string {
  return isOfficialHelpUrl(url) ? url : '';
}

/** One recipient's verdict (or one looked-up code): what happened, what to do, and why we think so. */
export function VerdictCard({ view, level = 2, members = [view], title: sharedTitle }: Props) {
  const { advice } = view;
  const shared = members.length > 1;
  const Title = `h${level}` as 'h2';
  const Sub = `h${level + 1}` as 'h3';
  const held = view.serviceHold;
  const code = held ? heldCode(view.reply, view.status, view.statusImplied) : codeLine(view.reply, view.status);
  const title = shared
    ? sharedTitle || groupTitles([{ id: view.id, views: [...members] }])[0]
    : view.recipient || view.title || code || 'Result';
  const helpUrl = safeHelpUrl(advice.helpUrl);
  // A shared card names the remote server only when every address met the same one.
  const remoteMta = members.every((member) => member.remoteMta === view.remoteMta) ? view.remoteMta : '';
  const titleId = `bi-${view.id}-title`;
  return (
    <article
      class="bi-card"
      aria-labelledby={titleId}
      data-testid="verdict"
      data-status={view.status}
      data-reply={view.reply}
      data-reason={view.reason}
      data-suppress={String(advice.suppress)}
      data-permanent={String(view.permanent)}
      data-count={members.length}
    >
      <header class="bi-card__head">
        <Title id={titleId} class="bi-card__title">
          {title}
        </Title>
        {shared && <MemberList id={`bi-${view.id}-members`} members={members} />}
        {members.map((member) => lookAlikeNote(member.recipient)).filter(Boolean).slice(0, MAX_LOOK_ALIKE_NOTES).map((note) => (
          <p key={note} class="bi-card__subtitle bi-card__warn" data-testid="look-alike">
            {note}
          </p>
        ))}
        {!shared && view.sentTo && <p class="bi-card__subtitle">Sent to {view.sentTo}, which led to this address</p>}
        {view.recipient && view.title && <p class="bi-card__subtitle">{view.title}</p>}
        <Badges advice={advice} delayed={members.every((member) => member.delayed)} reason={view.reason} held={held} />
      </header>
      <p class="bi-card__headline">{advice.headline}</p>
      <dl class="bi-facts">
        {code && (
          <div>
            <dt>Code</dt>
            <dd>
              <code>{code}</code>
              {held && <span class="bi-muted"> ({HELD_CODE_NOTE})</span>}
              {!held && view.statusImplied && <span class="bi-muted"> (status implied: the message gives none)</span>}
              {view.codesUsual && <span class="bi-muted"> (the code usually sent with this; your bounce may show another)</span>}
              {view.providerTokens.map((token) => (
                <code key={token}>{token}</code>
              ))}
            </dd>
          </div>
        )}
        {remoteMta && (
          <div>
            <dt>Remote server</dt>
            <dd>
              <code>{remoteMta}</code>
            </dd>
          </div>
        )}
        <div>
          <dt>Reason</dt>
          <dd>{held ? heldReasonLabel(held) : advice.retry.kind === 'minutes' ? GREYLISTED_REASON : reasonLabel(view.reason)}</dd>
        </div>
        {isFailure(view.reason) && (
          <div>
            <dt>Failed at</dt>
            <dd>{held ? HELD_FAILED_AT : LAYER_LABEL[advice.layer]}</dd>
          </div>
        )}
        {!nothingToDo(view.reason) && (
          <div>
            <dt>Who acts</dt>
            <dd>{WHO_ACTS_LABEL[advice.whoActs]}</dd>
          </div>
        )}
        <div>
          <dt>{advice.suppress ? 'Address' : 'Retry'}</dt>
          <dd>{advice.suppress ? 'Suppress it: stop mailing it now.' : advice.retry.summary}</dd>
        </div>
      </dl>
      {advice.whatHappened && <p class="bi-card__text">{advice.whatHappened}</p>}
      {advice.steps.length > 0 && (
        <>
          <Sub class="bi-card__section">What to do next</Sub>
          <ol class="bi-steps">
            {advice.steps.map((step, i) => (
              <li key={i}>{step}</li>
            ))}
          </ol>
        </>
      )}
      {advice.softToHard && <p class="bi-note">{advice.softToHard}</p>}
      {helpUrl && (
        <p class="bi-card__help">
          <a href={helpUrl} target="_blank" rel="noreferrer noopener">
            Official help page<span class="bi-sr"> (opens in a new tab)</span>
          </a>
        </p>
      )}
      {shared ? (
        <GroupEvidence views={members} />
      ) : (
        <Evidence evidence={view.evidence} diagnostic={view.diagnostic} basis={view.basis} held={Boolean(held)} />
      )}
    </article>
  );
}

/**
 * The addresses of a shared card: the first few, then a button that shows the rest. The button
 * stays where it is in the list, so after it is pressed it is scrolled back into view: focus
 * never sits off-screen below a long list or above a shortened one.
 */
function MemberList({ id, members }: { id: string; members: readonly VerdictView[] }) {
  const [all, setAll] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const toggled = useRef(false);
  useLayoutEffect(() => {
    if (toggled.current) button.current?.scrollIntoView?.({ block: 'nearest' });
  }, [all]);
  // "Show 1 more address" would hide no more than it takes to say so.
  const foldable = members.length > MEMBERS_SHOWN + 1;
  const shown = all || !foldable ? members : members.slice(0, MEMBERS_SHOWN);
  return (
    <div class="bi-members">
      <ul id={id} class="bi-members__list" data-testid="members">
        {shown.map((member) => (
          <li key={member.id}>
            {member.recipient}
            {member.sentTo && <span class="bi-muted"> (sent to {member.sentTo})</span>}
          </li>
        ))}
      </ul>
      {foldable && (
        <button
          ref={button}
          type="button"
          class="bi-members__more"
          aria-expanded={all}
          aria-controls={id}
          onClick={() => {
            toggled.current = true;
            setAll(!all);
          }}
        >
          {all ? 'Show fewer addresses' : `Show ${members.length - MEMBERS_SHOWN} more addresses`}
        </button>
      )}
    </div>
  );
}
