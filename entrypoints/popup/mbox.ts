/**
 * A saved mailbox (mbox): messages one after another, each starting with a "From " line after
 * a blank line (a "From " inside a message is written ">From "). The classifier reads one
 * message, so the popup splits the file and looks for the first bounce in it.
 */

const FROM = [0x46, 0x72, 0x6f, 0x6d, 0x20]; // "From "

function fromLineAt(bytes: Uint8Array, i: number): boolean {
  for (let k = 0; k < FROM.length; k++) if (bytes[i + k] !== FROM[k]) return false;
  return true;
}

/**
 * Where each message of an mbox starts, in bytes; [] when the bytes are not an mbox of two or
 * more messages (one message with a "From " line is read as it is). One linear pass.
 */
export function mboxStarts(bytes: Uint8Array): number[] {
  if (!fromLineAt(bytes, 0)) return [];
  const starts = [0];
  for (let i = bytes.indexOf(0x0a); i !== -1 && i + 1 < bytes.length; i = bytes.indexOf(0x0a, i + 1)) {
    if (!fromLineAt(bytes, i + 1)) continue;
    // The line before must be blank: "\n\nFrom " or "\r\n\r\nFrom ".
    const blank = bytes[i - 1] === 0x0a || (bytes[i - 1] === 0x0d && bytes[i - 2] === 0x0a);
    if (blank) starts.push(i + 1);
  }
  return starts.length > 1 ? starts : [];
}

/** The messages of an mbox as views on its bytes (no copy), given mboxStarts' answer. */
export function mboxMessages(bytes: Uint8Array, starts: readonly number[]): Uint8Array[] {
  return starts.map((start, i) => bytes.subarray(start, starts[i + 1] ?? bytes.length));
}
