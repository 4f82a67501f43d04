/**
 * A recipient's domain that is one slip away from a large mailbox provider's ("gmial.com",
 * "hotmail.co", "yahooo.com"): the person most likely has a working address there, and the
 * sender should correct the address rather than only drop it.
 */

/** The consumer mailbox domains people mistype most (where most personal addresses are). */
const PROVIDER_DOMAINS: readonly string[] = [
  'gmail.com',
  'googlemail.com',
  'yahoo.com',
  'ymail.com',
  'rocketmail.com',
  'hotmail.com',
  'outlook.com',
  'live.com',
  'msn.com',
  'icloud.com',
  'me.com',
  'mac.com',
  'aol.com',
  'comcast.net',
  'verizon.net',
  'att.net',
  'sbcglobal.net',
  'bellsouth.net',
  'protonmail.com',
  'proton.me',
  'gmx.com',
  'gmx.de',
  'gmx.net',
  'web.de',
  't-online.de',
  'yahoo.co.uk',
  'hotmail.co.uk',
  'btinternet.com',
  'orange.fr',
  'wanadoo.fr',
  'free.fr',
  'laposte.net',
  'libero.it',
  'mail.ru',
  'yandex.ru',
  'qq.com',
  '163.com',
  '126.com',
  'naver.com',
  'yahoo.co.jp',
  'zoho.com',
  'fastmail.com',
];

const KNOWN = new Set(PROVIDER_DOMAINS);

/**
 * Domains this short are too close to too many real ones ("q.com", "me.com"): only a slip in a
 * longer name is taken for one.
 */
const MIN_LENGTH = 7;

/**
 * The provider domain `domain` is most likely a slip of (one letter left out, added, changed, or
 * two swapped), or undefined when it is none, is itself a provider's, or is as close to two.
 */
export function likelyDomainTypo(domain: string): string | undefined {
  const d = domain.toLowerCase();
  if (d.length < MIN_LENGTH || d.length > 64 || KNOWN.has(d)) return undefined;
  let found: string | undefined;
  for (const known of PROVIDER_DOMAINS) {
    if (known.length < MIN_LENGTH - 1 || Math.abs(known.length - d.length) > 1 || !oneSlipApart(d, known)) continue;
    if (found) return undefined;
    found = known;
  }
  return found;
}

/** One edit apart: a letter left out, added or changed, or two neighbours swapped. Linear. */
function oneSlipApart(a: string, b: string): boolean {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (i === a.length && i === b.length) return false;
  return (
    a.slice(i + 1) === b.slice(i + 1) || // changed
    a.slice(i + 1) === b.slice(i) || // added
    a.slice(i) === b.slice(i + 1) || // left out
    (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2)) // swapped
  );
}
