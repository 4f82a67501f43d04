/**
 * Turns any accepted input into one string with LF line ends, once.
 *
 * Bytes are read as a "binary string" (one char per byte, char code = byte) so that a part's own
 * charset can be applied later to exactly the bytes it covers. A string input is already text.
 *
 * Not with TextDecoder('latin1'): browsers decode that label as windows-1252, which turns bytes
 * 0x80 to 0x9F into other characters (0x80 becomes U+20AC), and UTF-8 is full of those bytes.
 */
import type { RawInput } from '../types';

export interface NormalisedInput {
  text: string;
  /** True when `text` holds bytes (one char per byte) rather than decoded text. */
  binary: boolean;
}

const utf8 = new TextDecoder('utf-8');
const latin1 = new TextDecoder('latin1');

/**
 * What this platform's 'latin1' decoder turns bytes 0x80 to 0x9F into, when not themselves:
 * nothing in Node; in browsers, windows-1252's 27 characters (0x80 becomes U+20AC). Measured
 * here rather than assumed, and mapped back to their bytes.
 */
const C1_BACK: ReadonlyMap<string, string> = (() => {
  const back = new Map<string, string>();
  for (let b = 0x80; b <= 0x9f; b++) {
    const c = latin1.decode(Uint8Array.of(b));
    if (c.length === 1 && c.charCodeAt(0) !== b) back.set(c, String.fromCharCode(b));
  }
  return back;
})();
const C1_CHANGED = C1_BACK.size ? new RegExp(`[${[...C1_BACK.keys()].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')}]`, 'g') : undefined;

/** Each byte as the char with that code: the native decoder, then any C1 byte it changed put back. */
export function bytesToBinary(bytes: Uint8Array): string {
  const s = latin1.decode(bytes);
  return C1_CHANGED && /[^\x00-\xff]/.test(s) ? s.replace(C1_CHANGED, (c) => C1_BACK.get(c)!) : s;
}

/** The input's size for the size cap: bytes, or a string's length in UTF-16 code units. */
export function byteLength(input: RawInput): number {
  if (typeof input === 'string') return input.length;
  return input.byteLength;
}

/**
 * `asText`: the bytes are a text (webmail text, a pasted bounce) rather than a raw message, so
 * they are decoded as UTF-8 once, here.
 */
export function normaliseInput(input: RawInput, asText = false): NormalisedInput {
  let text: string;
  let binary = false;
  if (typeof input === 'string') {
    text = input;
  } else {
    const bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
    text = asText ? utf8.decode(bytes) : bytesToBinary(bytes);
    binary = !asText;
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  // (A file converted to CRLF twice or three times ends its lines with "\r\r\n" or "\r\r\r\n":
  // one line end, not several. Each pass is linear: no pattern here can backtrack over a run
  // of carriage returns.)
  if (text.indexOf('\r') !== -1) {
    for (let pass = 0; pass < 3 && text.indexOf('\r\n') !== -1; pass++) text = text.replace(/\r\n/g, '\n');
    text = text.replace(/\r/g, '\n');
  }
  return { text, binary };
}

/**
 * A terminal's control sequences, as a log copied from a coloured terminal (`less -R`,
 * `journalctl`) carries them: CSI ("ESC [ 1 m", colours and cursor moves) and OSC ("ESC ] 8 ; ;
 * url BEL", a hyperlink; its text stays). Without this "ESC[1mkim@example.org" reads as an
 * address "1mkim@example.org". For text only: a raw message's ISO-2022-JP bytes are escape
 * sequences too. Linear: the classes each pattern repeats are disjoint.
 */
const CSI = /\x1b\[[0-?]*[ -/]*[@-~]?/g;
const OSC = /\x1b\][^\x07\x1b\n]*(?:\x07|\x1b\\)?/g; // (an unterminated one ends with its line)

export function withoutTerminalCodes(text: string): string {
  if (text.indexOf('\x1b') === -1) return text;
  return text.replace(OSC, '').replace(CSI, '').replace(/\x1b/g, '');
}

/** Bytes of a binary string (see above) back as a Uint8Array. */
export function binaryToBytes(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i) & 0xff;
  return out;
}
