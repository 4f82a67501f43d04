/**
 * Reads one Source into bytes. Files over the classifier's size limit are refused before they
 * are read, so a stray disk image never lands in memory, unless they open as an mbox file,
 * which may hold up to MAX_MBOX_BYTES of messages (standard input likewise).
 */
import { open, readFile, stat } from 'node:fs/promises';
import { MAX_INPUT_BYTES } from '../lib';
import { MAX_MBOX_BYTES, opensMbox } from '../lib/mime/mbox';
import { describeFsError, type Source } from './walk';

export type ReadResult = { ok: true; bytes: Uint8Array } | { ok: false; error: string };

export async function readSource(source: Source, stdin: NodeJS.ReadableStream = process.stdin): Promise<ReadResult> {
  switch (source.kind) {
    case 'unreadable':
      return { ok: false, error: source.error };
    case 'stdin':
      return readStream(stdin, 'standard input');
    case 'file':
      return readFileBytes(source.path);
  }
}

async function readFileBytes(path: string): Promise<ReadResult> {
  try {
    const info = await stat(path);
    if (info.isDirectory()) return { ok: false, error: `${path}: is a directory` };
    // (An mbox file holds many messages, each under the cap: it is read whole up to its own.)
    if (info.size > MAX_INPUT_BYTES) {
      const mbox = await opensWithMbox(path);
      if (!mbox || info.size > MAX_MBOX_BYTES) return { ok: false, error: tooLarge(path, info.size, false, mbox) };
    }
    return { ok: true, bytes: await readFile(path) };
  } catch (err) {
    return { ok: false, error: describeFsError(path, err) };
  }
}

/** Do the file's first bytes open an mbox? */
async function opensWithMbox(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const head = new Uint8Array(200);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    return opensMbox(head.subarray(0, bytesRead));
  } finally {
    await handle.close();
  }
}

async function readStream(stream: NodeJS.ReadableStream, label: string): Promise<ReadResult> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  let mbox: boolean | undefined;
  try {
    for await (const chunk of stream) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Uint8Array);
      size += bytes.length;
      // (Decided on the first 300 bytes, however the pipe cuts them.)
      if (mbox === undefined && size >= 300) mbox = opensMbox(Buffer.concat([...chunks, bytes]).subarray(0, 300));
      if (size > (mbox ? MAX_MBOX_BYTES : MAX_INPUT_BYTES)) return { ok: false, error: tooLarge(label, size, true, mbox) };
      chunks.push(bytes);
    }
  } catch (err) {
    return { ok: false, error: `${label}: ${err instanceof Error ? err.message : String(err)}` };
  }
  return { ok: true, bytes: Buffer.concat(chunks, size) };
}

function tooLarge(label: string, size: number, atLeast = false, mbox = false): string {
  const limit = (mbox ? MAX_MBOX_BYTES : MAX_INPUT_BYTES) / (1024 * 1024);
  return `${label}: ${atLeast ? 'more than ' : ''}${formatMB(size)} is over the ${limit} MB limit for ${mbox ? 'an mbox file' : 'one message'}`;
}

function formatMB(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
