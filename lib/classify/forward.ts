/**
 * A person forwarding a notice ("FYI, this bounced" above "---------- Forwarded message"): the
 * forwarded notice below the marker, with the From and Subject its header lines give. Gmail,
 * Outlook, Apple Mail and Thunderbird write the marker and the field names in the reader's
 * language; Apple Mail quotes the whole forward with "> ".
 */

/** Lines that open a forwarded (or, in Outlook, also a replied-to) message, lower-cased. */
const FORWARD_MARKERS = [
  'forwarded message',
  'original message',
  'begin forwarded message:',
  // Gmail's forward in other languages
  'message transféré',
  'mensaje reenviado',
  'weitergeleitete nachricht',
  'messaggio inoltrato',
  'mensagem encaminhada',
  'doorgestuurd bericht',
  'mensaje original',
  // Outlook's "-----Original Message-----" in other languages
  "message d'origine",
  'mensagem original',
  'ursprüngliche nachricht',
  'originalnachricht',
  'messaggio originale',
  'oorspronkelijk bericht',
  'původní zpráva',
  'oryginalna wiadomość',
  'alkuperäinen viesti',
  'opprinnelig melding',
  'ursprungligt meddelande',
  'oprindelig meddelelse',
  'eredeti üzenet',
  'исходное сообщение',
  'пересылаемое сообщение',
  '原始邮件',
  '原始郵件',
  '転送されたメッセージ',
  // Apple Mail's "Begin forwarded message:" in other languages
  'début du message réexpédié',
  'anfang der weitergeleiteten nachricht',
  'inicio del mensaje reenviado',
  'inizio messaggio inoltrato',
];

/** The marker alone on its line, between dashes (or Apple Mail's sentence with its colon). */
function isMarkerLine(line: string): boolean {
  const core = line.replace(/^[\s>]+/, '').toLowerCase();
  if (core.length > 80) return false;
  const bare = core.replace(/^-{2,}\s?|\s?-{2,}$/g, '').trim();
  const dashed = core.startsWith('--');
  return FORWARD_MARKERS.some((m) => (m.endsWith(':') ? bare.startsWith(m.slice(0, -1)) : dashed && bare === m));
}

/** Outlook's newer separator above a forward or a reply: a line of underscores. */
function isRule(line: string): boolean {
  return /^[ \t>]*_{10,}[ \t]*$/.test(line);
}

/** Does a From field open the line at `at` (under such a separator)? */
function opensFields(text: string, at: number): boolean {
  const field = /^[ \t>]*\*?([^\s:：*]{1,20})\*?\s*[:：]/.exec(text.slice(at, at + 60));
  return field !== null && FROM_FIELDS.has(field[1].toLowerCase());
}

/** Header field names of a forward, by what they hold. */
const FROM_FIELDS = new Set(['from', 'de', 'von', 'da', 'van', 'od', 'från', 'fra', 'feladó', 'от', 'kimden', 'lähettäjä', '发件人', '寄件者', '差出人']);
const SUBJECT_FIELDS = new Set(['subject', 'objet', 'asunto', 'assunto', 'betreff', 'oggetto', 'onderwerp', 'temat', 'ämne', 'emne', 'tárgy', 'тема', 'konu', 'aihe', 'předmět', '主题', '主旨', '件名']);
const OTHER_FIELDS = new Set([
  'date', 'sent', 'to', 'cc', 'reply-to', 'envoyé', 'à', 'a', 'para', 'an', 'aan', 'gesendet', 'inviato', 'enviado', 'enviada', 'verzonden', 'fecha', 'data', 'datum', 'wysłano', 'do', 'skickat', 'till', 'sendt', 'til',
  'elküldve', 'címzett', 'отправлено', 'кому', 'дата', 'tarih', 'kime', 'lähetetty', 'vastaanottaja', 'odesláno', 'komu', '发送时间', '收件人', '抄送', '日期', '寄件日期', '送信日時', '宛先', 'gönderildi',
]);

/** How far into a text a forward marker is looked for, and how many field lines follow it. */
const MARKER_SEARCH = 64 * 1024;
const MAX_FIELD_LINES = 40;

export interface ForwardedNotice {
  text: string;
  from: string;
  subject: string;
}

/** The notice below the first forward marker in `text`, or undefined when there is none. */
export function forwardedNotice(text: string): ForwardedNotice | undefined {
  const head = text.length > MARKER_SEARCH ? text.slice(0, MARKER_SEARCH) : text;
  let at = 0;
  for (; at < head.length; ) {
    const nl = head.indexOf('\n', at);
    const end = nl === -1 ? head.length : nl;
    if (end - at <= 120 && (isMarkerLine(head.slice(at, end)) || (isRule(head.slice(at, end)) && opensFields(head, end + 1)))) break;
    if (nl === -1) return undefined;
    at = nl + 1;
  }
  if (at >= head.length) return undefined;
  // Apple Mail quotes the forward: every line below the marker starts with ">".
  const quoted = /^[ \t]*>/.test(text.slice(at, at + 400).split('\n', 5).slice(1).find((l) => l.trim()) ?? '');
  const lines = text.slice(at).split('\n').map((l) => (quoted ? l.replace(/^[ \t]*> ?/, '') : l));
  let from = '';
  let subject = '';
  let i = 1;
  while (i < lines.length && i < 3 && !lines[i].trim()) i++; // blank lines under the marker
  for (; i < lines.length && i <= MAX_FIELD_LINES; i++) {
    const line = lines[i];
    if (!line.trim()) break;
    const field = /^\s*\*?([^\s:：*]{1,20}(?: [^\s:：*]{1,12})?)\*?\s*[:：]\s*(.*)$/.exec(line);
    const name = field?.[1].toLowerCase();
    if (!name || !(FROM_FIELDS.has(name) || SUBJECT_FIELDS.has(name) || OTHER_FIELDS.has(name))) {
      // A folded field (Outlook wraps a long To line) continues the one above.
      if (/^[ \t]/.test(line) && i > 1) continue;
      break;
    }
    if (FROM_FIELDS.has(name)) from = field![2];
    if (SUBJECT_FIELDS.has(name)) subject = field![2];
  }
  if (i < lines.length && !lines[i].trim()) i++; // the blank line under the fields
  return { text: lines.slice(i).join('\n'), from, subject };
}
