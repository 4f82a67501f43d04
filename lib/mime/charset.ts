/**
 * Bytes to text in a declared charset, the same in every runtime.
 *
 * Decoders are shared per label, except for ISO-2022-JP where the runtime does not allow it.
 * Chromium's ISO-2022-JP decoder keeps its state (JIS mode, a half-read escape) from one
 * decode() call to the next, against the Encoding Standard, and does not reset at line ends, so
 * one message's unfinished Japanese line garbles the next message's text. There, ISO-2022-JP is
 * decoded a line at a time, each with a fresh decoder: RFC 1468 lines each end in ASCII. Node
 * follows the standard, which a one-time probe finds, and shares its decoder.
 *
 * Text declared iso-8859-1 or windows-1252 reads as browsers read it, in Node too.
 */

const utf8 = new TextDecoder('utf-8');
/** For bytes known to be ASCII: UTF-8 reads them as themselves, and keeps no state. */
const ascii = utf8;
const decoders = new Map<string, TextDecoder>();
/** Labels come from messages: past this many, decoders are made as needed and not kept. */
const MAX_DECODERS = 64;

/** The shared decoder for a charset label; UTF-8 for labels TextDecoder does not know. */
function decoderForLabel(charset: string): TextDecoder {
  const label = charset.trim().toLowerCase() || 'utf-8';
  let d = decoders.get(label);
  if (!d) {
    try {
      d = new TextDecoder(label);
    } catch {
      d = utf8;
    }
    if (decoders.size < MAX_DECODERS) decoders.set(label, d);
  }
  return d;
}

/**
 * windows-1252's characters for bytes 0x80 to 0x9F (the Encoding Standard's index; the five
 * bytes not listed stay themselves). Browsers decode "iso-8859-1", "latin1" and "windows-1252"
 * text with them; Node 20 gives C1 control characters instead, so Node gets them here.
 */
const WINDOWS_1252_C1: Readonly<Record<number, number>> = {
  0x80: 0x20ac, 0x82: 0x201a, 0x83: 0x0192, 0x84: 0x201e, 0x85: 0x2026, 0x86: 0x2020, 0x87: 0x2021, 0x88: 0x02c6, 0x89: 0x2030,
  0x8a: 0x0160, 0x8b: 0x2039, 0x8c: 0x0152, 0x8e: 0x017d, 0x91: 0x2018, 0x92: 0x2019, 0x93: 0x201c, 0x94: 0x201d, 0x95: 0x2022,
  0x96: 0x2013, 0x97: 0x2014, 0x98: 0x02dc, 0x99: 0x2122, 0x9a: 0x0161, 0x9b: 0x203a, 0x9c: 0x0153, 0x9e: 0x017e, 0x9f: 0x0178,
};
const C1_CHAR = /[\x80-\x9f]/;
const C1_CHARS = /[\x80-\x9f]/g;

/**
 * Whether this runtime's ISO-2022-JP decoder can be shared: every call starts afresh and every
 * line starts in ASCII (Node). Measured once; otherwise (Chromium) lines get fresh decoders.
 */
let jisShareable: boolean | undefined;

function jisDecoderShareable(): boolean {
  if (jisShareable === undefined) {
    const jis = new TextDecoder('iso-2022-jp');
    const kanjiThenNewline = Uint8Array.of(0x1b, 0x24, 0x42, 0x30, 0x37, 0x0a, 0x41, 0x42);
    const unfinished = Uint8Array.of(0x1b, 0x24, 0x42, 0x30, 0x37);
    jisShareable = jis.decode(kanjiThenNewline) === '扱\nAB' && (jis.decode(unfinished), jis.decode(Uint8Array.of(0x41, 0x42)) === 'AB');
  }
  return jisShareable;
}

/** `bytes` as text in `charset` (a MIME charset label; '' means UTF-8). */
export function decodeBytes(bytes: Uint8Array, charset: string): string {
  const d = decoderForLabel(charset);
  if (d.encoding === 'iso-2022-jp') return jisDecoderShareable() ? d.decode(bytes) : decodeIso2022JpByLine(bytes);
  const text = d.decode(bytes);
  if (d.encoding !== 'windows-1252' || !C1_CHAR.test(text)) return text;
  return text.replace(C1_CHARS, (c) => String.fromCharCode(WINDOWS_1252_C1[c.charCodeAt(0)] ?? c.charCodeAt(0)));
}

/**
 * A charset whose text is a sequence of self-contained pieces (each ISO-2022-JP encoded word
 * starts with its escape and ends in ASCII): pieces are decoded one by one, never joined, since
 * an escape right after another is an error to the decoder.
 */
export function isModal(charset: string): boolean {
  return decoderForLabel(charset).encoding === 'iso-2022-jp';
}

/** Lines with no escape are plain ASCII and need no decoder (making one costs microseconds). */
function decodeIso2022JpByLine(bytes: Uint8Array): string {
  const lines: string[] = [];
  for (let start = 0; start <= bytes.length; ) {
    let end = bytes.indexOf(10, start);
    if (end === -1) end = bytes.length;
    const line = bytes.subarray(start, end);
    lines.push(isPlainAscii(line) ? ascii.decode(line) : new TextDecoder('iso-2022-jp').decode(line));
    start = end + 1;
  }
  return lines.join('\n');
}

/** ASCII without ESC, SO and SI: what ISO-2022-JP's ASCII mode passes through unchanged. */
function isPlainAscii(line: Uint8Array): boolean {
  for (let i = 0; i < line.length; i++) {
    const b = line[i];
    if (b >= 0x80 || b === 0x1b || b === 0x0e || b === 0x0f) return false;
  }
  return true;
}
