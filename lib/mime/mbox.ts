/**
 * mbox files: the folders of Thunderbird, and the exports of Apple Mail and Google Takeout,
 * hold messages one after another, each opened by a "From " line after a blank line. Each
 * message is read on its own, one at a time, so a folder of a million bounces needs no more
 * memory than its bytes. Shared by the command line tool and the popup; web APIs only.
 */

/**
 * Bytes to text one character per byte, so that text offsets are byte offsets (WHATWG's
 * "latin1" is windows-1252, which maps every byte to one character too).
 */
const bytesAsText = new TextDecoder('latin1');

/** An mbox file is read whole up to this size (each message stays under the classifier's cap). */
export const MAX_MBOX_BYTES = 1024 * 1024 * 1024;

/**
 * "From " then the envelope sender (or "-") and the date it arrived, in the asctime form mbox
 * writers use ("From MAILER-DAEMON Mon Dec  7 10:00:00 2026"): not "From: ..." (a header
 * field), nor "From the 1st of June ..." (a line of a body that a writer left unescaped).
 */
const FROM_LINE_SOURCE = 'From [^\\s:]{1,200} +(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun),? +(?:\\d{1,2} +)?(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\\b';
const FROM_LINE = new RegExp(`^${FROM_LINE_SOURCE}`);
/** The same after a blank line (CRLF converted again too), anywhere in a decoded chunk. */
const SEPARATOR_SOURCE = `\\n\\r{0,3}\\n${FROM_LINE_SOURCE}`;

/** How much of the file is decoded at once to look for separators, and the overlap kept. */
const CHUNK = 64 * 1024 * 1024;
const OVERLAP = 512;

/** Does the file open with an mbox "From " line? */
export function opensMbox(bytes: Uint8Array): boolean {
  if (bytes.length < 6 || bytes[0] !== 0x46) return false; // 'F'
  return FROM_LINE.test(bytesAsText.decode(bytes.subarray(0, 300)));
}

/**
 * Where each message of an mbox file starts (the offset of its "From " line), in order; only
 * [0] for one message, and nothing for bytes that are no mbox. Linear: one regular expression
 * over the file, a chunk at a time.
 */
export function* mboxStarts(bytes: Uint8Array): Generator<number> {
  if (!opensMbox(bytes)) return;
  yield 0;
  let last = 0;
  for (let from = 1; from < bytes.length; from += CHUNK) {
    const end = Math.min(bytes.length, from + CHUNK + OVERLAP);
    const text = bytesAsText.decode(bytes.subarray(from, end));
    // (A regular expression of its own: files are read side by side, a message at a time.)
    const separator = new RegExp(SEPARATOR_SOURCE, 'g');
    for (let m = separator.exec(text); m; m = separator.exec(text)) {
      const start = from + m.index + m[0].indexOf('From ');
      if (start > last) yield (last = start);
    }
  }
}

/**
 * The messages of an mbox file, one at a time, each without its "From " line (and skipping
 * any that hold nothing else); undefined when the bytes hold one message or are no mbox.
 */
export function splitMbox(bytes: Uint8Array): Iterable<Uint8Array> | undefined {
  const starts = mboxStarts(bytes);
  const first = starts.next();
  if (first.done) return undefined;
  const second = starts.next();
  if (second.done) return undefined;
  return (function* () {
    let start = first.value;
    for (let next = second as IteratorResult<number>; ; next = starts.next()) {
      const end = next.done ? bytes.length : next.value;
      const message = withoutFromLine(bytes.subarray(start, end));
      if (message) yield message;
      if (next.done) return;
      start = next.value;
    }
  })();
}

/** The message after its "From " line; undefined when nothing but blank lines follows it. */
function withoutFromLine(message: Uint8Array): Uint8Array | undefined {
  const nl = message.indexOf(0x0a);
  if (nl === -1) return undefined;
  const rest = message.subarray(nl + 1);
  for (const byte of rest) if (byte !== 0x0a && byte !== 0x0d && byte !== 0x20 && byte !== 0x09) return rest;
  return undefined;
}
