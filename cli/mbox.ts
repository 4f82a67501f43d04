/**
 * mbox files: the folders of Thunderbird, and the exports of Apple Mail and Google Takeout,
 * hold messages one after another, each opened by a "From " line after a blank line. Each
 * message is read on its own.
 */

/** An mbox file is read whole up to this size (one message stays under the classifier's cap). */
export const MAX_MBOX_BYTES = 1024 * 1024 * 1024;

const FROM = Buffer.from('From ');
const SEPARATOR = Buffer.from('\nFrom ');

/** Does the file open with an mbox "From " line ("From MAILER-DAEMON Mon Dec  7 10:00:00 2026")? */
export function opensMbox(bytes: Uint8Array): boolean {
  if (bytes.length < 6 || !Buffer.from(bytes.buffer, bytes.byteOffset, 5).equals(FROM)) return false;
  return isFromLine(Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 120)).toString('latin1'));
}

/**
 * "From " then the envelope sender (or "-") and the date it arrived, as mbox writers put it:
 * not "From: ..." (a header field), nor "From the start, ..." (a line of a body).
 */
function isFromLine(line: string): boolean {
  return /^From [^\s:]+ +(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun|\d)/.test(line);
}

/**
 * The messages of an mbox file, each with its "From " line; undefined when the bytes hold one
 * message or are no mbox. A "From " line counts only after a blank line (CRLF or LF) and with a
 * sender and date, as mbox writers put it; one inside a body is escaped as ">From " anyway.
 */
export function splitMbox(bytes: Uint8Array): Uint8Array[] | undefined {
  if (!opensMbox(bytes)) return undefined;
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  const starts = [0];
  for (let at = buf.indexOf(SEPARATOR, 1); at !== -1; at = buf.indexOf(SEPARATOR, at + 1)) {
    const blank = buf[at - 1] === 0x0a || (buf[at - 1] === 0x0d && buf[at - 2] === 0x0a);
    if (blank && isFromLine(buf.toString('latin1', at + 1, Math.min(buf.length, at + 121)))) starts.push(at + 1);
  }
  if (starts.length < 2) return undefined;
  return starts.map((start, i) => bytes.subarray(start, i + 1 < starts.length ? starts[i + 1] : bytes.length));
}
