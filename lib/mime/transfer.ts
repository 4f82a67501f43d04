/**
 * Content-Transfer-Encoding decoders (RFC 2045): base64 and quoted-printable, to bytes. Both
 * are single linear passes that skip what does not belong (line breaks, stray characters)
 * rather than fail, as mail readers do.
 */

const B64 = new Int16Array(256).fill(-1);
for (let i = 0; i < 64; i++) B64['ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'.charCodeAt(i)] = i;

/** Decodes base64 text; characters outside the alphabet are skipped, decoding stops at '='. */
export function decodeBase64(text: string): Uint8Array {
  const out = new Uint8Array(Math.floor((text.length * 3) / 4) + 3);
  let n = 0;
  let acc = 0;
  let bits = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 61) break; // '=' padding ends the data
    const v = c < 256 ? B64[c] : -1;
    if (v < 0) continue;
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[n++] = (acc >> bits) & 0xff;
    }
  }
  return out.subarray(0, n);
}

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 65 && c <= 70) return c - 55;
  if (c >= 97 && c <= 102) return c - 87;
  return -1;
}

/**
 * Decodes quoted-printable text whose chars are bytes (one char per byte): "=XX" escapes and
 * "=" soft line breaks; a malformed escape is kept as it stands.
 */
export function decodeQuotedPrintable(text: string): Uint8Array {
  const out = new Uint8Array(text.length * 3);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 61) {
      if (c < 256) out[n++] = c;
      else {
        // Text, not bytes: keep it as UTF-8, a surrogate pair (an emoji, say) as one character
        // and a lone surrogate as U+FFFD, as TextEncoder would (written out: one encoder call
        // per character made a long non-Latin text slow).
        const pair = c >= 0xd800 && c <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
        const cp = pair ? ((c - 0xd800) << 10) + (text.charCodeAt(++i) - 0xdc00) + 0x10000 : (c & 0xf800) === 0xd800 ? 0xfffd : c;
        if (cp < 0x800) {
          out[n++] = 0xc0 | (cp >> 6);
        } else if (cp < 0x10000) {
          out[n++] = 0xe0 | (cp >> 12);
          out[n++] = 0x80 | ((cp >> 6) & 63);
        } else {
          out[n++] = 0xf0 | (cp >> 18);
          out[n++] = 0x80 | ((cp >> 12) & 63);
          out[n++] = 0x80 | ((cp >> 6) & 63);
        }
        out[n++] = 0x80 | (cp & 63);
      }
      continue;
    }
    const next = text.charCodeAt(i + 1);
    if (next === 10) {
      i += 1; // soft line break
      continue;
    }
    if (next === 13 && text.charCodeAt(i + 2) === 10) {
      i += 2;
      continue;
    }
    const hi = hexValue(next);
    const lo = hexValue(text.charCodeAt(i + 2));
    if (hi >= 0 && lo >= 0) {
      out[n++] = (hi << 4) | lo;
      i += 2;
    } else {
      out[n++] = 61;
    }
  }
  return out.subarray(0, n);
}
