/**
 * Bytes to text in a declared charset, the same in every runtime.
 *
 * Decoders are shared per label, except for ISO-2022-JP. Chromium's ISO-2022-JP decoder keeps
 * its state (JIS mode, a half-read escape) from one decode() call to the next, against the
 * Encoding Standard, so one message's unfinished Japanese line garbles the next message's text.
 * ISO-2022-JP is therefore decoded a line at a time, each with a fresh decoder: RFC 1468 lines
 * each end in ASCII, and a line that forgets to switch back cannot spill into the next (Node
 * resets at line ends, browsers do not).
 */

const utf8 = new TextDecoder('utf-8');
const decoders = new Map<string, TextDecoder>();

/** The shared decoder for a charset label; UTF-8 for labels TextDecoder does not know. */
function decoderFor(label: string): TextDecoder {
  let d = decoders.get(label);
  if (!d) {
    try {
      d = new TextDecoder(label);
    } catch {
      d = utf8;
    }
    decoders.set(label, d);
  }
  return d;
}

function decoderForLabel(charset: string): TextDecoder {
  return decoderFor(charset.trim().toLowerCase() || 'utf-8');
}

/** `bytes` as text in `charset` (a MIME charset label; '' means UTF-8). */
export function decodeBytes(bytes: Uint8Array, charset: string): string {
  const d = decoderForLabel(charset);
  return d.encoding === 'iso-2022-jp' ? decodeIso2022JpByLine(bytes) : d.decode(bytes);
}

/**
 * A charset whose text is a sequence of self-contained pieces (each ISO-2022-JP encoded word
 * starts with its escape and ends in ASCII): pieces are decoded one by one, never joined, since
 * an escape right after another is an error to the decoder.
 */
export function isModal(charset: string): boolean {
  return decoderForLabel(charset).encoding === 'iso-2022-jp';
}

function decodeIso2022JpByLine(bytes: Uint8Array): string {
  const lines: string[] = [];
  for (let start = 0; start <= bytes.length; ) {
    let end = bytes.indexOf(10, start);
    if (end === -1) end = bytes.length;
    lines.push(new TextDecoder('iso-2022-jp').decode(bytes.subarray(start, end)));
    start = end + 1;
  }
  return lines.join('\n');
}
