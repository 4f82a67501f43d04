/**
 * Addresses that mix alphabets within one name ("pаypal.com" with a Cyrillic "а"): they look like
 * another address and are not it. Forged reports and phishing use them; a person copying one
 * into a suppression list or a reply would not see the difference.
 */

/** The alphabets whose letters look alike: Latin, Cyrillic, Greek. */
const SCRIPTS: ReadonlyArray<readonly [name: string, letter: RegExp]> = [
  ['Latin', /\p{Script=Latin}/u],
  ['Cyrillic', /\p{Script=Cyrillic}/u],
  ['Greek', /\p{Script=Greek}/u],
];

/**
 * The alphabets mixed within one label of `address` (its local part, or one label of its
 * domain), in the order above; [] when every label keeps to one. An address written wholly in
 * Cyrillic ("почта@пример.рф") mixes nothing.
 */
export function mixedScripts(address: string): string[] {
  if (/^[\x00-\x7f]*$/.test(address)) return [];
  const mixed = new Set<string>();
  for (const label of address.split(/[@.]/)) {
    const found = SCRIPTS.filter(([, letter]) => letter.test(label)).map(([name]) => name);
    if (found.length > 1) for (const name of found) mixed.add(name);
  }
  return SCRIPTS.map(([name]) => name).filter((name) => mixed.has(name));
}
