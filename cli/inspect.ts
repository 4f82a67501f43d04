/**
 * One input in, one inspected message out: read the bytes, classify them, attach advice.
 * Never throws: anything that goes wrong becomes a `{kind: 'error'}` result for that input.
 */
import { classify } from '../lib';
import type { Advice, ClassifyResult } from '../lib';
import { advise } from './knowledge';
import { mboxMessage, opensMbox, splitMbox } from '../lib/mime/mbox';
import { asMessageBytes } from './formats';
import { readSource } from './read';
import type { Source } from './walk';

/**
 * Raw messages go to classify() as bytes: the classifier applies each part's own charset.
 * Webmail text (--text) has no charset to apply later, so it is read as UTF-8 here (a BOM is
 * dropped; invalid sequences become U+FFFD).
 */
const utf8 = new TextDecoder('utf-8');

export interface Inspected {
  /** The input's base name ('-' for standard input). */
  file: string;
  /** The input's path as given or as found by walking a directory ('-' for standard input). */
  path: string;
  result: ClassifyResult;
  /** One entry per recipient of `result`, in the same order; empty for errors. */
  advice: Advice[];
}

export interface InspectOptions {
  text: boolean;
  stdin?: NodeJS.ReadableStream;
}

/**
 * Every message of one input: one, or each of an mbox file's (its path then names the message,
 * "Bounces.mbox#3"), classified only as the caller asks for the next, so a large folder is
 * never held as results.
 */
export async function inspectMessages(source: Source, options: InspectOptions): Promise<AsyncIterable<Inspected>> {
  const file = source.name;
  const path = source.kind === 'stdin' ? '-' : source.path;
  const label = source.kind === 'stdin' ? 'standard input' : path;
  let read = await readSource(source, options.stdin);
  if (read.ok) read = await asMessageBytes(read.bytes, label);
  if (!read.ok) return once({ file, path, result: { kind: 'error', error: read.error }, advice: [] });
  const messages = options.text ? undefined : splitMbox(read.bytes);
  if (!messages) {
    // (An mbox file of one message is read as that message too: no "From " line, no ">From " quoting.)
    const bytes = (!options.text && opensMbox(read.bytes) && mboxMessage(read.bytes)) || read.bytes;
    return once(await inspectBytes(file, path, label, bytes, options));
  }
  return (async function* () {
    let n = 0;
    for (const bytes of messages) {
      n++;
      yield await inspectBytes(file, `${path}#${n}`, `${label} (message ${n})`, bytes, options);
    }
    if (n === 0) yield { file, path, result: { kind: 'error', error: `${label}: an mbox file with no message in it` }, advice: [] };
  })();
}

async function* once(item: Inspected): AsyncGenerator<Inspected> {
  yield item;
}

async function inspectBytes(file: string, path: string, label: string, bytes: Uint8Array, options: InspectOptions): Promise<Inspected> {
  const failed = (error: string): Inspected => ({ file, path, result: { kind: 'error', error }, advice: [] });
  let result: ClassifyResult;
  try {
    result = await classify(options.text ? utf8.decode(bytes) : bytes, { text: options.text });
  } catch (err) {
    return failed(`${label}: the classifier failed: ${message(err)}`);
  }
  if (result.kind === 'error') return failed(`${label}: ${result.error}`);
  try {
    return { file, path, result, advice: result.recipients.map((r) => advise(r)) };
  } catch (err) {
    return failed(`${label}: no advice could be given: ${message(err)}`);
  }
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
