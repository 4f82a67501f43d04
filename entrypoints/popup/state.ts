/**
 * Popup state: the query, the file being read, and the outcome shown. Typing is debounced; a
 * paste (or a text dropped in) is a whole input and is explained at once. A newer input always
 * wins over a slower older one. Files are checked before they are read: a file of a kind we
 * cannot read (an Outlook .msg, a screenshot) says so, and a saved mailbox shows its first bounce.
 */
import { signal } from '@preact/signals';
import { classify, MAX_INPUT_BYTES } from '../../lib';
import { advise, lookup, MAX_LOOKUP_CHARS } from '../../lib/knowledge';
import type { Classification, ClassifyResult } from '../../lib/types';
import { outcomeOfClassification, outcomeOfLookup, type Outcome } from '../../components/verdict-view';
import { isWorthRecording } from '../../utils/history';
import { sendMessage } from '../../utils/messages';
import { SNIFF_BYTES, unreadableFileType, utf16Encoding } from './file-type';
import { mboxMessage, mboxStarts, opensMbox, splitMbox } from '../../lib/mime/mbox';

export const DEBOUNCE_MS = 150;
/** A saved mailbox is searched for a bounce this far, so a huge one cannot stall the popup. */
export const MAX_MBOX_MESSAGES = 200;

/**
 * A size over a limit, in MB rounded up to two decimals, so that it never reads as the limit
 * itself (2,101,474 characters are "2.01 MB", not "2.0 MB" against a 2 MB limit).
 */
const megabytesOver = (n: number) => (Math.ceil((n / 1024 / 1024) * 100) / 100).toFixed(2);

/** The popup's file button, which its messages name. */
export const CHOOSE_FILE = 'Choose a file';

/** How to get a file the popup can read, from each webmail and from Outlook's desktop app. */
const GET_SOURCE =
  'To get one: in Gmail, open the bounce, choose Show original, then Download original; in Outlook on the web or the new Outlook, download the message as .eml, or open View message source and paste it above; in the Outlook desktop app, save it with File, Save As, Text Only (.txt).';

/** The popup's own words, where the library's would send a popup user elsewhere. */
export const POPUP_MESSAGES = {
  /** lookup() refuses text over MAX_LOOKUP_CHARS; the file picker reads up to MAX_INPUT_BYTES. */
  pasteTooLarge: (chars: number) =>
    `This text is ${megabytesOver(chars)} MB, over the ${MAX_LOOKUP_CHARS / 1024 / 1024} MB limit for pasted text; files are read up to ${MAX_INPUT_BYTES / 1024 / 1024} MB. Save the bounce as an .eml file and open it with "${CHOOSE_FILE}" below, or drop the file here. (Gmail: Show original, then Download original. Outlook: download the message as .eml.)`,
  fileTooLarge: (name: string, bytes: number) =>
    `${name} is ${megabytesOver(bytes)} MB, over the ${MAX_INPUT_BYTES / 1024 / 1024} MB limit for files.`,
  unreadableFile: (name: string, what: string) =>
    `${name} is ${what}, which Bounce Inspector cannot read: it reads a message's source, as an .eml, .txt or .mbox file or as pasted text. ${GET_SOURCE}`,
  mboxShowing: (count: number, index: number) =>
    `This mailbox file holds ${count.toLocaleString('en-US')} messages; shown here is message ${(index + 1).toLocaleString('en-US')}, the first bounce in it.`,
  mboxNoBounce: (count: number, checked: number) =>
    checked < count
      ? `None of the first ${checked.toLocaleString('en-US')} of this mailbox file's ${count.toLocaleString('en-US')} messages is a bounce. Open the bounce on its own (saved as .eml) or paste it.`
      : `This mailbox file holds ${count.toLocaleString('en-US')} messages, and none of them is a bounce.`,
} as const;

export const query = signal('');
/** Name of the file shown, or '' when the text area is the input. */
export const fileName = signal('');
export const outcome = signal<Outcome>({ state: 'idle' });

let timer: ReturnType<typeof setTimeout> | undefined;
let generation = 0;

function failure(error: unknown): Outcome {
  const detail = error instanceof Error ? error.message : String(error);
  return { state: 'message', tone: 'error', text: `Something went wrong while reading this input: ${detail}` };
}

/** Whole bounces pasted or dropped in are kept in the history, like the ones opened in webmail. */
/** Asks the background to record a report in the history (it writes the history in one queue). */
function remember(classification: Classification | undefined) {
  if (classification && isWorthRecording(classification)) {
    void sendMessage('recordInspected', { classification }).catch(() => undefined);
  }
}

async function explainText(text: string, run: number, pasted: boolean) {
  if (text.length > MAX_LOOKUP_CHARS) {
    outcome.value = { state: 'message', tone: 'error', text: POPUP_MESSAGES.pasteTooLarge(text.length) };
    return;
  }
  try {
    const result = await lookup(text);
    if (run !== generation) return;
    outcome.value = outcomeOfLookup(result, advise);
    if (pasted) remember(result.classification);
  } catch (error) {
    if (run === generation) outcome.value = failure(error);
  }
}

/** `whole`: the text arrived in one piece (pasted or dropped), so it is explained at once. */
export function setQuery(text: string, whole = false) {
  query.value = text;
  fileName.value = '';
  clearTimeout(timer);
  const run = ++generation;
  if (!text.trim()) {
    outcome.value = { state: 'idle' };
    return;
  }
  if (whole) void explainText(text, run, whole);
  else timer = setTimeout(() => void explainText(text, run, whole), DEBOUNCE_MS);
}

const isFailure = (result: ClassifyResult) => (result.kind === 'bounce' || result.kind === 'delay') && result.recipients.length > 0;

/** How long the popup looks through a saved mailbox for a bounce before it says where it stopped. */
const MBOX_TIME_BUDGET_MS = 1500;

/**
 * The first bounce in a saved mailbox, with a note saying which message it is. Messages are
 * read one at a time, giving the popup back between them, up to MAX_MBOX_MESSAGES or the time
 * budget.
 */
async function inspectMbox(bytes: Uint8Array, messages: Iterable<Uint8Array>, run: number) {
  let count = 0;
  for (const _ of mboxStarts(bytes)) count++;
  const started = Date.now();
  let checked = 0;
  for (const message of messages) {
    if (checked >= MAX_MBOX_MESSAGES || (checked > 0 && Date.now() - started > MBOX_TIME_BUDGET_MS)) break;
    const result = await classify(message);
    await new Promise((resolve) => setTimeout(resolve, 0));
    if (run !== generation) return;
    checked++;
    if (result.kind === 'error' || !isFailure(result)) continue;
    const shown = outcomeOfClassification(result, advise);
    outcome.value = shown.state === 'views' ? { ...shown, note: POPUP_MESSAGES.mboxShowing(count, checked - 1) } : shown;
    remember(result);
    return;
  }
  outcome.value = { state: 'message', tone: 'info', text: POPUP_MESSAGES.mboxNoBounce(count, checked) };
}

export async function inspectFile(file: File) {
  clearTimeout(timer);
  const run = ++generation;
  query.value = '';
  fileName.value = file.name;
  if (file.size > MAX_INPUT_BYTES) {
    outcome.value = { state: 'message', tone: 'error', text: POPUP_MESSAGES.fileTooLarge(file.name, file.size) };
    return;
  }
  try {
    const bytes = new Uint8Array(await file.arrayBuffer());
    if (run !== generation) return;
    const what = unreadableFileType(file.name, bytes.subarray(0, SNIFF_BYTES));
    if (what) {
      outcome.value = { state: 'message', tone: 'error', text: POPUP_MESSAGES.unreadableFile(file.name, what) };
      return;
    }
    // Notepad's "Unicode" text is UTF-16: decoded here, since a message's bytes are read as 8-bit.
    const utf16 = utf16Encoding(bytes);
    if (!utf16) {
      const messages = splitMbox(bytes);
      if (messages) return await inspectMbox(bytes, messages, run);
    }
    // (A mailbox of one message is read as that message: no "From " line, no ">From " quoting.)
    const result = await classify(utf16 ? new TextDecoder(utf16).decode(bytes) : (opensMbox(bytes) && mboxMessage(bytes)) || bytes);
    if (run !== generation) return;
    outcome.value = outcomeOfClassification(result, advise);
    if (result.kind !== 'error') remember(result);
  } catch (error) {
    if (run === generation) outcome.value = failure(error);
  }
}
