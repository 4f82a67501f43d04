/**
 * `bounce-inspect explain QUERY...`: explains reply codes, status codes or a pasted bounce line.
 */
import type { Explanation, LookupResult } from '../lib';
import { adviceFields } from './jsonl';
import { clean } from './report';
import type { Style } from './style';

export interface ExplainJson {
  query: string;
  results: {
    reply: string;
    status: string;
    reason: Explanation['reason'];
    permanent: boolean;
    suppress: boolean;
    layer: Explanation['layer'];
    whoActs: Explanation['whoActs'];
    headline: string;
    steps: string[];
    retry: Explanation['retry'];
    senderSignal: boolean;
    provider: Explanation['provider'];
    helpUrl: string;
  }[];
  message?: string;
  note?: string;
}

export function toExplainJson(result: LookupResult): ExplainJson {
  const json: ExplainJson = {
    query: result.query,
    results: result.results.map((e) => ({
      reply: e.reply ?? '',
      status: e.status ?? '',
      reason: e.reason,
      permanent: e.permanent,
      provider: e.provider,
      ...adviceFields(e),
    })),
  };
  if (result.message) json.message = result.message;
  if (result.note) json.note = result.note;
  return json;
}

export function formatExplanation(result: LookupResult, style: Style): string {
  if (result.results.length === 0) {
    return `${style.bold(clean(result.query))}\n  ${result.message ? clean(result.message) : 'Nothing found to explain.'}\n`;
  }
  // Explanations can quote the query, which may come from a hostile message.
  const note = result.note ? wrap(clean(result.note), 78).join('\n') + '\n\n' : '';
  return note + result.results.map((e) => clean(formatOne(e, style), true)).join('\n');
}

/** "label: text", wrapped, with continuation lines indented under the text. */
function labelled(label: string, text: string, style: Style): string[] {
  const [first, ...rest] = wrap(text, 76 - label.length - 1);
  return [`  ${style.dim(label)} ${first}`, ...rest.map((l) => `  ${' '.repeat(label.length + 1)}${l}`)];
}

/** A 2xx or 3xx reply (or a delivery) is no failure, so it is neither permanent nor temporary. */
function notFailure(e: Explanation): boolean {
  const klass = (e.status || e.reply)[0];
  return klass === '2' || klass === '3' || e.reason === 'delivered';
}

function formatOne(e: Explanation, style: Style): string {
  const codes = [e.reply, e.status].filter(Boolean).join(' ');
  const title = [codes, e.title, e.provider ? `(${e.provider})` : ''].filter(Boolean).join(' ');
  const lines = [style.bold(title || e.reason), `  ${e.headline}`];
  if (e.whatHappened) lines.push('', ...wrap(e.whatHappened, 76).map((l) => `  ${l}`));
  lines.push('');
  const facts = [
    `reason: ${e.reason}`,
    notFailure(e) ? style.green('not a failure') : e.permanent ? style.red('permanent') : style.yellow('temporary'),
    e.suppress ? style.red('suppress the address') : 'keep the address',
    `who acts: ${e.whoActs}`,
  ];
  lines.push(`  ${facts.join(' · ')}`);
  if (e.senderSignal) lines.push(`  ${style.yellow('This points at your own sending setup and will affect other recipients too.')}`);
  if (e.retry?.summary) lines.push(...labelled('retry:', e.retry.summary, style));
  if (e.steps.length > 0) {
    lines.push('', `  ${style.bold('What to do')}`);
    const pad = String(e.steps.length).length;
    e.steps.forEach((step, i) => {
      const [first, ...rest] = wrap(step, 72 - pad);
      lines.push(`  ${String(i + 1).padStart(pad)}. ${first}`, ...rest.map((l) => `  ${' '.repeat(pad)}  ${l}`));
    });
  }
  if (e.softToHard) lines.push('', ...labelled('when it turns hard:', e.softToHard, style));
  if (e.helpUrl) lines.push('', `  ${style.dim('help:')} ${e.helpUrl}`);
  return lines.join('\n') + '\n';
}

/** Greedy word wrap; long words stay whole. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line || lines.length === 0) lines.push(line);
  return lines;
}
