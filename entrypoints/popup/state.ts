/**
 * Popup state: the query, the file being read, and the outcome shown. Typing is debounced; a
 * paste is a whole input and is explained at once. A newer input always wins over a slower
 * older one.
 */
import { signal } from '@preact/signals';
import { classify, MAX_INPUT_BYTES } from '@/lib';
import { advise, lookup } from '@/lib/knowledge';
import type { Classification } from '@/lib/types';
import { outcomeOfClassification, outcomeOfLookup, type Outcome } from '@/components/verdict-view';
import { historyEntry, isWorthRecording } from '@/utils/history';
import { addToHistory } from '@/utils/storage';

export const DEBOUNCE_MS = 150;

export const query = signal('');
/** Name of the .eml file shown, or '' when the text area is the input. */
export const fileName = signal('');
export const outcome = signal<Outcome>({ state: 'idle' });

let timer: ReturnType<typeof setTimeout> | undefined;
let generation = 0;

function failure(error: unknown): Outcome {
  const detail = error instanceof Error ? error.message : String(error);
  return { state: 'message', tone: 'error', text: `Something went wrong while reading this input: ${detail}` };
}

/** Whole bounces pasted or dropped in are kept in the history, like the ones opened in webmail. */
function remember(classification: Classification | undefined) {
  if (classification && isWorthRecording(classification)) {
    void addToHistory(historyEntry(classification, advise, 'popup')).catch(() => undefined);
  }
}

async function explainText(text: string, run: number, pasted: boolean) {
  try {
    const result = await lookup(text);
    if (run !== generation) return;
    outcome.value = outcomeOfLookup(result, advise);
    if (pasted) remember(result.classification);
  } catch (error) {
    if (run === generation) outcome.value = failure(error);
  }
}

export function setQuery(text: string, pasted = false) {
  query.value = text;
  fileName.value = '';
  clearTimeout(timer);
  const run = ++generation;
  if (!text.trim()) {
    outcome.value = { state: 'idle' };
    return;
  }
  if (pasted) void explainText(text, run, pasted);
  else timer = setTimeout(() => void explainText(text, run, pasted), DEBOUNCE_MS);
}

export async function inspectFile(file: File) {
  clearTimeout(timer);
  const run = ++generation;
  query.value = '';
  fileName.value = file.name;
  if (file.size > MAX_INPUT_BYTES) {
    const mb = (file.size / 1024 / 1024).toFixed(1);
    outcome.value = { state: 'message', tone: 'error', text: `${file.name} is ${mb} MB; files up to 25 MB can be read.` };
    return;
  }
  try {
    const result = await classify(await file.arrayBuffer());
    if (run !== generation) return;
    outcome.value = outcomeOfClassification(result, advise);
    if (result.kind !== 'error') remember(result);
  } catch (error) {
    if (run === generation) outcome.value = failure(error);
  }
}
