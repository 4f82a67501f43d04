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
/** How far into a candidate line the "From " pattern is looked for. */
const FROM_LINE_MAX = 300;

/** Does the file open with an mbox "From " line? */
export function opensMbox(bytes: Uint8Array): boolean {
  if (bytes.length < 6 || bytes[0] !== 0x46) return false; // 'F'
  return FROM_LINE.test(bytesAsText.decode(bytes.subarray(0, 300)));
}

/**
 * Where each message of an mbox file starts (the offset of its "From " line), in order; only
 * [0] for one message, and nothing for bytes that are no mbox. A separator is a "From " line
 * after a blank line (LF, CRLF, or CRLF converted again: up to three CRs before the LF).
 * Linear, and over the bytes themselves: only a candidate line (a blank line, then "From ") is
 * decoded, so the file is never held a second time as text.
 */
export function* mboxStarts(bytes: Uint8Array): Generator<number> {
  if (!opensMbox(bytes)) return;
  yield 0;
  // `line` is where the current line starts; `blank` says the line before it was blank.
  let blank = false;
  for (let line = 0; line < bytes.length; ) {
    const nl = bytes.indexOf(0x0a, line);
    if (blank && line > 0 && bytes[line] === 0x46 && isFromLine(bytes, line)) yield line;
    if (nl === -1) return;
    blank = isBlank(bytes, line, nl);
    line = nl + 1;
  }
}

/** Is bytes[start, end) empty or up to three CRs? */
function isBlank(bytes: Uint8Array, start: number, end: number): boolean {
  if (end - start > 3) return false;
  for (let i = start; i < end; i++) if (bytes[i] !== 0x0d) return false;
  return true;
}

/**
 * Does the line at `start` read as an mbox "From " line (sender and date) that opens a message?
 *
 * A writer that left a body's "From " lines unquoted (mboxo writers quote them, but not every
 * tool does) makes a separator and a line of text look alike. The sender and date already rule
 * out prose ("From the 1st of June"); a line that has them ("From MAILER-DAEMON Mon Dec  7
 * 09:00:00 2026 on, mail to ...") is taken for a separator only when a message's first line
 * follows it: a header field, a quoted ">From " line, or nothing (an empty message, skipped).
 * What stays ambiguous is a body that holds a whole unquoted message, envelope line and
 * headers: it is read as two messages.
 */
function isFromLine(bytes: Uint8Array, start: number): boolean {
  if (bytes[start + 1] !== 0x72 || bytes[start + 2] !== 0x6f || bytes[start + 3] !== 0x6d || bytes[start + 4] !== 0x20) return false; // "rom "
  const head = bytesAsText.decode(bytes.subarray(start, start + FROM_LINE_MAX));
  if (!FROM_LINE.test(head)) return false;
  const nl = bytes.indexOf(0x0a, start);
  return nl === -1 || opensMessage(bytes, nl + 1);
}

/** A field name and its colon ("X-Mozilla-Status:", "Return-Path:"), or a quoted "From " line. */
const MESSAGE_START = /^(?:[!-9;-~]{1,100}:|>+From )/;

/** Does the line at `start` open a message (or is it blank, or the end of the file)? */
function opensMessage(bytes: Uint8Array, start: number): boolean {
  if (start >= bytes.length || bytes[start] === 0x0a || (bytes[start] === 0x0d && (bytes[start + 1] === 0x0a || bytes[start + 1] === 0x0d))) return true;
  return MESSAGE_START.test(bytesAsText.decode(bytes.subarray(start, start + 120)));
}

/**
 * The messages of an mbox file, one at a time, each as `mboxMessage` gives it (skipping any
 * that hold nothing but their "From " line); undefined when the bytes hold one message or are
 * no mbox.
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
      const message = mboxMessage(bytes.subarray(start, end));
      if (message) yield message;
      if (next.done) return;
      start = next.value;
    }
  })();
}

/**
 * One message of an mbox file, from its "From " line on, as it was before it was saved: without
 * that line, and with its ">From " lines unquoted; undefined when nothing but blank lines
 * follows the "From " line. (Also for a file that holds a single message.)
 */
export function mboxMessage(message: Uint8Array): Uint8Array | undefined {
  const nl = message.indexOf(0x0a);
  if (nl === -1) return undefined;
  const rest = message.subarray(nl + 1);
  for (const byte of rest) if (byte !== 0x0a && byte !== 0x0d && byte !== 0x20 && byte !== 0x09) return unquoteFromLines(rest);
  return undefined;
}

/**
 * Undoes the quoting mbox writers apply to a body line that starts with "From ", so that it
 * cannot be taken for a separator: one ">" is removed from each line matching /^>+From /.
 *
 * That is the mboxrd rule: its writers add one ">" to every such line, quoted already or not
 * (">From " is written ">>From "), so removing one gives each line back exactly. mboxo writers
 * quote only "From " and leave a ">From " line as it was, and nothing in the file says which
 * kind wrote it. Read with this rule, an mboxo file gets every quoted "From " line back right,
 * and only a line that was ">From " before it was saved loses its ">" (a line of quoted text,
 * the price of reading both kinds by one rule). Reading only ">From " with one ">" would be
 * right for mboxo but would leave mboxrd's ">>From " lines one ">" too deep. Only the message being
 * read is copied, and only when it has such a line.
 */
function unquoteFromLines(message: Uint8Array): Uint8Array {
  const quotes: number[] = []; // the offset of the ">" to drop, per quoted line
  for (let at = message.indexOf(0x3e); at !== -1; ) {
    if (at > 0 && message[at - 1] !== 0x0a) {
      at = message.indexOf(0x3e, at + 1);
      continue;
    }
    let end = at;
    while (message[end] === 0x3e) end++;
    if (message[end] === 0x46 && message[end + 1] === 0x72 && message[end + 2] === 0x6f && message[end + 3] === 0x6d && message[end + 4] === 0x20) quotes.push(at); // "From "
    at = message.indexOf(0x3e, end);
  }
  if (quotes.length === 0) return message;
  const out = new Uint8Array(message.length - quotes.length);
  let from = 0;
  let to = 0;
  for (const at of quotes) {
    out.set(message.subarray(from, at), to);
    to += at - from;
    from = at + 1;
  }
  out.set(message.subarray(from), to);
  return out;
}
