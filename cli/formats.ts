/**
 * What the bytes of an input are, before they go to the classifier as a message: a gzip'd
 * file is unpacked (`Bounces.mbox.gz`), UTF-16 text is made UTF-8, an Apple Mail .emlx file
 * gives its message, and a file that is plainly no message (an Outlook .msg,
 * a PDF, an image, an archive, other binary data) is refused with words saying so, instead of
 * being called "not a bounce".
 */
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { readStream, type ReadResult } from './read';

/** Leading bytes of formats that are no message, and what to call them. */
const NOT_MESSAGES: readonly (readonly [magic: readonly number[], what: string])[] = [
  [[0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], 'an Outlook .msg file (a Microsoft compound file), not a raw message: save the bounce from Outlook as text and read it with --text, or export the folder as .eml or mbox'],
  [[0x25, 0x50, 0x44, 0x46, 0x2d], 'a PDF document, not a message'],
  [[0x89, 0x50, 0x4e, 0x47], 'a PNG image, not a message'],
  [[0xff, 0xd8, 0xff], 'a JPEG image, not a message'],
  [[0x47, 0x49, 0x46, 0x38], 'a GIF image, not a message'],
  [[0x50, 0x4b, 0x03, 0x04], 'a zip archive, not a message: unpack it first'],
  [[0x42, 0x5a, 0x68], 'a bzip2 file, not a message: unpack it first'],
  [[0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], 'an xz file, not a message: unpack it first'],
  [[0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], 'a 7-Zip archive, not a message: unpack it first'],
];

/**
 * Binary data: more than 1 in 20 of the first 4 KB are control bytes that text does not use
 * (TAB, LF, FF, CR and ESC, which ISO-2022-JP mail is full of, do not count). A real bounce
 * may carry a stray NUL; random bytes have about one in ten.
 */
const BINARY_SNIFF = 4096;
const BINARY_SHARE = 0.05;

function looksBinary(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, BINARY_SNIFF);
  let odd = 0;
  for (const b of head) if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d && b !== 0x1b) odd++;
  return odd > head.length * BINARY_SHARE;
}

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);
}

/**
 * A message saved as UTF-16 (Windows editors do this, with or without a byte order mark) is
 * turned back into UTF-8 text, which is what a raw message is closest to. Without a mark, the
 * first 256 characters tell: ASCII header text has a zero in every high byte.
 */
function utf16Order(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  if (startsWith(bytes, [0xff, 0xfe])) return 'utf-16le';
  if (startsWith(bytes, [0xfe, 0xff])) return 'utf-16be';
  const pairs = Math.min(256, bytes.length >> 1);
  if (pairs < 4) return undefined;
  let le = 0;
  let be = 0;
  for (let i = 0; i < pairs; i++) {
    const [a, b] = [bytes[2 * i], bytes[2 * i + 1]];
    if (a !== 0 && b === 0) le++;
    else if (a === 0 && b !== 0) be++;
  }
  return le >= pairs * 0.9 ? 'utf-16le' : be >= pairs * 0.9 ? 'utf-16be' : undefined;
}

/**
 * Apple Mail's .emlx: a line with the message's length in bytes, the message, then an XML
 * property list of flags. No raw message starts with a line of digits, so this is told from the
 * bytes, and the message alone is kept.
 */
function emlxMessage(bytes: Uint8Array): Uint8Array | undefined {
  const nl = bytes.subarray(0, 24).indexOf(0x0a);
  if (nl < 1) return undefined;
  const line = new TextDecoder('latin1').decode(bytes.subarray(0, nl)).trim();
  if (!/^\d{1,10}$/.test(line)) return undefined;
  return bytes.subarray(nl + 1, nl + 1 + Number(line));
}

/** The bytes to classify, unpacked if gzip'd, or why they are no message. `label` names the input. */
export async function asMessageBytes(bytes: Uint8Array, label: string): Promise<ReadResult> {
  if (startsWith(bytes, [0x1f, 0x8b])) {
    // Unpacked as a stream under the limits of a message, or of an mbox file when it opens as
    // one, so that a small file that unpacks to gigabytes is stopped at the limit.
    const unpacked = await readStream(Readable.from([bytes]).pipe(createGunzip()), `${label} (unpacked)`);
    if (!unpacked.ok) return unpacked;
    bytes = unpacked.bytes;
  }
  const utf16 = utf16Order(bytes);
  if (utf16) bytes = Buffer.from(new TextDecoder(utf16).decode(bytes), 'utf8');
  bytes = emlxMessage(bytes) ?? bytes;
  for (const [magic, what] of NOT_MESSAGES) if (startsWith(bytes, magic)) return { ok: false, error: `${label}: ${what}` };
  if (looksBinary(bytes)) return { ok: false, error: `${label}: binary data, not a message` };
  return { ok: true, bytes };
}
