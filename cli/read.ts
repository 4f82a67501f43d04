/**
 * Reads one Source into bytes. Files over the classifier's size limit are refused before they
 * are read, so a stray disk image never lands in memory, unless they open as an mbox file,
 * which may hold up to MAX_MBOX_BYTES of messages (standard input likewise).
 */
import { constants, createReadStream, openSync } from 'node:fs';
import { open, readFile, stat } from 'node:fs/promises';
import { Socket } from 'node:net';
import { MAX_INPUT_BYTES } from '../lib';
import { MAX_MBOX_BYTES, opensMbox } from '../lib/mime/mbox';
import { describeFsError, type Source } from './walk';

export type ReadResult = { ok: true; bytes: Uint8Array } | { ok: false; error: string };

/** A named pipe given as an input is given up on after this long without data (no writer, or a stalled one). */
export const PIPE_IDLE_MS = 30_000;

export async function readSource(source: Source, stdin: NodeJS.ReadableStream = process.stdin, pipeIdleMs = PIPE_IDLE_MS): Promise<ReadResult> {
  switch (source.kind) {
    case 'unreadable':
      return { ok: false, error: source.error };
    case 'stdin':
      return readStream(stdin, 'standard input');
    case 'file':
      return readFileBytes(source.path, pipeIdleMs);
  }
}

/** How many bytes reading a source may hold: a file's size (a gzip'd one's unpacked, at least a message's limit); 0 when unknown. */
export async function sourceSize(source: Source): Promise<number> {
  if (source.kind !== 'file') return 0;
  try {
    const info = await stat(source.path);
    if (!info.isFile()) return 0;
    return source.path.toLowerCase().endsWith('.gz') ? Math.max(info.size, MAX_INPUT_BYTES) : info.size;
  } catch {
    return 0;
  }
}

async function readFileBytes(path: string, pipeIdleMs: number): Promise<ReadResult> {
  try {
    const info = await stat(path);
    if (info.isDirectory()) return { ok: false, error: `${path}: is a directory` };
    // A device (/dev/zero) or a pipe (a FIFO, `<(zcat x.gz)`) has no size to check first: it is
    // read as a stream, under the same limits as standard input.
    if (!info.isFile()) return readStream(info.isFIFO() ? openPipe(path, pipeIdleMs) : createReadStream(path), path);
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

/**
 * A named pipe, opened without waiting for a writer (a blocking open would wait forever, and
 * hold one of Node's file system threads), then read as a socket that gives up after `idleMs`
 * with nothing to read.
 */
function openPipe(path: string, idleMs: number): NodeJS.ReadableStream {
  const socket = new Socket({ fd: openSync(path, constants.O_RDONLY | constants.O_NONBLOCK), readable: true, writable: false });
  socket.setTimeout(idleMs, () => socket.destroy(new Error(`nothing was written to the pipe for ${idleMs / 1000} s`)));
  return socket;
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

/** A stream's bytes, up to one message's size limit, or an mbox file's when it opens as one. */
export async function readStream(stream: NodeJS.ReadableStream, label: string): Promise<ReadResult> {
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
