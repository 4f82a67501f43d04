/**
 * Small helpers for SMTP reply text, shared by the classifier and the knowledge base.
 */

/**
 * Joins a multi-line SMTP reply quoted on one line: "550-5.7.1 This message is 550-5.7.1 not
 * RFC 5322 compliant" reads "550-5.7.1 This message is not RFC 5322 compliant". The first code
 * (pair) in the text stays; only its later repeats, which split the server's words, go.
 * Linear: one search for the first code, then plain substring replacement.
 */
export function joinContinuations(text: string): string {
  const m = /([245]\d\d)[ -](?:([245]\.\d{1,3}\.\d{1,3})\s)?/.exec(text);
  if (!m) return text;
  const end = m.index + m[0].length;
  const repeats = m[2] ? [`${m[1]}-${m[2]} `, `${m[1]} ${m[2]} `] : [`${m[1]}-`];
  let rest = text.slice(end);
  if (!repeats.some((r) => rest.includes(r))) return text;
  for (const r of repeats) rest = rest.split(r).join('');
  return text.slice(0, end) + rest;
}
