/**
 * Turns any accepted input into one string with LF line ends, once.
 *
 * Bytes are read as Latin-1 ("binary string": one char per byte) so that a part's own charset
 * can be applied later to exactly the bytes it covers. A string input is already text.
 */
import type { RawInput } from '../types';

export interface NormalisedInput {
  text: string;
  /** True when `text` holds bytes (one char per byte) rather than decoded text. */
  binary: boolean;
}

const latin1 = new TextDecoder('latin1');
const utf8 = new TextDecoder('utf-8');

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
    text = asText ? utf8.decode(bytes) : latin1.decode(bytes);
    binary = !asText;
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.indexOf('\r') !== -1) text = text.replace(/\r\n?/g, '\n');
  return { text, binary };
}

/** Bytes of a binary string (see above) back as a Uint8Array. */
export function binaryToBytes(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i) & 0xff;
  return out;
}
