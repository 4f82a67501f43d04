/**
 * Addresses that look like another ("pаypal.com" with a Cyrillic "а", or "аррӏе.com" wholly in
 * Cyrillic letters that look Latin): forged reports and phishing use them, and a person copying
 * one into a suppression list or a reply would not see the difference. Bounces usually carry the
 * domain in its ASCII form ("xn--pypal-4ve.com"), which is read as the letters it stands for.
 */

/** The alphabets whose letters look alike: Latin, Cyrillic, Greek. */
const SCRIPTS: ReadonlyArray<readonly [name: string, letter: RegExp]> = [
  ['Latin', /\p{Script=Latin}/u],
  ['Cyrillic', /\p{Script=Cyrillic}/u],
  ['Greek', /\p{Script=Greek}/u],
];

/** A name made only of Cyrillic letters drawn like Latin ones ("аррӏе" for "apple"). */
const LATIN_LOOKING_CYRILLIC = /^[аеорсухіјѕһӏԁԛԝ]+$/u;

/**
 * Why `address` may not be the address it looks like, in words to follow it ("mixes Latin and
 * Cyrillic letters"), or '' when nothing looks amiss. An address wholly in another alphabet
 * under a domain of that alphabet ("почта@пример.рф") is not amiss.
 */
export function lookAlike(address: string): string {
  if (address.length > 320) return '';
  const shown = unicodeForm(address.toLowerCase());
  if (/^[\x00-\x7f]*$/.test(shown)) return '';
  const reads = shown !== address.toLowerCase() ? ` (it reads "${shown}")` : '';
  const mixed = new Set<string>();
  for (const label of shown.split(/[@.]/)) {
    const found = SCRIPTS.filter(([, letter]) => letter.test(label)).map(([name]) => name);
    if (found.length > 1) for (const name of found) mixed.add(name);
  }
  if (mixed.size) return `mixes ${SCRIPTS.map(([name]) => name).filter((name) => mixed.has(name)).join(' and ')} letters${reads}`;
  // A domain name wholly in Latin-looking Cyrillic under an ASCII top-level domain (".com").
  const labels = shown.slice(shown.lastIndexOf('@') + 1).split('.');
  const top = labels[labels.length - 1] ?? '';
  if (/^[a-z]+$/.test(top) && labels.slice(0, -1).some((l) => LATIN_LOOKING_CYRILLIC.test(l))) {
    return `is written in Cyrillic letters that look like Latin ones${reads}`;
  }
  return '';
}

/** The address with each "xn--" label of its domain decoded (RFC 3492); a label that does not decode stays. */
function unicodeForm(address: string): string {
  const at = address.lastIndexOf('@');
  if (at === -1 || !address.includes('xn--', at)) return address;
  const labels = address.slice(at + 1).split('.').map((l) => (l.startsWith('xn--') ? (decodePunycode(l.slice(4)) ?? l) : l));
  return `${address.slice(0, at + 1)}${labels.join('.')}`;
}

const BASE = 36;
const T_MIN = 1;
const T_MAX = 26;

/** Punycode (RFC 3492) to text; undefined for input that is not valid Punycode. Labels are short: linear enough. */
function decodePunycode(input: string): string | undefined {
  if (input.length > 63) return undefined;
  const dash = input.lastIndexOf('-');
  const output: number[] = [];
  for (let j = 0; j < Math.max(dash, 0); j++) {
    const c = input.charCodeAt(j);
    if (c >= 0x80) return undefined;
    output.push(c);
  }
  let n = 128;
  let bias = 72;
  let i = 0;
  for (let at = dash > 0 ? dash + 1 : 0; at < input.length; ) {
    const before = i;
    let weight = 1;
    for (let k = BASE; ; k += BASE) {
      if (at >= input.length) return undefined;
      const digit = digitOf(input.charCodeAt(at++));
      if (digit === undefined) return undefined;
      i += digit * weight;
      const t = k <= bias ? T_MIN : k >= bias + T_MAX ? T_MAX : k - bias;
      if (digit < t) break;
      weight *= BASE - t;
      if (i > 0x10ffff * 64) return undefined;
    }
    const length = output.length + 1;
    bias = adapt(i - before, length, before === 0);
    n += Math.floor(i / length);
    i %= length;
    if (n > 0x10ffff) return undefined;
    output.splice(i, 0, n);
    i++;
  }
  return String.fromCodePoint(...output);
}

function digitOf(c: number): number | undefined {
  if (c >= 48 && c <= 57) return c - 22; // '0'-'9': 26-35
  if (c >= 65 && c <= 90) return c - 65; // 'A'-'Z'
  if (c >= 97 && c <= 122) return c - 97; // 'a'-'z'
  return undefined;
}

function adapt(delta: number, points: number, first: boolean): number {
  let d = first ? Math.floor(delta / 700) : delta >> 1;
  d += Math.floor(d / points);
  let k = 0;
  while (d > ((BASE - T_MIN) * T_MAX) >> 1) {
    d = Math.floor(d / (BASE - T_MIN));
    k += BASE;
  }
  return k + Math.floor(((BASE - T_MIN + 1) * d) / (d + 38));
}
